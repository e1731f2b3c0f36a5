//! The Integrations page's embedding section: which sites may show the client dashboard
//! in a frame, and the secrets the agency's own backend signs embed links with (a new
//! one shown once). The README shows how to sign a link.

use crate::api::{self, ApiError};
use crate::components::error_notice::ErrorNotice;
use crate::components::field_error::FieldErrorText;
use crate::components::key_table::{KeyRow, KeyTable};
use crate::components::loading::Loading;
use crate::components::secret_once::SecretOnce;
use crate::form::Form;
use crate::i18n::*;
use atrium_api::{EmbedSecret, FrameOrigins};
use leptos::ev::SubmitEvent;
use leptos::prelude::*;

#[component]
pub fn EmbeddingSection() -> impl IntoView {
    let i18n = use_i18n();
    let create = Action::new_local(|_: &()| api::embedding::create_secret());
    let revoke = Action::new_local(|id: &i64| api::embedding::revoke_secret(*id));
    let settings = LocalResource::new(move || {
        create.version().get();
        revoke.version().get();
        api::embedding::get_embedding()
    });
    view! {
        <h2>{move || t_string!(i18n, embedding.title)}</h2>
        <p class="muted">{move || t_string!(i18n, embedding.intro)}</p>
        {move || match settings.get() {
            None => view! { <Loading /> }.into_any(),
            Some(Ok(s)) => view! { <FrameOriginsForm initial=s.frame_origins /> }.into_any(),
            Some(Err(e)) => view! { <ErrorNotice error=e /> }.into_any(),
        }}
        <h3>{move || t_string!(i18n, embedding.secrets_title)}</h3>
        {move || revoke.value().get().and_then(Result::err).map(|e| view! { <ErrorNotice error=e /> })}
        <SecretOnce
            id="new-embed-secret"
            created=Signal::derive(move || create.value().get().map(|r| r.map(|c| c.secret)))
            warning=move || t_string!(i18n, embedding.secret_warning)
            label=move || t_string!(i18n, embedding.secret_label)
            copy_label=move || t_string!(i18n, embedding.copy_secret)
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
                {move || t_string!(i18n, embedding.create_secret)}
            </button>
        </p>
        {move || settings.get().and_then(Result::ok).map(|s| view! { <SecretTable secrets=s.secrets revoke=revoke /> })}
    }
}

#[component]
fn FrameOriginsForm(initial: Vec<String>) -> impl IntoView {
    let i18n = use_i18n();
    let text = RwSignal::new(initial.join("\n"));
    let save = Action::new_local(|o: &FrameOrigins| {
        let o = o.clone();
        async move { api::embedding::update_embedding(&o).await }
    });
    let form = Form::new(save, move |saved| {
        text.set(saved.frame_origins.join("\n"));
    });
    let on_submit = move |ev: SubmitEvent| {
        ev.prevent_default();
        let frame_origins =
            text.get_untracked().lines().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
        let origins = FrameOrigins { frame_origins };
        if form.check(origins.validate()) {
            save.dispatch(origins);
        }
    };
    let error = form.error("frame_origins");
    view! {
        <form class="card form-narrow" on:submit=on_submit novalidate=true>
            <div class="field">
                <label for="frame-origins">{move || t_string!(i18n, embedding.frame_origins)}</label>
                <textarea
                    id="frame-origins"
                    rows="3"
                    aria-describedby="frame-origins-help frame-origins-error"
                    aria-invalid=move || error.get().is_some().to_string()
                    prop:value=text
                    on:input=move |ev| text.set(event_target_value(&ev))
                ></textarea>
                <p id="frame-origins-help" class="muted">
                    {move || t_string!(i18n, embedding.frame_origins_help)}
                </p>
                <FieldErrorText id="frame-origins-error" error=error />
            </div>
            {form.failure_notice()}
            {move || {
                matches!(save.value().get(), Some(Ok(_)))
                    .then(|| {
                        view! {
                            <p class="notice notice-success" role="status">
                                {move || t_string!(i18n, embedding.saved)}
                            </p>
                        }
                    })
            }}
            <button type="submit" class="primary" disabled=move || save.pending().get()>
                {move || t_string!(i18n, embedding.save)}
            </button>
        </form>
    }
}

#[component]
fn SecretTable(secrets: Vec<EmbedSecret>, revoke: Action<i64, Result<(), ApiError>>) -> impl IntoView {
    let i18n = use_i18n();
    if secrets.is_empty() {
        return view! { <p class="empty">{move || t_string!(i18n, embedding.no_secrets)}</p> }.into_any();
    }
    let rows = secrets
        .into_iter()
        .map(|s| KeyRow { id: s.id, prefix: s.prefix, created_at: s.created_at, revoked_at: s.revoked_at })
        .collect();
    let revoke_label = |prefix: &str| t_string!(use_i18n(), embedding.revoke, prefix = prefix.to_string()).to_string();
    view! {
        <KeyTable
            rows=rows
            revoke=revoke
            revoke_label=revoke_label
            caption=move || t_string!(i18n, embedding.secrets_title)
        />
    }
    .into_any()
}
