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
use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Redirect, Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    view! {
        <I18nContextProvider>
            <Providers/>
        </I18nContextProvider>
    }
}

#[component]
fn Providers() -> impl IntoView {
    provide_session();
    provide_branding();
    crate::locale_strings::keep_loaded();
    crate::focus::keep_focus_when_redrawn();
    view! {
        <Router base=router_base()>
            <Routes fallback=NotFound>
                <Route path=path!("/") view=StartRedirect/>
                <Route path=path!("/login") view=LoginPage/>
                <Route path=path!("/forgot-password") view=ForgotPasswordPage/>
                <Route path=path!("/reset-password") view=ResetPasswordPage/>
                <Route path=path!("/embed") view=EmbedPage/>
                <ParentRoute path=path!("/agency") view=ConsoleLayout>
                    <Route path=path!("/orgs") view=OrgsPage/>
                    <Route path=path!("/orgs/new") view=NewOrgPage/>
                    <ParentRoute path=path!("/orgs/:id") view=OrgPage>
                        <Route path=path!("") view=OrgSettingsPage/>
                        <Route path=path!("/agents") view=OrgAgentsPage/>
                        <Route path=path!("/users") view=OrgUsersTab/>
                        <Route path=path!("/teams") view=OrgTeamsTab/>
                        <Route path=path!("/rules") view=OrgRulesTab/>
                        <Route path=path!("/billing") view=OrgBillingTab/>
                        <Route path=path!("/activity") view=OrgActivityPage/>
                    </ParentRoute>
                    <Route path=path!("/agents") view=AgentsPoolPage/>
                    <Route path=path!("/branding") view=BrandingPage/>
                    <Route path=path!("/plans") view=PlansPage/>
                    <Route path=path!("/staff") view=StaffPage/>
                    <Route path=path!("/integrations") view=IntegrationsPage/>
                    <Route path=path!("/account") view=AccountPage/>
                    <Route path=path!("") view=|| view! { <Redirect path="/agency/orgs"/> }/>
                </ParentRoute>
                <ParentRoute path=path!("/app") view=DashboardLayout>
                    <Route path=path!("") view=DashboardHome/>
                    <Route path=path!("/team") view=DashboardTeamPage/>
                    <Route path=path!("/account") view=AccountPage/>
                    <Route path=path!("/conversations") view=InboxPage/>
                    <Route path=path!("/conversations/:id") view=ConversationPage/>
                    <Route path=path!("/canned") view=CannedPage/>
                    <Route path=path!("/analytics") view=AnalyticsPage/>
                    <Route path=path!("/billing") view=BillingPage/>
                    <Route path=path!("/*any") view=NotAvailable/>
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
            <StartupErrorText/>
        </I18nContextProvider>
    }
}

#[component]
fn StartupErrorText() -> impl IntoView {
    let i18n = use_i18n();
    view! { <main class="startup-error"><p role="alert">{t!(i18n, errors.startup)}</p></main> }
}
