//! Client organizations: reading them, and creating, editing and deleting them with the
//! activity log written in the same transaction.

use super::activity::record_activity;
use super::columns::Columns;
use super::paging::page_bounds;
use super::{
    activity::By, begin_write, fts_query, like_pattern, now, parse_ids, trigram_searchable, Db, Dialect, Flag,
};
use crate::changes::{org_changes, Change};
use crate::confusable::skeleton;
use atrium_api::{Layout, ListQuery, OrgSettings, OrgSummary, Organization, Total, MAX_SEARCH_MATCHES};
use sqlx::{Any, Executor, FromRow};

#[derive(FromRow)]
struct OrgRow {
    id: i64,
    name: String,
    contact_email: Option<String>,
    logo_url: Option<String>,
    #[sqlx(try_from = "Flag")]
    archived: bool,
    version: i64,
    dashboard_language: String,
    dashboard_layout: String,
    #[sqlx(try_from = "Flag")]
    handoff_enabled: bool,
    #[sqlx(try_from = "Flag")]
    smart_handoff_enabled: bool,
    #[sqlx(try_from = "Flag")]
    show_handoff_messages: bool,
    #[sqlx(try_from = "Flag")]
    canned_responses_enabled: bool,
    #[sqlx(try_from = "Flag")]
    billing_enabled: bool,
    created_at: String,
    updated_at: String,
    user_count: i64,
    agent_ids: Option<String>,
}

impl OrgRow {
    fn settings(&self) -> OrgSettings {
        OrgSettings {
            dashboard_language: self.dashboard_language.clone(),
            dashboard_layout: Layout::parse(&self.dashboard_layout).unwrap_or_default(),
            handoff_enabled: self.handoff_enabled,
            smart_handoff_enabled: self.smart_handoff_enabled,
            show_handoff_messages: self.show_handoff_messages,
            canned_responses_enabled: self.canned_responses_enabled,
            billing_enabled: self.billing_enabled,
        }
    }
}

impl From<OrgRow> for Organization {
    fn from(r: OrgRow) -> Self {
        let settings = r.settings();
        let agent_ids = parse_ids(r.agent_ids);
        Organization {
            id: r.id,
            name: r.name,
            contact_email: r.contact_email,
            logo_url: r.logo_url,
            archived: r.archived,
            version: r.version,
            agent_count: agent_ids.len() as i64,
            agent_ids,
            settings,
            created_at: r.created_at,
            updated_at: r.updated_at,
            user_count: r.user_count,
        }
    }
}

/// The columns an [`OrgRow`] reads from `orgs o`.
macro_rules! org_columns {
    () => {
        "o.id, o.name, o.contact_email, o.logo_url, o.archived, o.version, \
         o.dashboard_language, o.dashboard_layout, o.handoff_enabled, o.smart_handoff_enabled, \
         o.show_handoff_messages, o.canned_responses_enabled, o.billing_enabled, o.created_at, o.updated_at, \
         (SELECT COUNT(*) FROM users u WHERE u.org_id = o.id) AS user_count, \
         (SELECT group_concat(agent_id) FROM org_agents oa WHERE oa.org_id = o.id) AS agent_ids"
    };
}

const ORG_SELECT: &str = concat!("SELECT ", org_columns!(), " FROM orgs o");

/// A row of a searched page: the org, and how many orgs the search matched (at most
/// [`MAX_SEARCH_MATCHES`] + 1).
#[derive(FromRow)]
struct SearchRow {
    #[sqlx(flatten)]
    org: OrgRow,
    match_total: i64,
}

/// A row of an unsearched page: the org, and the kept count of the agency's orgs in its
/// archive state (NULL before the agency's first org).
#[derive(FromRow)]
struct CountedRow {
    #[sqlx(flatten)]
    org: OrgRow,
    match_total: Option<i64>,
}

/// `sort` values the org list accepts, and the SQL each means; anything else sorts by name.
fn order_by(sort: Option<&str>) -> &'static str {
    match sort {
        Some("-name") => "lower(o.name) DESC, o.id DESC",
        Some("created") => "o.created_at, o.id",
        Some("-created") => "o.created_at DESC, o.id DESC",
        Some("updated") => "o.updated_at, o.id",
        Some("-updated") => "o.updated_at DESC, o.id DESC",
        _ => "lower(o.name), o.id",
    }
}

