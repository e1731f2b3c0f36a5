//! Teams of one organization: label, key (suggested from the label), description,
//! members; teams receive handoffs.

use crate::api::{self, ApiError};
use crate::components::ask_first::AskFirst;
use crate::components::copy_button::CopyButton;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
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
        async move { api::people::create_team(org_id, &t).await }
    });
    let remove = Action::new_local(move |id: &i64| api::people::delete_team(org_id, *id));
    let data = LocalResource::new(move || {
        create.version().get();
        remove.version().get();
        async move {
            let teams = api::people::teams(org_id).await?;
            // Member names come from the users list, which a read-only viewer may not get.
            let users = if read_only { Vec::new() } else { api::people::users(org_id).await?.items };
            Ok::<_, ApiError>((teams.items, users))
        }
    });

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
                        {(!read_only).then(|| view! { <NewTeamForm create=create users=users /> })}
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

#[component]
fn TeamTable(
    teams: Vec<Team>,
    names: BTreeMap<i64, String>,
    read_only: bool,
    remove: Action<i64, Result<(), ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    if teams.is_empty() {
        return view! { <p class="empty">{t!(i18n, teams.empty)}</p> }.into_any();
    }
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
                <tbody>
                    {teams
                        .into_iter()
                        .map(|team| {
                            let (key, label) = (team.key.clone(), team.label.clone());
                            let key_label = key.clone();
                            let members: Vec<String> = team
                                .member_ids
                                .iter()
                                .map(|id| names.get(id).cloned().unwrap_or_else(|| format!("#{id}")))
                                .collect();
                            let id = team.id;
                            let (delete_label, question_label) = (label.clone(), label.clone());
                            view! {
                                <tr>
                                    <th scope="row">{label}</th>
                                    <td>
                                        <code>{key.clone()}</code>
                                        " "
                                        <CopyButton
                                            text=key
                                            label=move || {
                                                t_string!(i18n, teams.copy_key, key = key_label.clone()).to_string()
                                            }
                                        />
                                    </td>
                                    <td>{team.description}</td>
                                    <td>
                                        <ul class="avatars">
                                            {members
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
                                                .collect_view()}
                                        </ul>
                                    </td>
                                    <td>
                                        <LocalTime at=team.updated_at.clone() />
                                    </td>
                                    {(!read_only)
                                        .then(|| {
                                            view! {
                                                <RowActions>
                                                    <AskFirst
                                                        class="small danger-button"
                                                        busy=remove.pending()
                                                        label=move || {
                                                            t_string!(i18n, teams.delete, label = delete_label.clone())
                                                                .to_string()
                                                        }
                                                        short=move || t_string!(i18n, row.delete)
                                                        question=move || {
                                                            t_string!(
                                                                i18n, teams.delete_question, label = question_label.clone()
                                                            )
                                                                .to_string()
                                                        }
                                                        help=move || t_string!(i18n, teams.delete_help)
                                                        confirm=move || t_string!(i18n, teams.delete_yes)
                                                        on_confirm=Callback::new(move |_| {
                                                            remove.dispatch(id);
                                                        })
                                                    />
                                                </RowActions>
                                            }
                                        })}
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
    .into_any()
}

#[component]
fn NewTeamForm(create: Action<NewTeam, Result<Team, ApiError>>, users: Vec<ClientUser>) -> impl IntoView {
    let i18n = use_i18n();
    let label = RwSignal::new(String::new());
    let key = RwSignal::new(String::new());
    // The key follows the label until the admin types one of their own.
    let key_edited = RwSignal::new(false);
    let description = RwSignal::new(String::new());
    let members = RwSignal::new(Vec::<i64>::new());
    Effect::new(move |_| {
        let l = label.get();
        if !key_edited.get_untracked() {
            key.set(suggest_team_key(&l));
        }
    });
    let form = Form::new(create, move |_| {
        label.set(String::new());
        key_edited.set(false);
        description.set(String::new());
        members.set(Vec::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let team = NewTeam {
            label: label.get_untracked().trim().to_string(),
            key: key.get_untracked().trim().to_string(),
            description: description.get_untracked(),
            member_ids: members.get_untracked(),
        };
        if form.check(team.validate()) {
            create.dispatch(team);
        }
    };
    let error = move |field| form.error(field);
    view! {
        <h3>{t!(i18n, teams.new_title)}</h3>
        {form.failure_notice()}
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            <TextField
                id="team-label"
                label=move || t_string!(i18n, teams.label)
                value=label
                error=error("label")
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
                    prop:value=key
                    on:input=move |ev| {
                        key_edited.set(true);
                        key.set(event_target_value(&ev));
                    }
                />
                <p id="team-key-help" class="muted">
                    {t!(i18n, teams.key_help)}
                </p>
                <crate::components::field_error::FieldErrorText id="team-key-error" error=error("key") />
            </div>
            <TextField
                id="team-description"
                label=move || t_string!(i18n, teams.description)
                value=description
                error=error("description")
            />
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
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        members
                                            .update(|m| {
                                                m.retain(|x| *x != id);
                                                if on {
                                                    m.push(id);
                                                }
                                            });
                                    }
                                />
                                {u.name}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <button type="submit" class="primary" disabled=move || create.pending().get()>
                {t!(i18n, teams.add)}
            </button>
        </form>
    }
}
