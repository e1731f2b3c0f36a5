//! `/api/v1/agency`: the agency's brand and its custom domains.

use super::request::{get, post_for, put};
use super::ApiError;
use atrium_api::paths;
use atrium_api::{AgencyBranding, AgencyProfile};

pub async fn get_agency() -> Result<AgencyProfile, ApiError> {
    get(paths::AGENCY).await
}

pub async fn update_agency(branding: &AgencyBranding) -> Result<AgencyProfile, ApiError> {
    put(paths::AGENCY, branding).await
}

/// Asks DNS now for each custom domain's verification record.
pub async fn check_domains() -> Result<AgencyProfile, ApiError> {
    post_for(paths::DOMAINS_CHECK).await
}
