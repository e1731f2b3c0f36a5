//! A table of secrets known by prefix (API keys, embed secrets): when each was made, whether
//! it is revoked, and a Revoke button for those still active. Revoking cannot be undone,
//! so the button first asks, in place: confirm, or cancel (Escape too), focus going back
//! to the button.

use crate::api::ApiError;
use crate::i18n::*;
use leptos::prelude::*;
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
    #[prop(into)] caption: Signal<String>,
    /// The Revoke button's text for a prefix (names which secret it revokes).
    revoke_label: fn(&str) -> String,
    revoke: Action<i64, Result<(), ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let date = move |at: &str| crate::format::date(at, i18n.get_locale().as_str());
    let asking = RwSignal::new(None::<i64>);
    view! {
        <table class="data-table">
            <caption class="visually-hidden">{caption}</caption>
            <thead><tr>
                <th scope="col">{move || t_string!(i18n, integrations.prefix)}</th>
                <th scope="col">{move || t_string!(i18n, integrations.created)}</th>
                <th scope="col">{move || t_string!(i18n, integrations.revoked)}</th>
                <th scope="col">{move || t_string!(i18n, agents.actions)}</th>
            </tr></thead>
            <tbody>
                {rows.into_iter().map(|k| {
                    let (id, prefix) = (k.id, k.prefix.clone());
                    let created = k.created_at.clone();
                    let active = k.revoked_at.is_none();
                    view! {
                        <tr>
                            <th scope="row"><code>{k.prefix.clone()}"…"</code></th>
                            <td>{move || date(&created)}</td>
                            <td>{match k.revoked_at {
                                Some(at) => view! { <span class="badge">{move || date(&at)}</span> }.into_any(),
                                None => view! { <span>{move || t_string!(i18n, integrations.active)}</span> }.into_any(),
                            }}</td>
                            <td>{active.then(|| {
                                let button = NodeRef::<leptos::html::Button>::new();
                                let cancel = move || {
                                    asking.set(None);
                                    if let Some(b) = button.get_untracked() {
                                        let _ = b.focus();
                                    }
                                };
                                let on_keydown = move |ev: leptos::ev::KeyboardEvent| {
                                    if ev.key() == "Escape" {
                                        cancel();
                                    }
                                };
                                let question = prefix.clone();
                                view! {
                                    <button type="button" class="small danger" node_ref=button
                                        aria-expanded=move || (asking.get() == Some(id)).to_string()
                                        disabled=move || revoke.pending().get()
                                        on:click=move |_| asking.set(Some(id))>
                                        {move || revoke_label(&prefix)}
                                    </button>
                                    {move || (asking.get() == Some(id)).then(|| {
                                        let question = question.clone();
                                        // Focus moves into the question, to its safe answer.
                                        let safe = NodeRef::<leptos::html::Button>::new();
                                        Effect::new(move |_| {
                                            if let Some(b) = safe.get() {
                                                let _ = b.focus();
                                            }
                                        });
                                        view! {
                                            <div class="confirm" role="group" on:keydown=on_keydown
                                                aria-label=move || t_string!(i18n, keys.confirm_title, prefix = question.clone()).to_string()>
                                                <p>{t!(i18n, keys.confirm_help)}</p>
                                                <button type="button" class="small danger" disabled=move || revoke.pending().get()
                                                    on:click=move |_| { asking.set(None); revoke.dispatch(id); }>
                                                    {t!(i18n, keys.confirm)}
                                                </button>
                                                " "
                                                <button type="button" class="small" node_ref=safe on:click=move |_| cancel()>
                                                    {t!(i18n, keys.cancel)}
                                                </button>
                                            </div>
                                        }
                                    })}
                                }
                            })}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}