/// The ids of the newest `MAX_SEARCH_MATCHES + 1` orgs of `$1` (agency) and `$2` (archived)
/// whose name holds `$3` (a `LIKE` pattern), newest first; SQLite's trigram index is
/// queried with `fts_param`, the search as an FTS5 query ([`fts_query`]).
fn search_matches(dialect: Dialect, indexed: bool, fts_param: &str) -> String {
    let matches = MAX_SEARCH_MATCHES + 1;
    if indexed && dialect == Dialect::Sqlite {
        // The trigram index names the candidates, newest first, and the scan stops at the
        // cap: the unary `+` keeps SQLite from walking the agency's orgs instead. Each
        // candidate is checked with the scan's LIKE.
        format!(
            "SELECT s.rowid AS id FROM org_search s JOIN orgs o ON o.id = s.rowid WHERE s.org_search MATCH {fts_param} \
             AND +o.agency_id = $1 AND +o.archived = $2 AND lower(o.name) LIKE $3 ESCAPE '\\' \
             ORDER BY s.rowid DESC LIMIT {matches}"
        )
    } else {
        // PostgreSQL may take `orgs_name_search` (pg_trgm) for it; shorter queries scan.
        format!(
            "SELECT o.id FROM orgs o WHERE o.agency_id = $1 AND o.archived = $2 AND lower(o.name) LIKE $3 ESCAPE '\\' \
             ORDER BY o.id DESC LIMIT {matches}"
        )
    }
}

pub async fn list_orgs(
    db: &Db,
    agency_id: i64,
    archived: bool,
    query: &ListQuery,
) -> Result<(Vec<Organization>, Total), sqlx::Error> {
    let Some(search) = query.search() else { return list_all_orgs(db, agency_id, archived, query).await };
    let dialect = Dialect::of(db);
    let indexed = trigram_searchable(search);
    let matches = search_matches(dialect, indexed, "$6");
    let order = order_by(query.sort.as_deref());
    // The page's ids first, then each one's columns: the user and agent counts are looked
    // up for the rows shown. The matches are counted in the same pass (`COUNT(*) OVER ()`
    // sees every one before the LIMIT); the one past the cap only says there are more.
    let sql = format!(
        "SELECT {}, p.match_total FROM orgs o JOIN (SELECT o.id, m.n AS match_total FROM orgs o \
         JOIN (SELECT id, COUNT(*) OVER () AS n, ROW_NUMBER() OVER (ORDER BY id DESC) AS r FROM ({matches}) c) m \
         ON m.id = o.id WHERE m.r <= {MAX_SEARCH_MATCHES} ORDER BY {order} LIMIT $4 OFFSET $5) p \
         ON p.id = o.id ORDER BY {order}",
        org_columns!(),
    );
    let pattern = like_pattern(search);
    let fts = (indexed && dialect == Dialect::Sqlite).then(|| fts_query(search));
    let mut page = sqlx::query_as::<_, SearchRow>(&sql)
        .bind(agency_id)
        .bind(archived)
        .bind(&pattern)
        .bind(i64::from(query.per_page()))
        .bind(query.offset() as i64);
    if let Some(fts) = &fts {
        page = page.bind(fts);
    }
    let rows = page.fetch_all(db).await?;
    let found = match rows.first() {
        Some(row) => row.match_total,
        // A page past the last match has no row to carry the count.
        None => {
            let count_sql = format!("SELECT COUNT(*) FROM ({}) c", search_matches(dialect, indexed, "$4"));
            let mut count = sqlx::query_scalar(&count_sql).bind(agency_id).bind(archived).bind(&pattern);
            if let Some(fts) = &fts {
                count = count.bind(fts);
            }
            count.fetch_one(db).await?
        }
    };
    let total = Total::of_search(found.max(0) as u64);
    Ok((rows.into_iter().map(|r| r.org.into()).collect(), total))
}

