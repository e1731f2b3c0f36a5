//! The "Handoff rules" tab of an organization: keywords that, where smart handoff is on,
//! escalate a visitor's message to a team (or to the whole org).

use crate::api::{self, ApiError};
use crate::components::ask_first::AskFirst;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::field_error::FieldErrorText;
use crate::components::row_actions::RowActions;
use crate::components::table_box::TableBox;
use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use crate::state::current_org::for_current_org;
use atrium_api::{HandoffRule, NewHandoffRule, Team};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn OrgRulesTab() -> impl IntoView {
    for_current_org(|org| view! { <RulesPanel org_id=org.id /> })
}

/// Fetches the org's rules and teams; the new rule's fields live here, so that a reload of
/// the list after a delete keeps what is typed.
#[component]
fn RulesPanel(org_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(move |r: &NewHandoffRule| {
        let r = r.clone();
        async move { api::integration::create_handoff_rule(org_id, &r).await }
    });
    let remove = Action::new_local(move |id: &i64| api::integration::delete_handoff_rule(org_id, *id));
    let data = LocalResource::new(move || {
        create.version().get();
        remove.version().get();
        async move {
            let rules = api::integration::list_handoff_rules(org_id).await?;
            let teams = api::teams::list_teams(org_id).await?;
            Ok::<_, ApiError>((rules.items, teams.items))
        }
    });
    let keyword = RwSignal::new(String::new());
    let team = RwSignal::new(String::new());
    let form = Form::new(create, move |_| keyword.set(String::new()));
    let on_submit = Callback::new(move |()| {
        let rule = NewHandoffRule {
            keyword: keyword.get_untracked().trim().to_string(),
            team_id: team.get_untracked().parse().ok(),
        };
        if form.check(rule.validate()) {
            create.dispatch(rule);
        }
    });

    view! {
        <section aria-labelledby="rules-title">
            <h2 id="rules-title">{move || t_string!(i18n, integrations.rules_title)}</h2>
            <p class="muted">{move || t_string!(i18n, integrations.rules_intro)}</p>
            {move || remove.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
            <Fetched
                resource=data
                children=move |(rules, teams)| {
                    view! {
                        <RulesTable rules=rules teams=teams.clone() remove=remove />
                        <NewRuleForm
                            teams=teams
                            keyword=keyword
                            team=team
                            form=form
                            busy=create.pending()
                            on_submit=on_submit
                        />
                    }
                }
            />
        </section>
    }
}

#[component]
fn RulesTable(rules: Vec<HandoffRule>, teams: Vec<Team>, remove: Action<i64, Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    if rules.is_empty() {
        return view! { <p class="empty">{move || t_string!(i18n, integrations.no_rules)}</p> }.into_any();
    }
    let team_label =
        move |id: Option<i64>| id.and_then(|id| teams.iter().find(|t| t.id == id)).map(|t| t.label.clone());
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{move || t_string!(i18n, integrations.rules_title)}</caption>
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
                        .map(|rule| {
                            let team = team_label(rule.team_id);
                            view! { <RuleRow rule=rule team=team remove=remove /> }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
    .into_any()
}

/// A rule: its keyword, the team it sends to (or the whole org), and Delete.
#[component]
fn RuleRow(rule: HandoffRule, team: Option<String>, remove: Action<i64, Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    let id = rule.id;
    let keyword = StoredValue::new(rule.keyword.clone());
    view! {
        <tr>
            <th scope="row">{rule.keyword}</th>
            <td>
                {match team {
                    Some(label) => view! { <span>{label}</span> }.into_any(),
                    None => {
                        view! { <span class="muted">{move || t_string!(i18n, integrations.whole_org)}</span> }
                            .into_any()
                    }
                }}
            </td>
            <RowActions>
                <AskFirst
                    class="small danger-button"
                    busy=remove.pending()
                    label=move || t_string!(i18n, integrations.delete_rule, keyword = keyword.get_value()).to_string()
                    short=move || t_string!(i18n, row.delete)
                    question=move || {
                        t_string!(i18n, integrations.delete_rule_question, keyword = keyword.get_value()).to_string()
                    }
                    help=move || t_string!(i18n, integrations.delete_rule_help)
                    confirm=move || t_string!(i18n, integrations.delete_rule_yes)
                    on_confirm=Callback::new(move |_| {
                        remove.dispatch(id);
                    })
                />
            </RowActions>
        </tr>
    }
}

/// The keyword and the team a new rule sends to (none: the whole org).
#[component]
fn NewRuleForm(
    teams: Vec<Team>,
    keyword: RwSignal<String>,
    team: RwSignal<String>,
    form: Form,
    #[prop(into)] busy: Signal<bool>,
    on_submit: Callback<()>,
) -> impl IntoView {
    let i18n = use_i18n();
    let submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        on_submit.run(());
    };
    view! {
        <h3>{move || t_string!(i18n, integrations.new_rule)}</h3>
        <form class="card form-narrow" on:submit=submit novalidate=true>
            {form.failure_notice()}
            <TextField
                id="rule-keyword"
                label=move || t_string!(i18n, integrations.keyword)
                value=keyword
                error=form.error("keyword")
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
                            let chosen = value.clone();
                            view! {
                                <option value=value selected=move || team.get() == chosen>
                                    {t.label}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldErrorText id="rule-team-error" error=form.error("team_id") />
            </div>
            <button type="submit" class="primary" disabled=busy>
                {move || t_string!(i18n, integrations.add_rule)}
            </button>
        </form>
    }
}
