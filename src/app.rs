//! The providers and the route table.

use crate::i18n::*;
use crate::layouts::console::ConsoleLayout;
use crate::layouts::dashboard::DashboardLayout;
use crate::pages::account::AccountPage;
use crate::pages::console::agents::AgentsPoolPage;
use crate::pages::console::branding::BrandingPage;
use crate::pages::console::integrations::IntegrationsPage;
use crate::pages::console::org::activity::OrgActivityPage;
use crate::pages::console::org::agents::OrgAgentsPage;
use crate::pages::console::org::billing::OrgBillingTab;
use crate::pages::console::org::people::{OrgTeamsTab, OrgUsersTab};
use crate::pages::console::org::rules::OrgRulesTab;
use crate::pages::console::org::settings::OrgSettingsPage;
use crate::pages::console::org::OrgPage;
use crate::pages::console::org_new::NewOrgPage;
use crate::pages::console::orgs::OrgsPage;
use crate::pages::console::plans::PlansPage;
use crate::pages::console::staff::StaffPage;
use crate::pages::dashboard::analytics::AnalyticsPage;
use crate::pages::dashboard::billing::BillingPage;
use crate::pages::dashboard::canned::CannedPage;
use crate::pages::dashboard::conversation::ConversationPage;
use crate::pages::dashboard::conversations::InboxPage;
use crate::pages::dashboard::home::DashboardHome;
use crate::pages::dashboard::team::DashboardTeamPage;
use crate::pages::embed::EmbedPage;
use crate::pages::login::LoginPage;
use crate::pages::not_found::{NotAvailable, NotFound};
use crate::pages::password_reset::{ForgotPasswordPage, ResetPasswordPage};
use crate::pages::start::StartRedirect;
use crate::state::branding::provide_branding;
use crate::state::session::provide_session;
use atrium_api::UserKind;
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;
use leptos_router::{Lazy, LazyRoute};

/// Each page as a route whose code arrives when the route is first matched: with the
/// `split` feature the page is its own wasm chunk (scripts/build-client.sh splits it).
macro_rules! lazy_routes {
    ($($route:ident => $page:ident),* $(,)?) => {$(
        pub struct $route;
        #[cfg(feature = "split")]
        #[leptos_router::lazy_route]
        impl LazyRoute for $route {
            fn data() -> Self { Self }
            fn view(_this: Self) -> AnyView { view! { <$page/> }.into_any() }
        }
        #[cfg(not(feature = "split"))]
        impl LazyRoute for $route {
            fn data() -> Self { Self }
            async fn view(_this: Self) -> AnyView { view! { <$page/> }.into_any() }
        }
    )*};
}

lazy_routes! {
    SharedConsoleAccountRoute => AccountPage,
    SharedDashboardAccountRoute => AccountPage,
    ConsoleAgentsPoolRoute => AgentsPoolPage,
    DashboardAnalyticsRoute => AnalyticsPage,
    SharedBillingRoute => BillingPage,
    ConsoleBrandingRoute => BrandingPage,
    DashboardCannedRoute => CannedPage,
    DashboardConversationRoute => ConversationPage,
    DashboardHomeRoute => DashboardHome,
    SharedTeamRoute => DashboardTeamPage,
    AuthEmbedRoute => EmbedPage,
    AuthForgotPasswordRoute => ForgotPasswordPage,
    DashboardInboxRoute => InboxPage,
    ConsoleIntegrationsRoute => IntegrationsPage,
    ConsoleNewOrgRoute => NewOrgPage,
    ConsoleOrgActivityRoute => OrgActivityPage,
    ConsoleOrgAgentsRoute => OrgAgentsPage,
    SharedOrgBillingRoute => OrgBillingTab,
    ConsoleOrgRulesRoute => OrgRulesTab,
    ConsoleOrgSettingsRoute => OrgSettingsPage,
    SharedOrgTeamsRoute => OrgTeamsTab,
    SharedOrgUsersRoute => OrgUsersTab,
    ConsoleOrgsRoute => OrgsPage,
    ConsolePlansRoute => PlansPage,
    AuthResetPasswordRoute => ResetPasswordPage,
    ConsoleStaffRoute => StaffPage,
    ConsoleLayoutRoute => ConsoleLayout,
    DashboardLayoutRoute => DashboardLayout,
    ConsoleOrgRoute => OrgPage,
}

/// The code of the pages a signed-in user most likely opens next (staff: the org list and
/// an org's page; client users: the home page, the inbox and a conversation), fetched once
/// the browser is idle after the first page, so that moving there waits only for its data.
pub fn prefetch_likely_next(kind: UserKind) {
    when_idle(async move {
        match kind {
            UserKind::Staff => {
                futures::join!(
                    <ConsoleOrgsRoute as LazyRoute>::preload(),
                    <ConsoleOrgRoute as LazyRoute>::preload(),
                    <ConsoleOrgSettingsRoute as LazyRoute>::preload(),
                );
            }
            UserKind::Client => {
                futures::join!(
                    <DashboardHomeRoute as LazyRoute>::preload(),
                    <DashboardInboxRoute as LazyRoute>::preload(),
                    <DashboardConversationRoute as LazyRoute>::preload(),
                );
            }
        }
    });
}

