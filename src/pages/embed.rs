//! `/embed?token=…`: opened by an agency's own site inside an iframe, with a link its
//! backend signed; signs that client user in (a token session, kept by this frame's tab)
//! and lands on the dashboard. A link that signs nobody in says so, in the visitor's
//! language, and leaves nobody signed in.

use crate::api::{self, ApiError};
use crate::components::error_notice::ErrorNotice;
use crate::components::loading::Loading;
use crate::i18n::*;
use crate::state::session::use_session;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use leptos_router::NavigateOptions;

#[component]
pub fn EmbedPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let token = use_query_map().with_untracked(|q| q.get("token")).unwrap_or_default();
    let sign_in = Action::new_local(|token: &String| api::embedding::embed_sign_in(token.clone()));
    sign_in.dispatch(token);
    Effect::new(move |_| {
        if let Some(Ok(me)) = sign_in.value().get() {
            session.signed_in(me);
            navigate("/app", NavigateOptions { replace: true, ..Default::default() });
        }
    });
    view! {
        <main id="main" class="login-page">
            <div class="card login-card">
                {move || match sign_in.value().get() {
                    None | Some(Ok(_)) => view! { <Loading /> }.into_any(),
                    Some(Err(ApiError::InvalidEmbedLink)) => {
                        view! {
                            <h1>{t!(i18n, embed.invalid_title)}</h1>
                            <p role="alert" class="notice notice-error">
                                {t!(i18n, embed.invalid)}
                            </p>
                        }
                            .into_any()
                    }
                    Some(Err(e)) => {
                        view! {
                            <h1>{t!(i18n, embed.invalid_title)}</h1>
                            <ErrorNotice error=e />
                        }
                            .into_any()
                    }
                }}
            </div>
        </main>
    }
}
