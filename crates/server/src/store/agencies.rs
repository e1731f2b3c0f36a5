//! Agencies, their branding, hostnames and API keys.

use super::columns::Columns;
use super::domains::{agency_domains, insert_verified_domain, replace_domains};
use super::{begin_write, now, Db};
use atrium_api::{AgencyBranding, AgencyProfile, Branding};
use sqlx::{AnyConnection, FromRow};

#[derive(FromRow)]
struct BrandingRow {
    id: i64,
    display_name: String,
    primary_color: String,
    logo_light_url: Option<String>,
    logo_dark_url: Option<String>,
    support_email: Option<String>,
    website_url: Option<String>,
    terms_url: Option<String>,
    privacy_url: Option<String>,
}

impl From<BrandingRow> for Branding {
    fn from(r: BrandingRow) -> Self {
        Branding {
            agency_id: r.id,
            display_name: r.display_name,
            primary_color: r.primary_color,
            logo_light_url: r.logo_light_url,
            logo_dark_url: r.logo_dark_url,
            support_email: r.support_email,
            website_url: r.website_url,
            terms_url: r.terms_url,
            privacy_url: r.privacy_url,
        }
    }
}

const BRANDING_COLUMNS: &str = "a.id, a.display_name, a.primary_color, a.logo_light_url, a.logo_dark_url, \
     a.support_email, a.website_url, a.terms_url, a.privacy_url";

/// The agency that has verified `hostname`, else the platform's first agency, so a bare
/// address still shows an agency's brand and never Atrium's.
pub async fn branding_for_host(db: &Db, hostname: &str) -> Result<Option<Branding>, sqlx::Error> {
    let by_host = format!(
        "SELECT {BRANDING_COLUMNS} FROM agencies a JOIN agency_domains d ON d.agency_id = a.id \
         WHERE d.hostname = $1 AND d.status = 'verified'"
    );
    if let Some(row) =
        sqlx::query_as::<_, BrandingRow>(&by_host).bind(hostname.to_ascii_lowercase()).fetch_optional(db).await?
    {
        return Ok(Some(row.into()));
    }
    let first = format!("SELECT {BRANDING_COLUMNS} FROM agencies a ORDER BY a.id LIMIT 1");
    Ok(sqlx::query_as::<_, BrandingRow>(&first).fetch_optional(db).await?.map(Into::into))
}

/// The brand of agency `agency_id`, whatever the hostname.
pub async fn branding_of_agency(db: &Db, agency_id: i64) -> Result<Option<Branding>, sqlx::Error> {
    let sql = format!("SELECT {BRANDING_COLUMNS} FROM agencies a WHERE a.id = $1");
    Ok(sqlx::query_as::<_, BrandingRow>(&sql).bind(agency_id).fetch_optional(db).await?.map(Into::into))
}

#[derive(FromRow)]
struct ProfileRow {
    name: String,
    #[sqlx(flatten)]
    brand: BrandingRow,
}

/// The agency's profile as the Branding page edits it; `None` when there is no such agency.
pub async fn get_agency(db: &Db, agency_id: i64) -> Result<Option<AgencyProfile>, sqlx::Error> {
    read_agency(&mut *db.acquire().await?, agency_id).await
}

/// Hostnames come sorted: the table keeps no order of its own, and a stable one lets the
/// page (and tests) compare lists.
async fn read_agency(conn: &mut AnyConnection, agency_id: i64) -> Result<Option<AgencyProfile>, sqlx::Error> {
    let sql = format!("SELECT a.name, {BRANDING_COLUMNS} FROM agencies a WHERE a.id = $1");
    let Some(row) = sqlx::query_as::<_, ProfileRow>(&sql).bind(agency_id).fetch_optional(&mut *conn).await? else {
        return Ok(None);
    };
    let domains = agency_domains(conn, agency_id).await?;
    let hostnames = domains.iter().map(|d| d.hostname.clone()).collect();
    let b = row.brand;
    let branding = AgencyBranding {
        display_name: b.display_name,
        primary_color: b.primary_color,
        logo_light_url: b.logo_light_url,
        logo_dark_url: b.logo_dark_url,
        support_email: b.support_email,
        website_url: b.website_url,
        terms_url: b.terms_url,
        privacy_url: b.privacy_url,
        hostnames,
    };
    Ok(Some(AgencyProfile { id: b.id, name: row.name, branding, domains }))
}

/// What saving an agency's brand came to.
pub enum AgencySaved {
    Saved(Box<AgencyProfile>),
    NotFound,
    /// Another agency has verified one of the hostnames: nothing was changed.
    HostnameTaken,
}

/// Replaces the agency's brand and its whole set of hostnames with `input` (validated and
/// cleaned by the caller, hostnames distinct), answering the profile as saved. New
/// hostnames start pending (`domains.rs`). One transaction, so that a refused update
/// changes nothing.
pub async fn update_agency(db: &Db, agency_id: i64, input: &AgencyBranding) -> Result<AgencySaved, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let mut columns = Columns::new()
        .value("display_name", &input.display_name)
        .value("primary_color", &input.primary_color)
        .value("logo_light_url", &input.logo_light_url)
        .value("logo_dark_url", &input.logo_dark_url)
        .value("support_email", &input.support_email)
        .value("website_url", &input.website_url)
        .value("terms_url", &input.terms_url)
        .value("privacy_url", &input.privacy_url);
    let id = columns.bind(agency_id);
    let (sql, args) = columns.update("agencies", &format!("id = {id}"))?;
    let updated = sqlx::query_with(&sql, args).execute(&mut *tx).await?;
    if updated.rows_affected() == 0 {
        return Ok(AgencySaved::NotFound);
    }
    if !replace_domains(&mut tx, agency_id, &input.hostnames).await? {
        return Ok(AgencySaved::HostnameTaken);
    }
    let profile = read_agency(&mut tx, agency_id).await?;
    tx.commit().await?;
    Ok(profile.map_or(AgencySaved::NotFound, |p| AgencySaved::Saved(Box::new(p))))
}

pub async fn agency_name(db: &Db, agency_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM agencies WHERE id = $1").bind(agency_id).fetch_one(db).await
}

pub struct NewAgency<'a> {
    pub name: &'a str,
    pub primary_color: &'a str,
    pub support_email: &'a str,
    pub website_url: &'a str,
    /// Domains the seed knows to be the agency's (the demo's `*.localhost` names).
    pub verified_hostnames: &'a [&'a str],
}

pub async fn insert_agency(db: &Db, a: &NewAgency<'_>) -> Result<i64, sqlx::Error> {
    let mut tx = db.begin().await?;
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO agencies (name, display_name, primary_color, support_email, website_url, created_at, \
         domain_token) VALUES ($1, $1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(a.name)
    .bind(a.primary_color)
    .bind(a.support_email)
    .bind(a.website_url)
    .bind(now())
    .bind(crate::password::random_token())
    .fetch_one(&mut *tx)
    .await?;
    for host in a.verified_hostnames {
        insert_verified_domain(&mut tx, id, host).await?;
    }
    tx.commit().await?;
    Ok(id)
}

pub async fn insert_api_key(db: &Db, agency_id: i64, prefix: &str, key_hash: &str) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO api_keys (agency_id, prefix, key_hash, created_at) VALUES ($1, $2, $3, $4)")
        .bind(agency_id)
        .bind(prefix)
        .bind(key_hash)
        .bind(now())
        .execute(db)
        .await?;
    Ok(())
}
