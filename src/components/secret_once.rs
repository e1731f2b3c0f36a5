//! A secret shown once, right after it is made: a warning, the value in a read-only field
//! and a Copy button; or why making it failed.

use crate::api::ApiError;
use crate::components::copy_button::CopyButton;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::text_prop::TextProp;

#[component]
pub fn SecretOnce(
    /// The field's id (its label points at it).
    id: &'static str,
    /// The new secret, once one was asked for.
    #[prop(into)]
    created: Signal<Option<Result<String, ApiError>>>,
    #[prop(into)] warning: TextProp,
    #[prop(into)] label: TextProp,
    #[prop(into)] copy_label: TextProp,
) -> impl IntoView {
    move || {
        let (warning, label, copy_label) = (warning.clone(), label.clone(), copy_label.clone());
        created.get().map(|created| match created {
            Ok(secret) => view! {
                <div class="card" role="status">
                    <p class="notice notice-warning">{move || warning.get()}</p>
                    <div class="field">
                        <label for=id>{move || label.get()}</label>
                        <div class="secret-row">
                            <input id=id class="secret" type="text" readonly=true value=secret.clone() />
                            <CopyButton text=secret label=copy_label />
                        </div>
                    </div>
                </div>
            }
            .into_any(),
            Err(e) => view! { <ErrorNotice error=e /> }.into_any(),
        })
    }
}

/// The password generated for someone just added (a client user, a staff member), shown
/// once: "Ines Moreau was added. Their password is shown only now…".
#[component]
pub fn PasswordOnce(
    id: &'static str,
    /// Who was added and their password, until the next addition starts.
    #[prop(into)]
    shown: Signal<Option<(String, String)>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let warning = move || {
        shown.get().map(|(who, _)| {
            format!("{} {}", t_string!(i18n, users.created, name = who), t_string!(i18n, users.generated_once))
        })
    };
    view! {
        <SecretOnce
            id=id
            created=Signal::derive(move || shown.get().map(|(_, pw)| Ok(pw)))
            warning=move || warning().unwrap_or_default()
            label=move || t_string!(i18n, users.password)
            copy_label=move || t_string!(i18n, users.copy)
        />
    }
}
