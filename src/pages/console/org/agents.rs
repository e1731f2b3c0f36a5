//! The Agents tab: pick which of the agency's agents this organization holds.

use crate::api;
use crate::components::agent_list::{kind_label, status_label};
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::leave_guard::LeaveGuard;
use crate::components::link::Link;
use crate::i18n::*;
use crate::state::current_org::{for_current_org, use_current_org};
use atrium_api::{Agent, Organization};
use leptos::prelude::*;
use std::collections::BTreeSet;

#[component]
pub fn OrgAgentsPage() -> impl IntoView {
    for_current_org(|org| view! { <AgentsTab org=org /> })
}

#[component]
fn AgentsTab(org: Organization) -> impl IntoView {
    let i18n = use_i18n();
    let current = use_current_org();
    let org_id = org.id;
    let selected = RwSignal::new(org.agent_ids.iter().copied().collect::<BTreeSet<i64>>());
    let filter = RwSignal::new(String::new());
    let pool = LocalResource::new(api::agents::list_agents);
    let save = Action::new_local(move |ids: &Vec<i64>| api::org_agents::assign_agents(org_id, ids.clone()));
    Effect::new(move |_| {
        if let Some(Ok(org)) = save.value().get() {
            selected.set(org.agent_ids.iter().copied().collect());
            current.set(org);
        }
    });
    let saved =
        move || current.get().map(|o| o.agent_ids.iter().copied().collect::<BTreeSet<i64>>()).unwrap_or_default();
    let dirty = Signal::derive(move || selected.with(|s| *s != saved()));
    let on_save = move |_| {
        save.dispatch(selected.get_untracked().into_iter().collect());
    };
    let outcome = move || match save.value().get() {
        Some(Ok(_)) => Some(
            view! {
                <p class="notice notice-success" role="status">
                    {t!(i18n, assign.saved)}
                </p>
            }
            .into_any(),
        ),
        Some(Err(e)) => Some(view! { <ErrorNotice error=e /> }.into_any()),
        None => None,
    };

    view! {
        <h2>{t!(i18n, assign.title)}</h2>
        <p class="muted">{t!(i18n, assign.help)} " " <Link href="/agency/agents">{t!(i18n, assign.pool_link)}</Link></p>
        <div class="field search-field">
            <label for="agent-filter">{t!(i18n, assign.search)}</label>
            <input
                id="agent-filter"
                type="search"
                prop:value=filter
                on:input=move |ev| filter.set(event_target_value(&ev))
            />
        </div>
        <Fetched
            resource=pool
            children=move |list| view! { <AgentChoice agents=list.items selected=selected filter=filter /> }
        />
        {outcome}
        <button type="button" class="primary" on:click=on_save disabled=move || save.pending().get()>
            {t!(i18n, assign.save)}
        </button>
        <LeaveGuard dirty=dirty message=move || t_string!(i18n, assign.leave_confirm) />
    }
}

/// The agency's agents to tick, those whose name holds the filter shown.
#[component]
fn AgentChoice(agents: Vec<Agent>, selected: RwSignal<BTreeSet<i64>>, filter: RwSignal<String>) -> impl IntoView {
    let i18n = use_i18n();
    if agents.is_empty() {
        return view! { <p class="empty">{t!(i18n, assign.none)}</p> }.into_any();
    }
    let pick = move |id: i64, on: bool| {
        selected.update(|s| {
            if on {
                s.insert(id);
            } else {
                s.remove(&id);
            }
        })
    };
    let items = agents
        .into_iter()
        .map(|agent| {
            let id = agent.id;
            let name = agent.name.to_lowercase();
            let visible = move || filter.with(|f| f.is_empty() || name.contains(&f.to_lowercase()));
            view! {
                <li class:hidden=move || !visible()>
                    <label class="choice">
                        <input
                            type="checkbox"
                            prop:checked=move || selected.with(|s| s.contains(&id))
                            on:change=move |ev| pick(id, event_target_checked(&ev))
                        />
                        {agent.name}
                    </label>
                    <span class="badge">{move || kind_label(i18n, agent.kind)}</span>
                    <span class="badge">{move || status_label(i18n, agent.status)}</span>
                </li>
            }
        })
        .collect_view();
    view! { <ul class="pick-list">{items}</ul> }.into_any()
}
