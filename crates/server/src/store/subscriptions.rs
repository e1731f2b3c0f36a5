//! Org subscriptions: taking a plan, changing it (prorated), cancelling at the period's
//! end and resuming, and the time-driven part (renewal, the end of a cancelled one,
//! overdue invoices), each in one write transaction with the invoice it issues.

use super::activity::record_activity;
use super::columns::Columns;
use super::invoices::{issue_invoice, NewInvoice};
use super::plans::get_plan;
use super::{activity::By, begin_write, Db, Flag};
use crate::billing::lines::{change, period_line, Current};
use crate::billing::period::{add_interval, parse, stamp};
use crate::changes::Change;
use atrium_api::{Invoice, Plan, PlanInterval, Subscription, SubscriptionStatus};
use sqlx::{AnyConnection, FromRow};
use time::OffsetDateTime;

const SUB_COLUMNS: &str = "id, plan_id, plan_name, price_cents, currency, interval, included_conversations, status, \
                           current_period_start, current_period_end, cancel_at_period_end";

/// Renewals caught up in one read at most: decades of monthly periods, against a clock
/// gone wrong looping forever.
const MAX_RENEWALS: usize = 600;

#[derive(FromRow)]
struct SubRow {
    id: i64,
    plan_id: i64,
    plan_name: String,
    price_cents: i64,
    currency: String,
    interval: String,
    included_conversations: i64,
    status: String,
    current_period_start: String,
    current_period_end: String,
    #[sqlx(try_from = "Flag")]
    cancel_at_period_end: bool,
}

impl From<SubRow> for Subscription {
    fn from(r: SubRow) -> Self {
        let status = SubscriptionStatus::parse(&r.status).unwrap_or(SubscriptionStatus::Active);
        Subscription {
            id: r.id,
            plan_id: r.plan_id,
            plan_name: r.plan_name,
            price_cents: r.price_cents,
            currency: r.currency,
            interval: PlanInterval::parse(&r.interval).unwrap_or(PlanInterval::Month),
            included_conversations: r.included_conversations,
            status,
            current_period_start: r.current_period_start,
            current_period_end: r.current_period_end,
            cancel_at_period_end: r.cancel_at_period_end,
        }
    }
}

/// The org's newest subscription, a cancelled one included (the dashboard shows it).
pub async fn current_subscription(db: &Db, org_id: i64) -> Result<Option<Subscription>, sqlx::Error> {
    let sql = format!("SELECT {SUB_COLUMNS} FROM subscriptions WHERE org_id = $1 ORDER BY id DESC LIMIT 1");
    Ok(sqlx::query_as::<_, SubRow>(&sql).bind(org_id).fetch_optional(db).await?.map(Into::into))
}

/// The org's subscription that is not cancelled, if any (at most one, by a unique index).
async fn live(conn: &mut AnyConnection, org_id: i64) -> Result<Option<Subscription>, sqlx::Error> {
    let sql = format!("SELECT {SUB_COLUMNS} FROM subscriptions WHERE org_id = $1 AND status != 'canceled'");
    Ok(sqlx::query_as::<_, SubRow>(&sql).bind(org_id).fetch_optional(&mut *conn).await?.map(Into::into))
}

/// Conversations the org started in `[start, end)`: what its credits are spent on.
pub async fn conversations_between(
    db: &Db,
    org_id: i64,
    start: OffsetDateTime,
    end: OffsetDateTime,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM conversations WHERE org_id = $1 AND created_at >= $2 AND created_at < $3")
        .bind(org_id)
        .bind(stamp(start))
        .bind(stamp(end))
        .fetch_one(db)
        .await
}

/// Where an org and its agency stand, for the writes below.
#[derive(Clone, Copy)]
pub struct OrgRef {
    pub agency_id: i64,
    pub org_id: i64,
}

/// What choosing a plan came to.
pub enum Choice {
    /// A first subscription (or one after a cancelled one), with its first invoice.
    Started(Subscription, Invoice),
    /// The live subscription moved to the plan, with the prorated invoice.
    Changed(Subscription, Invoice),
    /// The live subscription is on this plan already.
    SamePlan,
    /// The plan bills in another currency than the live subscription (no conversion).
    OtherCurrency,
}

