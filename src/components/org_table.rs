//! A page of organizations as a table.

use crate::components::local_time::LocalTime;
use crate::components::table_box::TableBox;
use crate::i18n::*;
use atrium_api::Organization;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn OrgTable(orgs: Vec<Organization>, searching: bool, on_clear: Callback<()>) -> impl IntoView {
    let i18n = use_i18n();
    if orgs.is_empty() {
        return if searching {
            view! {
                <div class="empty">
                    <p>{t!(i18n, orgs.no_match)}</p>
                    <button type="button" on:click=move |_| on_clear.run(())>
                        {t!(i18n, common.clear_search)}
                    </button>
                </div>
            }
            .into_any()
        } else {
            view! { <p class="empty">{t!(i18n, orgs.empty)}</p> }.into_any()
        };
    }
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{t!(i18n, orgs.title)}</caption>
                <thead>
                    <tr>
                        <th scope="col">{t!(i18n, orgs.col_name)}</th>
                        <th scope="col" class="num">
                            {t!(i18n, orgs.col_users)}
                        </th>
                        <th scope="col" class="num">
                            {t!(i18n, orgs.col_agents)}
                        </th>
                        <th scope="col">{t!(i18n, orgs.col_updated)}</th>
                    </tr>
                </thead>
                <tbody>
                    {orgs
                        .into_iter()
                        .map(|org| {
                            view! {
                                <tr>
                                    <th scope="row">
                                        <a href=crate::app::with_base(
                                            &format!("/agency/orgs/{}", org.id),
                                        )>{org.name}</a>
                                        {org
                                            .archived
                                            .then(|| {
                                                view! { <span class="badge">{t!(i18n, orgs.archived_badge)}</span> }
                                            })}
                                    </th>
                                    <td class="num">
                                        {move || crate::format::number(org.user_count, i18n.get_locale().as_str())}
                                    </td>
                                    <td class="num">
                                        {move || crate::format::number(org.agent_count, i18n.get_locale().as_str())}
                                    </td>
                                    <td>
                                        <LocalTime at=org.updated_at.clone() />
                                    </td>
                                </tr>
                            }
                        })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
    .into_any()
}
