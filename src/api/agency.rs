//! The signed-in staff member's agency: its brand and hostnames.

use super::request::{get, put};
use super::ApiError;
use atrium_api::{AgencyBranding, AgencyProfile};

pub async fn get_agency() -> Result<AgencyProfile, ApiError> {
    get("/agency").await
}

pub async fn update_branding(branding: &AgencyBranding) -> Result<AgencyProfile, ApiError> {
    put("/agency", branding).await
}
