//! A small client dashboard drawn from settings that may not be saved yet: its
//! language, its layout, its handoff controls and messages, its billing menu.

use crate::i18n::*;
use atrium_api::{Layout, OrgSettings};
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn DashboardPreview(
    #[prop(into)] org_name: Signal<String>,
    #[prop(into)] settings: Signal<OrgSettings>,
) -> impl IntoView {
    let i18n = use_i18n();
    let wanted = Signal::derive(move || settings.with(|s| s.dashboard_language.parse::<Locale>().unwrap_or_default()));
    let locale = crate::locale_strings::shown_once_loaded(wanted);
    view! {
        <section class="preview card" aria-labelledby="preview-title">
            <h2 id="preview-title">{t!(i18n, preview.title)}</h2>
            <p class="muted">{t!(i18n, preview.caption)}</p>
            <I18nSubContextProvider initial_locale=locale>
                <PreviewBody org_name=org_name settings=settings />
            </I18nSubContextProvider>
        </section>
    }
}

/// Rendered in the draft's language (a sub-context), with no real controls: it only shows.
#[component]
fn PreviewBody(org_name: Signal<String>, settings: Signal<OrgSettings>) -> impl IntoView {
    let i18n = use_i18n();
    let s = move || settings.get();
    let layout_class = move || match s().dashboard_layout {
        Layout::Vertical => "preview-shell layout-vertical",
        Layout::Horizontal => "preview-shell layout-horizontal",
    };
    let nav = move || {
        let s = s();
        let mut items = vec![
            t_string!(i18n, dashboard.nav_home).to_string(),
            t_string!(i18n, dashboard.nav_conversations).to_string(),
            t_string!(i18n, dashboard.nav_analytics).to_string(),
        ];
        if s.canned_responses_enabled {
            items.push(t_string!(i18n, dashboard.nav_canned).to_string());
        }
        items.push(t_string!(i18n, dashboard.nav_team).to_string());
        if s.billing_enabled {
            items.push(t_string!(i18n, dashboard.nav_billing).to_string());
        }
        items
    };
    view! {
        <div
            class=layout_class
            lang=move || i18n.get_locale().as_str()
            dir=move || i18n.get_locale().direction().as_str()
            data-testid="dashboard-preview"
        >
            <div class="preview-top">{org_name}</div>
            <ul class="preview-nav">
                {move || nav().into_iter().map(|item| view! { <li>{item}</li> }).collect_view()}
            </ul>
            <div class="preview-main">
                <p class="bubble visitor">{t!(i18n, preview.sample_visitor)}</p>
                {move || {
                    (s().handoff_enabled && s().show_handoff_messages)
                        .then(|| view! { <p class="bubble system">{t!(i18n, preview.sample_system)}</p> })
                }}
                {move || {
                    s()
                        .handoff_enabled
                        .then(|| {
                            view! {
                                <div class="preview-actions">
                                    <span class="fake-button">{t!(i18n, preview.handle_chat)}</span>
                                    <span class="fake-button">{t!(i18n, preview.pass_to_ai)}</span>
                                </div>
                            }
                        })
                }}
            </div>
        </div>
    }
}
