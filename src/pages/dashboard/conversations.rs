//! `/app/conversations`: the inbox, filtered by status and searched, newest activity
//! first, refreshed live.

use crate::api::{self, ApiError};
use crate::components::fetched::Fetched;
use crate::components::local_time::LocalTime;
use crate::components::pagination::Pagination;
use crate::components::search_box::SearchBox;
use crate::components::search_capped::SearchCapped;
use crate::components::status_label::{shown_text, status_label};
use crate::components::table_box::TableBox;
use crate::components::team_select::TeamSelect;
use crate::i18n::*;
use crate::state::dashboard::{use_dashboard, Dashboard};
use crate::state::live::use_live_events;
use crate::url_state::{use_url_state, UrlList, UrlState};
use atrium_api::{Agent, ConversationListQuery, ConversationStatus, ConversationSummary, ListQuery, ListResponse};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

const PER_PAGE: u32 = 25;

#[component]
pub fn InboxPage() -> impl IntoView {
    let i18n = use_i18n();
    let Dashboard { me, org } = use_dashboard();
    let org_id = org.id;
    let live = use_live_events();
    let url = use_url_state::<InboxFilter>();
    let filter = url.state;
    let list = LocalResource::new(move || {
        if let Some(l) = live {
            l.version.get();
        }
        let f = filter.get();
        let q = ConversationListQuery {
            page: Some(f.page),
            per_page: Some(PER_PAGE),
            q: Some(f.q),
            status: f.status,
            team_id: f.team,
            agent_id: f.agent,
            ..Default::default()
        };
        async move { api::conversations::list_conversations(org_id, &q).await }
    });
    let teams = LocalResource::new(move || async move { api::teams::list_teams(org_id).await.map(|l| l.items) });
    let on_search = Callback::new(move |q: String| {
        url.change(|f| {
            f.q = q;
            f.page = 1;
        })
    });
    let on_page = Callback::new(move |p: u32| url.change(|f| f.page = p));
    let search = Memo::new(move |_| filter.get().q);
    let page = Memo::new(move |_| filter.get().page);

    view! {
        <h1>{move || t_string!(i18n, inbox.title)}</h1>
        <InboxToolbar url=url teams=teams agents=me.agents.clone() search=search on_search=on_search />
        <Fetched
            resource=list
            children=move |data| {
                view! {
                    <InboxList
                        list=data
                        page=page.get_untracked()
                        searching=search
                        on_search=on_search
                        on_page=on_page
                    />
                }
            }
        />
    }
}

