//! The invoice ledger: issued inside the transaction of the billing event that caused
//! them, numbered per agency without gaps or reuse, then only ever paid (the migration's
//! triggers refuse any other edit, and any delete).

use super::activity::record_activity;
use super::columns::Columns;
use super::{activity::By, begin_write, json_ids, Db, Dialect};
use crate::billing::lines::total;
use crate::billing::period::stamp;
use crate::billing::DAYS_TO_PAY;
use crate::changes::Change;
use atrium_api::{Invoice, InvoiceLine, InvoiceStatus, ListQuery};
use sqlx::{AnyConnection, FromRow};
use time::{Duration, OffsetDateTime};

const INVOICE_COLUMNS: &str = "id, number, status, currency, total_cents, issued_at, due_at, paid_at";

#[derive(FromRow)]
struct InvoiceRow {
    id: i64,
    number: String,
    status: String,
    currency: String,
    total_cents: i64,
    issued_at: String,
    due_at: String,
    paid_at: Option<String>,
}

impl InvoiceRow {
    fn into_invoice(self, lines: Vec<InvoiceLine>) -> Invoice {
        let status = if self.status == "paid" { InvoiceStatus::Paid } else { InvoiceStatus::Open };
        Invoice {
            id: self.id,
            number: self.number,
            status,
            currency: self.currency,
            total_cents: self.total_cents,
            lines,
            issued_at: self.issued_at,
            due_at: self.due_at,
            paid_at: self.paid_at,
        }
    }
}

/// What a new invoice is for; its number, total, status and due date follow from it.
pub(super) struct NewInvoice<'a> {
    pub agency_id: i64,
    pub org_id: i64,
    pub subscription_id: i64,
    pub currency: &'a str,
    pub lines: &'a [InvoiceLine],
    pub issued_at: OffsetDateTime,
}

/// Issues an invoice on the caller's write transaction. The number is the agency's next
/// (MAX + 1 under `begin_write`'s lock, so no two writers see the same MAX on either
/// engine; the unique index is the backstop). Nothing is owed when the lines add up to zero or less (a downgrade's
/// credit may exceed the new charge; the surplus is not carried over), so such an
/// invoice is issued already paid.
pub(super) async fn issue_invoice(conn: &mut AnyConnection, new: &NewInvoice<'_>) -> Result<Invoice, sqlx::Error> {
    let seq: i64 = sqlx::query_scalar("SELECT COALESCE(MAX(seq), 0) + 1 FROM invoices WHERE agency_id = $1")
        .bind(new.agency_id)
        .fetch_one(&mut *conn)
        .await?;
    let total_cents = total(new.lines);
    let issued_at = stamp(new.issued_at);
    let (status, paid_at) = if total_cents > 0 { ("open", None) } else { ("paid", Some(issued_at.clone())) };
    let (sql, args) = Columns::new()
        .value("agency_id", new.agency_id)
        .value("org_id", new.org_id)
        .value("subscription_id", new.subscription_id)
        .value("seq", seq)
        .value("number", format!("INV-{seq:06}"))
        .value("status", status)
        .value("currency", new.currency)
        .value("total_cents", total_cents)
        .value("due_at", stamp(new.issued_at + Duration::days(DAYS_TO_PAY)))
        .value("paid_at", paid_at)
        .value("issued_at", issued_at)
        .insert("invoices", &format!("RETURNING {INVOICE_COLUMNS}"))?;
    let row = sqlx::query_as_with::<_, InvoiceRow, _>(&sql, args).fetch_one(&mut *conn).await?;
    for line in new.lines {
        sqlx::query("INSERT INTO invoice_lines (invoice_id, description, amount_cents) VALUES ($1, $2, $3)")
            .bind(row.id)
            .bind(&line.description)
            .bind(line.amount_cents)
            .execute(&mut *conn)
            .await?;
    }
    Ok(row.into_invoice(new.lines.to_vec()))
}

/// The lines of each of `rows`, in the order they were written, attached.
async fn with_lines(db: &Db, rows: Vec<InvoiceRow>) -> Result<Vec<Invoice>, sqlx::Error> {
    let ids: Vec<i64> = rows.iter().map(|r| r.id).collect();
    let list = Dialect::of(db).id_list("$1");
    let lines: Vec<(i64, String, i64)> = sqlx::query_as(&format!(
        "SELECT invoice_id, description, amount_cents FROM invoice_lines \
         WHERE invoice_id IN ({list}) ORDER BY invoice_id, id"
    ))
    .bind(json_ids(&ids))
    .fetch_all(db)
    .await?;
    Ok(rows
        .into_iter()
        .map(|row| {
            let mine = lines
                .iter()
                .filter(|(invoice_id, _, _)| *invoice_id == row.id)
                .map(|(_, description, amount_cents)| InvoiceLine {
                    description: description.clone(),
                    amount_cents: *amount_cents,
                })
                .collect();
            row.into_invoice(mine)
        })
        .collect())
}

/// A page of the org's invoices, newest first, each with its lines.
pub async fn list_invoices(db: &Db, org_id: i64, query: &ListQuery) -> Result<(Vec<Invoice>, u64), sqlx::Error> {
    let total: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE org_id = $1").bind(org_id).fetch_one(db).await?;
    let sql = format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE org_id = $1 ORDER BY id DESC LIMIT $2 OFFSET $3");
    let rows = sqlx::query_as::<_, InvoiceRow>(&sql)
        .bind(org_id)
        .bind(i64::from(query.per_page()))
        .bind(query.offset() as i64)
        .fetch_all(db)
        .await?;
    Ok((with_lines(db, rows).await?, total.max(0) as u64))
}

/// Invoice `id` of the org, with its lines.
pub async fn get_invoice(db: &Db, org_id: i64, id: i64) -> Result<Option<Invoice>, sqlx::Error> {
    let sql = format!("SELECT {INVOICE_COLUMNS} FROM invoices WHERE id = $1 AND org_id = $2");
    let row = sqlx::query_as::<_, InvoiceRow>(&sql).bind(id).bind(org_id).fetch_optional(db).await?;
    Ok(with_lines(db, row.into_iter().collect()).await?.pop())
}

/// Marks the org's open invoice `id` paid at `at`, and logs it; `None` when there is no
/// such open invoice (missing, or paid already: the caller tells which).
pub async fn mark_invoice_paid(
    db: &Db,
    org_id: i64,
    id: i64,
    by: By,
    at: OffsetDateTime,
) -> Result<Option<Invoice>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let sql = format!(
        "UPDATE invoices SET status = 'paid', paid_at = $1 WHERE id = $2 AND org_id = $3 AND status = 'open' \
         RETURNING {INVOICE_COLUMNS}"
    );
    let Some(row) =
        sqlx::query_as::<_, InvoiceRow>(&sql).bind(stamp(at)).bind(id).bind(org_id).fetch_optional(&mut *tx).await?
    else {
        return Ok(None);
    };
    let change = Change::new("billing.invoice_paid", None, Some(row.number.clone()));
    record_activity(&mut tx, org_id, Some(by), &[change]).await?;
    tx.commit().await?;
    get_invoice(db, org_id, id).await
}
