//! `/api/v1/plans`: the agency's billing plans.

use super::request::{get, patch, post};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{ListResponse, NewPlan, Plan, PlanPatch};

pub async fn list_plans() -> Result<ListResponse<Plan>, ApiError> {
    get(&format!("{}?per_page={}", paths::PLANS, atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn create_plan(plan: &NewPlan) -> Result<Plan, ApiError> {
    post(paths::PLANS, plan).await
}

pub async fn update_plan(id: i64, change: &PlanPatch) -> Result<Plan, ApiError> {
    patch(&fill(paths::PLAN, &[id]), change).await
}