/// A page of the agency's orgs without a search: `$1` and `$2` lead every `orgs_list_*`
/// index (migration 0008), so a page walks one in the sort's order, and the total is kept
/// by triggers (migration 0012): one row, not a count of the agency's orgs. The page's rows
/// carry it, so that the page is one statement.
async fn list_all_orgs(
    db: &Db,
    agency_id: i64,
    archived: bool,
    query: &ListQuery,
) -> Result<(Vec<Organization>, Total), sqlx::Error> {
    const KEPT_TOTAL: &str = "SELECT n FROM org_counts WHERE agency_id = $1 AND archived = $2";
    let order = order_by(query.sort.as_deref());
    let sql = format!(
        "SELECT {}, ({KEPT_TOTAL}) AS match_total FROM orgs o JOIN (SELECT o.id FROM orgs o \
         WHERE o.agency_id = $1 AND o.archived = $2 ORDER BY {order} {}) p ON p.id = o.id \
         ORDER BY {order}",
        org_columns!(),
        page_bounds(query),
    );
    let rows = sqlx::query_as::<_, CountedRow>(&sql).bind(agency_id).bind(archived).fetch_all(db).await?;
    let total = match rows.first() {
        Some(row) => row.match_total,
        // A page past the last org has no row to carry the total.
        None => sqlx::query_scalar(KEPT_TOTAL).bind(agency_id).bind(archived).fetch_optional(db).await?,
    };
    let total = Total::exact(total.unwrap_or(0).max(0) as u64);
    Ok((rows.into_iter().map(|r| r.org.into()).collect(), total))
}

/// The org if it belongs to `agency_id`; another agency's org is as good as missing.
pub async fn get_org<'e>(
    db: impl Executor<'e, Database = Any>,
    agency_id: i64,
    org_id: i64,
) -> Result<Option<Organization>, sqlx::Error> {
    let sql = format!("{ORG_SELECT} WHERE o.id = $1 AND o.agency_id = $2");
    Ok(sqlx::query_as::<_, OrgRow>(&sql).bind(org_id).bind(agency_id).fetch_optional(db).await?.map(Into::into))
}

pub async fn org_summary(db: &Db, org_id: i64) -> Result<Option<(OrgSummary, bool)>, sqlx::Error> {
    let sql = format!("{ORG_SELECT} WHERE o.id = $1");
    let row = sqlx::query_as::<_, OrgRow>(&sql).bind(org_id).fetch_optional(db).await?;
    Ok(row.map(|r| {
        let summary =
            OrgSummary { id: r.id, name: r.name.clone(), logo_url: r.logo_url.clone(), settings: r.settings() };
        (summary, r.archived)
    }))
}

pub struct NewOrg<'a> {
    pub agency_id: i64,
    pub name: &'a str,
    pub contact_email: Option<&'a str>,
    pub logo_url: Option<&'a str>,
    pub settings: &'a OrgSettings,
}

/// Inserts the org as given, logging nothing: the demo seed's way in, and the first step
/// of [`create_org`].
pub async fn insert_org<'e>(db: impl Executor<'e, Database = Any>, o: &NewOrg<'_>) -> Result<i64, sqlx::Error> {
    let now = now();
    let columns = Columns::new()
        .value("agency_id", o.agency_id)
        .value("name", o.name)
        .value("name_skeleton", skeleton(o.name))
        .value("contact_email", o.contact_email)
        .value("logo_url", o.logo_url);
    let (sql, args) = settings_columns(columns, o.settings)
        .value("created_at", now.clone())
        .value("updated_at", now)
        .insert("orgs", "RETURNING id")?;
    sqlx::query_scalar_with(&sql, args).fetch_one(db).await
}

/// The columns of an org's dashboard settings, written the same by a create and a save.
fn settings_columns<'q>(columns: Columns<'q>, s: &'q OrgSettings) -> Columns<'q> {
    columns
        .value("dashboard_language", s.dashboard_language.as_str())
        .value("dashboard_layout", s.dashboard_layout.as_str())
        .value("handoff_enabled", s.handoff_enabled)
        .value("smart_handoff_enabled", s.smart_handoff_enabled)
        .value("show_handoff_messages", s.show_handoff_messages)
        .value("canned_responses_enabled", s.canned_responses_enabled)
        .value("billing_enabled", s.billing_enabled)
}

/// Creates the org and logs `created` by `by`. A name the agency already uses (in
/// any case) fails with the unique index's error, which the caller turns into "taken":
/// the index, not a look-up beforehand, is what keeps two creates from both succeeding.
pub async fn create_org(db: &Db, by: By, o: &NewOrg<'_>) -> Result<Organization, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let id = insert_org(&mut *tx, o).await?;
    record_activity(&mut tx, id, Some(by), &[Change::created(o.name)]).await?;
    let org = get_org(&mut *tx, o.agency_id, id).await?.ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    Ok(org)
}

