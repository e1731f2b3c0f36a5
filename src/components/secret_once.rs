//! A secret shown once, right after it is made: a warning, the value in a read-only field
//! and a Copy button.

use crate::components::copy_button::CopyButton;
use leptos::prelude::*;

#[component]
pub fn SecretOnce(
    /// The field's id (its label points at it).
    id: &'static str,
    secret: String,
    #[prop(into)] warning: Signal<String>,
    #[prop(into)] label: Signal<String>,
    #[prop(into)] copy_label: Signal<String>,
) -> impl IntoView {
    view! {
        <div class="card" role="status">
            <p class="notice notice-warning">{warning}</p>
            <p>
                <label for=id>{label}</label>
                " "
                <input id=id type="text" readonly=true value=secret.clone() size="72"/>
                " "
                <CopyButton text=secret label=copy_label/>
            </p>
        </div>
    }
}
