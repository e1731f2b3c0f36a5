//! Embedding the client dashboard in the agency's own site: frame origins and embed secrets.

use super::request::{delete, get, post, post_for, put};
use super::ApiError;
use atrium_api::{CreatedEmbedSecret, EmbedSettings, EmbedSignIn, FrameOrigins, Me};

/// Signs in through a signed embed link's token (always a token session: inside another
/// site's frame, cookies cannot be counted on).
pub async fn embed_sign_in(token: String) -> Result<Me, ApiError> {
    let signed_in: Me = post("/auth/embed", &EmbedSignIn { token }).await?;
    Ok(super::auth::kept(signed_in))
}

pub async fn get_embedding() -> Result<EmbedSettings, ApiError> {
    get("/agency/embedding").await
}

pub async fn update_embedding(origins: &FrameOrigins) -> Result<EmbedSettings, ApiError> {
    put("/agency/embedding", origins).await
}

/// A new embed secret: the answer is the only time its value is shown.
pub async fn create_secret() -> Result<CreatedEmbedSecret, ApiError> {
    post_for("/agency/embed-secrets").await
}

pub async fn revoke_secret(id: i64) -> Result<(), ApiError> {
    delete(&format!("/agency/embed-secrets/{id}")).await
}
