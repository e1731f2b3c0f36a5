//! An API failure, said in the user's language; for a failed load, with a Retry button.

use crate::api::ApiError;
use crate::i18n::*;
use leptos::prelude::*;

#[component]
pub fn ErrorNotice(
    error: ApiError,
    /// Loads again (a failed list or page): offered as a Retry button beside the message.
    #[prop(optional, into)]
    retry: Option<Callback<()>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let is_unauthenticated = matches!(error, ApiError::Unauthenticated);
    let text = move || match &error {
        ApiError::Network(_) => t_string!(i18n, errors.network),
        ApiError::Unauthenticated => t_string!(i18n, errors.unauthenticated),
        ApiError::InvalidCredentials => t_string!(i18n, errors.invalid_credentials),
        ApiError::Csrf => t_string!(i18n, errors.csrf),
        ApiError::Forbidden => t_string!(i18n, errors.forbidden),
        ApiError::NotFound => t_string!(i18n, errors.not_found),
        ApiError::Conflict(_) => t_string!(i18n, errors.conflict),
        ApiError::Validation(_) => t_string!(i18n, errors.validation),
        ApiError::RateLimited => t_string!(i18n, errors.rate_limited),
        ApiError::StorageUnavailable => t_string!(i18n, errors.storage_unavailable),
        ApiError::StorageFull => t_string!(i18n, errors.storage_full),
        ApiError::Busy => t_string!(i18n, errors.busy),
        ApiError::TooLarge => t_string!(i18n, errors.too_large),
        ApiError::InvalidEmbedLink => t_string!(i18n, embed.invalid),
        ApiError::Server(_) => t_string!(i18n, errors.server),
    };
    // An ended session offers the way back in, returning here afterwards.
    let sign_in = is_unauthenticated.then(|| {
        let here = web_sys::window()
            .and_then(|w| w.location().pathname().ok().zip(w.location().search().ok()))
            .map(|(p, s)| format!("{}{s}", crate::app::without_base(&p)))
            .unwrap_or_default();
        let href = crate::app::with_base(&format!("/login?next={}", crate::api::encode(&here)));
        view! {
            " "
            <a href=href>{t!(i18n, session.sign_in_again)}</a>
        }
    });
    let retry = retry.filter(|_| !is_unauthenticated).map(|retry| {
        view! {
            " "
            <button type="button" class="small" on:click=move |_| retry.run(())>
                {t!(i18n, errors.retry)}
            </button>
        }
    });
    view! {
        <p role="alert" class="notice notice-error">
            {text}
            {sign_in}
            {retry}
        </p>
    }
}
