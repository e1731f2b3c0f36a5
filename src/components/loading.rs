//! What a page shows while its data is on the way: grey lines roughly where the content
//! will be, so the page does not look empty or jump, and "Loading…" for screen readers.

use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn Loading() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="skeleton" role="status">
            <span class="visually-hidden">{move || t_string!(i18n, common.loading)}</span>
            <span class="skeleton-line" aria-hidden="true"></span>
            <span class="skeleton-line" aria-hidden="true"></span>
            <span class="skeleton-line short" aria-hidden="true"></span>
        </div>
    }
}
