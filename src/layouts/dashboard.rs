//! The client dashboard's shell: in the org's language, with side or top navigation,
//! showing only the sections this user may open, and marked while staff "log in as".

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::language_picker::LanguagePicker;
use crate::components::link::Link;
use crate::i18n::*;
use crate::layouts::guard::RequireKind;
use crate::layouts::section_gate::SectionGate;
use crate::layouts::sign_out::SignOutButton;
use crate::layouts::skip_link::SkipLink;
use crate::pages::not_found::NotAvailable;
use crate::sections::{visible_sections, Section};
use crate::state::dashboard::{provide_dashboard, Dashboard};
use crate::state::language;
use crate::state::live::{provide_live_events, use_live_events, LiveEvents};
use crate::state::session::use_session;
use atrium_api::{ConversationListQuery, ConversationStatus, Layout, Me, UserKind};
use leptos::prelude::*;
use leptos_router::hooks::{use_location, use_navigate};

#[component]
pub fn DashboardLayout() -> impl IntoView {
    view! {
        <RequireKind
            kind=UserKind::Client
            children=move |me| {
                crate::app::prefetch_likely_next(UserKind::Client);
                view! { <DashboardShell me=me /> }
            }
        />
    }
}

#[component]
fn DashboardShell(me: Me) -> impl IntoView {
    let i18n = use_i18n();
    let Some(Dashboard { org, .. }) = provide_dashboard(&me) else {
        return view! { <NotAvailable /> }.into_any();
    };
    let (language, choose_language) = dashboard_language(me.user.id, org.settings.dashboard_language.clone());
    let menu_open = RwSignal::new(false);
    let menu_button = NodeRef::<leptos::html::Button>::new();
    // Escape closes the phone menu and gives focus back to its button.
    let close_menu_on_escape = crate::focus::escape_closes(menu_open, menu_button);
    let layout_class = match org.settings.dashboard_layout {
        Layout::Vertical => "shell layout-vertical",
        Layout::Horizontal => "shell layout-horizontal",
    };
    // New settings apply live: reload who I am, and with it the org's settings.
    let session = use_session();
    let reload_me = Callback::new(move |_| {
        leptos::task::spawn_local(async move {
            if let Ok(Some(me)) = api::auth::me().await {
                session.signed_in(me);
            }
        });
    });
    let live = provide_live_events(org.id, reload_me);
    let sections = visible_sections(&me);
    let waiting = waiting_count(org.id, live, sections.contains(&Section::Conversations));
    let impersonated = me.impersonated_by.clone().map(|staff| {
        view! { <ImpersonationBanner org=org.name.clone() user=me.user.name.clone() staff=staff.name /> }
    });
    view! {
        <SkipLink />
        {impersonated}
        <div class=layout_class>
            <header class="topbar">
                <button
                    type="button"
                    class="menu-button"
                    aria-controls="dashboard-nav"
                    node_ref=menu_button
                    on:keydown=close_menu_on_escape
                    aria-expanded=move || menu_open.get().to_string()
                    on:click=move |_| menu_open.update(|o| *o = !*o)
                >
                    {t!(i18n, common.menu)}
                </button>
                <span class="brand-name">{org.name.clone()}</span>
                <LanguagePicker current=language on_change=choose_language />
                {me
                    .impersonated_by
                    .is_none()
                    .then(|| view! { <Link href="/app/account">{t!(i18n, account.link)}</Link> })}
                <SignOutButton />
            </header>
            <nav
                id="dashboard-nav"
                class="sidenav"
                class:open=move || menu_open.get()
                on:keydown=close_menu_on_escape
                aria-label=move || t_string!(i18n, common.main_navigation)
            >
                <ul>
                    {sections
                        .into_iter()
                        .map(|section| view! { <NavItem section=section waiting=waiting /> })
                        .collect_view()}
                </ul>
            </nav>
            <main id="main" class="content" tabindex="-1">
                <HandoffNotice />
                <SectionGate />
            </main>
        </div>
    }
    .into_any()
}

/// The dashboard's language: the user's own choice on this device, else the org's; the
/// strings of the language wanted are loaded and shown once they arrive.
fn dashboard_language(user_id: i64, org_language: String) -> (RwSignal<String>, Callback<String>) {
    let i18n = use_i18n();
    let language = RwSignal::new(language::preferred(user_id).unwrap_or_else(|| org_language.clone()));
    let wanted =
        Signal::derive(move || language.get().parse::<Locale>().unwrap_or_else(|_| i18n.get_locale_untracked()));
    crate::locale_strings::show(wanted);
    let choose = Callback::new(move |code: String| {
        language::set_preferred(user_id, (code != org_language).then_some(code.as_str()));
        language.set(code);
    });
    (language, choose)
}

