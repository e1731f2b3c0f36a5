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
