//! The agency's billing plans: `/api/v1/plans` and `/api/v1/plans/{id}`. Read by any
//! staff, defined by owners and admins. Client users never read this list: they see the
//! plans they may choose in their org's billing overview, and only where billing is on.

use crate::access::AuthUser;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath, ApiQuery};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::{ListQuery, ListResponse, NewPlan, Plan, PlanPatch};
use axum::extract::State;
use axum::http::header::LOCATION;
use axum::http::StatusCode;
use axum::response::IntoResponse;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_plans, create_plan)).routes(routes!(update_plan))
}

/// A page of the agency's plans, retired ones last; `q` searches names.
#[utoipa::path(get, path = paths::PLANS, tag = "billing", params(ListQuery),
    responses((status = 200, body = ListResponse<Plan>), (status = 400),
              (status = 401), (status = 403)))]
pub async fn list_plans(
    State(state): State<AppState>,
    user: AuthUser,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ListResponse<Plan>>> {
    let actor = user.require_staff()?;
    let (items, total) = store::plans::list_plans(&state.db, actor.agency_id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}

/// A new plan. Prices are whole minor units (a fraction is a 400), never negative.
#[utoipa::path(post, path = paths::PLANS, tag = "billing", request_body = NewPlan,
    responses((status = 201, body = Plan, headers(("location" = String, description = "Its URL"))),
              (status = 400), (status = 401), (status = 403),
              (status = 422)))]
pub async fn create_plan(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<NewPlan>,
) -> AppResult<impl IntoResponse> {
    let actor = user.require_agency_admin()?;
    body.validate()?;
    let plan = store::plans::create_plan(&state.db, actor.agency_id, &body)
        .await
        .map_err(|e| AppError::unique_as_taken(e, "name"))?;
    let location = paths::full(&paths::fill(paths::PLAN, &[plan.id]));
    Ok((StatusCode::CREATED, [(LOCATION, location)], Json(plan)))
}

/// Changes the fields present; `retired: true` retires the plan (no new subscriptions).
/// Subscriptions keep the terms they took until their next renewal.
#[utoipa::path(patch, path = paths::PLAN, tag = "billing", params(("id" = i64, Path)),
    request_body = PlanPatch,
    responses((status = 200, body = Plan), (status = 400), (status = 401),
              (status = 403), (status = 404), (status = 422)))]
pub async fn update_plan(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(id): ApiPath<i64>,
    ApiJson(body): ApiJson<PlanPatch>,
) -> AppResult<Json<Plan>> {
    let actor = user.require_agency_admin()?;
    // A missing (or another agency's) plan is 404 even when the body is also invalid.
    store::plans::get_plan(&state.db, actor.agency_id, id).await?.ok_or(AppError::NotFound)?;
    body.validate()?;
    let plan = store::plans::update_plan(&state.db, actor.agency_id, id, &body)
        .await
        .map_err(|e| AppError::unique_as_taken(e, "name"))?;
    Ok(Json(plan.ok_or(AppError::NotFound)?))
}