/// How many conversations wait for a person, counted afresh on every live event; none
/// for a user who may not open the inbox.
fn waiting_count(org_id: i64, live: LiveEvents, can_see_conversations: bool) -> LocalResource<u64> {
    LocalResource::new(move || {
        live.version.get();
        async move {
            if !can_see_conversations {
                return 0;
            }
            let q = ConversationListQuery {
                status: Some(ConversationStatus::Waiting),
                per_page: Some(1),
                ..Default::default()
            };
            api::conversations::list_conversations(org_id, &q).await.map(|l| l.total).unwrap_or(0)
        }
    })
}

/// A section's link; the inbox's says how many conversations wait.
#[component]
fn NavItem(section: Section, waiting: LocalResource<u64>) -> impl IntoView {
    let i18n = use_i18n();
    let label = move || match section {
        Section::Home => t_string!(i18n, dashboard.nav_home),
        Section::Conversations => t_string!(i18n, dashboard.nav_conversations),
        Section::Analytics => t_string!(i18n, dashboard.nav_analytics),
        Section::CannedResponses => t_string!(i18n, dashboard.nav_canned),
        Section::Team => t_string!(i18n, dashboard.nav_team),
        Section::Billing => t_string!(i18n, dashboard.nav_billing),
    };
    let badge = move || {
        (section == Section::Conversations).then(|| waiting.get().filter(|n| *n > 0)).flatten().map(|n| {
            view! {
                " "
                <span class="badge count">{move || t_string!(i18n, inbox.waiting_count, count = n).to_string()}</span>
            }
        })
    };
    view! {
        <li>
            <Link href=section.path() exact=true>
                {label}
                {badge}
            </Link>
        </li>
    }
}

/// Visible on every dashboard page while agency staff use "Log in as", with the way back;
/// in the staff member's own language (the console's), not the client's.
#[component]
fn ImpersonationBanner(org: String, user: String, staff: String) -> impl IntoView {
    let session = use_session();
    let navigate = use_navigate();
    let back = Action::new_local(|_: &()| api::impersonation::stop_impersonating());
    Effect::new(move |_| {
        if let Some(Ok(me)) = back.value().get() {
            session.signed_in(me);
            navigate("/agency/orgs", Default::default());
        }
    });
    let locale = crate::locale_strings::shown_once_loaded(Signal::stored(crate::locale_strings::browser_locale()));
    view! {
        <div
            class="impersonation-banner"
            role="status"
            lang=move || locale.get().as_str()
            dir=move || locale.get().direction().as_str()
        >
            <span>
                {move || {
                    td_string!(
                        locale.get(), impersonation.banner, org = org.clone(), user = user.clone(), staff = staff.clone()
                    )
                        .to_string()
                }}
            </span>
            <button
                type="button"
                on:click=move |_| {
                    back.dispatch(());
                }
            >
                {move || td_string!(locale.get(), impersonation.back)}
            </button>
            {move || back.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        </div>
    }
}

/// "A visitor is waiting for a person", when a handoff request arrives live; not for the
/// conversation already on screen, which shows the request itself.
#[component]
fn HandoffNotice() -> impl IntoView {
    let i18n = use_i18n();
    let Some(live) = use_live_events() else {
        return ().into_any();
    };
    let location = use_location();
    let on_screen =
        move |id: i64| crate::app::without_base(&location.pathname.get()) == format!("/app/conversations/{id}");
    view! {
        {move || {
            live.handoff
                .get()
                .filter(|id| !on_screen(*id))
                .map(|id| {
                    view! {
                        <div class="notice notice-info live-notice" role="alert">
                            <span>{move || t_string!(i18n, inbox.new_handoff)}</span>
                            <a href=crate::app::with_base(
                                &format!("/app/conversations/{id}"),
                            )>{move || t_string!(i18n, inbox.open_it)}</a>
                            <button type="button" class="small" on:click=move |_| live.handoff.set(None)>
                                {move || t_string!(i18n, inbox.dismiss)}
                            </button>
                        </div>
                    }
                })
        }}
    }
    .into_any()
}
