//! Any path no route knows.

use crate::components::link::Link;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn NotFound() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        // The sign-in page's frame: a centred card in the agency's colour, not bare text in a corner.
        <main id="main" class="login-page">
            <div class="card login-card not-found">
                <h1>{t!(i18n, not_found.title)}</h1>
                <p>{t!(i18n, not_found.body)}</p>
                <Link href="/" attr:class="button primary">
                    {t!(i18n, not_found.home)}
                </Link>
            </div>
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
