//! Copies a text to the clipboard and says so.

use crate::i18n::*;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

#[component]
pub fn CopyButton(#[prop(into)] text: String, #[prop(into)] label: TextProp) -> impl IntoView {
    let i18n = use_i18n();
    let copied = RwSignal::new(false);
    let on_click = move |_| {
        if let Some(window) = web_sys::window() {
            let _ = window.navigator().clipboard().write_text(&text);
            copied.set(true);
        }
    };
    view! {
        <button type="button" class="small" aria-label=label on:click=on_click>
            {move || if copied.get() { t_string!(i18n, users.copied) } else { t_string!(i18n, users.copy) }}
        </button>
    }
}
