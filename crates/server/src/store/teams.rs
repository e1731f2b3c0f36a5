//! Teams of an organization (they receive handoffs): reading them, and creating,
//! editing and deleting them with the activity log written in the same transaction.

use super::activity::record_activity;
use super::paging::{page, SearchableList};
use super::{activity::By, all_ids_in, begin_write, distinct, json_ids, now, parse_ids, Db, Dialect};
use crate::changes::{team_changes, team_created, team_deleted};
use atrium_api::{ListQuery, Team};
use sqlx::{Any, AnyConnection, Executor, FromRow};

#[derive(FromRow)]
struct TeamRow {
    id: i64,
    label: String,
    key: String,
    description: String,
    updated_at: String,
    member_ids: Option<String>,
}

impl From<TeamRow> for Team {
    fn from(r: TeamRow) -> Self {
        Team {
            id: r.id,
            label: r.label,
            key: r.key,
            description: r.description,
            member_ids: parse_ids(r.member_ids),
            updated_at: r.updated_at,
        }
    }
}

const TEAM_SELECT: &str = "SELECT t.id, t.label, t.key, t.description, t.updated_at, \
     (SELECT group_concat(user_id) FROM team_members m WHERE m.team_id = t.id) AS member_ids FROM teams t";

/// A page of the org's teams by label, narrowed by `q` in label or key.
pub async fn list_teams(db: &Db, org_id: i64, query: &ListQuery) -> Result<(Vec<Team>, u64), sqlx::Error> {
    let list = SearchableList {
        select: TEAM_SELECT,
        from: "teams t",
        filter:
            "t.org_id = $1 AND ($2 IS NULL OR lower(t.label) LIKE $2 ESCAPE '\\' OR lower(t.key) LIKE $2 ESCAPE '\\')",
        order: "lower(t.label), t.id",
    };
    page::<TeamRow, _>(db, &list, org_id, query).await
}

/// The team if it belongs to `org_id`; another org's team is as good as missing.
pub async fn get_team<'e>(
    db: impl Executor<'e, Database = Any>,
    org_id: i64,
    team_id: i64,
) -> Result<Option<Team>, sqlx::Error> {
    let sql = format!("{TEAM_SELECT} WHERE t.id = $1 AND t.org_id = $2");
    Ok(sqlx::query_as::<_, TeamRow>(&sql).bind(team_id).bind(org_id).fetch_optional(db).await?.map(Into::into))
}

/// A new team, cleaned and validated by the caller.
pub struct NewTeamRow<'a> {
    pub label: &'a str,
    pub key: &'a str,
    pub description: &'a str,
    pub member_ids: &'a [i64],
}

pub enum TeamWrite {
    Saved(Box<Team>),
    /// Some member id is not a user of the org; nothing was written.
    UnknownMembers,
}

/// Creates the team and logs `team.created` by `by`. A key the org already uses
/// fails with the unique index's error, which the caller answers as "taken".
pub async fn create_team(db: &Db, org_id: i64, by: By, t: &NewTeamRow<'_>) -> Result<TeamWrite, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    if !members_in_org(&mut tx, org_id, t.member_ids).await? {
        return Ok(TeamWrite::UnknownMembers);
    }
    let id = insert_team(&mut tx, org_id, t).await?;
    record_activity(&mut tx, org_id, Some(by), &[team_created(t.key)]).await?;
    let team = get_team(&mut *tx, org_id, id).await?.ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    Ok(TeamWrite::Saved(Box::new(team)))
}

/// Inserts the team with its members, checking and logging nothing: the demo seed's way
/// in, and the write of [`create_team`].
pub async fn insert_team(conn: &mut AnyConnection, org_id: i64, t: &NewTeamRow<'_>) -> Result<i64, sqlx::Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO teams (org_id, label, key, description, updated_at) VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(org_id)
    .bind(t.label)
    .bind(t.key)
    .bind(t.description)
    .bind(now())
    .fetch_one(&mut *conn)
    .await?;
    set_members(conn, id, t.member_ids).await?;
    Ok(id)
}

