//! Plans, subscriptions and invoices.

use super::request::{delete, get, patch, post, post_for, put};
use super::ApiError;
use atrium_api::{BillingOverview, ChoosePlan, Invoice, ListResponse, NewPlan, Plan, PlanPatch, Subscription};

pub async fn plans() -> Result<ListResponse<Plan>, ApiError> {
    get(&format!("/plans?per_page={}", atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn create_plan(plan: &NewPlan) -> Result<Plan, ApiError> {
    post("/plans", plan).await
}

pub async fn update_plan(id: i64, change: &PlanPatch) -> Result<Plan, ApiError> {
    patch(&format!("/plans/{id}"), change).await
}

pub async fn overview(org: i64) -> Result<BillingOverview, ApiError> {
    get(&format!("/orgs/{org}/billing")).await
}

pub async fn choose_plan(org: i64, plan_id: i64) -> Result<Subscription, ApiError> {
    put(&format!("/orgs/{org}/billing/subscription"), &ChoosePlan { plan_id }).await
}

pub async fn cancel(org: i64) -> Result<(), ApiError> {
    delete(&format!("/orgs/{org}/billing/subscription")).await
}

pub async fn resume(org: i64) -> Result<Subscription, ApiError> {
    post_for(&format!("/orgs/{org}/billing/subscription/resume")).await
}

pub async fn invoices(org: i64) -> Result<ListResponse<Invoice>, ApiError> {
    get(&format!("/orgs/{org}/invoices?per_page={}", atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn mark_paid(org: i64, invoice: i64) -> Result<Invoice, ApiError> {
    post_for(&format!("/orgs/{org}/invoices/{invoice}/pay")).await
}
