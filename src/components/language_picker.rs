//! Lets a user read the dashboard in another language than the org's.

use crate::i18n::*;
use atrium_api::org::language_name;
use atrium_api::org::SUPPORTED_LANGUAGES;
use leptos::prelude::*;

#[component]
pub fn LanguagePicker(#[prop(into)] current: Signal<String>, on_change: Callback<String>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <div class="language-picker">
            <label for="language-picker">{t!(i18n, common.language)}</label>
            <select id="language-picker" on:change=move |ev| on_change.run(event_target_value(&ev))>
                {SUPPORTED_LANGUAGES
                    .iter()
                    .map(|code| {
                        view! {
                            <option value=*code lang=*code selected=move || current.get() == *code>
                                {language_name(code)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
