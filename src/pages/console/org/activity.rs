//! The Activity tab: who changed what, in words, newest first.

use crate::api;
use crate::components::fetched::Fetched;
use crate::components::local_time::LocalTime;
use crate::components::pagination::Pagination;
use crate::components::table_box::TableBox;
use crate::i18n::*;
use crate::state::current_org::for_current_org;
use atrium_api::{ActivityEntry, Agent, ListQuery, ListResponse};
use leptos::prelude::*;

#[component]
pub fn OrgActivityPage() -> impl IntoView {
    for_current_org(|org| view! { <ActivityTab org_id=org.id /> })
}

#[component]
fn ActivityTab(org_id: i64) -> impl IntoView {
    let i18n = use_i18n();
    let page = RwSignal::new(1u32);
    let entries = LocalResource::new(move || api::activity::list_activity(org_id, page.get()));
    // To name the agents that entries list by id.
    let pool = LocalResource::new(api::agents::list_agents);
    view! {
        <h2>{t!(i18n, activity.title)}</h2>
        <Fetched
            resource=pool
            children=move |pool| {
                let agents = StoredValue::new(pool.items);
                view! {
                    <Fetched
                        resource=entries
                        children=move |list| view! { <ActivityTable list=list agents=agents page=page /> }
                    />
                }
            }
        />
    }
}

#[component]
fn ActivityTable(
    list: ListResponse<ActivityEntry>,
    agents: StoredValue<Vec<Agent>>,
    page: RwSignal<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.items.is_empty() {
        return view! { <p class="empty">{t!(i18n, activity.empty)}</p> }.into_any();
    }
    let page_count = ListQuery { page: Some(page.get_untracked()), ..Default::default() }.page_count(list.total);
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{t!(i18n, activity.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, activity.col_when)}</th>
                        <th scope="col">{t!(i18n, activity.col_who)}</th>
                        <th scope="col">{t!(i18n, activity.col_what)}</th>
                    </tr>
                </thead>
                <tbody>
                    {list
                        .items
                        .into_iter()
                        .map(|entry| view! { <ActivityRow entry=entry agents=agents /> })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
        <Pagination page=page.get_untracked() page_count=page_count on_page=Callback::new(move |p| page.set(p)) />
    }
    .into_any()
}

/// When, who (and for which client user, during "Log in as"), and what, in words.
#[component]
fn ActivityRow(entry: ActivityEntry, agents: StoredValue<Vec<Agent>>) -> impl IntoView {
    let i18n = use_i18n();
    let agent = move |id: i64| {
        agents.with_value(|a| a.iter().find(|a| a.id == id).map(|a| a.name.clone())).unwrap_or_else(|| format!("#{id}"))
    };
    let what = crate::activity_text::describe(i18n, &entry, &agent);
    let who = match entry.actor {
        Some(a) => a.name.into_any(),
        None => t!(i18n, activity.deleted_user).into_any(),
    };
    let on_behalf_of = entry.on_behalf_of.map(|client| {
        view! {
            " "
            <span class="muted">{t_string!(i18n, activity.on_behalf_of, name = client.name).to_string()}</span>
        }
    });
    view! {
        <tr>
            <td>
                <LocalTime at=entry.created_at with_time=true />
            </td>
            <td>{who}{on_behalf_of}</td>
            <td>
                <bdi>{what}</bdi>
            </td>
        </tr>
    }
}
