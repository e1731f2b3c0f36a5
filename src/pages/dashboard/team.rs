//! `/app/team`: the org's users and teams. Org admins manage them; others with the
//! `team` permission see the teams.

use crate::i18n::*;
use crate::pages::people::teams::TeamsPanel;
use crate::pages::people::users::UsersPanel;
use crate::state::dashboard::{use_dashboard, Dashboard};
use atrium_api::Role;
use leptos::prelude::*;

#[component]
pub fn DashboardTeamPage() -> impl IntoView {
    let Dashboard { me, org } = use_dashboard();
    let org_id = org.id;
    let admin = me.role == Role::OrgAdmin;
    let i18n = use_i18n();
    view! {
        <h1>{move || t_string!(i18n, dashboard.nav_team)}</h1>
        {admin.then(|| view! { <UsersPanel org_id=org_id /> })}
        <TeamsPanel org_id=org_id read_only=!admin />
    }
}
