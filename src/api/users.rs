//! `/api/v1/orgs/{org}/users`: an org's client users.

use super::request::{delete, get, patch, post};
use super::ApiError;
use atrium_api::{ClientUser, ClientUserPatch, ListResponse, NewClientUser};

const ALL: u32 = atrium_api::list::MAX_PER_PAGE;

pub async fn list_users(org: i64) -> Result<ListResponse<ClientUser>, ApiError> {
    get(&format!("/orgs/{org}/users?per_page={ALL}")).await
}

pub async fn create_user(org: i64, user: &NewClientUser) -> Result<ClientUser, ApiError> {
    post(&format!("/orgs/{org}/users"), user).await
}

pub async fn update_user(org: i64, id: i64, patch_: &ClientUserPatch) -> Result<ClientUser, ApiError> {
    patch(&format!("/orgs/{org}/users/{id}"), patch_).await
}

pub async fn delete_user(org: i64, id: i64) -> Result<(), ApiError> {
    delete(&format!("/orgs/{org}/users/{id}")).await
}
