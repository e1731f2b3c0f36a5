//! `/api/v1/orgs/{org}/canned-responses`: an org's saved replies.

use super::request::{delete, get, patch, post};
use super::ApiError;
use atrium_api::{CannedResponse, CannedResponsePatch, ListResponse, NewCannedResponse};

pub async fn list_canned(org: i64) -> Result<ListResponse<CannedResponse>, ApiError> {
    get(&format!("/orgs/{org}/canned-responses?per_page={}", atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn create_canned(org: i64, c: &NewCannedResponse) -> Result<CannedResponse, ApiError> {
    post(&format!("/orgs/{org}/canned-responses"), c).await
}

pub async fn update_canned(org: i64, id: i64, c: &CannedResponsePatch) -> Result<CannedResponse, ApiError> {
    patch(&format!("/orgs/{org}/canned-responses/{id}"), c).await
}

pub async fn delete_canned(org: i64, id: i64) -> Result<(), ApiError> {
    delete(&format!("/orgs/{org}/canned-responses/{id}")).await
}
