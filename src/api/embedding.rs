//! Embedding the client dashboard in the agency's own site: frame origins and embed secrets.

use super::request::{delete, get, post, post_for, put};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{CreatedEmbedSecret, EmbedSettings, EmbedSignIn, FrameOrigins, Me};

/// Signs in through a signed embed link's token (always a token session: inside another
/// site's frame, cookies cannot be counted on).
pub async fn embed_sign_in(token: String) -> Result<Me, ApiError> {
    let signed_in: Me = post(paths::EMBED_SIGN_IN, &EmbedSignIn { token }).await?;
    Ok(super::auth::kept(signed_in))
}

pub async fn get_embedding() -> Result<EmbedSettings, ApiError> {
    get(paths::EMBEDDING).await
}

pub async fn update_embedding(origins: &FrameOrigins) -> Result<EmbedSettings, ApiError> {
    put(paths::EMBEDDING, origins).await
}

/// A new embed secret: the answer is the only time its value is shown.
pub async fn create_secret() -> Result<CreatedEmbedSecret, ApiError> {
    post_for(paths::EMBED_SECRETS).await
}

pub async fn revoke_secret(id: i64) -> Result<(), ApiError> {
    delete(&fill(paths::EMBED_SECRET, &[id])).await
}
