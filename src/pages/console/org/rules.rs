//! The "Handoff rules" tab of an organization: keywords that, where smart handoff is on,
//! escalate a visitor's message to a team (or to the whole org).

use crate::api::{self, ApiError};
use crate::components::ask_first::AskFirst;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::row_actions::RowActions;
use crate::components::table_box::TableBox;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use crate::state::current_org::use_current_org;
use atrium_api::NewHandoffRule;
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn OrgRulesTab() -> impl IntoView {
    let org = use_current_org().get_untracked();
    org.map(|org| view! { <RulesPanel org_id=org.id /> })
}

#[component]
fn RulesPanel(org_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(move |r: &NewHandoffRule| {
        let r = r.clone();
        async move { api::integrations::create_handoff_rule(org_id, &r).await }
    });
    let remove = Action::new_local(move |id: &i64| api::integrations::delete_handoff_rule(org_id, *id));
    let data = LocalResource::new(move || {
        create.version().get();
        remove.version().get();
        async move {
            let rules = api::integrations::handoff_rules(org_id).await?;
            let teams = api::people::teams(org_id).await?;
            Ok::<_, ApiError>((rules.items, teams.items))
        }
    });
    let keyword = RwSignal::new(String::new());
    let team = RwSignal::new(String::new());
    let form = Form::new(create, move |_| {
        keyword.set(String::new());
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let rule = NewHandoffRule {
            keyword: keyword.get_untracked().trim().to_string(),
            team_id: team.get_untracked().parse().ok(),
        };
        if form.check(rule.validate()) {
            create.dispatch(rule);
        }
    };
    let error = move |field| form.error(field);

    view! {
        <section aria-labelledby="rules-title">
            <h2 id="rules-title">{move || t_string!(i18n, integrations.rules_title)}</h2>
            <p class="muted">{move || t_string!(i18n, integrations.rules_intro)}</p>
            {move || remove.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
            <Fetched
                resource=data
                children=move |(rules, teams)| {
                    let team_name = {
                        let teams = teams.clone();
                        move |id: Option<i64>| {
                            id.and_then(|id| teams.iter().find(|t| t.id == id)).map(|t| t.label.clone())
                        }
                    };
                    let table = if rules.is_empty() {
                        view! { <p class="empty">{move || t_string!(i18n, integrations.no_rules)}</p> }.into_any()
                    } else {
                        view! {
                            <TableBox>
                                <table class="data-table">
                                    <caption class="visually-hidden">
                                        {move || t_string!(i18n, integrations.rules_title)}
                                    </caption>
                                    <thead>
                                        <tr>
                                            <th scope="col">{move || t_string!(i18n, integrations.keyword)}</th>
                                            <th scope="col">{move || t_string!(i18n, integrations.team)}</th>
                                            <th scope="col">{move || t_string!(i18n, agents.actions)}</th>
                                        </tr>
                                    </thead>
                                    <tbody>
                                        {rules
                                            .into_iter()
                                            .map(|r| {
                                                let (id, kw) = (r.id, r.keyword.clone());
                                                let name = team_name(r.team_id);
                                                view! {
                                                    <tr>
                                                        <th scope="row">{r.keyword.clone()}</th>
                                                        <td>
                                                            {match name {
                                                                Some(n) => view! { <span>{n}</span> }.into_any(),
                                                                None => {
                                                                    view! {
                                                                        <span class="muted">
                                                                            {move || t_string!(i18n, integrations.whole_org)}
                                                                        </span>
                                                                    }
                                                                        .into_any()
                                                                }
                                                            }}
                                                        </td>
                                                        <RowActions>
                                                            <AskFirst
                                                                class="small danger-button"
                                                                busy=remove.pending()
                                                                label={
                                                                    let kw = kw.clone();
                                                                    move || {
                                                                        t_string!(
                                                                            i18n, integrations.delete_rule, keyword = kw.clone()
                                                                        )
                                                                            .to_string()
                                                                    }
                                                                }
                                                                short=move || t_string!(i18n, row.delete)
                                                                question=move || {
                                                                    t_string!(
                                                                        i18n, integrations.delete_rule_question, keyword = kw.clone()
                                                                    )
                                                                        .to_string()
                                                                }
                                                                help=move || t_string!(i18n, integrations.delete_rule_help)
                                                                confirm=move || {
                                                                    t_string!(i18n, integrations.delete_rule_yes)
                                                                }
                                                                on_confirm=Callback::new(move |_| {
                                                                    remove.dispatch(id);
                                                                })
                                                            />
                                                        </RowActions>
                                                    </tr>
                                                }
                                            })
                                            .collect_view()}
                                    </tbody>
                                </table>
                            </TableBox>
                        }
                            .into_any()
                    };
                    view! {
                        {table}
                        <h3>{move || t_string!(i18n, integrations.new_rule)}</h3>
                        <form class="card form-narrow" on:submit=on_submit novalidate=true>
                            {form.failure_notice()}
                            <TextField
                                id="rule-keyword"
                                label=move || t_string!(i18n, integrations.keyword)
                                value=keyword
                                error=error("keyword")
                                required=true
                            />
                            <div class="field">
                                <label for="rule-team">{move || t_string!(i18n, integrations.team)}</label>
                                <select
                                    id="rule-team"
                                    on:change=move |ev| team.set(event_target_value(&ev))
                                    aria-describedby="rule-team-error"
                                >
                                    <option value="" selected=move || team.get().is_empty()>
                                        {move || t_string!(i18n, integrations.whole_org)}
                                    </option>
                                    {teams
                                        .into_iter()
                                        .map(|t| {
                                            let value = t.id.to_string();
                                            let v2 = value.clone();
                                            view! {
                                                <option value=value selected=move || team.get() == v2>
                                                    {t.label.clone()}
                                                </option>
                                            }
                                        })
                                        .collect_view()}
                                </select>
                                <crate::components::field_error::FieldErrorText
                                    id="rule-team-error"
                                    error=error("team_id")
                                />
                            </div>
                            <button type="submit" class="primary" disabled=move || create.pending().get()>
                                {move || t_string!(i18n, integrations.add_rule)}
                            </button>
                        </form>
                    }
                }
            />
        </section>
    }
}
