//! A labelled search field that reports what was typed once typing pauses.

use leptos::leptos_dom::helpers::TimeoutHandle;
use leptos::prelude::*;
use leptos::text_prop::TextProp;
use std::time::Duration;

/// How long typing must pause before a search goes out: one request per burst of keys.
const DEBOUNCE: Duration = Duration::from_millis(250);

#[component]
pub fn SearchBox(
    #[prop(into)] id: String,
    #[prop(into)] label: TextProp,
    /// The search in force (the page's URL): the field follows it when it changes
    /// elsewhere, e.g. "Clear search".
    #[prop(into)]
    current: Signal<String>,
    on_search: Callback<String>,
) -> impl IntoView {
    let value = RwSignal::new(current.get_untracked());
    Effect::new(move |_| {
        let current = current.get();
        if value.with_untracked(|v| v.trim() != current) {
            value.set(current);
        }
    });
    let pending: StoredValue<Option<TimeoutHandle>> = StoredValue::new(None);
    let on_input = move |ev| {
        let text = event_target_value(&ev);
        value.set(text.clone());
        if let Some(handle) = pending.get_value() {
            handle.clear();
        }
        let handle = set_timeout_with_handle(move || on_search.run(text.trim().to_string()), DEBOUNCE).ok();
        pending.set_value(handle);
    };
    view! {
        <div class="field search-field">
            <label for=id.clone()>{move || label.get()}</label>
            <input id=id type="search" autocomplete="off" prop:value=value on:input=on_input />
        </div>
    }
}
