//! Any path no route knows.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_router::components::A;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main id="main" class="page narrow">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.body)}</p>
            <A href="/">{t!(i18n, not_found.home)}</A>
        </main>
    }
}

/// A dashboard section this user may not open, or that this org has switched off:
/// said plainly, never a broken page.
#[component]
pub fn NotAvailable() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <h1>{t!(i18n, not_found.unavailable_title)}</h1>
        <p>{t!(i18n, not_found.unavailable_body)}</p>
        <A href="/app">{t!(i18n, not_found.home)}</A>
    }
}
