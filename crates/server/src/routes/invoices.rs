//! An org's invoices: `/api/v1/orgs/{org}/invoices` and `.../{id}/pay`. Read as the
//! billing overview is; marked paid by the agency's owners and admins, through the
//! payment provider. There is no route that edits or deletes an invoice.

use crate::access::{AuthUser, OrgRule};
use crate::billing::refresh::refresh;
use crate::error::{AppError, AppResult};
use crate::extract::{ApiPath, ApiQuery};
use crate::payments::PaymentError;
use crate::routes::billing::READ;
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::{Invoice, InvoiceStatus, ListQuery, ListResponse};
use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(list_invoices)).routes(routes!(pay_invoice))
}

/// A page of the org's invoices, newest first, each with its lines.
#[utoipa::path(get, path = paths::INVOICES, tag = "billing", params(("org" = i64, Path), ListQuery),
    responses((status = 200, body = ListResponse<Invoice>), (status = 400),
              (status = 401), (status = 403), (status = 404)))]
pub async fn list_invoices(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath(org_id): ApiPath<i64>,
    ApiQuery(query): ApiQuery<ListQuery>,
) -> AppResult<Json<ListResponse<Invoice>>> {
    let access = user.org_billing(&state, org_id, READ).await?;
    // A period that ended since the last look has an invoice to show.
    refresh(&state, access.actor.agency_id, &access.org).await?;
    let (items, total) = store::invoices::list_invoices(&state.db, access.org.id, &query).await?;
    Ok(Json(ListResponse::new(items, total)))
}

/// Records that an open invoice was paid (money received outside Atrium); a
/// `past_due` subscription with nothing else overdue is `active` again.
#[utoipa::path(post, path = paths::INVOICE_PAY, tag = "billing",
    params(("org" = i64, Path), ("id" = i64, Path)),
    responses((status = 200, body = Invoice), (status = 400), (status = 401),
              (status = 403), (status = 404),
              (status = 409, description = "Paid already, or the payment provider settles it")))]
pub async fn pay_invoice(
    State(state): State<AppState>,
    user: AuthUser,
    ApiPath((org_id, id)): ApiPath<(i64, i64)>,
) -> AppResult<Json<Invoice>> {
    let access = user.org_billing(&state, org_id, OrgRule::AgencyAdmin).await?;
    let invoice = store::invoices::get_invoice(&state.db, access.org.id, id).await?.ok_or(AppError::NotFound)?;
    if invoice.status == InvoiceStatus::Paid {
        return Err(AppError::Conflict("This invoice is paid already.".into()));
    }
    state.payments.mark_paid(&invoice).await.map_err(|e| match e {
        PaymentError::ManualPaymentNotAllowed => AppError::Conflict(e.to_string()),
        PaymentError::Provider(detail) => AppError::Internal(detail.into()),
    })?;
    let now = state.settings.clock.now();
    let paid = store::invoices::mark_invoice_paid(&state.db, access.org.id, id, access.actor.by(), now)
        .await?
        // Paid by someone else between the read and the write.
        .ok_or_else(|| AppError::Conflict("This invoice is paid already.".into()))?;
    refresh(&state, access.actor.agency_id, &access.org).await?;
    Ok(Json(paid))
}
