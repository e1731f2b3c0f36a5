//! The agency brand for this hostname, and the signed-in user's own agency's.

use super::request::get;
use super::ApiError;
use atrium_api::paths;
use atrium_api::Branding;

pub async fn get_branding() -> Result<Branding, ApiError> {
    get(paths::BRANDING).await
}

/// The brand of the signed-in user's agency, whatever hostname the page is on.
pub async fn my_branding() -> Result<Branding, ApiError> {
    get(paths::ME_BRANDING).await
}
