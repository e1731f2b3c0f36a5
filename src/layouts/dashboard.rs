//! The client dashboard's shell: in the org's language, with side or top navigation,
//! showing only the sections this user may open, and marked while staff "log in as".

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::language_picker::LanguagePicker;
use crate::i18n::*;
use crate::layouts::guard::RequireKind;
use crate::layouts::sign_out::SignOutButton;
use crate::state::language;
use crate::state::session::use_session;
use atrium_api::{Layout, Me, Permission, UserKind};
use leptos::prelude::*;
use leptos_router::components::{Outlet, A};
use leptos_router::hooks::use_navigate;

/// The dashboard sections built so far, with the permission each needs.
pub fn visible_sections(me: &Me) -> Vec<Permission> {
    [Permission::Home, Permission::Team].into_iter().filter(|p| me.permissions.contains(p)).collect()
}

#[component]
pub fn DashboardLayout() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <RequireKind kind=UserKind::Client children=move |me| {
            let org = me.org.clone();
            let settings = org.as_ref().map(|o| o.settings.clone()).unwrap_or_default();
            let user_id = me.user.id;
            let org_language = settings.dashboard_language.clone();
            let language = RwSignal::new(language::preferred(user_id).unwrap_or_else(|| org_language.clone()));
            // In an effect: it must run after the i18n provider's start-up effect.
            Effect::new(move |_| {
                if let Ok(locale) = language.get().parse::<Locale>() {
                    i18n.set_locale(locale);
                }
            });
            let choose_language = Callback::new(move |code: String| {
                language::set_preferred(user_id, (code != org_language).then_some(code.as_str()));
                language.set(code);
            });
            let menu_open = RwSignal::new(false);
            let layout_class = match settings.dashboard_layout {
                Layout::Vertical => "shell layout-vertical",
                Layout::Horizontal => "shell layout-horizontal",
            };
            let org_name = org.map(|o| o.name).unwrap_or_default();
            let sections = visible_sections(&me);
            view! {
                <a class="skip-link" href="#main">{t!(i18n, common.skip_to_content)}</a>
                {me.impersonated_by.clone().map(|staff| view! {
                    <ImpersonationBanner org=org_name.clone() user=me.user.name.clone() staff=staff.name/>
                })}
                <div class=layout_class>
                    <header class="topbar">
                        <button type="button" class="menu-button" aria-controls="dashboard-nav"
                            aria-expanded=move || menu_open.get().to_string() on:click=move |_| menu_open.update(|o| *o = !*o)>
                            {t!(i18n, common.menu)}
                        </button>
                        <span class="brand-name">{org_name.clone()}</span>
                        <LanguagePicker current=language on_change=choose_language/>
                        <SignOutButton/>
                    </header>
                    <nav id="dashboard-nav" class="sidenav" class:open=move || menu_open.get()
                        aria-label=move || t_string!(i18n, common.main_navigation)>
                        <ul>
                            {sections.into_iter().map(|p| match p {
                                Permission::Team => view! { <li><A href="/app/team">{t!(i18n, dashboard.nav_team)}</A></li> }.into_any(),
                                _ => view! { <li><A href="/app" exact=true>{t!(i18n, dashboard.nav_home)}</A></li> }.into_any(),
                            }).collect_view()}
                        </ul>
                    </nav>
                    <main id="main" class="content"><Outlet/></main>
                </div>
            }
        }/>
    }
}

/// Visible on every dashboard page while agency staff use "Log in as", with the way back.
#[component]
fn ImpersonationBanner(org: String, user: String, staff: String) -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let back = Action::new_local(|_: &()| api::auth::stop_impersonating());
    Effect::new(move |_| {
        if let Some(Ok(me)) = back.value().get() {
            session.signed_in(me);
            navigate("/agency/orgs", Default::default());
        }
    });
    view! {
        <div class="impersonation-banner" role="status">
            <span>{move || t_string!(i18n, impersonation.banner, org = org.clone(), user = user.clone(), staff = staff.clone()).to_string()}</span>
            <button type="button" on:click=move |_| { back.dispatch(()); }>{t!(i18n, impersonation.back)}</button>
            {move || back.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        </div>
    }
}
