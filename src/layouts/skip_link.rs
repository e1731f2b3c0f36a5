//! "Skip to content", the first stop of the Tab key in both shells.

use crate::focus::focus_content;
use crate::i18n::*;
use leptos::prelude::*;

/// Moves focus to the content's start (its heading) by hand: the router would otherwise
/// take the `#main` link as a navigation and focus would stay where it was.
#[component]
pub fn SkipLink() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <a
            class="skip-link"
            href="#main"
            on:click=move |ev| {
                ev.prevent_default();
                focus_content();
            }
        >
            {t!(i18n, common.skip_to_content)}
        </a>
    }
}
