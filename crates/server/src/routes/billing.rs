//! An org's billing: `/api/v1/orgs/{org}/billing` (overview) and
//! `/api/v1/orgs/{org}/billing/subscription` (choose, cancel, resume).
//!
//! Read by agency staff and by the org's users holding `billing`; changed by the agency's
//! owners and admins and by those same users (org admins hold every permission). While the
//! org has billing off, its users get 404 for all of it (see `AuthUser::org_billing`).

use crate::access::{AuthUser, OrgAccess, OrgRule};
use crate::billing::period::{calendar_month, parse};
use crate::billing::refresh::refresh;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiJson, ApiPath};
use crate::payments::announce;
use crate::state::AppState;
use crate::store::{self, subscriptions::Choice, subscriptions::OrgRef};
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{BillingOverview, ChoosePlan, Permission, Subscription, SubscriptionStatus};
use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub(crate) const READ: OrgRule = OrgRule::StaffOrPermission(Permission::Billing);
const WRITE: OrgRule = OrgRule::AdminOrPermission(Permission::Billing);

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(get_billing))
        .routes(routes!(choose_plan, cancel_subscription))
        .routes(routes!(resume_subscription))
}

/// Refused while billing is off: no new terms start then. Staff are the ones who get
/// here (the org's users already got 404); cancelling stays possible, stopping charges.
fn require_enabled(access: &OrgAccess) -> AppResult<()> {
    if access.org.settings.billing_enabled {
        Ok(())
    } else {
        Err(AppError::Conflict("Billing is turned off for this organization.".into()))
    }
}

/// Plan, subscription status, usage and credits of the current period (the calendar
/// month without a subscription), and the plans the org may choose.
#[utoipa::path(get, path = paths::BILLING, tag = "billing", params(("org" = i64, Path)),
    responses((status = 200, body = BillingOverview), (status = 400),
              (status = 401), (status = 403), (status = 404)))]
pub async fn get_billing(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<Json<BillingOverview>> {
    let access = user.org_billing(&state, org_id, READ).await?;
    let agency_id = access.actor.agency_id;
    let now = refresh(&state, agency_id, &access.org).await?;
    let subscription = store::subscriptions::current_subscription(&state.db, access.org.id).await?;
    let running = subscription.as_ref().filter(|s| s.status != SubscriptionStatus::Canceled);
    let (start, end, included) = match running {
        Some(s) => match (parse(&s.current_period_start), parse(&s.current_period_end)) {
            (Some(start), Some(end)) => (start, end, s.included_conversations),
            _ => return Err(AppError::Internal(format!("subscription {} has an unreadable period", s.id).into())),
        },
        None => {
            let (start, end) = calendar_month(now);
            (start, end, 0)
        }
    };
    let conversations_used = store::subscriptions::conversations_between(&state.db, access.org.id, start, end).await?;
    let plans = store::plans::choosable_plans(&state.db, agency_id).await?;
    let credits_left = (included - conversations_used).max(0);
    Ok(Json(BillingOverview { subscription, conversations_used, credits_left, plans }))
}

/// Subscribes the org to a plan (a whole period, invoiced now), or moves its subscription
/// to another plan of the same currency, prorated to the second on one invoice.
#[utoipa::path(put, path = paths::SUBSCRIPTION, tag = "billing",
    params(("org" = i64, Path)), request_body = ChoosePlan,
    responses((status = 200, body = Subscription), (status = 400), (status = 401),
              (status = 403), (status = 404),
              (status = 409, description = "Billing is off, or the org is on this plan already"),
              (status = 422, description = "`plan_id`: unknown, retired, or another currency")))]
pub async fn choose_plan(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiJson(body): ApiJson<ChoosePlan>,
) -> AppResult<Json<Subscription>> {
    let access = user.org_billing(&state, org_id, WRITE).await?;
    require_enabled(&access)?;
    let agency_id = access.actor.agency_id;
    let unknown = || AppError::field("plan_id", FieldError::Unknown);
    let plan =
        store::plans::get_plan(&state.db, agency_id, body.plan_id).await?.filter(|p| !p.retired).ok_or_else(unknown)?;
    let now = refresh(&state, agency_id, &access.org).await?;
    let org = OrgRef { agency_id, org_id: access.org.id };
    match store::subscriptions::choose_plan(&state.db, org, access.actor.by(), &plan, now).await? {
        Choice::Started(sub, invoice) | Choice::Changed(sub, invoice) => {
            announce(state.payments.as_ref(), &[invoice]).await;
            Ok(Json(sub))
        }
        Choice::SamePlan => Err(AppError::Conflict("The organization is on this plan already.".into())),
        // No currency conversion: the credit and the charge could not share an invoice.
        Choice::OtherCurrency => Err(unknown()),
    }
}

/// Cancels at the period's end: the subscription runs (and stays `active`) until then.
#[utoipa::path(delete, path = paths::SUBSCRIPTION, tag = "billing",
    params(("org" = i64, Path)),
    responses((status = 200, body = Subscription), (status = 400), (status = 401),
              (status = 403), (status = 404),
              (status = 409, description = "No subscription, or already cancelling")))]
pub async fn cancel_subscription(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<Json<Subscription>> {
    let access = user.org_billing(&state, org_id, WRITE).await?;
    refresh(&state, access.actor.agency_id, &access.org).await?;
    store::subscriptions::set_cancel_at_period_end(&state.db, access.org.id, access.actor.by(), true)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::Conflict("There is no running subscription to cancel.".into()))
}

/// Takes back a cancellation before the period ends.
#[utoipa::path(post, path = paths::SUBSCRIPTION_RESUME, tag = "billing",
    params(("org" = i64, Path)),
    responses((status = 200, body = Subscription), (status = 400), (status = 401),
              (status = 403), (status = 404),
              (status = 409, description = "Billing is off, or the subscription is not cancelling")))]
pub async fn resume_subscription(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
) -> AppResult<Json<Subscription>> {
    let access = user.org_billing(&state, org_id, WRITE).await?;
    require_enabled(&access)?;
    refresh(&state, access.actor.agency_id, &access.org).await?;
    store::subscriptions::set_cancel_at_period_end(&state.db, access.org.id, access.actor.by(), false)
        .await?
        .map(Json)
        .ok_or_else(|| AppError::Conflict("The subscription is not being cancelled.".into()))
}
