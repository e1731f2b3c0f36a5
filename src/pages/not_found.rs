//! Any path no route knows.

use crate::components::link::Link;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main id="main" class="page narrow">
            <h1>{t!(i18n, not_found.title)}</h1>
            <p>{t!(i18n, not_found.body)}</p>
            <Link href="/">{t!(i18n, not_found.home)}</Link>
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
        <Link href="/app">{t!(i18n, not_found.home)}</Link>
    }
}
