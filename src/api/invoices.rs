//! `/api/v1/orgs/{org}/invoices`: an org's invoices, and marking one paid.

use super::request::{get, post_for};
use super::ApiError;
use atrium_api::paths::{self, fill};
use atrium_api::{Invoice, ListResponse};

pub async fn list_invoices(org: i64) -> Result<ListResponse<Invoice>, ApiError> {
    get(&format!("{}?per_page={}", fill(paths::INVOICES, &[org]), atrium_api::list::MAX_PER_PAGE)).await
}

pub async fn pay_invoice(org: i64, invoice: i64) -> Result<Invoice, ApiError> {
    post_for(&fill(paths::INVOICE_PAY, &[org, invoice])).await
}
