//! `/api/v1/me/password`, `/api/v1/auth/sign-out-everywhere`, `/api/v1/auth/password-reset`: the signed-in user's password and sessions, and a forgotten password.

use super::request::{post_empty, post_quiet};
use super::{session_token, ApiError};
use atrium_api::paths;
use atrium_api::{PasswordChange, PasswordReset, PasswordResetRequest};

/// Changes the signed-in user's own password; their other sessions end.
pub async fn change_password(change: PasswordChange) -> Result<(), ApiError> {
    post_quiet(paths::ME_PASSWORD, &change).await
}

/// Ends every session of the signed-in user, this one too.
pub async fn sign_out_everywhere() -> Result<(), ApiError> {
    post_empty(paths::SIGN_OUT_EVERYWHERE).await?;
    session_token::forget();
    Ok(())
}

/// Asks for a reset link by email (the answer is the same whether the address is known).
pub async fn request_password_reset(email: String) -> Result<(), ApiError> {
    post_quiet(paths::PASSWORD_RESET, &PasswordResetRequest { email }).await
}

/// Sets a new password with a reset link's token.
pub async fn reset_password(reset: PasswordReset) -> Result<(), ApiError> {
    post_quiet(paths::PASSWORD_RESET_CONFIRM, &reset).await
}