/// The fields a `PATCH` changes (`None` leaves one as it is), cleaned and validated.
#[derive(Default)]
pub struct TeamEdit<'a> {
    pub label: Option<&'a str>,
    pub key: Option<&'a str>,
    pub description: Option<&'a str>,
    pub member_ids: Option<&'a [i64]>,
}

/// Applies `edit`, logging each changed field by `by` and moving `updated_at` only
/// when something did change. `None` when the org has no such team; a taken key fails
/// with the unique index's error, as in [`create_team`].
pub async fn update_team(
    db: &Db,
    org_id: i64,
    team_id: i64,
    by: By,
    edit: &TeamEdit<'_>,
) -> Result<Option<TeamWrite>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let Some(old) = get_team(&mut *tx, org_id, team_id).await? else {
        return Ok(None);
    };
    if let Some(ids) = edit.member_ids {
        if !members_in_org(&mut tx, org_id, ids).await? {
            return Ok(Some(TeamWrite::UnknownMembers));
        }
        set_members(&mut tx, team_id, ids).await?;
    }
    sqlx::query(
        "UPDATE teams SET label = COALESCE($1, label), key = COALESCE($2, key), \
         description = COALESCE($3, description) WHERE id = $4 AND org_id = $5",
    )
    .bind(edit.label)
    .bind(edit.key)
    .bind(edit.description)
    .bind(team_id)
    .bind(org_id)
    .execute(&mut *tx)
    .await?;
    let mut new = get_team(&mut *tx, org_id, team_id).await?.ok_or(sqlx::Error::RowNotFound)?;
    let changes = team_changes(&old, &new);
    if !changes.is_empty() {
        new.updated_at = now();
        sqlx::query("UPDATE teams SET updated_at = $1 WHERE id = $2")
            .bind(&new.updated_at)
            .bind(team_id)
            .execute(&mut *tx)
            .await?;
        record_activity(&mut tx, org_id, Some(by), &changes).await?;
    }
    tx.commit().await?;
    Ok(Some(TeamWrite::Saved(Box::new(new))))
}

/// Deletes the team and logs `team.deleted` by `by`; conversations routed to it
/// lose their team. `false` when the org has no such team.
pub async fn delete_team(db: &Db, org_id: i64, team_id: i64, by: By) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let Some(old) = get_team(&mut *tx, org_id, team_id).await? else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM teams WHERE id = $1 AND org_id = $2").bind(team_id).bind(org_id).execute(&mut *tx).await?;
    record_activity(&mut tx, org_id, Some(by), &[team_deleted(&old.key)]).await?;
    tx.commit().await?;
    Ok(true)
}

/// Whether every id (duplicates ignored) is a user of the org.
async fn members_in_org(conn: &mut AnyConnection, org_id: i64, user_ids: &[i64]) -> Result<bool, sqlx::Error> {
    all_ids_in(conn, "(SELECT org_id AS owner, id FROM users)", org_id, user_ids).await
}

/// Makes `user_ids` the team's whole membership.
async fn set_members(conn: &mut AnyConnection, team_id: i64, user_ids: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM team_members WHERE team_id = $1").bind(team_id).execute(&mut *conn).await?;
    let list = Dialect::of_conn(conn).id_list("$2");
    sqlx::query(&format!("INSERT INTO team_members (team_id, user_id) SELECT $1, value FROM ({list}) ids"))
        .bind(team_id)
        .bind(json_ids(&distinct(user_ids)))
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// The labels of `org_id`'s teams other than `except`: what a new label must not look like.
pub async fn team_labels(db: &Db, org_id: i64, except: Option<i64>) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT label FROM teams WHERE org_id = $1 AND ($2 IS NULL OR id <> $2)")
        .bind(org_id)
        .bind(except)
        .fetch_all(db)
        .await
}
