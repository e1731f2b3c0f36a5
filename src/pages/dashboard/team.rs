//! `/app/team`: the org's users and teams. Org admins manage them; others with the
//! `team` permission see the teams.

use crate::i18n::*;
use crate::pages::not_found::NotAvailable;
use crate::pages::people::teams::TeamsPanel;
use crate::pages::people::users::UsersPanel;
use crate::sections::Section;
use crate::state::session::use_session;
use atrium_api::Role;
use leptos::prelude::*;

#[component]
pub fn DashboardTeamPage() -> impl IntoView {
    let me = use_session().me();
    let Some((org_id, role, allowed)) =
        me.and_then(|m| m.org.as_ref().map(|o| (o.id, m.role, Section::Team.allowed(&m))))
    else {
        return view! { <NotAvailable/> }.into_any();
    };
    if !allowed {
        return view! { <NotAvailable/> }.into_any();
    }
    let admin = role == Role::OrgAdmin;
    let i18n = use_i18n();
    view! {
        <h1>{move || t_string!(i18n, dashboard.nav_team)}</h1>
        {admin.then(|| view! { <UsersPanel org_id=org_id/> })}
        <TeamsPanel org_id=org_id read_only=!admin/>
    }
    .into_any()
}
