//! Billing moves with time, not only with requests: periods end, invoices fall due. There
//! is no background job; every billing route first brings the org's subscription up to
//! the clock's now (idempotent, in one transaction), so whoever looks sees the truth.

use crate::error::AppResult;
use crate::payments::announce;
use crate::state::AppState;
use crate::store::{self, subscriptions::OrgRef};
use atrium_api::Organization;
use time::OffsetDateTime;

/// Renews or ends the org's subscription as its periods have passed, updates its status
/// from its invoices, tells the payment provider of any invoice issued; answers the `now`
/// it used, so the caller goes on with the same instant.
pub async fn refresh(state: &AppState, agency_id: i64, org: &Organization) -> AppResult<OffsetDateTime> {
    let now = state.settings.clock.now();
    let issued = store::subscriptions::roll_over(&state.db, OrgRef { agency_id, org_id: org.id }, now).await?;
    announce(state.payments.as_ref(), &issued).await;
    Ok(now)
}
