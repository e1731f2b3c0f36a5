//! Client organizations, their settings and assigned agents.

use super::{now, parse_ids, Db};
use atrium_api::{Layout, ListQuery, OrgSettings, OrgSummary, Organization};
use sqlx::FromRow;

#[derive(FromRow)]
struct OrgRow {
    id: i64,
    name: String,
    contact_email: Option<String>,
    logo_url: Option<String>,
    archived: bool,
    version: i64,
    dashboard_language: String,
    dashboard_layout: String,
    handoff_enabled: bool,
    smart_handoff_enabled: bool,
    show_handoff_messages: bool,
    canned_responses_enabled: bool,
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

const ORG_SELECT: &str = "SELECT o.id, o.name, o.contact_email, o.logo_url, o.archived, o.version, \
     o.dashboard_language, o.dashboard_layout, o.handoff_enabled, o.smart_handoff_enabled, \
     o.show_handoff_messages, o.canned_responses_enabled, o.billing_enabled, o.created_at, o.updated_at, \
     (SELECT COUNT(*) FROM users u WHERE u.org_id = o.id) AS user_count, \
     (SELECT group_concat(agent_id) FROM org_agents oa WHERE oa.org_id = o.id) AS agent_ids \
     FROM orgs o";

/// `sort` values the org list accepts, and the SQL each means; anything else sorts by name.
fn order_by(sort: Option<&str>) -> &'static str {
    match sort {
        Some("-name") => "o.name COLLATE NOCASE DESC, o.id DESC",
        Some("created") => "o.created_at, o.id",
        Some("-created") => "o.created_at DESC, o.id DESC",
        Some("updated") => "o.updated_at, o.id",
        Some("-updated") => "o.updated_at DESC, o.id DESC",
        _ => "o.name COLLATE NOCASE, o.id",
    }
}

/// Escapes LIKE's wildcards so a search for `50%` finds that text.
fn like_pattern(q: &str) -> String {
    let escaped = q.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

pub async fn list_orgs(
    db: &Db,
    agency_id: i64,
    archived: bool,
    query: &ListQuery,
) -> Result<(Vec<Organization>, u64), sqlx::Error> {
    let pattern = query.search().map(like_pattern);
    let filter = "o.agency_id = $1 AND o.archived = $2 AND ($3 IS NULL OR o.name LIKE $3 ESCAPE '\\')";
    let total: i64 = sqlx::query_scalar(&format!("SELECT COUNT(*) FROM orgs o WHERE {filter}"))
        .bind(agency_id)
        .bind(archived)
        .bind(&pattern)
        .fetch_one(db)
        .await?;
    let sql = format!("{ORG_SELECT} WHERE {filter} ORDER BY {} LIMIT $4 OFFSET $5", order_by(query.sort.as_deref()));
    let rows = sqlx::query_as::<_, OrgRow>(&sql)
        .bind(agency_id)
        .bind(archived)
        .bind(&pattern)
        .bind(i64::from(query.per_page()))
        .bind(query.offset() as i64)
        .fetch_all(db)
        .await?;
    Ok((rows.into_iter().map(Into::into).collect(), total.max(0) as u64))
}

/// The org if it belongs to `agency_id`; another agency's org is as good as missing.
pub async fn get_org(db: &Db, agency_id: i64, org_id: i64) -> Result<Option<Organization>, sqlx::Error> {
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

pub async fn insert_org(db: &Db, o: &NewOrg<'_>) -> Result<i64, sqlx::Error> {
    let s = o.settings;
    let now = now();
    sqlx::query_scalar(
        "INSERT INTO orgs (agency_id, name, contact_email, logo_url, dashboard_language, dashboard_layout, \
         handoff_enabled, smart_handoff_enabled, show_handoff_messages, canned_responses_enabled, billing_enabled, \
         created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12) RETURNING id",
    )
    .bind(o.agency_id)
    .bind(o.name)
    .bind(o.contact_email)
    .bind(o.logo_url)
    .bind(&s.dashboard_language)
    .bind(s.dashboard_layout.as_str())
    .bind(s.handoff_enabled)
    .bind(s.smart_handoff_enabled)
    .bind(s.show_handoff_messages)
    .bind(s.canned_responses_enabled)
    .bind(s.billing_enabled)
    .bind(now)
    .fetch_one(db)
    .await
}

pub async fn assign_agent(db: &Db, org_id: i64, agent_id: i64) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT OR IGNORE INTO org_agents (org_id, agent_id) VALUES ($1, $2)")
        .bind(org_id)
        .bind(agent_id)
        .execute(db)
        .await?;
    Ok(())
}
