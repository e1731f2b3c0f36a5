//! The Org Info fields, bound to a draft. Nothing here talks to the server.

use crate::components::draft_input::{DraftInput, DraftText};
use crate::components::field_error::FieldErrorText;
use crate::i18n::*;
use atrium_api::org::{language_name, SUPPORTED_LANGUAGES};
use atrium_api::validate::FieldErrors;
use atrium_api::{Layout, OrgSettings, OrganizationUpdate};
use leptos::prelude::*;

type I18n = leptos_i18n::I18nContext<Locale>;

#[component]
pub fn OrgInfoForm(draft: RwSignal<OrganizationUpdate>, #[prop(into)] errors: Signal<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let checkboxes = move |list: &'static [Switch]| {
        list.iter().map(|&switch| view! { <SettingCheckbox switch=switch draft=draft /> }).collect_view()
    };
    view! {
        <fieldset class="card">
            <legend>{t!(i18n, settings.identity)}</legend>
            {IDENTITY
                .into_iter()
                .map(|field| view! { <DraftInput text=field draft=draft errors=errors /> })
                .collect_view()}
        </fieldset>
        <fieldset class="card">
            <legend>{t!(i18n, settings.dashboard)}</legend>
            <LanguageSelect draft=draft errors=errors />
            <LayoutChoice draft=draft />
            <fieldset class="checkbox-group">
                <legend>{t!(i18n, settings.handoff)}</legend>
                {checkboxes(&HANDOFF)}
            </fieldset>
            <fieldset class="checkbox-group">
                <legend>{t!(i18n, settings.features)}</legend>
                {checkboxes(&FEATURES)}
            </fieldset>
        </fieldset>
    }
}

const IDENTITY: [DraftText<OrganizationUpdate>; 3] = [
    DraftText {
        id: "info-name",
        kind: "text",
        field: "name",
        label: |i| t_string!(i, org_new.name),
        get: |d| d.name.clone(),
        put: |d, v| d.name = v,
    },
    DraftText {
        id: "info-email",
        kind: "email",
        field: "contact_email",
        label: |i| t_string!(i, org_new.contact_email),
        get: |d| d.contact_email.clone().unwrap_or_default(),
        put: |d, v| d.contact_email = Some(v),
    },
    DraftText {
        id: "info-logo",
        kind: "url",
        field: "logo_url",
        label: |i| t_string!(i, org_new.logo_url),
        get: |d| d.logo_url.clone().unwrap_or_default(),
        put: |d, v| d.logo_url = Some(v),
    },
];

#[component]
fn LanguageSelect(draft: RwSignal<OrganizationUpdate>, errors: Signal<FieldErrors>) -> impl IntoView {
    let i18n = use_i18n();
    let current = move || draft.with(|d| d.settings.dashboard_language.clone());
    view! {
        <div class="field">
            <label for="info-language">{t!(i18n, settings.language)}</label>
            <select
                id="info-language"
                aria-describedby="info-language-error"
                on:change=move |ev| draft.update(|d| d.settings.dashboard_language = event_target_value(&ev))
            >
                {SUPPORTED_LANGUAGES
                    .iter()
                    .map(|code| {
                        view! {
                            <option value=*code lang=*code selected=move || current() == *code>
                                {language_name(code)}
                            </option>
                        }
                    })
                    .collect_view()}
            </select>
            <FieldErrorText
                id="info-language-error"
                error=Signal::derive(move || errors.with(|e| e.get("settings.dashboard_language")))
            />
        </div>
    }
}

#[component]
fn LayoutChoice(draft: RwSignal<OrganizationUpdate>) -> impl IntoView {
    let i18n = use_i18n();
    let choice = move |layout: Layout, id: &'static str| {
        view! {
            <label for=id class="choice">
                <input
                    id=id
                    type="radio"
                    name="dashboard-layout"
                    value=layout.as_str()
                    prop:checked=move || draft.with(|d| d.settings.dashboard_layout == layout)
                    on:change=move |_| draft.update(|d| d.settings.dashboard_layout = layout)
                />
                {move || match layout {
                    Layout::Vertical => t_string!(i18n, settings.layout_vertical),
                    Layout::Horizontal => t_string!(i18n, settings.layout_horizontal),
                }}
            </label>
        }
    };
    view! {
        <fieldset class="radio-group">
            <legend>{t!(i18n, settings.layout)}</legend>
            {choice(Layout::Vertical, "layout-vertical")}
            {choice(Layout::Horizontal, "layout-horizontal")}
        </fieldset>
    }
}

/// A setting that is on or off: its label and how it reads from and writes to the settings.
#[derive(Clone, Copy)]
struct Switch {
    label: fn(I18n) -> &'static str,
    get: fn(&OrgSettings) -> bool,
    put: fn(&mut OrgSettings, bool),
}

const HANDOFF: [Switch; 3] = [
    Switch {
        label: |i| t_string!(i, settings.handoff_enabled),
        get: |s| s.handoff_enabled,
        put: |s, v| s.handoff_enabled = v,
    },
    Switch {
        label: |i| t_string!(i, settings.smart_handoff),
        get: |s| s.smart_handoff_enabled,
        put: |s, v| s.smart_handoff_enabled = v,
    },
    Switch {
        label: |i| t_string!(i, settings.show_handoff_messages),
        get: |s| s.show_handoff_messages,
        put: |s, v| s.show_handoff_messages = v,
    },
];

const FEATURES: [Switch; 2] = [
    Switch {
        label: |i| t_string!(i, settings.canned),
        get: |s| s.canned_responses_enabled,
        put: |s, v| s.canned_responses_enabled = v,
    },
    Switch { label: |i| t_string!(i, settings.billing), get: |s| s.billing_enabled, put: |s, v| s.billing_enabled = v },
];

#[component]
fn SettingCheckbox(switch: Switch, draft: RwSignal<OrganizationUpdate>) -> impl IntoView {
    let i18n = use_i18n();
    let Switch { label, get, put } = switch;
    view! {
        <label class="choice">
            <input
                type="checkbox"
                prop:checked=move || draft.with(|d| get(&d.settings))
                on:change=move |ev| draft.update(|d| put(&mut d.settings, event_target_checked(&ev)))
            />
            {move || label(i18n)}
        </label>
    }
}
