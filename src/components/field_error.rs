//! The message under a form field that failed validation.

use crate::i18n::*;
use atrium_api::validate::FieldError;
use leptos::prelude::*;

#[component]
pub fn FieldErrorText(#[prop(into)] id: String, #[prop(into)] error: Signal<Option<FieldError>>) -> impl IntoView {
    let i18n = use_i18n();
    let text = move || {
        error.get().map(|e| match e {
            FieldError::Required => t_string!(i18n, errors.field_required).to_string(),
            FieldError::TooLong(0) => t_string!(i18n, errors.field_too_long).to_string(),
            FieldError::TooLong(max) => t_string!(i18n, errors.field_at_most, max = max).to_string(),
            FieldError::InvalidEmail => t_string!(i18n, errors.field_invalid_email).to_string(),
            FieldError::InvalidUrl => t_string!(i18n, errors.field_invalid_url).to_string(),
            FieldError::Unknown => t_string!(i18n, errors.field_unknown).to_string(),
            FieldError::Taken => t_string!(i18n, errors.field_taken).to_string(),
            FieldError::TooShort(0) => t_string!(i18n, errors.field_too_short).to_string(),
            FieldError::TooShort(min) => t_string!(i18n, errors.field_at_least, min = min).to_string(),
            FieldError::InvalidKey => t_string!(i18n, errors.field_invalid_key).to_string(),
            FieldError::InvalidColour => t_string!(i18n, errors.field_invalid_colour).to_string(),
            FieldError::InvalidHostname => t_string!(i18n, errors.field_invalid_hostname).to_string(),
            FieldError::ReservedHostname => t_string!(i18n, errors.field_reserved_hostname).to_string(),
            FieldError::InvalidOrigin => t_string!(i18n, errors.field_invalid_origin).to_string(),
            FieldError::Negative => t_string!(i18n, errors.field_negative).to_string(),
            FieldError::Incorrect => t_string!(i18n, errors.field_incorrect).to_string(),
            FieldError::ExpiredLink => t_string!(i18n, errors.field_expired_link).to_string(),
            FieldError::InvalidCharacters => t_string!(i18n, errors.field_invalid_characters).to_string(),
            FieldError::Confusable => t_string!(i18n, errors.field_confusable).to_string(),
        })
    };
    view! {
        <p id=id class="field-error" aria-live="polite">
            {text}
        </p>
    }
}
