//! Sign in, sign out, who am I. In token mode the session token a sign-in answers is
//! kept by this tab (`session_token.rs`); in cookie mode the browser keeps the cookie.

use super::config::token_mode;
use super::request::{get, post, post_empty, post_for, post_for_with, post_quiet};
use super::session_token;
use super::ApiError;
use atrium_api::{
    EmbedSignIn, LoginRequest, Me, PasswordChange, PasswordReset, PasswordResetRequest, SessionTransport,
    RETURN_TOKEN_HEADER,
};

pub async fn login(email: String, password: String) -> Result<Me, ApiError> {
    let session = if token_mode() { SessionTransport::Token } else { SessionTransport::Cookie };
    let signed_in: Me = post("/auth/login", &LoginRequest { email, password, session }).await?;
    Ok(kept(signed_in))
}

/// Signs in through a signed embed link's token (always a token session: inside another
/// site's frame, cookies cannot be counted on).
pub async fn embed_sign_in(token: String) -> Result<Me, ApiError> {
    let signed_in: Me = post("/auth/embed", &EmbedSignIn { token }).await?;
    Ok(kept(signed_in))
}

/// Keeps a token session's token, if the answer carries one.
fn kept(mut signed_in: Me) -> Me {
    if let Some(token) = signed_in.session_token.take() {
        session_token::keep(&token);
    }
    signed_in
}

pub async fn logout() -> Result<(), ApiError> {
    let result = post_empty("/auth/logout").await;
    session_token::forget();
    result
}

/// `Ok(None)` when nobody is signed in.
pub async fn me() -> Result<Option<Me>, ApiError> {
    match get::<Me>("/me").await {
        Ok(me) => Ok(Some(me)),
        Err(ApiError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

/// "Log in as": the answer is the client user's session, marked as impersonated. In token
/// mode the staff member's own token waits in this tab for the way back.
pub async fn impersonate(org: i64, user: i64) -> Result<Me, ApiError> {
    let mut signed_in: Me = post_for(&format!("/orgs/{org}/users/{user}/impersonate")).await?;
    if let Some(token) = signed_in.session_token.take() {
        session_token::park_for(&token);
    }
    Ok(signed_in)
}

/// Ends "Log in as" and returns to the staff member's own session.
pub async fn stop_impersonating() -> Result<Me, ApiError> {
    let parked = session_token::parked();
    let headers: Vec<(&str, &str)> = parked.as_deref().map(|t| (RETURN_TOKEN_HEADER, t)).into_iter().collect();
    let mut signed_in: Me = post_for_with("/auth/stop-impersonating", &headers).await?;
    if let Some(token) = signed_in.session_token.take() {
        session_token::unpark(&token);
    }
    Ok(signed_in)
}

/// Changes the signed-in user's own password; their other sessions end.
pub async fn change_password(change: PasswordChange) -> Result<(), ApiError> {
    post_quiet("/me/password", &change).await
}

/// Ends every session of the signed-in user, this one too.
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    post_empty("/auth/sign-out-everywhere").await?;
    session_token::forget();
    Ok(())
}

/// Asks for a reset link by email (the answer is the same whether the address is known).
pub async fn request_password_reset(email: String) -> Result<(), ApiError> {
    post_quiet("/auth/password-reset", &PasswordResetRequest { email }).await
}

/// Sets a new password with a reset link's token.
pub async fn reset_password(reset: PasswordReset) -> Result<(), ApiError> {
    post_quiet("/auth/password-reset/confirm", &reset).await
}
