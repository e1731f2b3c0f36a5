//! The agency console's shell: brand, navigation, the signed-in staff member.

use crate::components::link::Link;
use crate::i18n::*;
use crate::layouts::guard::RequireKind;
use crate::layouts::sign_out::SignOutButton;
use crate::layouts::skip_link::SkipLink;
use crate::state::branding::use_branding;
use atrium_api::UserKind;
use leptos::prelude::*;
use leptos_router::components::Outlet;

#[component]
pub fn ConsoleLayout() -> impl IntoView {
    let i18n = use_i18n();
    let branding = use_branding();
    // The staff member's own language, also after "Log in as" showed a client's.
    crate::locale_strings::show(Signal::stored(crate::locale_strings::browser_locale()));
    view! {
        <RequireKind
            kind=UserKind::Staff
            children=move |me| {
                crate::app::prefetch_likely_next(UserKind::Staff);
                view! {
                    <SkipLink />
                    <div class="shell layout-vertical">
                        <header class="topbar">
                            <span class="brand-name">{move || branding.name()}</span>
                            <span class="muted">
                                {t_string!(i18n, console.signed_in_as, name = me.user.name.clone()).to_string()}
                            </span>
                            <Link href="/agency/account">{t!(i18n, account.link)}</Link>
                            <SignOutButton />
                        </header>
                        <nav class="sidenav" aria-label=move || t_string!(i18n, common.main_navigation)>
                            <ul>
                                <li>
                                    <Link href="/agency/orgs">{t!(i18n, console.nav_orgs)}</Link>
                                </li>
                                <li>
                                    <Link href="/agency/agents">{t!(i18n, console.nav_agents)}</Link>
                                </li>
                                <li>
                                    <Link href="/agency/staff">{t!(i18n, staff.nav)}</Link>
                                </li>
                                <li>
                                    <Link href="/agency/plans">{t!(i18n, billing.plans_nav)}</Link>
                                </li>
                                <li>
                                    <Link href="/agency/branding">{t!(i18n, branding.nav)}</Link>
                                </li>
                                {me
                                    .role
                                    .manages_agency()
                                    .then(|| {
                                        view! {
                                            <li>
                                                <Link href="/agency/integrations">{t!(i18n, integrations.nav)}</Link>
                                            </li>
                                        }
                                    })}
                            </ul>
                        </nav>
                        <main id="main" class="content" tabindex="-1">
                            <Outlet />
                        </main>
                    </div>
                }
            }
        />
    }
}
