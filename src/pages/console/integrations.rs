//! `/agency/integrations`: the agency's API keys for the agent runtime. A new key's
//! secret is shown once, right after it is made; the list knows keys by prefix only.

use crate::api;
use crate::components::error_notice::ErrorNotice;
use crate::components::fetched::Fetched;
use crate::components::key_table::{KeyRow, KeyTable};
use crate::components::secret_once::SecretOnce;
use crate::i18n::*;
use crate::pages::console::embedding::EmbeddingSection;
use leptos::prelude::*;

#[component]
pub fn IntegrationsPage() -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(|_: &()| api::integration::create_api_key());
    let revoke = Action::new_local(|id: &i64| api::integration::revoke_api_key(*id));
    let keys = LocalResource::new(move || {
        create.version().get();
        revoke.version().get();
        api::integration::list_api_keys()
    });

    view! {
        <h1>{move || t_string!(i18n, integrations.title)}</h1>
        <p class="muted">{move || t_string!(i18n, integrations.intro)}</p>
        <h2>{move || t_string!(i18n, integrations.keys_title)}</h2>
        {move || revoke.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        <SecretOnce
            id="new-api-key"
            created=Signal::derive(move || create.value().get().map(|r| r.map(|c| c.secret)))
            warning=move || t_string!(i18n, integrations.secret_warning)
            label=move || t_string!(i18n, integrations.secret_label)
            copy_label=move || t_string!(i18n, integrations.copy_secret)
        />
        <p>
            <button
                type="button"
                class="primary"
                disabled=move || create.pending().get()
                on:click=move |_| {
                    create.dispatch(());
                }
            >
                {move || t_string!(i18n, integrations.create_key)}
            </button>
        </p>
        <Fetched
            resource=keys
            children=move |data| match data {
                l if l.items.is_empty() => {
                    view! { <p class="empty">{move || t_string!(i18n, integrations.no_keys)}</p> }.into_any()
                }
                l => {
                    let rows = l
                        .items
                        .into_iter()
                        .map(|k| KeyRow {
                            id: k.id,
                            prefix: k.prefix,
                            created_at: k.created_at,
                            revoked_at: k.revoked_at,
                        })
                        .collect();
                    let revoke_label = |prefix: &str| {
                        t_string!(use_i18n(), integrations.revoke, prefix = prefix.to_string()).to_string()
                    };
                    view! {
                        <KeyTable
                            rows=rows
                            revoke=revoke
                            revoke_label=revoke_label
                            caption=move || t_string!(i18n, integrations.keys_title)
                        />
                    }
                        .into_any()
                }
            }
        />
        <EmbeddingSection />
    }
}
