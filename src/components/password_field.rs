//! A password input with its label, an optional hint, and its field error: the one shape
//! of the account and password-reset forms.

use crate::components::field_error::FieldErrorText;
use atrium_api::validate::FieldError;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

#[component]
pub fn PasswordField(
    /// The input's id; the hint and the error take ids derived from it.
    id: &'static str,
    #[prop(into)] label: TextProp,
    /// `current-password` or `new-password`, for password managers.
    autocomplete: &'static str,
    value: RwSignal<String>,
    #[prop(into)] error: Signal<Option<FieldError>>,
    /// Shown under the input (such as the length rule), if any.
    #[prop(optional, into)]
    hint: Option<TextProp>,
) -> impl IntoView {
    let error_id = format!("{id}-error");
    let hint_id = format!("{id}-help");
    let described = if hint.is_some() { format!("{hint_id} {error_id}") } else { error_id.clone() };
    view! {
        <div class="field">
            <label for=id>{move || label.get()}</label>
            <input
                id=id
                type="password"
                autocomplete=autocomplete
                required=true
                aria-invalid=move || error.get().is_some().to_string()
                aria-describedby=described
                prop:value=value
                on:input=move |ev| value.set(event_target_value(&ev))
            />
            {hint
                .map(|hint| {
                    view! {
                        <p id=hint_id class="muted">
                            {move || hint.get()}
                        </p>
                    }
                })}
            <FieldErrorText id=error_id error=error />
        </div>
    }
}
