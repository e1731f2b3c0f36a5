//! `/agency/orgs`: the agency's client organizations, searchable, sortable and paged.
//! Every choice lives in the URL, so a reload or a shared link shows the same list.

use crate::api;
use crate::components::fetched::Fetched;
use crate::components::link::Link;
use crate::components::org_table::OrgTable;
use crate::components::pagination::Pagination;
use crate::components::search_box::SearchBox;
use crate::components::search_capped::SearchCapped;
use crate::i18n::*;
use crate::url_state::{use_url_state, UrlList, UrlState};
use atrium_api::{ListQuery, ListResponse, OrgListQuery, Organization};
use leptos::prelude::*;
use leptos_router::params::ParamsMap;

const PAGE_SIZES: [u32; 3] = [25, 50, 100];

/// The list's state as the URL holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
struct ListState {
    q: String,
    page: u32,
    per_page: u32,
    sort: String,
    archived: bool,
}

impl UrlState for ListState {
    const PATH: &'static str = "/agency/orgs";

    fn from_query(q: &ParamsMap) -> Self {
        ListState {
            q: q.get("q").unwrap_or_default(),
            page: q.get("page").and_then(|p| p.parse().ok()).unwrap_or(1).max(1),
            per_page: q
                .get("per_page")
                .and_then(|p| p.parse().ok())
                .filter(|p| PAGE_SIZES.contains(p))
                .unwrap_or(PAGE_SIZES[0]),
            sort: q
                .get("sort")
                .filter(|s| atrium_api::org::ORG_SORTS.contains(&s.as_str()))
                .unwrap_or_else(|| "name".into()),
            archived: q.get("archived").as_deref() == Some("true"),
        }
    }

    fn to_query(&self) -> Vec<(&'static str, String)> {
        let mut params = Vec::new();
        if !self.q.is_empty() {
            params.push(("q", self.q.clone()));
        }
        if self.page > 1 {
            params.push(("page", self.page.to_string()));
        }
        if self.per_page != PAGE_SIZES[0] {
            params.push(("per_page", self.per_page.to_string()));
        }
        if self.sort != "name" {
            params.push(("sort", self.sort.clone()));
        }
        if self.archived {
            params.push(("archived", "true".into()));
        }
        params
    }
}

#[component]
pub fn OrgsPage() -> impl IntoView {
    let i18n = use_i18n();
    let list = use_url_state::<ListState>();
    let state = list.state;
    let orgs = LocalResource::new(move || {
        let s = state.get();
        let request = OrgListQuery {
            page: Some(s.page),
            per_page: Some(s.per_page),
            q: Some(s.q),
            sort: Some(s.sort),
            archived: Some(s.archived),
        };
        async move { api::orgs::list_orgs(&request).await }
    });
    let on_search = Callback::new(move |q: String| {
        list.change(|s| {
            s.q = q;
            s.page = 1;
        })
    });
    let on_page = Callback::new(move |p: u32| list.change(|s| s.page = p));

    view! {
        <div class="page-header">
            <h1>{t!(i18n, orgs.title)}</h1>
            <Link href="/agency/orgs/new" attr:class="button primary">
                {t!(i18n, orgs.new_org)}
            </Link>
        </div>
        <OrgsToolbar list=list on_search=on_search />
        <Fetched
            resource=orgs
            children=move |orgs| {
                view! { <OrgsFound orgs=orgs state=state.get_untracked() on_search=on_search on_page=on_page /> }
            }
        />
    }
}

/// The search, archived or not, the order and the page size, each starting again from page 1.
#[component]
fn OrgsToolbar(list: UrlList<ListState>, on_search: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    let state = list.state;
    let refilter = move |change: &dyn Fn(&mut ListState)| {
        list.change(|s| {
            change(s);
            s.page = 1;
        })
    };
    let sorts = move || {
        [
            ("name", t_string!(i18n, orgs.sort_name)),
            ("-name", t_string!(i18n, orgs.sort_name_desc)),
            ("-created", t_string!(i18n, orgs.sort_created_desc)),
            ("created", t_string!(i18n, orgs.sort_created)),
            ("-updated", t_string!(i18n, orgs.sort_updated_desc)),
        ]
        .into_iter()
        .map(|(value, label)| {
            view! {
                <option value=value selected=move || state.get().sort == value>
                    {label}
                </option>
            }
        })
        .collect_view()
    };
    let sizes = PAGE_SIZES
        .into_iter()
        .map(|n| {
            view! {
                <option value=n.to_string() selected=move || state.get().per_page == n>
                    {n}
                </option>
            }
        })
        .collect_view();
    view! {
        <div class="toolbar">
            <SearchBox
                id="org-search"
                label=move || t_string!(i18n, orgs.search)
                current=Signal::derive(move || state.get().q)
                on_search=on_search
            />
            <div class="field">
                <label for="org-show">{t!(i18n, orgs.show)}</label>
                <select
                    id="org-show"
                    on:change=move |ev| refilter(&|s| s.archived = event_target_value(&ev) == "archived")
                >
                    <option value="active" selected=move || !state.get().archived>
                        {t!(i18n, orgs.show_active)}
                    </option>
                    <option value="archived" selected=move || state.get().archived>
                        {t!(i18n, orgs.show_archived)}
                    </option>
                </select>
            </div>
            <div class="field">
                <label for="org-sort">{t!(i18n, orgs.sort)}</label>
                <select id="org-sort" on:change=move |ev| refilter(&|s| s.sort = event_target_value(&ev))>
                    {sorts}
                </select>
            </div>
            <div class="field">
                <label for="org-per-page">{t!(i18n, orgs.per_page)}</label>
                <select
                    id="org-per-page"
                    on:change=move |ev| refilter(
                        &|s| s.per_page = event_target_value(&ev).parse().unwrap_or(PAGE_SIZES[0]),
                    )
                >
                    {sizes}
                </select>
            </div>
        </div>
    }
}

/// How many orgs match, a page of them, and on a first run the way to create one.
#[component]
fn OrgsFound(
    orgs: ListResponse<Organization>,
    state: ListState,
    on_search: Callback<String>,
    on_page: Callback<u32>,
) -> impl IntoView {
    let i18n = use_i18n();
    let s = state;
    let page_count =
        ListQuery { page: Some(s.page), per_page: Some(s.per_page), ..Default::default() }.page_count(orgs.total);
    let first_run = s.q.is_empty() && !s.archived && orgs.total == 0;
    let (total, capped) = (orgs.total, orgs.capped);
    let count = move || {
        let count = crate::format::number(total as i64, i18n.get_locale().as_str());
        let count = if capped { format!("{count}+") } else { count };
        crate::counted!(i18n, orgs.count, total as i64, count = count)
    };
    view! {
        <p class="muted" role="status">
            {count}
        </p>
        {capped.then(|| view! { <SearchCapped count=total /> })}
        <OrgTable
            orgs=orgs.items
            searching=!s.q.is_empty()
            on_clear=Callback::new(move |_| on_search.run(String::new()))
        />
        {first_run
            .then(|| {
                view! {
                    <Link href="/agency/orgs/new" attr:class="button primary">
                        {t!(i18n, orgs.empty_cta)}
                    </Link>
                }
            })}
        <Pagination page=s.page page_count=page_count on_page=on_page />
    }
}
