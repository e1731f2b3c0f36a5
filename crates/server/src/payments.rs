//! How invoices get paid. The server issues invoices itself (see `store::invoices`); a
//! [`PaymentProvider`] is told about each one and decides how it is settled. The
//! built-in [`ManualProvider`] leaves that to the agency, which marks invoices paid in
//! the console; a card processor adapter replaces it in `AppState::payments`.

use atrium_api::Invoice;
use futures_util::future::BoxFuture;
use std::fmt;

/// Why a provider refused or failed.
#[derive(Debug)]
pub enum PaymentError {
    /// The provider settles invoices itself; the console may not mark them paid.
    ManualPaymentNotAllowed,
    /// The processor failed (network, declined, misconfigured); the detail goes to the log.
    Provider(String),
}

impl fmt::Display for PaymentError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PaymentError::ManualPaymentNotAllowed => f.write_str("invoices are paid through the payment provider"),
            PaymentError::Provider(detail) => write!(f, "payment provider: {detail}"),
        }
    }
}

/// One way of collecting payment. Object-safe (the futures are boxed) so that the server
/// holds it as `Arc<dyn PaymentProvider>` and a deployment picks one at start-up.
///
/// An adapter (say, for a card processor) must implement:
/// - [`name`](PaymentProvider::name): a stable lowercase id for logs (`"manual"`, `"stripe"`).
/// - [`on_invoice_issued`](PaymentProvider::on_invoice_issued): called after the invoice
///   is committed, once per invoice, including those issued already `paid` (total ≤ 0),
///   which need no charge. Typically: create the charge, keyed by `invoice.number` so that
///   a retry is idempotent. An error is logged and the invoice stays `open`; it must not
///   be assumed paid. When the processor later confirms payment (e.g. a webhook), the
///   adapter marks the invoice paid through `store::invoices::mark_invoice_paid`.
/// - [`mark_paid`](PaymentProvider::mark_paid): called when staff mark an open invoice paid
///   by hand, before it is recorded. Answer `Ok` to let it through (money arrived outside
///   the processor), or [`PaymentError::ManualPaymentNotAllowed`] to refuse (409).
///
/// Amounts are integer minor units of `invoice.currency`; an adapter never rounds.
pub trait PaymentProvider: Send + Sync {
    fn name(&self) -> &'static str;
    fn on_invoice_issued<'a>(&'a self, invoice: &'a Invoice) -> BoxFuture<'a, Result<(), PaymentError>>;
    fn mark_paid<'a>(&'a self, invoice: &'a Invoice) -> BoxFuture<'a, Result<(), PaymentError>>;
}

/// Invoices paid by bank transfer or the like: nothing to charge, staff record payment.
#[derive(Clone, Copy, Debug, Default)]
pub struct ManualProvider;

impl PaymentProvider for ManualProvider {
    fn name(&self) -> &'static str {
        "manual"
    }

    fn on_invoice_issued<'a>(&'a self, _invoice: &'a Invoice) -> BoxFuture<'a, Result<(), PaymentError>> {
        Box::pin(async { Ok(()) })
    }

    fn mark_paid<'a>(&'a self, _invoice: &'a Invoice) -> BoxFuture<'a, Result<(), PaymentError>> {
        Box::pin(async { Ok(()) })
    }
}

/// Tells `provider` about newly issued invoices. The invoices stand whatever it answers
/// (they are the ledger); a failure is logged for the adapter to retry.
pub async fn announce(provider: &dyn PaymentProvider, invoices: &[Invoice]) {
    for invoice in invoices {
        if let Err(e) = provider.on_invoice_issued(invoice).await {
            tracing::error!(provider = provider.name(), invoice = %invoice.number, error = %e, "invoice not announced");
        }
    }
}
