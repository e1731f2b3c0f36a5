//! The client dashboard's shell: in the org's language, with side or top navigation.

use crate::i18n::*;
use crate::layouts::guard::RequireKind;
use crate::layouts::sign_out::SignOutButton;
use atrium_api::{Layout, UserKind};
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};

#[component]
pub fn DashboardLayout() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <RequireKind kind=UserKind::Client children=move |me| {
            let org = me.org.clone();
            let settings = org.as_ref().map(|o| o.settings.clone()).unwrap_or_default();
            // In an effect: it must run after the i18n provider's start-up effect.
            let language = settings.dashboard_language.clone();
            Effect::new(move |_| {
                if let Ok(locale) = language.parse::<Locale>() {
                    i18n.set_locale(locale);
                }
            });
            let layout_class = match settings.dashboard_layout {
                Layout::Vertical => "shell layout-vertical",
                Layout::Horizontal => "shell layout-horizontal",
            };
            let org_name = org.map(|o| o.name).unwrap_or_default();
            view! {
                <a class="skip-link" href="#main">{t!(i18n, common.skip_to_content)}</a>
                <div class=layout_class>
                    <header class="topbar">
                        <span class="brand-name">{org_name}</span>
                        <SignOutButton/>
                    </header>
                    <nav class="sidenav" aria-label=move || t_string!(i18n, common.main_navigation)>
                        <ul>
                            <li><A href="/app" exact=true>{t!(i18n, dashboard.nav_home)}</A></li>
                        </ul>
                    </nav>
                    <main id="main" class="content"><Outlet/></main>
                </div>
            }
        }/>
    }
}
