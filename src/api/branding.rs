//! The agency brand for this hostname.

use super::request::get;
use super::ApiError;
use atrium_api::Branding;

pub async fn get_branding() -> Result<Branding, ApiError> {
    get("/branding").await
}
