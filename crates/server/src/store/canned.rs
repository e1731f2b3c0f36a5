//! Canned responses: an org's saved replies, unique by shortcode within the org.

use super::paging::{page, SearchableList};
use super::{now, Db};
use atrium_api::{CannedResponse, ListQuery};
use sqlx::FromRow;

#[derive(FromRow)]
struct CannedRow {
    id: i64,
    shortcode: String,
    title: String,
    body: String,
}

impl From<CannedRow> for CannedResponse {
    fn from(r: CannedRow) -> Self {
        CannedResponse { id: r.id, shortcode: r.shortcode, title: r.title, body: r.body }
    }
}

/// A page of the org's canned responses by shortcode, `q` searching shortcode, title and body.
pub async fn list_canned(db: &Db, org_id: i64, query: &ListQuery) -> Result<(Vec<CannedResponse>, u64), sqlx::Error> {
    let list = SearchableList {
        select: "SELECT id, shortcode, title, body FROM canned_responses",
        from: "canned_responses",
        filter:
            "org_id = $1 AND ($2 IS NULL OR lower(shortcode) LIKE $2 ESCAPE '\\' OR lower(title) LIKE $2 ESCAPE '\\' \
                 OR lower(body) LIKE $2 ESCAPE '\\')",
        order: "shortcode, id",
    };
    page::<CannedRow, _>(db, &list, org_id, query).await
}

pub async fn get_canned(db: &Db, org_id: i64, id: i64) -> Result<Option<CannedResponse>, sqlx::Error> {
    let row = sqlx::query_as::<_, CannedRow>(
        "SELECT id, shortcode, title, body FROM canned_responses WHERE id = $1 AND org_id = $2",
    )
    .bind(id)
    .bind(org_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(Into::into))
}

/// A new canned response. A shortcode the org already uses fails with the unique index's
/// error, which the caller answers as "taken".
pub async fn create_canned(
    db: &Db,
    org_id: i64,
    shortcode: &str,
    title: &str,
    body: &str,
) -> Result<CannedResponse, sqlx::Error> {
    let row = sqlx::query_as::<_, CannedRow>(
        "INSERT INTO canned_responses (org_id, shortcode, title, body, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $5) RETURNING id, shortcode, title, body",
    )
    .bind(org_id)
    .bind(shortcode)
    .bind(title)
    .bind(body)
    .bind(now())
    .fetch_one(db)
    .await?;
    Ok(row.into())
}

/// Changes the fields given; `None` when the org has no such canned response. A taken
/// shortcode fails as in [`create_canned`].
pub async fn update_canned(
    db: &Db,
    org_id: i64,
    id: i64,
    shortcode: Option<&str>,
    title: Option<&str>,
    body: Option<&str>,
) -> Result<Option<CannedResponse>, sqlx::Error> {
    let row = sqlx::query_as::<_, CannedRow>(
        "UPDATE canned_responses SET shortcode = COALESCE($1, shortcode), title = COALESCE($2, title), \
         body = COALESCE($3, body), updated_at = $4 WHERE id = $5 AND org_id = $6 \
         RETURNING id, shortcode, title, body",
    )
    .bind(shortcode)
    .bind(title)
    .bind(body)
    .bind(now())
    .bind(id)
    .bind(org_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(Into::into))
}

/// `false` when the org has no such canned response.
pub async fn delete_canned(db: &Db, org_id: i64, id: i64) -> Result<bool, sqlx::Error> {
    let done = sqlx::query("DELETE FROM canned_responses WHERE id = $1 AND org_id = $2")
        .bind(id)
        .bind(org_id)
        .execute(db)
        .await?;
    Ok(done.rows_affected() > 0)
}
