//! `GET /api/v1/orgs/{org}/activity`: who changed what in an org, newest first.

use crate::access::{AuthUser, OrgRule};
use crate::error::AppResult;
use crate::extract::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store;
use atrium_api::{ActivityEntry, ErrorBody, ListQuery, ListResponse};
use axum::extract::State;
use axum::routing::get;
use axum::{Json, Router};

pub fn router() -> Router<AppState> {
    Router::new().route("/orgs/{org}/activity", get(list_activity))
}

/// A page of the org's activity log, newest first; `q` and `sort` are ignored. Any agency
/// staff may read it; the org's own users may not (403).
#[utoipa::path(get, path = "/api/v1/orgs/{org}/activity", tag = "orgs", params(("org" = i64, Path), ListQuery),
    responses((status = 200, body = ListResponse<ActivityEntry>), (status = 400, body = ErrorBody),
              (status = 401, body = ErrorBody), (status = 403, body = ErrorBody), (status = 404, body = ErrorBody)))]
pub async fn list_activity(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ListResponse<ActivityEntry>>> {
    let access = user.org(&state, org_id, OrgRule::AnyStaff).await?;
    let (items, total) = store::list_activity(&state.db, access.org.id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}
