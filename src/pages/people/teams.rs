//! Teams of one organization: label, key (suggested from the label), description,
//! members; teams receive handoffs.

use crate::api::{self, ApiError};
use crate::components::ask_first::AskFirst;
use crate::components::copy_button::CopyButton;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::field_error::FieldErrorText;
use crate::components::local_time::LocalTime;
use crate::components::row_actions::RowActions;
use crate::components::table_box::TableBox;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use atrium_api::people::suggest_team_key;
use atrium_api::{ClientUser, NewTeam, Team};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;
use std::collections::BTreeMap;

#[component]
pub fn TeamsPanel(org_id: i64, #[prop(optional)] read_only: bool) -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(move |t: &NewTeam| {
        let t = t.clone();
        async move { api::teams::create_team(org_id, &t).await }
    });
    let remove = Action::new_local(move |id: &i64| api::teams::delete_team(org_id, *id));
    let data = LocalResource::new(move || {
        create.version().get();
        remove.version().get();
        async move {
            let teams = api::teams::list_teams(org_id).await?;
            // Member names come from the users list, which a read-only viewer may not get.
            let users = if read_only { Vec::new() } else { api::users::list_users(org_id).await?.items };
            Ok::<_, ApiError>((teams.items, users))
        }
    });
    // Here, not in the form: the list reloads after a delete, and the form with it. Its
    // `Form` too, so that field errors on show outlast the reload.
    let draft = TeamDraft::new();
    let form = Form::new(create, move |_| draft.clear());

    view! {
        <section aria-labelledby="teams-title">
            <h2 id="teams-title">{t!(i18n, teams.title)}</h2>
            {move || remove.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
            <Fetched
                resource=data
                children=move |(teams, users)| {
                    let names: BTreeMap<i64, String> = users.iter().map(|u| (u.id, u.name.clone())).collect();
                    view! {
                        <TeamTable teams=teams names=names read_only=read_only remove=remove />
                        {(!read_only)
                            .then(|| view! { <NewTeamForm create=create users=users draft=draft form=form /> })}
                    }
                }
            />
        </section>
    }
}

/// Initials for a member "avatar": `Andy Agent` → `AA`.
pub fn initials(name: &str) -> String {
    name.split_whitespace().filter_map(|w| w.chars().next()).take(2).flat_map(char::to_uppercase).collect()
}

type Remove = Action<i64, Result<(), ApiError>>;

#[component]
fn TeamTable(teams: Vec<Team>, names: BTreeMap<i64, String>, read_only: bool, remove: Remove) -> impl IntoView {
    let i18n = use_i18n();
    if teams.is_empty() {
        return view! { <p class="empty">{t!(i18n, teams.empty)}</p> }.into_any();
    }
    let rows = teams
        .into_iter()
        .map(|team| {
            let members: Vec<String> =
                team.member_ids.iter().map(|id| names.get(id).cloned().unwrap_or_else(|| format!("#{id}"))).collect();
            view! { <TeamRow team=team members=members remove=(!read_only).then_some(remove) /> }
        })
        .collect_view();
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{t!(i18n, teams.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, teams.col_label)}</th>
                        <th scope="col">{t!(i18n, teams.col_key)}</th>
                        <th scope="col">{t!(i18n, teams.col_description)}</th>
                        <th scope="col">{t!(i18n, teams.col_members)}</th>
                        <th scope="col">{t!(i18n, teams.col_updated)}</th>
                        {(!read_only).then(|| view! { <th scope="col">{t!(i18n, users.col_actions)}</th> })}
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
        </TableBox>
    }
    .into_any()
}

/// A team with its key (and a way to copy it), its members as initials, and Delete where
/// the viewer may change teams.
#[component]
fn TeamRow(team: Team, members: Vec<String>, remove: Option<Remove>) -> impl IntoView {
    let i18n = use_i18n();
    let id = team.id;
    let (key, label) = (StoredValue::new(team.key.clone()), StoredValue::new(team.label.clone()));
    let avatars = members
        .into_iter()
        .map(|m| {
            let (short, title) = (initials(&m), m.clone());
            view! {
                <li title=title>
                    <span aria-hidden="true">{short}</span>
                    <span class="visually-hidden">{m}</span>
                </li>
            }
        })
        .collect_view();
    let delete = remove.map(|remove| {
        view! {
            <RowActions>
                <AskFirst
                    class="small danger-button"
                    busy=remove.pending()
                    label=move || t_string!(i18n, teams.delete, label = label.get_value()).to_string()
                    short=move || t_string!(i18n, row.delete)
                    question=move || t_string!(i18n, teams.delete_question, label = label.get_value()).to_string()
                    help=move || t_string!(i18n, teams.delete_help)
                    confirm=move || t_string!(i18n, teams.delete_yes)
                    on_confirm=Callback::new(move |_| {
                        remove.dispatch(id);
                    })
                />
            </RowActions>
        }
    });
    view! {
        <tr>
            <th scope="row">{team.label}</th>
            <td>
                <code>{team.key.clone()}</code>
                " "
                <CopyButton
                    text=team.key
                    label=move || t_string!(i18n, teams.copy_key, key = key.get_value()).to_string()
                />
            </td>
            <td>{team.description}</td>
            <td>
                <ul class="avatars">{avatars}</ul>
            </td>
            <td>
                <LocalTime at=team.updated_at />
            </td>
            {delete}
        </tr>
    }
}

