//! What the resource modules' SQL shares: flags as either engine answers them, id lists,
//! and the LIKE and FTS5 patterns of a search.

use super::Dialect;
use sqlx::any::{AnyTypeInfo, AnyTypeInfoKind, AnyValueRef};
use sqlx::{Any, AnyConnection, Decode, Type};

/// A 0/1 flag or a boolean, as either engine answers it: SQLite has no boolean type
/// (its 0/1 integers arrive as integers), PostgreSQL's flag columns and `EXISTS` are
/// `boolean`. Row structs read `bool` fields through it with `#[sqlx(try_from = "Flag")]`.
#[derive(Clone, Copy, Debug)]
pub struct Flag(pub bool);

impl From<Flag> for bool {
    fn from(f: Flag) -> bool {
        f.0
    }
}

impl Type<Any> for Flag {
    fn type_info() -> AnyTypeInfo {
        <bool as Type<Any>>::type_info()
    }

    fn compatible(ty: &AnyTypeInfo) -> bool {
        matches!(
            ty.kind(),
            AnyTypeInfoKind::Bool | AnyTypeInfoKind::SmallInt | AnyTypeInfoKind::Integer | AnyTypeInfoKind::BigInt
        )
    }
}

impl<'r> Decode<'r, Any> for Flag {
    fn decode(value: AnyValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        match <i64 as Decode<Any>>::decode(value.clone()) {
            Ok(n) => Ok(Flag(n != 0)),
            Err(_) => Ok(Flag(<bool as Decode<Any>>::decode(value)?)),
        }
    }
}

/// `a,b,c` from `group_concat` (SQLite's, or the PostgreSQL schema's aggregate of that
/// name) into ids.
pub(super) fn parse_ids(csv: Option<String>) -> Vec<i64> {
    let mut ids: Vec<i64> = csv.unwrap_or_default().split(',').filter_map(|s| s.trim().parse().ok()).collect();
    ids.sort_unstable();
    ids
}

/// Ids sorted, each once: what an id-set column or table is given.
pub(super) fn distinct(ids: &[i64]) -> Vec<i64> {
    let mut ids = ids.to_vec();
    ids.sort_unstable();
    ids.dedup();
    ids
}

/// A LIKE pattern for "contains `q`", with LIKE's wildcards escaped so a search for
/// `50%` finds that text, in lower case: compare it with `lower(column) LIKE $n ESCAPE '\\'`,
/// case-insensitive (ASCII) on both engines (SQLite's LIKE ignores case, PostgreSQL's
/// does not).
pub(super) fn like_pattern(q: &str) -> String {
    let q = q.to_ascii_lowercase();
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Whether a search for `q` goes through a trigram index (FTS5 `trigram` on SQLite, pg_trgm
/// on PostgreSQL): both need three characters to match anything, so shorter queries scan.
pub(super) fn trigram_searchable(q: &str) -> bool {
    q.chars().count() >= 3
}

/// An FTS5 query for rows holding `q` (three characters or more): the trigrams at every
/// third character, and the last one, all required. What it finds is a superset of the
/// `LIKE` (the trigrams need not be next to each other, and FTS5 folds case beyond ASCII),
/// so callers check each candidate with the same [`like_pattern`] a scan uses. A phrase of
/// every trigram would find fewer false candidates, but reads and compares the positions
/// of all of them for each row: 10–15% of an inbox search at 1,000,000 conversations.
pub(super) fn fts_query(q: &str) -> String {
    let chars: Vec<char> = q.chars().collect();
    let last = chars.len().saturating_sub(3);
    let mut starts: Vec<usize> = (0..=last).step_by(3).collect();
    if starts.last() != Some(&last) {
        starts.push(last);
    }
    let trigram = |at: usize| format!("\"{}\"", chars[at..at + 3].iter().collect::<String>().replace('"', "\"\""));
    starts.into_iter().map(trigram).collect::<Vec<_>>().join(" AND ")
}

/// Ids as the JSON array text that [`Dialect::id_list`] reads, so a whole id list binds as
/// one parameter instead of a SQL string built to its length.
pub(super) fn json_ids(ids: &[i64]) -> String {
    serde_json::to_string(ids).unwrap_or_else(|_| "[]".into())
}

/// Whether every id of `ids` (duplicates ignored) names a row of `set` belonging to
/// `owner`. `set` is a fixed SQL row source selecting `owner` and `id` columns, never
/// caller input: e.g. `(SELECT org_id AS owner, agent_id AS id FROM org_agents)`.
pub(super) async fn all_ids_in(
    conn: &mut AnyConnection,
    set: &'static str,
    owner: i64,
    ids: &[i64],
) -> Result<bool, sqlx::Error> {
    let ids = distinct(ids);
    let list = Dialect::of_conn(conn).id_list("$2");
    let sql = format!("SELECT COUNT(*) FROM {set} s WHERE s.owner = $1 AND s.id IN ({list})");
    let known: i64 = sqlx::query_scalar(&sql).bind(owner).bind(json_ids(&ids)).fetch_one(&mut *conn).await?;
    Ok(known == ids.len() as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_fts_query_requires_every_third_trigram_and_the_last() {
        assert_eq!(fts_query("zephyrine"), r#""zep" AND "hyr" AND "ine""#);
        assert_eq!(fts_query("abcd"), r#""abc" AND "bcd""#);
        assert_eq!(fts_query("abc"), r#""abc""#);
        assert_eq!(fts_query(r#"a"b c"#), r#""a""b" AND "b c""#);
        assert_eq!(fts_query("éßüxyz"), r#""éßü" AND "xyz""#);
    }
}
