//! `/api/v1/orgs/{org}/canned-responses`: an org's saved replies.

use super::request::{delete, get, patch, post};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{CannedResponse, CannedResponsePatch, ListResponse, NewCannedResponse};

pub async fn list_canned(org: i64) -> Result<ListResponse<CannedResponse>, ApiError> {
    get(&format!("{}?per_page={}", fill(paths::CANNED_RESPONSES, &[org]), atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn create_canned(org: i64, c: &NewCannedResponse) -> Result<CannedResponse, ApiError> {
    post(&fill(paths::CANNED_RESPONSES, &[org]), c).await
}

pub async fn update_canned(org: i64, id: i64, c: &CannedResponsePatch) -> Result<CannedResponse, ApiError> {
    patch(&fill(paths::CANNED_RESPONSE, &[org, id]), c).await
}

pub async fn delete_canned(org: i64, id: i64) -> Result<(), ApiError> {
    delete(&fill(paths::CANNED_RESPONSE, &[org, id])).await
}
