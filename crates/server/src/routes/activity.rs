//! `GET /api/v1/orgs/{org}/activity`: who changed what in an org, newest first.

use crate::access::{AuthUser, OrgRule};
use crate::error::AppResult;
use crate::extract::{ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::{ActivityEntry, ListQuery, ListResponse};
use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_activity))
}

/// A page of the org's activity log, newest first; `q` and `sort` are ignored. Any agency
/// staff may read it; the org's own users may not (403).
#[utoipa::path(get, path = paths::ORG_ACTIVITY, tag = "orgs", params(("org" = i64, Path), ListQuery),
    responses((status = 200, body = ListResponse<ActivityEntry>), (status = 400),
              (status = 401), (status = 403), (status = 404)))]
pub async fn list_activity(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ListResponse<ActivityEntry>>> {
    let access = user.org(&state, org_id, OrgRule::AnyStaff).await?;
    let (items, total) = store::activity::list_activity(&state.db, access.org.id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}