/// Puts the org on `plan` at `now`: a new subscription for a whole period, or a prorated
/// change of the live one (see [`change`]). Choosing a plan also takes back a pending
/// cancellation: the client just said they want to go on.
pub async fn choose_plan(
    db: &Db,
    org: OrgRef,
    by: By,
    plan: &Plan,
    now: OffsetDateTime,
) -> Result<Choice, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let current = live(&mut tx, org.org_id).await?;
    let (sub_id, old_name, (start, end), lines) = match &current {
        None => {
            let end = add_interval(now, plan.interval);
            let (sql, args) = plan_terms(Columns::new().value("org_id", org.org_id), plan, (now, end))
                .sql("status", "'active'")
                .value("created_at", stamp(now))
                .insert("subscriptions", "RETURNING id")?;
            let id: i64 = sqlx::query_scalar_with(&sql, args).fetch_one(&mut *tx).await?;
            (id, None, (now, end), vec![period_line(&plan.name, plan.price_cents, now, end)])
        }
        Some(s) if s.plan_id == plan.id => return Ok(Choice::SamePlan),
        Some(s) if s.currency != plan.currency => return Ok(Choice::OtherCurrency),
        Some(s) => {
            let (Some(start), Some(end)) = (parse(&s.current_period_start), parse(&s.current_period_end)) else {
                return Err(sqlx::Error::Protocol(format!("subscription {} has an unreadable period", s.id)));
            };
            let terms =
                Current { plan_name: &s.plan_name, price_cents: s.price_cents, interval: s.interval, start, end };
            let (period, lines) = change(&terms, plan, now);
            (s.id, Some(s.plan_name.clone()), period, lines)
        }
    };
    if current.is_some() {
        let mut columns = plan_terms(Columns::new(), plan, (start, end)).sql("cancel_at_period_end", "FALSE");
        let id = columns.bind(sub_id);
        let (sql, args) = columns.update("subscriptions", &format!("id = {id}"))?;
        sqlx::query_with(&sql, args).execute(&mut *tx).await?;
    }
    let invoice = issue_invoice(
        &mut tx,
        &NewInvoice {
            agency_id: org.agency_id,
            org_id: org.org_id,
            subscription_id: sub_id,
            currency: &plan.currency,
            lines: &lines,
            issued_at: now,
        },
    )
    .await?;
    let change = Change::new("billing.plan", old_name, Some(plan.name.clone()));
    record_activity(&mut tx, org.org_id, Some(by), &[change]).await?;
    let sql = format!("SELECT {SUB_COLUMNS} FROM subscriptions WHERE id = $1");
    let sub: Subscription = sqlx::query_as::<_, SubRow>(&sql).bind(sub_id).fetch_one(&mut *tx).await?.into();
    tx.commit().await?;
    Ok(if current.is_some() { Choice::Changed(sub, invoice) } else { Choice::Started(sub, invoice) })
}

/// Sets the live subscription's `cancel_at_period_end` to `cancel`, and logs it; `None`
/// when there is no live subscription or the flag is already so (the caller tells which).
pub async fn set_cancel_at_period_end(
    db: &Db,
    org_id: i64,
    by: By,
    cancel: bool,
) -> Result<Option<Subscription>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let sql = format!(
        "UPDATE subscriptions SET cancel_at_period_end = $1 WHERE org_id = $2 AND status != 'canceled' \
         AND cancel_at_period_end != $1 RETURNING {SUB_COLUMNS}"
    );
    let Some(row) = sqlx::query_as::<_, SubRow>(&sql).bind(cancel).bind(org_id).fetch_optional(&mut *tx).await? else {
        return Ok(None);
    };
    let change = Change::new("billing.cancel_at_period_end", Some((!cancel).to_string()), Some(cancel.to_string()));
    record_activity(&mut tx, org_id, Some(by), &[change]).await?;
    tx.commit().await?;
    Ok(Some(row.into()))
}

