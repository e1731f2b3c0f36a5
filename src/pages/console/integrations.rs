//! `/agency/integrations`: the agency's API keys for the agent runtime. A new key's
//! secret is shown once, right after it is made; the list knows keys by prefix only.

use crate::api;
use crate::components::copy_button::CopyButton;
use crate::components::error_notice::ErrorNotice;
use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(|_: &()| api::integrations::create_api_key());
    let revoke = Action::new_local(|id: &i64| api::integrations::revoke_api_key(*id));
    let keys = LocalResource::new(move || {
        create.version().get();
        revoke.version().get();
        api::integrations::api_keys()
    });
    let date = move |at: &str| crate::format::date(at, i18n.get_locale().as_str());

    view! {
        <h1>{move || t_string!(i18n, integrations.title)}</h1>
        <p class="muted">{move || t_string!(i18n, integrations.intro)}</p>
        <h2>{move || t_string!(i18n, integrations.keys_title)}</h2>
        {move || revoke.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e/> })}
        {move || create.value().get().map(|created| match created {
            Ok(created) => {
                let secret = created.secret.clone();
                view! {
                    <div class="card" role="status">
                        <p class="notice notice-warning">{move || t_string!(i18n, integrations.secret_warning)}</p>
                        <p>
                            <label for="new-api-key">{move || t_string!(i18n, integrations.secret_label)}</label>
                            " "
                            <input id="new-api-key" type="text" readonly=true value=secret.clone() size="72"/>
                            " "
                            <CopyButton text=secret label=Signal::derive(move || t_string!(i18n, integrations.copy_secret).to_string())/>
                        </p>
                    </div>
                }.into_any()
            }
            Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
        })}
        <p>
            <button type="button" class="primary" disabled=move || create.pending().get()
                on:click=move |_| { create.dispatch(()); }>
                {move || t_string!(i18n, integrations.create_key)}
            </button>
        </p>
        <Transition fallback=move || view! { <p role="status">{move || t_string!(i18n, common.loading)}</p> }>
            {move || Suspend::new(async move {
                match keys.await {
                    Ok(l) if l.items.is_empty() => view! { <p class="empty">{move || t_string!(i18n, integrations.no_keys)}</p> }.into_any(),
                    Ok(l) => view! {
                        <table class="data-table">
                            <caption class="visually-hidden">{move || t_string!(i18n, integrations.keys_title)}</caption>
                            <thead><tr>
                                <th scope="col">{move || t_string!(i18n, integrations.prefix)}</th>
                                <th scope="col">{move || t_string!(i18n, integrations.created)}</th>
                                <th scope="col">{move || t_string!(i18n, integrations.revoked)}</th>
                                <th scope="col">{move || t_string!(i18n, agents.actions)}</th>
                            </tr></thead>
                            <tbody>
                                {l.items.into_iter().map(|k| {
                                    let (id, prefix) = (k.id, k.prefix.clone());
                                    let created = k.created_at.clone();
                                    let revoked_at = k.revoked_at.clone();
                                    view! {
                                        <tr>
                                            <th scope="row"><code>{k.prefix.clone()}"…"</code></th>
                                            <td>{move || date(&created)}</td>
                                            <td>{match revoked_at.clone() {
                                                Some(at) => view! { <span class="badge">{move || date(&at)}</span> }.into_any(),
                                                None => view! { <span>{move || t_string!(i18n, integrations.active)}</span> }.into_any(),
                                            }}</td>
                                            <td>{k.revoked_at.is_none().then(|| view! {
                                                <button type="button" class="small danger" disabled=move || revoke.pending().get()
                                                    on:click=move |_| { revoke.dispatch(id); }>
                                                    {move || t_string!(i18n, integrations.revoke, prefix = prefix.clone()).to_string()}
                                                </button>
                                            })}</td>
                                        </tr>
                                    }
                                }).collect_view()}
                            </tbody>
                        </table>
                    }.into_any(),
                    Err(e) => view! { <ErrorNotice error=e/> }.into_any(),
                }
            })}
        </Transition>
    }
}
