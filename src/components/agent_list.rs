//! The agents a client sees: name, kind and status.

use crate::i18n::*;
use atrium_api::{Agent, AgentKind, AgentStatus};
use leptos::prelude::*;
use leptos_i18n::I18nContext;

pub fn kind_label(i18n: I18nContext<Locale>, kind: AgentKind) -> &'static str {
    match kind {
        AgentKind::Chat => t_string!(i18n, agent.kind_chat),
        AgentKind::Voice => t_string!(i18n, agent.kind_voice),
    }
}

pub fn status_label(i18n: I18nContext<Locale>, status: AgentStatus) -> &'static str {
    match status {
        AgentStatus::Active => t_string!(i18n, agent.status_active),
        AgentStatus::Paused => t_string!(i18n, agent.status_paused),
    }
}

#[component]
pub fn AgentList(agents: Vec<Agent>) -> impl IntoView {
    let i18n = use_i18n();
    if agents.is_empty() {
        return view! { <p class="muted">{t!(i18n, dashboard.no_agents)}</p> }.into_any();
    }
    view! {
        <ul class="agent-list">
            {agents
                .into_iter()
                .map(|agent| {
                    view! {
                        <li class="agent-card">
                            <span class="agent-name">{agent.name}</span>
                            <span class="badge">{move || kind_label(i18n, agent.kind)}</span>
                            <span class="badge">{move || status_label(i18n, agent.status)}</span>
                        </li>
                    }
                })
                .collect_view()}
        </ul>
    }
    .into_any()
}
