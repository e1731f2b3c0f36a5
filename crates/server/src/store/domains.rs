//! Custom domains and the proof that an agency owns them (see `domains.rs` at the crate
//! root for the checks; this file only stores their outcome).

use super::{begin_write, now, Db};
use atrium_api::agency::{verification_record, CustomDomain, DomainProblem, DomainStatus};
use sqlx::{AnyConnection, FromRow};

#[derive(FromRow)]
struct DomainRow {
    hostname: String,
    status: String,
    problem: Option<String>,
    checked_at: Option<String>,
}

fn status(s: &str) -> DomainStatus {
    match s {
        "verified" => DomainStatus::Verified,
        "failed" => DomainStatus::Failed,
        _ => DomainStatus::Pending,
    }
}

fn problem(s: Option<&str>) -> Option<DomainProblem> {
    match s? {
        "taken" => Some(DomainProblem::Taken),
        "record_missing" => Some(DomainProblem::RecordMissing),
        _ => None,
    }
}

fn problem_key(p: DomainProblem) -> &'static str {
    match p {
        DomainProblem::Taken => "taken",
        DomainProblem::RecordMissing => "record_missing",
    }
}

/// The agency's token, the value of every TXT record it creates: made with the agency
/// (`insert_agency`; the migration gave agencies that existed before one each).
async fn domain_token(conn: &mut AnyConnection, agency_id: i64) -> Result<String, sqlx::Error> {
    sqlx::query_scalar("SELECT domain_token FROM agencies WHERE id = $1").bind(agency_id).fetch_one(&mut *conn).await
}

/// The agency's domains, sorted by hostname, each with the record that proves it.
pub async fn agency_domains(conn: &mut AnyConnection, agency_id: i64) -> Result<Vec<CustomDomain>, sqlx::Error> {
    let token = domain_token(conn, agency_id).await?;
    let rows = sqlx::query_as::<_, DomainRow>(
        "SELECT hostname, status, problem, checked_at FROM agency_domains WHERE agency_id = $1 ORDER BY hostname",
    )
    .bind(agency_id)
    .fetch_all(&mut *conn)
    .await?;
    Ok(rows
        .into_iter()
        .map(|r| {
            let (record_name, record_value) = verification_record(&r.hostname, &token);
            CustomDomain {
                status: status(&r.status),
                problem: problem(r.problem.as_deref()),
                hostname: r.hostname,
                record_name,
                record_value,
                checked_at: r.checked_at,
            }
        })
        .collect())
}

/// Makes the agency's set of domains `hostnames`: new ones start pending, kept ones keep
/// their status, the others are given up. `false` when another agency has verified one
/// of them (the caller answers "taken"); the transaction is then the caller's to drop.
pub async fn replace_domains(
    conn: &mut AnyConnection,
    agency_id: i64,
    hostnames: &[String],
) -> Result<bool, sqlx::Error> {
    for host in hostnames {
        if verified_by_another(conn, host, agency_id).await? {
            return Ok(false);
        }
    }
    let kept: Vec<String> = sqlx::query_scalar("SELECT hostname FROM agency_domains WHERE agency_id = $1")
        .bind(agency_id)
        .fetch_all(&mut *conn)
        .await?;
    for gone in kept.iter().filter(|h| !hostnames.contains(h)) {
        sqlx::query("DELETE FROM agency_domains WHERE agency_id = $1 AND hostname = $2")
            .bind(agency_id)
            .bind(gone)
            .execute(&mut *conn)
            .await?;
    }
    for host in hostnames.iter().filter(|h| !kept.contains(h)) {
        sqlx::query(
            "INSERT INTO agency_domains (agency_id, hostname, status, created_at) VALUES ($1, $2, 'pending', $3)",
        )
        .bind(agency_id)
        .bind(host)
        .bind(now())
        .execute(&mut *conn)
        .await?;
    }
    Ok(true)
}

