//! Client users, teams and agency staff.

use super::request::{delete, get, patch, post};
use super::ApiError;
use atrium_api::{
    ClientUser, ClientUserPatch, ListResponse, NewClientUser, NewStaffUser, NewTeam, StaffRoleChange, StaffUser, Team,
    TeamPatch,
};

const ALL: u32 = atrium_api::list::MAX_PER_PAGE;

pub async fn users(org: i64) -> Result<ListResponse<ClientUser>, ApiError> {
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

pub async fn teams(org: i64) -> Result<ListResponse<Team>, ApiError> {
    get(&format!("/orgs/{org}/teams?per_page={ALL}")).await
}

pub async fn create_team(org: i64, team: &NewTeam) -> Result<Team, ApiError> {
    post(&format!("/orgs/{org}/teams"), team).await
}

pub async fn update_team(org: i64, id: i64, patch_: &TeamPatch) -> Result<Team, ApiError> {
    patch(&format!("/orgs/{org}/teams/{id}"), patch_).await
}

pub async fn delete_team(org: i64, id: i64) -> Result<(), ApiError> {
    delete(&format!("/orgs/{org}/teams/{id}")).await
}

pub async fn staff() -> Result<ListResponse<StaffUser>, ApiError> {
    get(&format!("/staff?per_page={ALL}")).await
}

pub async fn create_staff(user: &NewStaffUser) -> Result<StaffUser, ApiError> {
    post("/staff", user).await
}

pub async fn change_staff_role(id: i64, change: &StaffRoleChange) -> Result<StaffUser, ApiError> {
    patch(&format!("/staff/{id}"), change).await
}

pub async fn remove_staff(id: i64) -> Result<(), ApiError> {
    delete(&format!("/staff/{id}")).await
}