/// Runs `work` when the browser is next idle, two seconds from now: the main thread is
/// idle while the first page waits for its data too, and that download comes first.
fn when_idle(work: impl std::future::Future<Output = ()> + 'static) {
    use wasm_bindgen::closure::Closure;
    use wasm_bindgen::JsCast;
    let run = Closure::once_into_js(move || leptos::task::spawn_local(work));
    let wait = Closure::once_into_js(move || {
        let Some(window) = web_sys::window() else { return };
        // Browsers without requestIdleCallback: now.
        if window.request_idle_callback(run.unchecked_ref()).is_err() {
            let _ = run.unchecked_ref::<js_sys::Function>().call0(&wasm_bindgen::JsValue::NULL);
        }
    });
    if let Some(window) = web_sys::window() {
        let _ = window.set_timeout_with_callback_and_timeout_and_arguments_0(wait.unchecked_ref(), 2_000);
    }
}

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Providers />
        </I18nContextProvider>
    }
}

#[component]
fn Providers() -> impl IntoView {
    provide_session();
    provide_branding();
    crate::locale_strings::keep_loaded();
    crate::focus::keep_focus_when_redrawn();
    crate::page_title::follow_heading();
    view! {
        <Router base=router_base()>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=StartRedirect />
                <Route path=path!("/login") view=LoginPage />
                <Route path=path!("/forgot-password") view={Lazy::<AuthForgotPasswordRoute>::new()} />
                <Route path=path!("/reset-password") view={Lazy::<AuthResetPasswordRoute>::new()} />
                <Route path=path!("/embed") view={Lazy::<AuthEmbedRoute>::new()} />
                <ParentRoute path=path!("/agency") view={Lazy::<ConsoleLayoutRoute>::new()}>
                    <Route path=path!("/orgs") view={Lazy::<ConsoleOrgsRoute>::new()} />
                    <Route path=path!("/orgs/new") view={Lazy::<ConsoleNewOrgRoute>::new()} />
                    <ParentRoute path=path!("/orgs/:id") view={Lazy::<ConsoleOrgRoute>::new()}>
                        <Route path=path!("") view={Lazy::<ConsoleOrgSettingsRoute>::new()} />
                        <Route path=path!("/agents") view={Lazy::<ConsoleOrgAgentsRoute>::new()} />
                        <Route path=path!("/users") view={Lazy::<SharedOrgUsersRoute>::new()} />
                        <Route path=path!("/teams") view={Lazy::<SharedOrgTeamsRoute>::new()} />
                        <Route path=path!("/rules") view={Lazy::<ConsoleOrgRulesRoute>::new()} />
                        <Route path=path!("/billing") view={Lazy::<SharedOrgBillingRoute>::new()} />
                        <Route path=path!("/activity") view={Lazy::<ConsoleOrgActivityRoute>::new()} />
                    </ParentRoute>
                    <Route path=path!("/agents") view={Lazy::<ConsoleAgentsPoolRoute>::new()} />
                    <Route path=path!("/branding") view={Lazy::<ConsoleBrandingRoute>::new()} />
                    <Route path=path!("/plans") view={Lazy::<ConsolePlansRoute>::new()} />
                    <Route path=path!("/staff") view={Lazy::<ConsoleStaffRoute>::new()} />
                    <Route path=path!("/integrations") view={Lazy::<ConsoleIntegrationsRoute>::new()} />
                    <Route path=path!("/account") view={Lazy::<SharedConsoleAccountRoute>::new()} />
                    <Route path=path!("") view=|| view! { <Redirect path="/agency/orgs" /> } />
                </ParentRoute>
                <ParentRoute path=path!("/app") view={Lazy::<DashboardLayoutRoute>::new()}>
                    <Route path=path!("") view={Lazy::<DashboardHomeRoute>::new()} />
                    <Route path=path!("/team") view={Lazy::<SharedTeamRoute>::new()} />
                    <Route path=path!("/account") view={Lazy::<SharedDashboardAccountRoute>::new()} />
                    <Route path=path!("/conversations") view={Lazy::<DashboardInboxRoute>::new()} />
                    <Route path=path!("/conversations/:id") view={Lazy::<DashboardConversationRoute>::new()} />
                    <Route path=path!("/canned") view={Lazy::<DashboardCannedRoute>::new()} />
                    <Route path=path!("/analytics") view={Lazy::<DashboardAnalyticsRoute>::new()} />
                    <Route path=path!("/billing") view={Lazy::<SharedBillingRoute>::new()} />
                    <Route path=path!("/*any") view=NotAvailable />
                </ParentRoute>
            </Routes>
        </Router>
    }
}

/// `path` as the router knows it: without the base path the client is served under (the
/// browser's location has it, the router's paths do not).
pub fn without_base(path: &str) -> String {
    let base = router_base();
    match path.strip_prefix(base.as_str()) {
        Some(rest) if !base.is_empty() && (rest.is_empty() || rest.starts_with('/')) => {
            if rest.is_empty() {
                "/".into()
            } else {
                rest.to_string()
            }
        }
        _ => path.to_string(),
    }
}

/// A plain link's `href` for the router path `path` (an `<a>`, not the router's `<A>`,
/// which adds the base itself): the base path the client is served under, then `path`.
pub fn with_base(path: &str) -> String {
    format!("{}{path}", router_base())
}

/// The path `dist/` is served under, from the `<base href>` Trunk writes; empty at the root.
fn router_base() -> String {
    let base = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.base_uri().ok().flatten())
        .and_then(|uri| web_sys::Url::new(&uri).ok())
        .map(|url| url.pathname())
        .unwrap_or_default();
    base.trim_end_matches('/').to_string()
}

/// Shown when `config.json` cannot be read: without it the app does not know its backend.
#[component]
pub fn StartupError() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <StartupErrorText />
        </I18nContextProvider>
    }
}

#[component]
fn StartupErrorText() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <main class="startup-error">
            <p role="alert">{t!(i18n, errors.startup)}</p>
        </main>
    }
}
