//! The Users and Teams tabs of an organization in the console.

use crate::pages::people::teams::TeamsPanel;
use crate::pages::people::users::UsersPanel;
use crate::state::current_org::use_current_org;
use crate::state::session::use_session;
use leptos::prelude::*;

#[component]
pub fn OrgUsersTab() -> impl IntoView {
    let org = use_current_org().get_untracked();
    let can_impersonate = use_session().me().is_some_and(|m| m.role.manages_agency());
    org.map(|org| view! { <UsersPanel org_id=org.id can_impersonate=can_impersonate/> })
}

#[component]
pub fn OrgTeamsTab() -> impl IntoView {
    let org = use_current_org().get_untracked();
    org.map(|org| view! { <TeamsPanel org_id=org.id/> })
}
