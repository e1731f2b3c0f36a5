//! The message under a form field that failed validation.

use crate::i18n::*;
use atrium_api::validate::FieldError;
use leptos::prelude::*;

#[component]
pub fn FieldErrorText(#[prop(into)] id: String, #[prop(into)] error: Signal<Option<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        error.get().map(|e| match e {
            FieldError::Required => t_string!(i18n, errors.field_required),
            FieldError::TooLong(_) => t_string!(i18n, errors.field_too_long),
            FieldError::InvalidEmail => t_string!(i18n, errors.field_invalid_email),
            FieldError::InvalidUrl => t_string!(i18n, errors.field_invalid_url),
            FieldError::Unknown => t_string!(i18n, errors.field_unknown),
            FieldError::Taken => t_string!(i18n, errors.field_taken),
            FieldError::TooShort(_) => t_string!(i18n, errors.field_too_short),
            FieldError::InvalidKey => t_string!(i18n, errors.field_invalid_key),
            FieldError::InvalidColour => t_string!(i18n, errors.field_invalid_colour),
            FieldError::InvalidHostname => t_string!(i18n, errors.field_invalid_hostname),
            FieldError::ReservedHostname => t_string!(i18n, errors.field_reserved_hostname),
            FieldError::InvalidOrigin => t_string!(i18n, errors.field_invalid_origin),
            FieldError::Negative => t_string!(i18n, errors.field_negative),
            FieldError::Incorrect => t_string!(i18n, errors.field_incorrect),
            FieldError::ExpiredLink => t_string!(i18n, errors.field_expired_link),
            FieldError::InvalidCharacters => t_string!(i18n, errors.field_invalid_characters),
            FieldError::Confusable => t_string!(i18n, errors.field_confusable),
        })
    };
    view! { <p id=id class="field-error" aria-live="polite">{text}</p> }
}
