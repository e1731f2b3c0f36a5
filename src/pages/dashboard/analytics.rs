//! `/app/analytics`: conversations per day, handoffs requested and accepted, median time
//! to the first human reply, for a chosen period; charts with the numbers as a table.

use crate::api;
use crate::components::bar_chart::{BarChart, Series};
use crate::components::fetched::Fetched;
use crate::components::local_time::LocalTime;
use crate::components::table_box::TableBox;
use crate::components::team_select::TeamSelect;
use crate::i18n::*;
use crate::state::dashboard::{use_dashboard, Dashboard};
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
    let stats = LocalResource::new(move || api::conversations::analytics(org_id, days.get(), agent.get(), team.get()));
    let teams = LocalResource::new(move || async move { api::people::teams(org_id).await.map(|l| l.items) });
    let agents = me.agents.clone();
    view! {
        <h1>{move || t_string!(i18n, analytics.title)}</h1>
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
        <Fetched
            resource=stats
            children=move |a| {
                let lang = i18n.get_locale_untracked().as_str();
                let conversations: Vec<i64> = a.days.iter().map(|d| d.conversations).collect();
                let requested: Vec<i64> = a.days.iter().map(|d| d.handoffs_requested).collect();
                let accepted: Vec<i64> = a.days.iter().map(|d| d.handoffs_accepted).collect();
                let slots: Vec<String> = a.days.iter().map(|d| crate::format::short_date(&d.date, lang)).collect();
                let median = a.median_first_response_seconds;
                view! {
                    <section class="card" aria-labelledby="median-title">
                        <h2 id="median-title">{move || t_string!(i18n, analytics.median)}</h2>
                        <p class="big-number">
                            {move || match median {
                                Some(s) => {
                                    t_string!(
                                        i18n, analytics.median_value, minutes = crate::format::one_decimal(s as f64 / 60.0, lang)
                                    )
                                        .to_string()
                                }
                                None => t_string!(i18n, analytics.no_median).to_string(),
                            }}
                        </p>
                    </section>
                    <section class="card" aria-labelledby="conv-chart-title">
                        <h2 id="conv-chart-title">{move || t_string!(i18n, analytics.conversations)}</h2>
                        <BarChart
                            series=vec![
                                Series {
                                    name: t_string!(i18n, analytics.col_conversations).to_string(),
                                    class: "series-a",
                                    values: conversations,
                                },
                            ]
                            slots=slots.clone()
                            lang=lang
                            label=t_string!(i18n, analytics.conversations).to_string()
                        />
                    </section>
                    <section class="card" aria-labelledby="handoff-chart-title">
                        <h2 id="handoff-chart-title">{move || t_string!(i18n, analytics.handoffs)}</h2>
                        <BarChart
                            series=vec![
                                Series {
                                    name: t_string!(i18n, analytics.col_requested).to_string(),
                                    class: "series-b",
                                    values: requested,
                                },
                                Series {
                                    name: t_string!(i18n, analytics.col_accepted).to_string(),
                                    class: "series-c",
                                    values: accepted,
                                },
                            ]
                            slots=slots
                            lang=lang
                            label=t_string!(i18n, analytics.handoffs).to_string()
                        />
                    </section>
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
                                {a
                                    .days
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
        />
    }
}
