//! A form's submission, written once. The client's own check comes first (the rules the
//! server applies too, from `atrium_api`), then the server action. Field errors from either
//! side show beside their fields; any other failure shows as a notice above the form.
//!
//! ```ignore
//! let form = Form::new(create, move |_| name.set(String::new()));
//! let on_submit = move |ev: SubmitEvent| {
//!     ev.prevent_default();
//!     let input = NewThing { name: name.get_untracked() };
//!     if form.check(input.validate()) {
//!         create.dispatch(input);
//!     }
//! };
//! ```
//!
//! Only `new` is generic, and it does as little as it can: every form shares the rest.

use crate::api::ApiError;
use crate::components::error_notice::ErrorNotice;
use atrium_api::validate::{FieldError, FieldErrors};
use leptos::prelude::*;

#[derive(Clone, Copy)]
pub struct Form {
    errors: RwSignal<FieldErrors>,
    failure: RwSignal<Option<ApiError>>,
}

impl Form {
    /// The form of `action`; `on_success` runs with each answer the server accepted (to
    /// empty the fields, say). A 422 becomes field errors, any other failure the notice.
    pub fn new<I, O>(action: Action<I, Result<O, ApiError>>, on_success: impl Fn(&O) + 'static) -> Form
    where
        I: 'static,
        O: 'static,
    {
        let form = Form { errors: RwSignal::new(FieldErrors::default()), failure: RwSignal::new(None) };
        // Only answers that arrive after the form is made: a form drawn again (its list
        // reloaded) must not take the answer it was drawn after for a new one.
        Effect::new(move |seen: Option<()>| {
            action.value().with(|answer| match (seen, answer) {
                (None, _) | (_, None) => {}
                (_, Some(Ok(answer))) => {
                    form.failure.set(None);
                    on_success(answer);
                }
                (_, Some(Err(error))) => form.failed(error),
            })
        });
        form
    }

    fn failed(self, error: &ApiError) {
        match error {
            ApiError::Validation(fields) => {
                self.failure.set(None);
                self.errors.set(fields.clone());
            }
            other => self.failure.set(Some(other.clone())),
        }
    }

    /// Shows what the client's own check found; true when the input may be sent.
    pub fn check(self, check: Result<(), FieldErrors>) -> bool {
        let ok = check.is_ok();
        self.errors.set(check.err().unwrap_or_default());
        ok
    }

    /// The error to show beside `field`, if any.
    pub fn error(self, field: &'static str) -> Signal<Option<FieldError>> {
        let errors = self.errors;
        Signal::derive(move || errors.with(|e| e.get(field)))
    }

    pub fn errors(self) -> RwSignal<FieldErrors> {
        self.errors
    }

    /// A failure that is not about a field (the network, a conflict…), as a notice.
    pub fn failure_notice(self) -> impl IntoView {
        move || self.failure.get().map(|error| view! { <ErrorNotice error=error /> })
    }
}
