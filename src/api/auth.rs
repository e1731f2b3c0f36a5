//! Sign in, sign out, who am I.

use super::request::{get, post, post_empty, post_for, post_quiet};
use super::ApiError;
use atrium_api::{LoginRequest, Me, PasswordChange, PasswordReset, PasswordResetRequest};

pub async fn login(email: String, password: String) -> Result<Me, ApiError> {
    post("/auth/login", &LoginRequest { email, password }).await
}

pub async fn logout() -> Result<(), ApiError> {
    post_empty("/auth/logout").await
}

/// `Ok(None)` when nobody is signed in.
pub async fn me() -> Result<Option<Me>, ApiError> {
    match get::<Me>("/me").await {
        Ok(me) => Ok(Some(me)),
        Err(ApiError::Unauthenticated) => Ok(None),
        Err(e) => Err(e),
    }
}

/// "Log in as": the answer is the client user's session, marked as impersonated.
pub async fn impersonate(org: i64, user: i64) -> Result<Me, ApiError> {
    post_for(&format!("/orgs/{org}/users/{user}/impersonate")).await
}

/// Ends "Log in as" and returns to the staff member's own session.
pub async fn stop_impersonating() -> Result<Me, ApiError> {
    post_for("/auth/stop-impersonating").await
}

/// Changes the signed-in user's own password; their other sessions end.
pub async fn change_password(change: PasswordChange) -> Result<(), ApiError> {
    post_quiet("/me/password", &change).await
}

/// Ends every session of the signed-in user, this one too.
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    post_empty("/auth/sign-out-everywhere").await
}

/// Asks for a reset link by email (the answer is the same whether the address is known).
pub async fn request_password_reset(email: String) -> Result<(), ApiError> {
    post_quiet("/auth/password-reset", &PasswordResetRequest { email }).await
}

/// Sets a new password with a reset link's token.
pub async fn reset_password(reset: PasswordReset) -> Result<(), ApiError> {
    post_quiet("/auth/password-reset/confirm", &reset).await
}
