//! A page of organizations as a table.

use crate::i18n::*;
use atrium_api::Organization;
use leptos::prelude::*;

#[component]
pub fn OrgTable(orgs: Vec<Organization>, searching: bool) -> impl IntoView {
    let i18n = use_i18n();
    if orgs.is_empty() {
        return if searching {
            view! { <p class="empty">{t!(i18n, orgs.no_match)}</p> }.into_any()
        } else {
            view! { <p class="empty">{t!(i18n, orgs.empty)}</p> }.into_any()
        };
    }
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{t!(i18n, orgs.title)}</caption>
            <thead>
                <tr>
                    <th scope="col">{t!(i18n, orgs.col_name)}</th>
                    <th scope="col" class="num">{t!(i18n, orgs.col_users)}</th>
                    <th scope="col" class="num">{t!(i18n, orgs.col_agents)}</th>
                    <th scope="col">{t!(i18n, orgs.col_updated)}</th>
                </tr>
            </thead>
            <tbody>
                {orgs.into_iter().map(|org| view! {
                    <tr>
                        <th scope="row">
                            <a href=format!("/agency/orgs/{}", org.id)>{org.name}</a>
                            {org.archived.then(|| view! { <span class="badge">{t!(i18n, orgs.archived_badge)}</span> })}
                        </th>
                        <td class="num">{org.user_count}</td>
                        <td class="num">{org.agent_count}</td>
                        <td><time datetime=org.updated_at.clone()>{date_part(&org.updated_at)}</time></td>
                    </tr>
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// `2026-11-28T04:15:31Z` → `2026-11-28`.
fn date_part(rfc3339: &str) -> String {
    rfc3339.split('T').next().unwrap_or(rfc3339).to_string()
}