/// A whole edit of an org, cleaned by the caller, and the `version` it was based on.
pub struct OrgEdit<'a> {
    pub name: &'a str,
    pub contact_email: Option<&'a str>,
    pub logo_url: Option<&'a str>,
    /// `None` leaves archiving as it is.
    pub archived: Option<bool>,
    pub settings: &'a OrgSettings,
    pub version: i64,
}

pub enum SaveOutcome {
    Saved(Box<Organization>),
    /// The org changed since `version`; nothing was written.
    Stale,
}

/// Applies `edit` if the org is still at `edit.version`, bumping the version, and logs
/// one entry per changed field by `by`. A missing org is `RowNotFound`; a taken
/// name is the unique index's error, as in [`create_org`].
pub async fn update_org(
    db: &Db,
    agency_id: i64,
    org_id: i64,
    by: By,
    edit: &OrgEdit<'_>,
) -> Result<SaveOutcome, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let old = get_org(&mut *tx, agency_id, org_id).await?.ok_or(sqlx::Error::RowNotFound)?;
    let columns = Columns::new()
        .value("name", edit.name)
        .value("name_skeleton", skeleton(edit.name))
        .value("contact_email", edit.contact_email)
        .value("logo_url", edit.logo_url)
        .expr("archived", "COALESCE({}, archived)", edit.archived);
    let mut columns = settings_columns(columns, edit.settings).value("updated_at", now()).sql("version", "version + 1");
    // The version check is part of the UPDATE itself: of two saves based on the same
    // version, only the first matches the WHERE clause, whatever their timing.
    let filter = format!(
        "id = {} AND agency_id = {} AND version = {}",
        columns.bind(org_id),
        columns.bind(agency_id),
        columns.bind(edit.version)
    );
    let (sql, args) = columns.update("orgs", &filter)?;
    let updated = sqlx::query_with(&sql, args).execute(&mut *tx).await?;
    if updated.rows_affected() == 0 {
        // Dropping the transaction rolls it back; nothing was written anyway.
        return Ok(SaveOutcome::Stale);
    }
    let new = get_org(&mut *tx, agency_id, org_id).await?.ok_or(sqlx::Error::RowNotFound)?;
    record_activity(&mut tx, org_id, Some(by), &org_changes(&old, &new)).await?;
    tx.commit().await?;
    Ok(SaveOutcome::Saved(Box::new(new)))
}

/// Deletes the org and, through the schema's cascades, everything it holds: users (and
/// so their sessions), teams, conversations and messages, assignments, its activity log.
/// `false` when the agency has no such org.
pub async fn delete_org(db: &Db, agency_id: i64, org_id: i64) -> Result<bool, sqlx::Error> {
    let deleted = sqlx::query("DELETE FROM orgs WHERE id = $1 AND agency_id = $2")
        .bind(org_id)
        .bind(agency_id)
        .execute(db)
        .await?;
    Ok(deleted.rows_affected() > 0)
}

/// The names of `agency_id`'s orgs other than `except` that look like `name` (the same
/// [`skeleton`], through `orgs_name_skeleton`): the only ones a new name may be confused
/// with, found without reading every name of the agency.
pub async fn look_alike_names(
    db: &Db,
    agency_id: i64,
    name: &str,
    except: Option<i64>,
) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM orgs WHERE agency_id = $1 AND name_skeleton = $2 AND ($3 IS NULL OR id <> $3)")
        .bind(agency_id)
        .bind(skeleton(name))
        .bind(except)
        .fetch_all(db)
        .await
}

/// Stores the skeleton of every org name written before the column existed (migration
/// 0012): it is computed here, not in SQL. Does nothing once every org has one.
pub(super) async fn fill_name_skeletons(db: &Db) -> Result<(), sqlx::Error> {
    let missing: Vec<(i64, String)> =
        sqlx::query_as("SELECT id, name FROM orgs WHERE name_skeleton IS NULL").fetch_all(db).await?;
    if missing.is_empty() {
        return Ok(());
    }
    let mut tx = begin_write(db).await?;
    for (id, name) in missing {
        sqlx::query("UPDATE orgs SET name_skeleton = $1 WHERE id = $2")
            .bind(skeleton(&name))
            .bind(id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await
}
