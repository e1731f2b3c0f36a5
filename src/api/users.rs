//! `/api/v1/orgs/{org}/users`: an org's client users.

use super::request::{delete, get, patch, post};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{ClientUser, ClientUserPatch, ListResponse, NewClientUser};

const ALL: u32 = atrium_api::list::MAX_PER_PAGE;

pub async fn list_users(org: i64) -> Result<ListResponse<ClientUser>, ApiError> {
    get(&format!("{}?per_page={ALL}", fill(paths::USERS, &[org]))).await
}

pub async fn create_user(org: i64, user: &NewClientUser) -> Result<ClientUser, ApiError> {
    post(&fill(paths::USERS, &[org]), user).await
}

pub async fn update_user(org: i64, id: i64, patch_: &ClientUserPatch) -> Result<ClientUser, ApiError> {
    patch(&fill(paths::USER, &[org, id]), patch_).await
}

pub async fn delete_user(org: i64, id: i64) -> Result<(), ApiError> {
    delete(&fill(paths::USER, &[org, id])).await
}
