//! `/agency/agents`: the agency's agents pool: list, add, pause and resume.

use crate::api::{self, ApiError};
use crate::components::agent_list::{kind_label, status_label};
use crate::components::edit_dialog::{DialogButtons, EditDialog};
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::row_actions::RowActions;
use crate::components::table_box::TableBox;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use atrium_api::validate::FieldErrors;
use atrium_api::{Agent, AgentInput, AgentKind, AgentStatus};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn AgentsPoolPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(|a: &AgentInput| {
        let a = a.clone();
        async move { api::agents::create_agent(&a).await }
    });
    let toggle = Action::new_local(|agent: &Agent| {
        let input = AgentInput {
            name: agent.name.clone(),
            kind: agent.kind,
            description: agent.description.clone(),
            status: match agent.status {
                AgentStatus::Active => AgentStatus::Paused,
                AgentStatus::Paused => AgentStatus::Active,
            },
        };
        let id = agent.id;
        async move { api::agents::update_agent(id, &input).await }
    });
    let edit = Action::new_local(|(id, input): &(i64, AgentInput)| {
        let (id, input) = (*id, input.clone());
        async move { api::agents::update_agent(id, &input).await }
    });
    // Refetch after every successful change.
    let agents = LocalResource::new(move || {
        create.version().get();
        toggle.version().get();
        edit.version().get();
        api::agents::list_agents()
    });
    let failure =
        move || toggle.value().get().and_then(Result::err).or_else(|| edit.value().get().and_then(Result::err));

    view! {
        <h1>{t!(i18n, agents.title)}</h1>
        {move || failure().map(|e| view! { <ErrorNotice error=e /> })}
        <Fetched
            resource=agents
            children=move |list| view! { <AgentsTable agents=list.items toggle=toggle edit=edit /> }
        />
        <NewAgentForm create=create />
    }
}

type Toggle = Action<Agent, Result<Agent, ApiError>>;
type Edit = Action<(i64, AgentInput), Result<Agent, ApiError>>;

#[component]
fn AgentsTable(agents: Vec<Agent>, toggle: Toggle, edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{t!(i18n, agents.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, agents.name)}</th>
                        <th scope="col">{t!(i18n, agents.kind)}</th>
                        <th scope="col">{t!(i18n, agents.status)}</th>
                        <th scope="col">{t!(i18n, agents.description)}</th>
                        <th scope="col">{t!(i18n, agents.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {agents
                        .into_iter()
                        .map(|agent| view! { <AgentRow agent=agent toggle=toggle edit=edit /> })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}

/// An agent: Pause or Resume, and Edit.
#[component]
fn AgentRow(agent: Agent, toggle: Toggle, edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let stored = StoredValue::new(agent.clone());
    let name = StoredValue::new(agent.name.clone());
    let status = agent.status;
    let action = move || match status {
        AgentStatus::Active => t_string!(i18n, agents.pause, name = name.get_value()).to_string(),
        AgentStatus::Paused => t_string!(i18n, agents.resume, name = name.get_value()).to_string(),
    };
    let short = move || match status {
        AgentStatus::Active => t_string!(i18n, row.pause),
        AgentStatus::Paused => t_string!(i18n, row.resume),
    };
    view! {
        <tr>
            <th scope="row">{agent.name.clone()}</th>
            <td>{move || kind_label(i18n, agent.kind)}</td>
            <td>{move || status_label(i18n, status)}</td>
            <td>{agent.description.clone()}</td>
            <RowActions>
                <button
                    type="button"
                    class="small"
                    aria-label=action
                    on:click=move |_| {
                        toggle.dispatch(stored.get_value());
                    }
                >
                    {short}
                </button>
                <EditAgent agent=agent edit=edit />
            </RowActions>
        </tr>
    }
}

#[component]
fn NewAgentForm(create: Action<AgentInput, Result<Agent, ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let kind = RwSignal::new(AgentKind::Chat);
    let form = Form::new(create, move |_| {
        name.set(String::new());
        description.set(String::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let input = AgentInput {
            name: name.get_untracked().trim().to_string(),
            kind: kind.get_untracked(),
            description: description.get_untracked(),
            status: AgentStatus::Active,
        };
        if form.check(input.validate()) {
            create.dispatch(input);
        }
    };
    view! {
        <h2>{t!(i18n, agents.new_title)}</h2>
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            {form.failure_notice()}
            <TextField
                id="agent-name"
                label=move || t_string!(i18n, agents.name)
                value=name
                error=form.error("name")
                required=true
            />
            <div class="field">
                <label for="agent-kind">{t!(i18n, agents.kind)}</label>
                <select
                    id="agent-kind"
                    on:change=move |ev| kind.set(AgentKind::parse(&event_target_value(&ev)).unwrap_or(AgentKind::Chat))
                >
                    <option value="chat">{t!(i18n, agent.kind_chat)}</option>
                    <option value="voice">{t!(i18n, agent.kind_voice)}</option>
                </select>
            </div>
            <TextField
                id="agent-description"
                label=move || t_string!(i18n, agents.description)
                value=description
                error=form.error("description")
            />
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {t!(i18n, agents.add)}
            </button>
        </form>
    }
}

/// Renames an agent or changes its description, in a dialog opened by the row's Edit.
#[component]
fn EditAgent(agent: Agent, edit: Edit) -> impl IntoView {
    let i18n = use_i18n();
    let id = agent.id;
    let open = RwSignal::new(false);
    let button_id = format!("agent-{id}-edit");
    let label = agent.name.clone();
    let title = Signal::derive(move || t_string!(i18n, users.edit, name = label.clone()).to_string());
    let name = RwSignal::new(agent.name.clone());
    let description = RwSignal::new(agent.description.clone());
    let errors = RwSignal::new(FieldErrors::default());
    let saved = agent.clone();
    // Opened again after a Cancel: the agent as saved, not the abandoned edit.
    Effect::new(move |_| {
        if open.get() {
            name.set(saved.name.clone());
            description.set(saved.description.clone());
            errors.set(FieldErrors::default());
        }
    });
    let on_submit = move |ev: SubmitEvent| {
        let input = AgentInput {
            name: name.get_untracked().trim().to_string(),
            kind: agent.kind,
            description: description.get_untracked(),
            status: agent.status,
        };
        match input.validate() {
            Ok(()) => {
                errors.set(FieldErrors::default());
                edit.dispatch((id, input));
            }
            // A field to correct: the dialog stays open.
            Err(e) => {
                ev.prevent_default();
                errors.set(e);
            }
        }
    };
    let error = move |field: &'static str| Signal::derive(move || errors.with(|e| e.get(field)));
    view! {
        <button
            type="button"
            class="small"
            id=button_id.clone()
            aria-label=move || title.get()
            on:click=move |_| open.set(true)
        >
            {move || t_string!(i18n, row.edit)}
        </button>
        <EditDialog title=title open=open return_to=button_id>
            <form method="dialog" on:submit=on_submit novalidate=true>
                <TextField
                    id=format!("agent-{id}-name")
                    label=move || t_string!(i18n, agents.name)
                    value=name
                    error=error("name")
                />
                <TextField
                    id=format!("agent-{id}-description")
                    label=move || t_string!(i18n, agents.description)
                    value=description
                    error=error("description")
                />
                <DialogButtons open=open />
            </form>
        </EditDialog>
    }
}
