//! A labelled text input bound to a signal, with its validation message.

use crate::components::field_error::FieldErrorText;
use atrium_api::validate::FieldError;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

#[component]
pub fn TextField(
    #[prop(into)] id: String,
    #[prop(into)] label: TextProp,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<FieldError>>,
    #[prop(default = "text")] input_type: &'static str,
    #[prop(optional)] required: bool,
    #[prop(optional)] autocomplete: Option<&'static str>,
    /// The name password managers and autofill know the field by.
    #[prop(optional)]
    name: Option<&'static str>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    view! {
        <div class="field">
            <label for=id.clone()>{move || label.get()}</label>
            <input
                id=id
                type=input_type
                name=name
                required=required
                autocomplete=autocomplete
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=error_id.clone()
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            <FieldErrorText id=error_id error=error />
        </div>
    }
}
