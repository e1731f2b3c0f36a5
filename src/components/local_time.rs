//! A timestamp as the reader's locale writes it, machine-readable underneath.

use crate::i18n::*;
use leptos::prelude::*;

/// `<time datetime="2026-11-28T04:15:31Z">Nov 28, 2026</time>`, the date or (with
/// `with_time`) date and time in the app's one format per locale, following a change of
/// language.
#[component]
pub fn LocalTime(at: String, #[prop(optional)] with_time: bool) -> impl IntoView {
    let i18n = use_i18n();
    let shown = at.clone();
    let text = move || {
        let locale = i18n.get_locale().as_str();
        if with_time {
            crate::format::date_time(&shown, locale)
        } else {
            crate::format::date(&shown, locale)
        }
    };
    view! { <time datetime=at>{text}</time> }
}
