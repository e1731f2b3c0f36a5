//! An agency's billing plans. Never deleted: retired ones stay for the subscriptions
//! that run on them, and for the console's history.

use super::paging::{page, SearchableList};
use super::{now, Db, Flag};
use atrium_api::{ListQuery, NewPlan, Plan, PlanInterval, PlanPatch};
use sqlx::{Any, Executor, FromRow};

const PLAN_COLUMNS: &str = "id, name, price_cents, currency, interval, included_conversations, retired";

#[derive(FromRow)]
struct PlanRow {
    id: i64,
    name: String,
    price_cents: i64,
    currency: String,
    interval: String,
    included_conversations: i64,
    #[sqlx(try_from = "Flag")]
    retired: bool,
}

impl From<PlanRow> for Plan {
    fn from(r: PlanRow) -> Self {
        Plan {
            id: r.id,
            name: r.name,
            price_cents: r.price_cents,
            currency: r.currency,
            // The column's CHECK admits only these two.
            interval: PlanInterval::parse(&r.interval).unwrap_or(PlanInterval::Month),
            included_conversations: r.included_conversations,
            retired: r.retired,
        }
    }
}

/// A page of the agency's plans, retired ones last, then by price; `q` searches names.
pub async fn list_plans(db: &Db, agency_id: i64, query: &ListQuery) -> Result<(Vec<Plan>, u64), sqlx::Error> {
    let list = SearchableList {
        select: &format!("SELECT {PLAN_COLUMNS} FROM plans"),
        from: "plans",
        filter: "agency_id = $1 AND ($2 IS NULL OR lower(name) LIKE $2 ESCAPE '\\')",
        order: "retired, price_cents, id",
    };
    page::<PlanRow, _>(db, &list, agency_id, query).await
}

/// The plans an org of the agency may choose: not retired, cheapest first.
pub async fn choosable_plans(db: &Db, agency_id: i64) -> Result<Vec<Plan>, sqlx::Error> {
    let sql =
        format!("SELECT {PLAN_COLUMNS} FROM plans WHERE agency_id = $1 AND retired = FALSE ORDER BY price_cents, id");
    let rows = sqlx::query_as::<_, PlanRow>(&sql).bind(agency_id).fetch_all(db).await?;
    Ok(rows.into_iter().map(Into::into).collect())
}

/// Plan `id` of the agency; another agency's plan is `None`, as a missing one is.
pub async fn get_plan<'e>(
    db: impl Executor<'e, Database = Any>,
    agency_id: i64,
    id: i64,
) -> Result<Option<Plan>, sqlx::Error> {
    let sql = format!("SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1 AND agency_id = $2");
    Ok(sqlx::query_as::<_, PlanRow>(&sql).bind(id).bind(agency_id).fetch_optional(db).await?.map(Into::into))
}

/// A new plan (validated by the caller). A name the agency already uses fails with the
/// unique index's error, which the caller answers as "taken".
pub async fn create_plan(db: &Db, agency_id: i64, p: &NewPlan) -> Result<Plan, sqlx::Error> {
    let sql = format!(
        "INSERT INTO plans (agency_id, name, price_cents, currency, interval, included_conversations, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING {PLAN_COLUMNS}"
    );
    let row = sqlx::query_as::<_, PlanRow>(&sql)
        .bind(agency_id)
        .bind(p.name.trim())
        .bind(p.price_cents)
        .bind(&p.currency)
        .bind(p.interval.as_str())
        .bind(p.included_conversations)
        .bind(now())
        .fetch_one(db)
        .await?;
    Ok(row.into())
}

/// Changes the fields given; `None` when the agency has no such plan. Subscriptions keep
/// the terms they copied until they renew, so nothing else changes here.
pub async fn update_plan(db: &Db, agency_id: i64, id: i64, p: &PlanPatch) -> Result<Option<Plan>, sqlx::Error> {
    let sql = format!(
        "UPDATE plans SET name = COALESCE($1, name), price_cents = COALESCE($2, price_cents), \
         included_conversations = COALESCE($3, included_conversations), retired = COALESCE($4, retired) \
         WHERE id = $5 AND agency_id = $6 RETURNING {PLAN_COLUMNS}"
    );
    let row = sqlx::query_as::<_, PlanRow>(&sql)
        .bind(p.name.as_deref().map(str::trim))
        .bind(p.price_cents)
        .bind(p.included_conversations)
        .bind(p.retired)
        .bind(id)
        .bind(agency_id)
        .fetch_optional(db)
        .await?;
    Ok(row.map(Into::into))
}
