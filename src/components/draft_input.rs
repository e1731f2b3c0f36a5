//! A text input bound to one field of a draft the page holds (the org's identity, the
//! agency's brand): its label, its value read from and written to the draft, and its error
//! beside it. Nothing here talks to the server.

use crate::components::field_error::FieldErrorText;
use crate::i18n::*;
use atrium_api::validate::FieldErrors;
use leptos::prelude::*;

/// One field of a draft `T`: the input's id and type, the field's wire name (for its
/// error), its label, and how it reads from and writes to the draft.
pub struct DraftText<T: 'static> {
    pub id: &'static str,
    pub kind: &'static str,
    pub field: &'static str,
    pub label: fn(leptos_i18n::I18nContext<Locale>) -> &'static str,
    pub get: fn(&T) -> String,
    pub put: fn(&mut T, String),
}

impl<T> Clone for DraftText<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for DraftText<T> {}

#[component]
pub fn DraftInput<T: Send + Sync + 'static>(
    text: DraftText<T>,
    draft: RwSignal<T>,
    #[prop(into)] errors: Signal<FieldErrors>,
) -> impl IntoView {
    let i18n = use_i18n();
    let DraftText { id, kind, field, label, get, put } = text;
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id>{move || label(i18n)}</label>
            <input
                id=id
                type=kind
                aria-invalid=move || errors.with(|e| e.get(field).is_some()).to_string()
                aria-describedby=error_id.clone()
                prop:value=move || draft.with(get)
                on:input=move |ev| draft.update(|d| put(d, event_target_value(&ev)))
            />
            <FieldErrorText id=error_id error=Signal::derive(move || errors.with(|e| e.get(field))) />
        </div>
    }
}
