//! `/api/v1/staff`: the agency's staff.

use super::request::{delete, get, patch, post};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{ListResponse, NewStaffUser, StaffRoleChange, StaffUser};

const ALL: u32 = atrium_api::list::MAX_PER_PAGE;

pub async fn list_staff() -> Result<ListResponse<StaffUser>, ApiError> {
    get(&format!("{}?per_page={ALL}", paths::STAFF)).await
}

pub async fn create_staff(user: &NewStaffUser) -> Result<StaffUser, ApiError> {
    post(paths::STAFF, user).await
}

pub async fn update_staff(id: i64, change: &StaffRoleChange) -> Result<StaffUser, ApiError> {
    patch(&fill(paths::STAFF_USER, &[id]), change).await
}

pub async fn delete_staff(id: i64) -> Result<(), ApiError> {
    delete(&fill(paths::STAFF_USER, &[id])).await
}
