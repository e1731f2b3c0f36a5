//! The Activity tab: who changed what, in words, newest first.

use crate::api;
use crate::components::fetched::Fetched;
use crate::components::local_time::LocalTime;
use crate::components::pagination::Pagination;
use crate::components::table_box::TableBox;
use crate::i18n::*;
use crate::state::current_org::use_current_org;
use atrium_api::ListQuery;
use leptos::prelude::*;

#[component]
pub fn OrgActivityPage() -> impl IntoView {
    let i18n = use_i18n();
    let current = use_current_org();
    let Some(org) = current.get_untracked() else {
        return ().into_any();
    };
    let page = RwSignal::new(1u32);
    let entries = LocalResource::new(move || api::orgs::activity(org.id, page.get()));
    // To name the agents that entries list by id.
    let pool = LocalResource::new(api::agents::list_all);
    view! {
        <h2>{t!(i18n, activity.title)}</h2>
        <Fetched
            resource=pool
            children=move |pool| {
                let agents = StoredValue::new(pool.items);
                let agent = move |id: i64| {
                    agents
                        .with_value(|a| a.iter().find(|a| a.id == id).map(|a| a.name.clone()))
                        .unwrap_or_else(|| format!("#{id}"))
                };
                view! {
                    <Fetched
                        resource=entries
                        children=move |list| {
                            if list.items.is_empty() {
                                return view! { <p class="empty">{t!(i18n, activity.empty)}</p> }.into_any();
                            }
                            let page_count = ListQuery {
                                page: Some(page.get_untracked()),
                                ..Default::default()
                            }
                                .page_count(list.total);
                            view! {
                                <TableBox>
                                    <table class="data-table">
                                        <caption class="visually-hidden">{t!(i18n, activity.title)}</caption>
                                        <thead>
                                            <tr>
                                                <th scope="col">{t!(i18n, activity.col_when)}</th>
                                                <th scope="col">{t!(i18n, activity.col_who)}</th>
                                                <th scope="col">{t!(i18n, activity.col_what)}</th>
                                            </tr>
                                        </thead>
                                        <tbody>
                                            {list
                                                .items
                                                .into_iter()
                                                .map(|e| {
                                                    let what = crate::activity_text::describe(i18n, &e, &agent);
                                                    view! {
                                                        <tr>
                                                            <td>
                                                                <LocalTime at=e.created_at.clone() with_time=true />
                                                            </td>
                                                            <td>
                                                                {match e.actor {
                                                                    Some(a) => a.name.into_any(),
                                                                    None => t!(i18n, activity.deleted_user).into_any(),
                                                                }}
                                                                {e
                                                                    .on_behalf_of
                                                                    .map(|client| {
                                                                        view! {
                                                                            " "
                                                                            <span class="muted">
                                                                                {t_string!(i18n, activity.on_behalf_of, name = client.name)
                                                                                    .to_string()}
                                                                            </span>
                                                                        }
                                                                    })}
                                                            </td>
                                                            <td>
                                                                <bdi>{what}</bdi>
                                                            </td>
                                                        </tr>
                                                    }
                                                })
                                                .collect_view()}
                                        </tbody>
                                    </table>
                                </TableBox>
                                <Pagination
                                    page=page.get_untracked()
                                    page_count=page_count
                                    on_page=Callback::new(move |p| page.set(p))
                                />
                            }
                                .into_any()
                        }
                    />
                }
            }
        />
    }
    .into_any()
}
