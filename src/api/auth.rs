//! Sign in, sign out, who am I. In token mode the session token a sign-in answers is
//! kept by this tab (`session_token.rs`); in cookie mode the browser keeps the cookie.

use super::config::token_mode;
use super::request::{get, post, post_empty};
use super::{session_token, ApiError};
use atrium_api::paths;
use atrium_api::{LoginRequest, Me, SessionTransport};

pub async fn login(email: String, password: String) -> Result<Me, ApiError> {
    let session = if token_mode() { SessionTransport::Token } else { SessionTransport::Cookie };
    let signed_in: Me = post(paths::LOGIN, &LoginRequest { email, password, session }).await?;
    Ok(kept(signed_in))
}

pub async fn logout() -> Result<(), ApiError> {
    let result = post_empty(paths::LOGOUT).await;
    session_token::forget();
    result
}

/// `Ok(None)` when nobody is signed in.
pub async fn me() -> Result<Option<Me>, ApiError> {
    match get::<Me>(paths::ME).await {
        Ok(me) => Ok(Some(me)),
        Err(ApiError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Keeps a token session's token, if the answer carries one.
pub(super) fn kept(mut signed_in: Me) -> Me {
    if let Some(token) = signed_in.session_token.take() {
        session_token::keep(&token);
    }
    signed_in
}
