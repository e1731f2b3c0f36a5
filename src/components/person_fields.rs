//! A new person's name and email, as every "add someone" form asks for them (staff, client
//! users): the same labels, the same checks, and no autofill of the signed-in user's own.

use crate::components::text_field::TextField;
use crate::form::Form;
use crate::i18n::*;
use leptos::prelude::*;

/// The inputs' ids are `{id}-name` and `{id}-email`.
#[component]
pub fn NameAndEmail(id: &'static str, name: RwSignal<String>, email: RwSignal<String>, form: Form) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TextField
            id=format!("{id}-name")
            label=move || t_string!(i18n, users.name)
            value=name
            error=form.error("name")
            required=true
            autocomplete="off"
        />
        <TextField
            id=format!("{id}-email")
            label=move || t_string!(i18n, users.email)
            value=email
            error=form.error("email")
            input_type="email"
            required=true
            autocomplete="off"
        />
    }
}
