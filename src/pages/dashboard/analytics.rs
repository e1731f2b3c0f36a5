//! `/app/analytics`: conversations per day, handoffs requested and accepted, median time
//! to the first human reply, for a chosen period; charts with the numbers as a table.

use crate::api::{self, ApiError};
use crate::components::bar_chart::{BarChart, Series};
use crate::components::fetched::Fetched;
use crate::components::local_time::LocalTime;
use crate::components::table_box::TableBox;
use crate::components::team_select::TeamSelect;
use crate::i18n::*;
use crate::state::dashboard::{use_dashboard, Dashboard};
use atrium_api::{Agent, Analytics, DayStats, Team};
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn AnalyticsPage() -> impl IntoView {
    let i18n = use_i18n();
    let Dashboard { me, org } = use_dashboard();
    let org_id = org.id;
    let days = RwSignal::new(30u32);
    let agent = RwSignal::new(None::<i64>);
    let team = RwSignal::new(None::<i64>);
    let stats = LocalResource::new(move || api::analytics::get_analytics(org_id, days.get(), agent.get(), team.get()));
    let teams = LocalResource::new(move || async move { api::teams::list_teams(org_id).await.map(|l| l.items) });
    view! {
        <h1>{move || t_string!(i18n, analytics.title)}</h1>
        <AnalyticsFilters days=days agent=agent team=team agents=me.agents.clone() teams=teams />
        <Fetched resource=stats children=move |a| view! { <AnalyticsView analytics=a /> } />
    }
}

/// The period, the agent and the team the figures are for.
#[component]
fn AnalyticsFilters(
    days: RwSignal<u32>,
    agent: RwSignal<Option<i64>>,
    team: RwSignal<Option<i64>>,
    agents: Vec<Agent>,
    teams: LocalResource<Result<Vec<Team>, ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="filters">
            <div class="field inline">
                <label for="analytics-period">{move || t_string!(i18n, analytics.period)}</label>
                <select
                    id="analytics-period"
                    on:change=move |ev| days.set(event_target_value(&ev).parse().unwrap_or(30))
                >
                    <option value="7">{move || t_string!(i18n, analytics.days_7)}</option>
                    <option value="30" selected=true>
                        {move || t_string!(i18n, analytics.days_30)}
                    </option>
                    <option value="90">{move || t_string!(i18n, analytics.days_90)}</option>
                </select>
            </div>
            <div class="field inline">
                <label for="analytics-agent">{move || t_string!(i18n, inbox.agent)}</label>
                <select id="analytics-agent" on:change=move |ev| agent.set(event_target_value(&ev).parse().ok())>
                    <option value="">{move || t_string!(i18n, inbox.any_agent)}</option>
                    {agents
                        .into_iter()
                        .map(|a| view! { <option value=a.id.to_string()>{a.name}</option> })
                        .collect_view()}
                </select>
            </div>
            <div class="field inline">
                <TeamSelect
                    id="analytics-team"
                    label=move || t_string!(i18n, inbox.team)
                    none_label=move || t_string!(i18n, inbox.any_team)
                    teams=teams
                    selected=team
                    on_change=Callback::new(move |t| team.set(t))
                />
            </div>
        </div>
    }
}

/// The median first response, the two charts, and their numbers as a table.
#[component]
fn AnalyticsView(analytics: Analytics) -> impl IntoView {
    let i18n = use_i18n();
    let a = analytics;
    let lang = i18n.get_locale_untracked().as_str();
    let values = |of: fn(&DayStats) -> i64| a.days.iter().map(of).collect::<Vec<i64>>();
    let slots: Vec<String> = a.days.iter().map(|d| crate::format::short_date(&d.date, lang)).collect();
    let series =
        |key: fn(I18n) -> &'static str, class, of| Series { name: key(i18n).to_string(), class, values: values(of) };
    let conversations = vec![series(|i| t_string!(i, analytics.col_conversations), "series-a", |d| d.conversations)];
    let handoffs = vec![
        series(|i| t_string!(i, analytics.col_requested), "series-b", |d| d.handoffs_requested),
        series(|i| t_string!(i, analytics.col_accepted), "series-c", |d| d.handoffs_accepted),
    ];
    let median = a.median_first_response_seconds;
    let median = move || match median {
        Some(s) => {
            let minutes = crate::format::one_decimal(s as f64 / 60.0, lang);
            t_string!(i18n, analytics.median_value, minutes = minutes).to_string()
        }
        None => t_string!(i18n, analytics.no_median).to_string(),
    };
    view! {
        <section class="card" aria-labelledby="median-title">
            <h2 id="median-title">{move || t_string!(i18n, analytics.median)}</h2>
            <p class="big-number">{median}</p>
        </section>
        <section class="card" aria-labelledby="conv-chart-title">
            <h2 id="conv-chart-title">{move || t_string!(i18n, analytics.conversations)}</h2>
            <BarChart
                series=conversations
                slots=slots.clone()
                lang=lang
                label=t_string!(i18n, analytics.conversations).to_string()
            />
        </section>
        <section class="card" aria-labelledby="handoff-chart-title">
            <h2 id="handoff-chart-title">{move || t_string!(i18n, analytics.handoffs)}</h2>
            <BarChart series=handoffs slots=slots lang=lang label=t_string!(i18n, analytics.handoffs).to_string() />
        </section>
        <DaysTable days=a.days lang=lang />
    }
}

/// Each day's numbers, newest first.
#[component]
fn DaysTable(days: Vec<DayStats>, lang: &'static str) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableBox>
            <table class="data-table">
                <caption>{move || t_string!(i18n, analytics.table)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, analytics.col_date)}</th>
                        <th scope="col" class="num">
                            {move || t_string!(i18n, analytics.col_conversations)}
                        </th>
                        <th scope="col" class="num">
                            {move || t_string!(i18n, analytics.col_requested)}
                        </th>
                        <th scope="col" class="num">
                            {move || t_string!(i18n, analytics.col_accepted)}
                        </th>
                    </tr>
                </thead>
                <tbody>
                    {days
                        .into_iter()
                        .rev()
                        .map(|d| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <LocalTime at=d.date.clone() />
                                    </th>
                                    <td class="num">{crate::format::number(d.conversations, lang)}</td>
                                    <td class="num">{crate::format::number(d.handoffs_requested, lang)}</td>
                                    <td class="num">{crate::format::number(d.handoffs_accepted, lang)}</td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}

type I18n = leptos_i18n::I18nContext<Locale>;