/// Whether an agency other than `agency_id` has verified `hostname`.
async fn verified_by_another(conn: &mut AnyConnection, hostname: &str, agency_id: i64) -> Result<bool, sqlx::Error> {
    let holder: Option<i64> = sqlx::query_scalar(
        "SELECT agency_id FROM agency_domains WHERE hostname = $1 AND status = 'verified' AND agency_id <> $2",
    )
    .bind(hostname)
    .bind(agency_id)
    .fetch_optional(&mut *conn)
    .await?;
    Ok(holder.is_some())
}

/// The hostnames the agency has added, whatever their status.
pub async fn agency_hostnames(db: &Db, agency_id: i64) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT hostname FROM agency_domains WHERE agency_id = $1").bind(agency_id).fetch_all(db).await
}

/// A domain the seed knows to be the agency's: verified without a check.
pub async fn insert_verified_domain(
    conn: &mut AnyConnection,
    agency_id: i64,
    hostname: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO agency_domains (agency_id, hostname, status, created_at) VALUES ($1, $2, 'verified', $3)")
        .bind(agency_id)
        .bind(hostname.to_ascii_lowercase())
        .bind(now())
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A domain to check: whose it is, and the token its record must hold.
pub struct DomainToCheck {
    pub agency_id: i64,
    pub hostname: String,
    pub token: String,
}

/// Every domain of `agency_id` (or of every agency), with its agency's token.
pub async fn domains_to_check(db: &Db, agency_id: Option<i64>) -> Result<Vec<DomainToCheck>, sqlx::Error> {
    let sql = "SELECT d.agency_id, d.hostname, a.domain_token FROM agency_domains d \
               JOIN agencies a ON a.id = d.agency_id";
    let rows: Vec<(i64, String, String)> = match agency_id {
        Some(id) => {
            sqlx::query_as(&format!("{sql} WHERE d.agency_id = $1 ORDER BY d.hostname")).bind(id).fetch_all(db).await?
        }
        None => sqlx::query_as(&format!("{sql} ORDER BY d.agency_id, d.hostname")).fetch_all(db).await?,
    };
    Ok(rows.into_iter().map(|(agency_id, hostname, token)| DomainToCheck { agency_id, hostname, token }).collect())
}

/// What one DNS check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CheckOutcome {
    RecordFound,
    RecordMissing,
    /// DNS did not answer: nothing is learnt, the status stays.
    LookupFailed,
}

/// Stores a check's outcome. A found record verifies the domain unless another agency
/// verified it first (the unique index decides races): that is `failed`, `taken`.
pub async fn record_check(db: &Db, agency_id: i64, hostname: &str, outcome: CheckOutcome) -> Result<(), sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let (status, problem) = match outcome {
        CheckOutcome::LookupFailed => {
            sqlx::query("UPDATE agency_domains SET checked_at = $1 WHERE agency_id = $2 AND hostname = $3")
                .bind(now())
                .bind(agency_id)
                .bind(hostname)
                .execute(&mut *tx)
                .await?;
            return tx.commit().await;
        }
        CheckOutcome::RecordMissing => ("failed", Some(DomainProblem::RecordMissing)),
        CheckOutcome::RecordFound => match verified_by_another(&mut tx, hostname, agency_id).await? {
            true => ("failed", Some(DomainProblem::Taken)),
            false => ("verified", None),
        },
    };
    sqlx::query(
        "UPDATE agency_domains SET status = $1, problem = $2, checked_at = $3 WHERE agency_id = $4 AND hostname = $5",
    )
    .bind(status)
    .bind(problem.map(problem_key))
    .bind(now())
    .bind(agency_id)
    .bind(hostname)
    .execute(&mut *tx)
    .await?;
    tx.commit().await
}

/// The agency that has verified `hostname`, if any.
pub async fn agency_of_verified_host(db: &Db, hostname: &str) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar("SELECT agency_id FROM agency_domains WHERE hostname = $1 AND status = 'verified'")
        .bind(hostname.to_ascii_lowercase())
        .fetch_optional(db)
        .await
}