/// The status, team and agent filters and the search, each starting again from page 1.
#[component]
fn InboxToolbar(
    url: UrlList<InboxFilter>,
    teams: LocalResource<Result<Vec<atrium_api::Team>, ApiError>>,
    agents: Vec<Agent>,
    search: Memo<String>,
    on_search: Callback<String>,
) -> impl IntoView {
    let i18n = use_i18n();
    let filter = url.state;
    let refilter = move |change: &dyn Fn(&mut InboxFilter)| {
        url.change(|f| {
            change(f);
            f.page = 1;
        })
    };
    let status = Memo::new(move |_| filter.get().status);
    view! {
        <div class="toolbar">
            <div class="field">
                <label for="inbox-status">{move || t_string!(i18n, inbox.status)}</label>
                <select
                    id="inbox-status"
                    on:change=move |ev| refilter(&|f| f.status = ConversationStatus::parse(&event_target_value(&ev)))
                >
                    <option value="" selected=move || status.get().is_none()>
                        {move || t_string!(i18n, inbox.all)}
                    </option>
                    {ConversationStatus::ALL
                        .into_iter()
                        .map(|s| {
                            view! {
                                <option value=s.as_str() selected=move || status.get() == Some(s)>
                                    {move || status_label(i18n, s)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <TeamSelect
                    id="inbox-team"
                    label=move || t_string!(i18n, inbox.team)
                    none_label=move || t_string!(i18n, inbox.any_team)
                    teams=teams
                    selected=Signal::derive(move || filter.get().team)
                    on_change=Callback::new(move |t| refilter(&|f| f.team = t))
                />
            </div>
            <div class="field">
                <label for="inbox-agent">{move || t_string!(i18n, inbox.agent)}</label>
                <select
                    id="inbox-agent"
                    on:change=move |ev| refilter(&|f| f.agent = event_target_value(&ev).parse().ok())
                >
                    <option value="">{move || t_string!(i18n, inbox.any_agent)}</option>
                    {agents
                        .into_iter()
                        .map(|a| {
                            view! {
                                <option value=a.id.to_string() selected=move || filter.get().agent == Some(a.id)>
                                    {a.name}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <SearchBox
                id="inbox-search"
                label=move || t_string!(i18n, inbox.search)
                current=search
                on_search=on_search
            />
        </div>
    }
}

/// A page of conversations, or that none match (with Clear search while searching).
#[component]
fn InboxList(
    list: ListResponse<ConversationSummary>,
    page: u32,
    searching: Memo<String>,
    on_search: Callback<String>,
    on_page: Callback<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    if list.items.is_empty() {
        let clear = move || {
            (!searching.get().is_empty()).then(|| {
                view! {
                    <button type="button" on:click=move |_| on_search.run(String::new())>
                        {move || t_string!(i18n, common.clear_search)}
                    </button>
                }
            })
        };
        return view! {
            <div class="empty">
                <p>{move || t_string!(i18n, inbox.empty)}</p>
                {clear}
            </div>
        }
        .into_any();
    }
    let page_count =
        ListQuery { page: Some(page), per_page: Some(PER_PAGE), ..Default::default() }.page_count(list.total);
    view! {
        {list.capped.then(|| view! { <SearchCapped count=list.total /> })}
        <TableBox>
            <table class="data-table inbox">
                <caption class="visually-hidden">{move || t_string!(i18n, inbox.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, inbox.col_contact)}</th>
                        <th scope="col">{move || t_string!(i18n, inbox.col_status)}</th>
                        <th scope="col">{move || t_string!(i18n, inbox.col_last)}</th>
                        <th scope="col">{move || t_string!(i18n, inbox.col_updated)}</th>
                    </tr>
                </thead>
                <tbody>{list.items.into_iter().map(|c| view! { <InboxRow conversation=c /> }).collect_view()}</tbody>
            </table>
        </TableBox>
        <Pagination page=page page_count=page_count on_page=on_page />
    }
    .into_any()
}

/// A conversation: who, its status, the last message and when; an unread one says so.
#[component]
fn InboxRow(conversation: ConversationSummary) -> impl IntoView {
    let i18n = use_i18n();
    let c = conversation;
    let unread = c.unread.then(|| {
        view! {
            <span class="unread-dot" aria-hidden="true"></span>
            <span class="visually-hidden">{move || t_string!(i18n, inbox.unread)}", "</span>
        }
    });
    view! {
        <tr class=format!("status-{}", c.status.as_str()) class:unread=c.unread>
            <th scope="row">
                <a href=crate::app::with_base(
                    &format!("/app/conversations/{}", c.id),
                )>{unread} <bdi>{c.contact_name.clone()}</bdi></a>
            </th>
            <td>
                <span class="badge">{move || status_label(i18n, c.status)}</span>
            </td>
            <td class="last-message" dir="auto">
                {c.last_message.map(|m| move || shown_text(i18n, m.author, &m.text))}
            </td>
            <td>
                <LocalTime at=c.updated_at with_time=true />
            </td>
        </tr>
    }
}

/// The inbox's filters as the URL holds them, so a reload or a shared link shows the same.
#[derive(Clone, Debug, PartialEq, Eq)]
struct InboxFilter {
    status: Option<ConversationStatus>,
    q: String,
    page: u32,
    team: Option<i64>,
    agent: Option<i64>,
}

impl UrlState for InboxFilter {
    const PATH: &'static str = "/app/conversations";

    fn from_query(q: &ParamsMap) -> Self {
        InboxFilter {
            status: q.get("status").and_then(|s| ConversationStatus::parse(&s)),
            q: q.get("q").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1).max(1),
            team: q.get("team").and_then(|t| t.parse().ok()),
            agent: q.get("agent").and_then(|a| a.parse().ok()),
        }
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if let Some(s) = self.status {
            params.push(("status", s.as_str().to_string()));
        }
        if !self.q.is_empty() {
            params.push(("q", self.q.clone()));
        }
        if let Some(t) = self.team {
            params.push(("team", t.to_string()));
        }
        if let Some(a) = self.agent {
            params.push(("agent", a.to_string()));
        }
        if self.page > 1 {
            params.push(("page", self.page.to_string()));
        }
        params
    }
}
