//! Teams of an organization: `/api/v1/orgs/{org}/teams` and `.../{id}`. Changed by
//! agency owners and admins and the org's admins; read also by any agency staff and by
//! the org's users holding the `team` permission.

use crate::access::{AuthUser, OrgAccess, OrgRule};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store::{self, teams::NewTeamRow, teams::TeamEdit, teams::TeamWrite};
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{ListQuery, ListResponse, NewTeam, Permission, Team, TeamPatch};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

/// Who may read teams.
const READ: OrgRule = OrgRule::StaffOrPermission(Permission::Team);
/// Who may change them.
const WRITE: OrgRule = OrgRule::AgencyAdminOrOrgAdmin;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_teams, create_team)).routes(routes!(get_team, update_team, delete_team))
}

/// A page of the org's teams by label, `q` searching label and key.
#[utoipa::path(get, path = paths::TEAMS, tag = "people", params(("org" = i64, Path), ListQuery),
    responses((status = 200, body = ListResponse<Team>), (status = 400),
              (status = 401), (status = 403), (status = 404)))]
pub async fn list_teams(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ListResponse<Team>>> {
    let access = user.org(&state, org_id, READ).await?;
    let (items, total) = store::teams::list_teams(&state.db, access.org.id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}

/// A new team. The key must be unused in the org and every member a user of the org.
/// Logged as `team.created`.
#[utoipa::path(post, path = paths::TEAMS, tag = "people", params(("org" = i64, Path)),
    request_body = NewTeam,
    responses((status = 201, body = Team, headers(("location" = String, description = "The new team's URL"))),
              (status = 400), (status = 401), (status = 403),
              (status = 404), (status = 422)))]
pub async fn create_team(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewTeam>,
) -> AppResult<impl IntoResponse> {
    let OrgAccess { org, actor } = user.org(&state, org_id, WRITE).await?;
    body.validate()?;
    let labels = store::teams::team_labels(&state.db, org.id, None).await?;
    crate::confusable::refuse_look_alike("label", &body.label, &labels)?;
    let new = NewTeamRow {
        label: body.label.trim(),
        key: &body.key,
        description: body.description.trim(),
        member_ids: &body.member_ids,
    };
    let written = store::teams::create_team(&state.db, org.id, actor.by(), &new)
        .await
        .map_err(|e| AppError::unique_as_taken(e, "key"))?;
    let team = saved(written)?;
    let location = paths::full(&paths::fill(paths::TEAM, &[org.id, team.id]));
    Ok((StatusCode::CREATED, [(LOCATION, location)], Json(team)))
}

/// One team of the org, with its members.
#[utoipa::path(get, path = paths::TEAM, tag = "people",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Team), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn get_team(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, team_id)): ApiPath<(i64, i64)>,
) -> AppResult<Json<Team>> {
    let access = user.org(&state, org_id, READ).await?;
    Ok(Json(store::teams::get_team(&state.db, access.org.id, team_id).await?.ok_or(AppError::NotFound)?))
}

/// Changes the fields present (`member_ids` replaces the whole membership); each changed
/// field is logged and `updated_at` moves when anything changed.
#[utoipa::path(patch, path = paths::TEAM, tag = "people",
    params(("org" = i64, Path), ("id" = i64, Path)), request_body = TeamPatch,
    responses((status = 200, body = Team), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 422)))]
pub async fn update_team(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, team_id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<TeamPatch>,
) -> AppResult<Json<Team>> {
    let OrgAccess { org, actor } = user.org(&state, org_id, WRITE).await?;
    // A missing id is 404 even when the body is also invalid.
    store::teams::get_team(&state.db, org.id, team_id).await?.ok_or(AppError::NotFound)?;
    body.validate()?;
    if let Some(label) = &body.label {
        let labels = store::teams::team_labels(&state.db, org.id, Some(team_id)).await?;
        crate::confusable::refuse_look_alike("label", label, &labels)?;
    }
    let edit = TeamEdit {
        label: body.label.as_deref().map(str::trim),
        key: body.key.as_deref(),
        description: body.description.as_deref().map(str::trim),
        member_ids: body.member_ids.as_deref(),
    };
    let written = store::teams::update_team(&state.db, org.id, team_id, actor.by(), &edit)
        .await
        .map_err(|e| AppError::unique_as_taken(e, "key"))?;
    Ok(Json(saved(written.ok_or(AppError::NotFound)?)?))
}

/// Deletes the team; conversations routed to it keep going, to the org. Logged as
/// `team.deleted`.
#[utoipa::path(delete, path = paths::TEAM, tag = "people",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404)))]
pub async fn delete_team(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, team_id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    let OrgAccess { org, actor } = user.org(&state, org_id, WRITE).await?;
    if !store::teams::delete_team(&state.db, org.id, team_id, actor.by()).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}

fn saved(written: TeamWrite) -> AppResult<Team> {
    match written {
        TeamWrite::Saved(team) => Ok(*team),
        TeamWrite::UnknownMembers => Err(AppError::field("member_ids", FieldError::Unknown)),
    }
}
