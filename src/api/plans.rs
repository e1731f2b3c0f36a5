//! `/api/v1/plans`: the agency's billing plans.

use super::request::{get, patch, post};
use super::ApiError;
use atrium_api::{ListResponse, NewPlan, Plan, PlanPatch};

pub async fn list_plans() -> Result<ListResponse<Plan>, ApiError> {
    get(&format!("/plans?per_page={}", atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn create_plan(plan: &NewPlan) -> Result<Plan, ApiError> {
    post("/plans", plan).await
}

pub async fn update_plan(id: i64, change: &PlanPatch) -> Result<Plan, ApiError> {
    patch(&format!("/plans/{id}"), change).await
}
