//! A table of secrets known by prefix (API keys, embed secrets): when each was made, whether
//! it is revoked, and a Revoke button for those still active, which asks first
//! (revoking cannot be undone).

use crate::api::ApiError;
use crate::components::ask_first::AskFirst;
use crate::components::local_time::LocalTime;
use crate::components::row_actions::RowActions;
use crate::components::table_box::TableBox;
use crate::i18n::*;
use leptos::prelude::*;
use leptos::text_prop::TextProp;
use leptos_i18n::Locale as _;

/// One secret as the table shows it.
pub struct KeyRow {
    pub id: i64,
    pub prefix: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

#[component]
pub fn KeyTable(
    rows: Vec<KeyRow>,
    #[prop(into)] caption: TextProp,
    /// The Revoke button's text for a prefix (names which secret it revokes).
    revoke_label: fn(&str) -> String,
    revoke: Action<i64, Result<(), ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <TableBox>
            <table class="data-table">
                <caption class="visually-hidden">{move || caption.get()}</caption>
                <thead>
                    <tr>
                        <th scope="col">{move || t_string!(i18n, integrations.prefix)}</th>
                        <th scope="col">{move || t_string!(i18n, integrations.created)}</th>
                        <th scope="col">{move || t_string!(i18n, integrations.col_status)}</th>
                        <th scope="col">{move || t_string!(i18n, agents.actions)}</th>
                    </tr>
                </thead>
                <tbody>
                    {rows
                        .into_iter()
                        .map(|key| view! { <KeyTableRow key=key revoke_label=revoke_label revoke=revoke /> })
                        .collect_view()}
                </tbody>
            </table>
        </TableBox>
    }
}

/// A secret by its prefix: when it was made, whether it is revoked (and when), and Revoke.
#[component]
fn KeyTableRow(
    key: KeyRow,
    revoke_label: fn(&str) -> String,
    revoke: Action<i64, Result<(), ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let id = key.id;
    let prefix = StoredValue::new(key.prefix.clone());
    let active = key.revoked_at.is_none();
    let status = match key.revoked_at {
        Some(at) => {
            let date = move || crate::format::date(&at, i18n.get_locale().as_str());
            view! { <span class="badge">{move || t_string!(i18n, integrations.revoked_on, date = date()).to_string()}</span> }
                .into_any()
        }
        None => view! { <span>{move || t_string!(i18n, integrations.active)}</span> }.into_any(),
    };
    let ask = active.then(|| {
        view! {
            <AskFirst
                class="small danger"
                busy=revoke.pending()
                label=move || prefix.with_value(|p| revoke_label(p))
                short=move || t_string!(i18n, row.revoke)
                question=move || t_string!(i18n, keys.confirm_title, prefix = prefix.get_value()).to_string()
                help=move || t_string!(i18n, keys.confirm_help)
                confirm=move || t_string!(i18n, keys.confirm)
                on_confirm=Callback::new(move |_| {
                    revoke.dispatch(id);
                })
            />
        }
    });
    view! {
        <tr>
            <th scope="row">
                <code>{key.prefix}"…"</code>
            </th>
            <td>
                <LocalTime at=key.created_at />
            </td>
            <td>{status}</td>
            <RowActions>{ask}</RowActions>
        </tr>
    }
}
