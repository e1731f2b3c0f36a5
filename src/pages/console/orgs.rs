//! `/agency/orgs`: the agency's client organizations, searchable and paged. The search
//! and the page live in the URL, so a reload or a shared link shows the same list.

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::org_table::OrgTable;
use crate::components::pagination::Pagination;
use crate::components::search_box::SearchBox;
use crate::i18n::*;
use atrium_api::{ListQuery, OrgListQuery};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

const PER_PAGE: u32 = 25;

#[component]
pub fn OrgsPage() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let navigate = use_navigate();

    let search = Memo::new(move |_| query.with(|q| q.get("q").unwrap_or_default()));
    let page =
        Memo::new(move |_| query.with(|q| q.get("page").and_then(|p| p.parse::<u32>().ok()).unwrap_or(1).max(1)));
    let orgs = LocalResource::new(move || {
        let request = OrgListQuery {
            page: Some(page.get()),
            per_page: Some(PER_PAGE),
            q: Some(search.get()),
            ..Default::default()
        };
        async move { api::orgs::list(&request).await }
    });

    let go = move |q: String, page: u32| {
        let mut url = String::from("/agency/orgs");
        let mut params = Vec::new();
        if !q.is_empty() {
            params.push(format!("q={}", String::from(js_sys::encode_uri_component(&q))));
        }
        if page > 1 {
            params.push(format!("page={page}"));
        }
        if !params.is_empty() {
            url.push('?');
            url.push_str(&params.join("&"));
        }
        navigate(&url, NavigateOptions { replace: true, scroll: false, ..Default::default() });
    };
    let go_search = go.clone();
    let on_search = Callback::new(move |q: String| go_search(q, 1));
    let on_page = Callback::new(move |p: u32| go(search.get_untracked(), p));

    view! {
        <h1>{t!(i18n, orgs.title)}</h1>
        <SearchBox id="org-search" label=Signal::derive(move || t_string!(i18n, orgs.search).to_string())
            initial=search.get_untracked() on_search=on_search/>
        <Transition fallback=move || view! { <p role="status">{t!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match orgs.await {
                    Ok(list) => {
                        let page_query = ListQuery { page: Some(page.get_untracked()), per_page: Some(PER_PAGE), ..Default::default() };
                        let page_count = page_query.page_count(list.total);
                        let searching = !search.get_untracked().is_empty();
                        view! {
                            <p class="muted" role="status">{t_string!(i18n, orgs.count, count = list.total).to_string()}</p>
                            <OrgTable orgs=list.items searching=searching/>
                            <Pagination page=page.get_untracked() page_count=page_count on_page=on_page/>
                        }.into_any()
                    }
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
