//! Canned responses of an org: `/api/v1/orgs/{org}/canned-responses` and `.../{id}`.
//! Only where the org has them enabled (else 409). Read by staff and by the org's users
//! who manage them or reply to conversations; changed by agency admins, org admins and
//! users holding the `canned_responses` permission.

use crate::access::{AuthUser, OrgAccess, OrgRule};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::{CannedResponse, CannedResponsePatch, ListQuery, ListResponse, NewCannedResponse, Permission};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

const READ: OrgRule = OrgRule::StaffOrAnyPermission(&[Permission::CannedResponses, Permission::Conversations]);
const WRITE: OrgRule = OrgRule::AdminOrPermission(Permission::CannedResponses);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_canned, create_canned)).routes(routes!(update_canned, delete_canned))
}

/// The org, if the caller passes `rule` and the org has canned responses turned on.
async fn enabled(state: &AppState, user: &AuthUser, org_id: i64, rule: OrgRule) -> AppResult<OrgAccess> {
    let access = user.org(state, org_id, rule).await?;
    if !access.org.settings.canned_responses_enabled {
        return Err(AppError::Conflict("Canned responses are turned off for this organization.".into()));
    }
    Ok(access)
}

/// A page of the org's canned responses by shortcode; `q` searches shortcode, title and body.
#[utoipa::path(get, path = paths::CANNED_RESPONSES, tag = "conversations",
    params(("org" = i64, Path), ListQuery),
    responses((status = 200, body = ListResponse<CannedResponse>), (status = 400),
              (status = 401), (status = 403), (status = 404),
              (status = 409)))]
pub async fn list_canned(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ListResponse<CannedResponse>>> {
    let access = enabled(&state, &user, org_id, READ).await?;
    let (items, total) = store::canned::list_canned(&state.db, access.org.id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}

/// A new canned response; its shortcode must be unused in the org.
#[utoipa::path(post, path = paths::CANNED_RESPONSES, tag = "conversations",
    params(("org" = i64, Path)), request_body = NewCannedResponse,
    responses((status = 201, body = CannedResponse, headers(("location" = String, description = "Its URL"))),
              (status = 400), (status = 401), (status = 403),
              (status = 404), (status = 409), (status = 422)))]
pub async fn create_canned(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiJson(body): ApiJson<NewCannedResponse>,
) -> AppResult<impl IntoResponse> {
    let access = enabled(&state, &user, org_id, WRITE).await?;
    body.validate()?;
    let canned =
        store::canned::create_canned(&state.db, access.org.id, &body.shortcode, body.title.trim(), body.body.trim())
            .await
            .map_err(|e| AppError::unique_as_taken(e, "shortcode"))?;
    let location = paths::full(&paths::fill(paths::CANNED_RESPONSE, &[access.org.id, canned.id]));
    Ok((StatusCode::CREATED, [(LOCATION, location)], Json(canned)))
}

/// Changes the fields present; a shortcode must stay unique in the org.
#[utoipa::path(patch, path = paths::CANNED_RESPONSE, tag = "conversations",
    params(("org" = i64, Path), ("id" = i64, Path)), request_body = CannedResponsePatch,
    responses((status = 200, body = CannedResponse), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409),
              (status = 422)))]
pub async fn update_canned(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
    ApiJson(body): ApiJson<CannedResponsePatch>,
) -> AppResult<Json<CannedResponse>> {
    let access = enabled(&state, &user, org_id, WRITE).await?;
    // A missing id is 404 even when the body is also invalid.
    store::canned::get_canned(&state.db, access.org.id, id).await?.ok_or(AppError::NotFound)?;
    body.validate()?;
    let updated = store::canned::update_canned(
        &state.db,
        access.org.id,
        id,
        body.shortcode.as_deref(),
        body.title.as_deref().map(str::trim),
        body.body.as_deref().map(str::trim),
    )
    .await
    .map_err(|e| AppError::unique_as_taken(e, "shortcode"))?;
    Ok(Json(updated.ok_or(AppError::NotFound)?))
}

/// Deletes a canned response of the org.
#[utoipa::path(delete, path = paths::CANNED_RESPONSE, tag = "conversations",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 204), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 409)))]
pub async fn delete_canned(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
) -> AppResult<StatusCode> {
    let access = enabled(&state, &user, org_id, WRITE).await?;
    if !store::canned::delete_canned(&state.db, access.org.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(StatusCode::NO_CONTENT)
}
