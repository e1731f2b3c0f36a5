//! The agents a client sees: name, kind and status.

use crate::i18n::*;
use atrium_api::{Agent, AgentKind, AgentStatus};
use leptos::prelude::*;

#[component]
pub fn AgentList(agents: Vec<Agent>) -> impl IntoView {
    let i18n = use_i18n();
    if agents.is_empty() {
        return view! { <p class="muted">{t!(i18n, dashboard.no_agents)}</p> }.into_any();
    }
    view! {
        <ul class="agent-list">
            {agents.into_iter().map(|agent| {
                let kind = move || match agent.kind {
                    AgentKind::Chat => t_string!(i18n, agent.kind_chat),
                    AgentKind::Voice => t_string!(i18n, agent.kind_voice),
                };
                let status = move || match agent.status {
                    AgentStatus::Active => t_string!(i18n, agent.status_active),
                    AgentStatus::Paused => t_string!(i18n, agent.status_paused),
                };
                view! {
                    <li class="agent-card">
                        <span class="agent-name">{agent.name}</span>
                        <span class="badge">{kind}</span>
                        <span class="badge">{status}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
