//! Embedding the client dashboard in the agency's own site: frame origins and embed secrets.

use super::request::{delete, get, post_for, put};
use super::ApiError;
use atrium_api::{CreatedEmbedSecret, EmbedSettings, FrameOrigins};

pub async fn embedding() -> Result<EmbedSettings, ApiError> {
    get("/agency/embedding").await
}

pub async fn update_frame_origins(origins: &FrameOrigins) -> Result<EmbedSettings, ApiError> {
    put("/agency/embedding", origins).await
}

/// A new embed secret: the answer is the only time its value is shown.
pub async fn create_embed_secret() -> Result<CreatedEmbedSecret, ApiError> {
    post_for("/agency/embed-secrets").await
}

pub async fn revoke_embed_secret(id: i64) -> Result<(), ApiError> {
    delete(&format!("/agency/embed-secrets/{id}")).await
}
