//! `/api/v1/orgs/{org}/billing`: an org's subscription: choose a plan, cancel, resume.

use super::request::{delete, get, post_for, put};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{BillingOverview, ChoosePlan, Subscription};

pub async fn get_billing(org: i64) -> Result<BillingOverview, ApiError> {
    get(&fill(paths::BILLING, &[org])).await
}

pub async fn choose_plan(org: i64, plan_id: i64) -> Result<Subscription, ApiError> {
    put(&fill(paths::SUBSCRIPTION, &[org]), &ChoosePlan { plan_id }).await
}

pub async fn cancel_subscription(org: i64) -> Result<(), ApiError> {
    delete(&fill(paths::SUBSCRIPTION, &[org])).await
}

pub async fn resume_subscription(org: i64) -> Result<Subscription, ApiError> {
    post_for(&fill(paths::SUBSCRIPTION_RESUME, &[org])).await
}
