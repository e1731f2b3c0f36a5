//! A page of a searchable list and how many rows its filter matches: the one way the
//! small lists (staff, users, teams, plans, canned responses) are read. The org list and
//! the inbox, which must stay fast at 100,000 and 1,000,000 rows, have their own (kept
//! counts, search indexes: `orgs.rs`, `conversations.rs`).

use super::{like_pattern, Db};
use atrium_api::ListQuery;
use sqlx::any::AnyRow;
use sqlx::FromRow;

/// A list whose `filter` binds `$1` (whose list it is: the agency's or the org's id) and
/// `$2` (the search's `LIKE` pattern, NULL without a search).
pub(super) struct SearchableList<'a> {
    /// `SELECT <the row's columns> FROM <table> <alias>`.
    pub select: &'a str,
    /// `<table> <alias>`, for the count.
    pub from: &'a str,
    pub filter: &'a str,
    /// Ends with a unique column, so that pages neither repeat nor skip a row.
    pub order: &'a str,
}

/// The page `query` asks for, and the filter's total.
pub(super) async fn page<R, T>(
    db: &Db,
    list: &SearchableList<'_>,
    owner: i64,
    query: &ListQuery,
) -> Result<(Vec<T>, u64), sqlx::Error>
where
    R: for<'r> FromRow<'r, AnyRow> + Send + Unpin,
    T: From<R>,
{
    let pattern = query.search().map(like_pattern);
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {} WHERE {}", list.from, list.filter))
        .bind(owner)
        .bind(&pattern)
        .fetch_one(db)
        .await?;
    let sql = format!("{} WHERE {} ORDER BY {} LIMIT $3 OFFSET $4", list.select, list.filter, list.order);
    let rows = sqlx::query_as::<_, R>(&sql)
        .bind(owner)
        .bind(&pattern)
        .bind(i64::from(query.per_page()))
        .bind(query.offset() as i64)
        .fetch_all(db)
        .await?;
    Ok((rows.into_iter().map(T::from).collect(), total.max(0) as u64))
}

/// `LIMIT n OFFSET m` for the page `query` asks for, written into the statement rather than
/// bound: PostgreSQL plans a `LIMIT $n` for any size, so the org list and the inbox were
/// planned anew on every request instead of keeping their index walk's plan. Each page
/// number is then a statement of its own (sqlx caches 100 per connection).
pub(super) fn page_bounds(query: &ListQuery) -> String {
    format!("LIMIT {} OFFSET {}", query.per_page(), query.offset())
}
