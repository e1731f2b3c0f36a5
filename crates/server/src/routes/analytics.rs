//! `GET /api/v1/orgs/{org}/analytics`: conversations and handoffs per UTC day and the
//! median first human response time. For staff and users with the `analytics`
//! permission; a client user's numbers cover the agents visible to them.

use crate::access::{AuthUser, OrgRule};
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::routes::conversations::scope;
use crate::state::AppState;
use crate::store::{self, analytics::AnalyticsFilter};
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{Analytics, AnalyticsQuery, Permission};
use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

const READ: OrgRule = OrgRule::StaffOrPermission(Permission::Analytics);
const DEFAULT_DAYS: u32 = 30;
const MAX_DAYS: u32 = 365;

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_analytics))
}

/// The last `days` (1 to 365, default 30) UTC days up to today, oldest first, narrowed
/// to one agent or team when asked.
#[utoipa::path(get, path = paths::ORG_ANALYTICS, tag = "conversations",
    params(("org" = i64, Path), AnalyticsQuery),
    responses((status = 200, body = Analytics), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 422)))]
pub async fn get_analytics(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<AnalyticsQuery>,
) -> AppResult<Json<Analytics>> {
    let access = user.org(&state, org_id, READ).await?;
    let days = query.days.unwrap_or(DEFAULT_DAYS);
    if !(1..=MAX_DAYS).contains(&days) {
        return Err(AppError::field("days", FieldError::Unknown));
    }
    let scope = scope(&state, &access).await?;
    let filter = AnalyticsFilter { days, agent_id: query.agent_id, team_id: query.team_id };
    Ok(Json(store::analytics::analytics(&state.db, &scope, &filter).await?))
}
