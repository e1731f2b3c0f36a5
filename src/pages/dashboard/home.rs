//! `/app`: the client dashboard's start page.

use crate::components::agent_list::AgentList;
use crate::i18n::*;
use crate::state::session::use_session;
use leptos::prelude::*;

#[component]
pub fn DashboardHome() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let org_name = move || session.me().and_then(|m| m.org).map(|o| o.name).unwrap_or_default();
    let agents = move || session.me().map(|m| m.agents).unwrap_or_default();
    view! {
        <h1>{move || t_string!(i18n, dashboard.home_title, org = org_name()).to_string()}</h1>
        <section aria-labelledby="agents-heading">
            <h2 id="agents-heading">{t!(i18n, dashboard.agents_title)}</h2>
            {move || view! { <AgentList agents=agents()/> }}
        </section>
    }
}
