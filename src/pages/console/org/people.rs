//! The Users and Teams tabs of an organization in the console.

use crate::pages::people::teams::TeamsPanel;
use crate::pages::people::users::UsersPanel;
use crate::state::current_org::{for_current_org, use_current_org};
use crate::state::session::use_session;
use leptos::prelude::*;

#[component]
pub fn OrgUsersTab() -> impl IntoView {
    for_current_org(|org| view! { <UsersTab org_id=org.id /> })
}

#[component]
fn UsersTab(org_id: i64) -> impl IntoView {
    let current = use_current_org();
    let can_impersonate = use_session().me().is_some_and(|m| m.role.manages_agency());
    // The setup checklist counts users: it ticks "add users" as they are added.
    let reload = Callback::new(move |_| {
        leptos::task::spawn_local(async move {
            // Only the checklist waits on it; the users list shows its own errors.
            if let Err(e) = current.load(org_id).await {
                leptos::logging::error!("reloading org {org_id}: {e:?}");
            }
        });
    });
    view! { <UsersPanel org_id=org_id can_impersonate=can_impersonate on_count_change=reload /> }
}

#[component]
pub fn OrgTeamsTab() -> impl IntoView {
    for_current_org(|org| view! { <TeamsPanel org_id=org.id /> })
}
