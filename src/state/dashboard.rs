//! The signed-in client user and their org, for every page of the client dashboard. The
//! dashboard layout provides it once the session is a client user's, so a page under it
//! always has an org, never an `Option`.

use atrium_api::{Me, OrgSummary};
use leptos::prelude::*;

#[derive(Clone)]
pub struct Dashboard {
    pub me: Me,
    pub org: OrgSummary,
}

/// Provides `me`'s dashboard; `None` for a user without an org (not a client user).
pub fn provide_dashboard(me: &Me) -> Option<Dashboard> {
    let dashboard = Dashboard { org: me.org.clone()?, me: me.clone() };
    provide_context(dashboard.clone());
    Some(dashboard)
}

pub fn use_dashboard() -> Dashboard {
    expect_context::<Dashboard>()
}
