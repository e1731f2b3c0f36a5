//! `/api/v1/orgs/{org}/teams`: an org's teams.

use super::request::{delete, get, patch, post};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{ListResponse, NewTeam, Team, TeamPatch};

const ALL: u32 = atrium_api::list::MAX_PER_PAGE;

pub async fn list_teams(org: i64) -> Result<ListResponse<Team>, ApiError> {
    get(&format!("{}?per_page={ALL}", fill(paths::TEAMS, &[org]))).await
}

pub async fn create_team(org: i64, team: &NewTeam) -> Result<Team, ApiError> {
    post(&fill(paths::TEAMS, &[org]), team).await
}

pub async fn update_team(org: i64, id: i64, patch_: &TeamPatch) -> Result<Team, ApiError> {
    patch(&fill(paths::TEAM, &[org, id]), patch_).await
}

pub async fn delete_team(org: i64, id: i64) -> Result<(), ApiError> {
    delete(&fill(paths::TEAM, &[org, id])).await
}
