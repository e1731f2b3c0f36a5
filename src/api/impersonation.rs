//! `/api/v1/orgs/{org}/users/{id}/impersonate` and `/api/v1/auth/stop-impersonating`: "Log in as" and back.

use super::request::{post_for, post_for_with};
use super::{session_token, ApiError};
use atrium_api::paths::{self, fill};
use atrium_api::{Me, RETURN_TOKEN_HEADER};

/// "Log in as": the answer is the client user's session, marked as impersonated. In token
/// mode the staff member's own token waits in this tab for the way back.
pub async fn impersonate(org: i64, user: i64) -> Result<Me, ApiError> {
    let mut signed_in: Me = post_for(&fill(paths::IMPERSONATE, &[org, user])).await?;
    if let Some(token) = signed_in.session_token.take() {
        session_token::park_for(&token);
    }
    Ok(signed_in)
}

/// Ends "Log in as" and returns to the staff member's own session.
pub async fn stop_impersonating() -> Result<Me, ApiError> {
    let parked = session_token::parked();
    let headers: Vec<(&str, &str)> = parked.as_deref().map(|t| (RETURN_TOKEN_HEADER, t)).into_iter().collect();
    let mut signed_in: Me = post_for_with(paths::STOP_IMPERSONATING, &headers).await?;
    if let Some(token) = signed_in.session_token.take() {
        session_token::unpark(&token);
    }
    Ok(signed_in)
}
