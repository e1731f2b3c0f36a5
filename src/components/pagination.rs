//! Previous / next page controls with "Page X of Y".

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Pagination(page: u32, page_count: u64, on_page: Callback<u32>) -> impl IntoView {
    let i18n = use_i18n();
    let has_previous = page > 1;
    let has_next = u64::from(page) < page_count;
    // One page needs no paging ("Page 1 of 1" under an empty list says nothing).
    if !has_previous && !has_next {
        return ().into_any();
    }
    view! {
        <nav class="pagination" aria-label=move || t_string!(i18n, pagination.label)>
            <button type="button" disabled=!has_previous on:click=move |_| on_page.run(page - 1)>
                {t!(i18n, pagination.previous)}
            </button>
            <span>{move || t_string!(i18n, pagination.page_of, page = page, count = page_count).to_string()}</span>
            <button type="button" disabled=!has_next on:click=move |_| on_page.run(page + 1)>
                {t!(i18n, pagination.next)}
            </button>
        </nav>
    }
    .into_any()
}