/// Brings the org's live subscription up to `now`: every period that ended either ends a
/// cancelled subscription (`canceled`) or renews it, at the plan's price of the moment
/// (terms are kept only until renewal, so the snapshot is refreshed) with an invoice
/// issued at the new period's start. Then the status follows the invoices: `past_due`
/// while one is open past its due date, `active` otherwise. Answers the invoices issued.
pub async fn roll_over(db: &Db, org: OrgRef, now: OffsetDateTime) -> Result<Vec<Invoice>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let mut issued = Vec::new();
    let Some(mut sub) = live(&mut tx, org.org_id).await? else {
        return Ok(issued);
    };
    for _ in 0..MAX_RENEWALS {
        let Some(end) = parse(&sub.current_period_end) else { break };
        if end > now {
            break;
        }
        if sub.cancel_at_period_end {
            set_status(&mut tx, org.org_id, &sub, SubscriptionStatus::Canceled).await?;
            tx.commit().await?;
            return Ok(issued);
        }
        // The plan may have changed since (but never its currency or interval); it is
        // never deleted, so the snapshot stands in only against a broken database.
        let plan = get_plan(&mut *tx, org.agency_id, sub.plan_id).await?;
        let (name, price, included) = match &plan {
            Some(p) => (p.name.clone(), p.price_cents, p.included_conversations),
            None => (sub.plan_name.clone(), sub.price_cents, sub.included_conversations),
        };
        let next_end = add_interval(end, sub.interval);
        let sql = format!(
            "UPDATE subscriptions SET plan_name = $1, price_cents = $2, included_conversations = $3, \
             current_period_start = $4, current_period_end = $5 WHERE id = $6 RETURNING {SUB_COLUMNS}"
        );
        sub = sqlx::query_as::<_, SubRow>(&sql)
            .bind(&name)
            .bind(price)
            .bind(included)
            .bind(stamp(end))
            .bind(stamp(next_end))
            .bind(sub.id)
            .fetch_one(&mut *tx)
            .await?
            .into();
        let lines = [period_line(&name, price, end, next_end)];
        let new = NewInvoice {
            agency_id: org.agency_id,
            org_id: org.org_id,
            subscription_id: sub.id,
            currency: &sub.currency,
            lines: &lines,
            issued_at: end,
        };
        issued.push(issue_invoice(&mut tx, &new).await?);
    }
    let overdue: Flag = sqlx::query_scalar(
        "SELECT EXISTS (SELECT 1 FROM invoices WHERE subscription_id = $1 AND status = 'open' AND due_at <= $2)",
    )
    .bind(sub.id)
    .bind(stamp(now))
    .fetch_one(&mut *tx)
    .await?;
    let status = if overdue.0 { SubscriptionStatus::PastDue } else { SubscriptionStatus::Active };
    if status != sub.status {
        set_status(&mut tx, org.org_id, &sub, status).await?;
    }
    tx.commit().await?;
    Ok(issued)
}

/// Moves `sub` to `status`, logged as the platform's doing (no actor).
/// The plan's terms a subscription is taken on, and its period: written alike when it starts
/// and when it changes plan.
fn plan_terms<'q>(columns: Columns<'q>, plan: &'q Plan, (start, end): (OffsetDateTime, OffsetDateTime)) -> Columns<'q> {
    columns
        .value("plan_id", plan.id)
        .value("plan_name", &plan.name)
        .value("price_cents", plan.price_cents)
        .value("currency", &plan.currency)
        .value("interval", plan.interval.as_str())
        .value("included_conversations", plan.included_conversations)
        .value("current_period_start", stamp(start))
        .value("current_period_end", stamp(end))
}

async fn set_status(
    conn: &mut AnyConnection,
    org_id: i64,
    sub: &Subscription,
    status: SubscriptionStatus,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE subscriptions SET status = $1 WHERE id = $2")
        .bind(status.as_str())
        .bind(sub.id)
        .execute(&mut *conn)
        .await?;
    let change =
        Change::new("billing.status", Some(sub.status.as_str().to_string()), Some(status.as_str().to_string()));
    record_activity(conn, org_id, None, &[change]).await
}
