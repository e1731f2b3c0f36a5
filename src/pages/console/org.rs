//! `/agency/orgs/:id`: one organization, its setup checklist and its tabs.

pub mod activity;
pub mod agents;
pub mod billing;
pub mod people;
pub mod rules;
pub mod settings;

use crate::api::ApiError;
use crate::components::error_notice::ErrorNotice;
use crate::components::link::Link;
use crate::components::loading::Loading;
use crate::components::setup_checklist::SetupChecklist;
use crate::i18n::*;
use crate::state::current_org::{current_org_id, provide_current_org};
use leptos::prelude::*;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrgPage() -> impl IntoView {
    let i18n = use_i18n();
    let params = use_params_map();
    let id = Memo::new(move |_| params.with(|p| p.get("id").and_then(|v| v.parse::<i64>().ok())));
    let current = provide_current_org();
    let shown = current_org_id();
    let load_error = RwSignal::new(None::<ApiError>);
    Effect::new(move |_| {
        let Some(id) = id.get() else {
            load_error.set(Some(ApiError::NotFound));
            return;
        };
        leptos::task::spawn_local(async move {
            if let Err(e) = current.load(id).await {
                load_error.set(Some(e));
            }
        });
    });
    let base = move || format!("/agency/orgs/{}", id.get().unwrap_or_default());

    view! {
        <p>
            <Link href="/agency/orgs" exact=true>
                {t!(i18n, org.back)}
            </Link>
        </p>
        {move || load_error.get().map(|e| view! { <ErrorNotice error=e /> })}
        {move || (current.get().is_none() && load_error.get().is_none()).then(|| view! { <Loading /> })}
        {move || {
            current
                .get()
                .map(|org| {
                    view! {
                        <h1>{org.name.clone()}</h1>
                        {org
                            .archived
                            .then(|| {
                                view! {
                                    <p class="notice notice-warning" role="status">
                                        {t!(i18n, org.archived_notice)}
                                    </p>
                                }
                            })}
                        <SetupChecklist org=org />
                        <nav class="tabs" aria-label=move || t_string!(i18n, org.tabs_label)>
                            <ul>
                                <li>
                                    <Link href=base() exact=true>
                                        {t!(i18n, org.tab_info)}
                                    </Link>
                                </li>
                                <li>
                                    <Link href=format!("{}/agents", base())>{t!(i18n, org.tab_agents)}</Link>
                                </li>
                                <li>
                                    <Link href=format!("{}/users", base())>{t!(i18n, org.tab_users)}</Link>
                                </li>
                                <li>
                                    <Link href=format!("{}/teams", base())>{t!(i18n, org.tab_teams)}</Link>
                                </li>
                                <li>
                                    <Link href=format!("{}/rules", base())>{t!(i18n, org.tab_rules)}</Link>
                                </li>
                                <li>
                                    <Link href=format!("{}/billing", base())>{t!(i18n, org.tab_billing)}</Link>
                                </li>
                                <li>
                                    <Link href=format!("{}/activity", base())>{t!(i18n, org.tab_activity)}</Link>
                                </li>
                            </ul>
                        </nav>
                    }
                })
        }}
        // Made afresh for each org: a tab is given the org it shows once, as a value.
        {move || shown.get().map(|_| view! { <Outlet /> })}
    }
}
