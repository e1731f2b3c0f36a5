//! Sign in, sign out, who am I.

use super::request::{get, post, post_empty};
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
