//! The Org Info fields, bound to a draft. Nothing here talks to the server.

use crate::components::field_error::FieldErrorText;
use crate::i18n::*;
use atrium_api::org::{language_name, SUPPORTED_LANGUAGES};
use atrium_api::validate::FieldErrors;
use atrium_api::{Layout, OrgSettings, OrganizationUpdate};
use leptos::prelude::*;

#[component]
pub fn OrgInfoForm(draft: RwSignal<OrganizationUpdate>, #[prop(into)] errors: Signal<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let error = move |field: &'static str| Signal::derive(move || errors.with(|e| e.get(field)));
    let invalid = move |field: &'static str| move || errors.with(|e| e.get(field).is_some()).to_string();
    let set = move |f: fn(&mut OrganizationUpdate, String)| move |ev| draft.update(|d| f(d, event_target_value(&ev)));
    let settings = move || draft.with(|d| d.settings.clone());
    let toggle =
        move |f: fn(&mut OrgSettings, bool)| move |ev| draft.update(|d| f(&mut d.settings, event_target_checked(&ev)));

    view! {
        <fieldset class="card">
            <legend>{t!(i18n, settings.identity)}</legend>
            <div class="field">
                <label for="info-name">{t!(i18n, org_new.name)}</label>
                <input
                    id="info-name"
                    type="text"
                    aria-invalid=invalid("name")
                    aria-describedby="info-name-error"
                    prop:value=move || draft.with(|d| d.name.clone())
                    on:input=set(|d, v| d.name = v)
                />
                <FieldErrorText id="info-name-error" error=error("name") />
            </div>
            <div class="field">
                <label for="info-email">{t!(i18n, org_new.contact_email)}</label>
                <input
                    id="info-email"
                    type="email"
                    aria-invalid=invalid("contact_email")
                    aria-describedby="info-email-error"
                    prop:value=move || draft.with(|d| d.contact_email.clone().unwrap_or_default())
                    on:input=set(|d, v| d.contact_email = Some(v))
                />
                <FieldErrorText id="info-email-error" error=error("contact_email") />
            </div>
            <div class="field">
                <label for="info-logo">{t!(i18n, org_new.logo_url)}</label>
                <input
                    id="info-logo"
                    type="url"
                    aria-invalid=invalid("logo_url")
                    aria-describedby="info-logo-error"
                    prop:value=move || draft.with(|d| d.logo_url.clone().unwrap_or_default())
                    on:input=set(|d, v| d.logo_url = Some(v))
                />
                <FieldErrorText id="info-logo-error" error=error("logo_url") />
            </div>
        </fieldset>
        <fieldset class="card">
            <legend>{t!(i18n, settings.dashboard)}</legend>
            <div class="field">
                <label for="info-language">{t!(i18n, settings.language)}</label>
                <select
                    id="info-language"
                    aria-describedby="info-language-error"
                    on:change=set(|d, v| d.settings.dashboard_language = v)
                >
                    {SUPPORTED_LANGUAGES
                        .iter()
                        .map(|code| {
                            view! {
                                <option value=*code lang=*code selected=move || settings().dashboard_language == *code>
                                    {language_name(code)}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
                <FieldErrorText id="info-language-error" error=error("settings.dashboard_language") />
            </div>
            <fieldset class="radio-group">
                <legend>{t!(i18n, settings.layout)}</legend>
                {[(Layout::Vertical, "layout-vertical"), (Layout::Horizontal, "layout-horizontal")]
                    .into_iter()
                    .map(|(layout, id)| {
                        view! {
                            <label for=id class="choice">
                                <input
                                    id=id
                                    type="radio"
                                    name="dashboard-layout"
                                    value=layout.as_str()
                                    prop:checked=move || settings().dashboard_layout == layout
                                    on:change=move |_| draft.update(|d| d.settings.dashboard_layout = layout)
                                />
                                {move || match layout {
                                    Layout::Vertical => t_string!(i18n, settings.layout_vertical),
                                    Layout::Horizontal => t_string!(i18n, settings.layout_horizontal),
                                }}
                            </label>
                        }
                    })
                    .collect_view()}
            </fieldset>
            <fieldset class="checkbox-group">
                <legend>{t!(i18n, settings.handoff)}</legend>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || settings().handoff_enabled
                        on:change=toggle(|s, v| s.handoff_enabled = v)
                    />
                    {t!(i18n, settings.handoff_enabled)}
                </label>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || settings().smart_handoff_enabled
                        on:change=toggle(|s, v| s.smart_handoff_enabled = v)
                    />
                    {t!(i18n, settings.smart_handoff)}
                </label>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || settings().show_handoff_messages
                        on:change=toggle(|s, v| s.show_handoff_messages = v)
                    />
                    {t!(i18n, settings.show_handoff_messages)}
                </label>
            </fieldset>
            <fieldset class="checkbox-group">
                <legend>{t!(i18n, settings.features)}</legend>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || settings().canned_responses_enabled
                        on:change=toggle(|s, v| s.canned_responses_enabled = v)
                    />
                    {t!(i18n, settings.canned)}
                </label>
                <label class="choice">
                    <input
                        type="checkbox"
                        prop:checked=move || settings().billing_enabled
                        on:change=toggle(|s, v| s.billing_enabled = v)
                    />
                    {t!(i18n, settings.billing)}
                </label>
            </fieldset>
        </fieldset>
    }
}
