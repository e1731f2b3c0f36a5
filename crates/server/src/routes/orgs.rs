//! Client organizations: `/api/v1/orgs`.

use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::session::AuthUser;
use crate::state::AppState;
use crate::store;
use atrium_api::{ErrorBody, ListResponse, OrgListQuery, Organization};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/orgs", get(list_orgs)).route("/orgs/{org}", get(get_org))
}

/// The caller's agency's organizations, a page at a time. Agency staff only.
#[utoipa::path(get, path = "/api/v1/orgs", tag = "orgs", params(OrgListQuery),
    responses((status = 200, body = ListResponse<Organization>), (status = 401, body = ErrorBody),
              (status = 403, body = ErrorBody), (status = 400, body = ErrorBody), (status = 422, body = ErrorBody)))]
pub async fn list_orgs(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(query): ApiQuery<OrgListQuery>,
) -> AppResult<Json<ListResponse<Organization>>> {
    user.require_staff()?;
    query.validate()?;
    let (items, total) =
        store::list_orgs(&state.db, user.agency_id, query.archived.unwrap_or(false), &query.list()).await?;
    Ok(Json(ListResponse { items, total }))
}

/// One organization: for its agency's staff and its own users; 404 for everyone else.
#[utoipa::path(get, path = "/api/v1/orgs/{org}", tag = "orgs", params(("org" = i64, Path)),
    responses((status = 200, body = Organization), (status = 401, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn get_org(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<Json<Organization>> {
    let org = store::get_org(&state.db, user.agency_id, org_id).await?.ok_or(AppError::NotFound)?;
    if !user.can_see_org(user.agency_id, org.id) {
        return Err(AppError::NotFound);
    }
    Ok(Json(org))
}