/// The new team's fields. The key follows the label until the admin types one of their own.
#[derive(Clone, Copy)]
struct TeamDraft {
    label: RwSignal<String>,
    key: RwSignal<String>,
    key_edited: RwSignal<bool>,
    description: RwSignal<String>,
    members: RwSignal<Vec<i64>>,
}

impl TeamDraft {
    fn new() -> TeamDraft {
        let draft = TeamDraft {
            label: RwSignal::new(String::new()),
            key: RwSignal::new(String::new()),
            key_edited: RwSignal::new(false),
            description: RwSignal::new(String::new()),
            members: RwSignal::new(Vec::new()),
        };
        Effect::new(move |_| {
            let l = draft.label.get();
            if !draft.key_edited.get_untracked() {
                draft.key.set(suggest_team_key(&l));
            }
        });
        draft
    }

    fn team(self) -> NewTeam {
        NewTeam {
            label: self.label.get_untracked().trim().to_string(),
            key: self.key.get_untracked().trim().to_string(),
            description: self.description.get_untracked(),
            member_ids: self.members.get_untracked(),
        }
    }

    fn clear(self) {
        self.label.set(String::new());
        self.key_edited.set(false);
        self.description.set(String::new());
        self.members.set(Vec::new());
    }
}

#[component]
fn NewTeamForm(
    create: Action<NewTeam, Result<Team, ApiError>>,
    users: Vec<ClientUser>,
    draft: TeamDraft,
    form: Form,
) -> impl IntoView {
    let i18n = use_i18n();
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let team = draft.team();
        if form.check(team.validate()) {
            create.dispatch(team);
        }
    };
    view! {
        <h3>{t!(i18n, teams.new_title)}</h3>
        {form.failure_notice()}
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            <TextField
                id="team-label"
                label=move || t_string!(i18n, teams.label)
                value=draft.label
                error=form.error("label")
                required=true
                autocomplete="off"
            />
            <div class="field">
                <label for="team-key">{t!(i18n, teams.key)}</label>
                <input
                    id="team-key"
                    type="text"
                    autocomplete="off"
                    aria-describedby="team-key-help team-key-error"
                    aria-invalid=move || form.errors().with(|e| e.get("key").is_some()).to_string()
                    prop:value=draft.key
                    on:input=move |ev| {
                        draft.key_edited.set(true);
                        draft.key.set(event_target_value(&ev));
                    }
                />
                <p id="team-key-help" class="muted">
                    {t!(i18n, teams.key_help)}
                </p>
                <FieldErrorText id="team-key-error" error=form.error("key") />
            </div>
            <TextField
                id="team-description"
                label=move || t_string!(i18n, teams.description)
                value=draft.description
                error=form.error("description")
            />
            <MemberChoice users=users members=draft.members />
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {t!(i18n, teams.add)}
            </button>
        </form>
    }
}

#[component]
fn MemberChoice(users: Vec<ClientUser>, members: RwSignal<Vec<i64>>) -> impl IntoView {
    let i18n = use_i18n();
    let toggle = move |id: i64, on: bool| {
        members.update(|m| {
            m.retain(|x| *x != id);
            if on {
                m.push(id);
            }
        })
    };
    view! {
        <fieldset class="checkbox-group">
            <legend>{t!(i18n, teams.members)}</legend>
            {users
                .into_iter()
                .map(|u| {
                    let id = u.id;
                    view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                prop:checked=move || members.with(|m| m.contains(&id))
                                on:change=move |ev| toggle(id, event_target_checked(&ev))
                            />
                            {u.name}
                        </label>
                    }
                })
                .collect_view()}
        </fieldset>
    }
}
