//! Sign in, sign out, who am I.

use super::request::{get, post, post_empty, post_for};
use super::ApiError;
use atrium_api::{LoginRequest, Me};

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
