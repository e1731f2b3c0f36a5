//! Client users of an organization: reading them, and creating, editing and deleting
//! them with the activity log written in the same transaction.

use super::activity::record_activity;
use super::columns::Columns;
use super::paging::{page, SearchableList};
use super::sessions::end_user_sessions;
use super::users::{insert_user, permission_text, NewUser};
use super::{activity::By, all_ids_in, begin_write, distinct, json_ids, parse_ids, Db, Dialect, Flag};
use crate::changes::{user_changes, user_created, user_deleted};
use atrium_api::{ClientUser, ListQuery, Permission, Role};
use sqlx::{Any, AnyConnection, Executor, FromRow};

#[derive(FromRow)]
struct ClientUserRow {
    id: i64,
    name: String,
    email: String,
    role: String,
    permissions: String,
    #[sqlx(try_from = "Flag")]
    disabled: bool,
    #[sqlx(try_from = "Flag")]
    all_agents: bool,
    agent_ids: Option<String>,
}

impl From<ClientUserRow> for ClientUser {
    fn from(r: ClientUserRow) -> Self {
        // The CHECK constraint keeps the role to the known ones; a client row holds a client role.
        let role = Role::parse(&r.role).unwrap_or(Role::ClientUser);
        let stored: Vec<Permission> = r.permissions.split(',').filter_map(Permission::parse).collect();
        ClientUser {
            id: r.id,
            name: r.name,
            email: r.email,
            role,
            permissions: Permission::effective(role, &stored),
            agent_ids: parse_ids(r.agent_ids),
            all_agents: r.all_agents,
            disabled: r.disabled,
        }
    }
}

/// Never the password hash: what this module reads is what the API answers.
const CLIENT_USER_SELECT: &str = "SELECT u.id, u.name, u.email, u.role, u.permissions, u.disabled, u.all_agents, \
     (SELECT group_concat(agent_id) FROM user_agents ua WHERE ua.user_id = u.id) AS agent_ids FROM users u";

/// `sort` values the user list accepts; anything else sorts by name.
fn order_by(sort: Option<&str>) -> &'static str {
    match sort {
        Some("-name") => "lower(u.name) DESC, u.id DESC",
        Some("email") => "lower(u.email), u.id",
        Some("-email") => "lower(u.email) DESC, u.id DESC",
        _ => "lower(u.name), u.id",
    }
}

/// A page of the org's users, narrowed by `q` in name or email.
pub async fn list_client_users(db: &Db, org_id: i64, query: &ListQuery) -> Result<(Vec<ClientUser>, u64), sqlx::Error> {
    let list = SearchableList {
        select: CLIENT_USER_SELECT,
        from: "users u",
        filter:
            "u.org_id = $1 AND ($2 IS NULL OR lower(u.name) LIKE $2 ESCAPE '\\' OR lower(u.email) LIKE $2 ESCAPE '\\')",
        order: order_by(query.sort.as_deref()),
    };
    page::<ClientUserRow, _>(db, &list, org_id, query).await
}

/// The user if they belong to `org_id`; anyone else (staff included) is as good as missing.
pub async fn get_client_user<'e>(
    db: impl Executor<'e, Database = Any>,
    org_id: i64,
    user_id: i64,
) -> Result<Option<ClientUser>, sqlx::Error> {
    let sql = format!("{CLIENT_USER_SELECT} WHERE u.id = $1 AND u.org_id = $2");
    Ok(sqlx::query_as::<_, ClientUserRow>(&sql).bind(user_id).bind(org_id).fetch_optional(db).await?.map(Into::into))
}

/// A new client user, cleaned and validated by the caller, the password already hashed.
pub struct NewClientUserRow<'a> {
    pub agency_id: i64,
    pub org_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
    pub permissions: &'a [Permission],
    pub agent_ids: &'a [i64],
}

pub enum UserWrite {
    Saved(Box<ClientUser>),
    /// Some agent id is not assigned to the org; nothing was written.
    UnknownAgents,
}

/// Creates the user with their agent subset and logs `user.created` by `by`. A
/// taken email fails with the unique index's error (see [`insert_user`]).
pub async fn create_client_user(db: &Db, by: By, u: &NewClientUserRow<'_>) -> Result<UserWrite, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    if !agents_in_org(&mut tx, u.org_id, u.agent_ids).await? {
        return Ok(UserWrite::UnknownAgents);
    }
    let new = NewUser {
        agency_id: u.agency_id,
        org_id: Some(u.org_id),
        role: u.role,
        email: u.email,
        name: u.name,
        password_hash: u.password_hash,
        permissions: u.permissions,
    };
    let id = insert_user(&mut *tx, &new).await?;
    set_user_agents(&mut tx, id, u.agent_ids).await?;
    record_activity(&mut tx, u.org_id, Some(by), &[user_created(u.email)]).await?;
    let user = get_client_user(&mut *tx, u.org_id, id).await?.ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    Ok(UserWrite::Saved(Box::new(user)))
}

/// The fields a `PATCH` changes (`None` leaves one as it is), cleaned and validated.
#[derive(Default)]
pub struct ClientUserEdit<'a> {
    pub name: Option<&'a str>,
    pub email: Option<&'a str>,
    pub password_hash: Option<&'a str>,
    pub role: Option<Role>,
    pub permissions: Option<&'a [Permission]>,
    pub agent_ids: Option<&'a [i64]>,
    pub disabled: Option<bool>,
}

/// Applies `edit` and logs each changed field by `by`; `None` when the org has no
/// such user. A disabled user loses every session at once; a new password ends every
/// session but `keep_session` (the caller's own, when they changed their own password).
pub async fn update_client_user(
    db: &Db,
    org_id: i64,
    user_id: i64,
    by: By,
    edit: &ClientUserEdit<'_>,
    keep_session: Option<&str>,
) -> Result<Option<UserWrite>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let Some(old) = get_client_user(&mut *tx, org_id, user_id).await? else {
        return Ok(None);
    };
    if let Some(ids) = edit.agent_ids {
        if !agents_in_org(&mut tx, org_id, ids).await? {
            return Ok(Some(UserWrite::UnknownAgents));
        }
        set_user_agents(&mut tx, user_id, ids).await?;
    }
    // Each field left out of the edit keeps its value.
    let mut columns = Columns::new()
        .expr("name", "COALESCE({}, name)", edit.name)
        .expr("email", "COALESCE({}, email)", edit.email)
        .expr("password_hash", "COALESCE({}, password_hash)", edit.password_hash)
        .expr("role", "COALESCE({}, role)", edit.role.map(Role::as_str))
        .expr("permissions", "COALESCE({}, permissions)", edit.permissions.map(permission_text))
        .expr("disabled", "COALESCE({}, disabled)", edit.disabled);
    let filter = format!("id = {} AND org_id = {}", columns.bind(user_id), columns.bind(org_id));
    let (sql, args) = columns.update("users", &filter)?;
    sqlx::query_with(&sql, args).execute(&mut *tx).await?;
    let new = get_client_user(&mut *tx, org_id, user_id).await?.ok_or(sqlx::Error::RowNotFound)?;
    let password_changed = edit.password_hash.is_some();
    if password_changed || new.disabled || new.email != old.email {
        // A link mailed to the old address, or before the new password, must not work.
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1").bind(user_id).execute(&mut *tx).await?;
    }
    if new.disabled {
        end_user_sessions(&mut tx, user_id, None).await?;
    } else if password_changed {
        end_user_sessions(&mut tx, user_id, keep_session).await?;
    }
    record_activity(&mut tx, org_id, Some(by), &user_changes(&old, &new, password_changed)).await?;
    tx.commit().await?;
    Ok(Some(UserWrite::Saved(Box::new(new))))
}

/// Deletes the user and logs `user.deleted` by `by`. The schema's cascades end
/// their sessions and take them off their teams; conversations they held lose their
/// assignee. `false` when the org has no such user.
pub async fn delete_client_user(db: &Db, org_id: i64, user_id: i64, by: By) -> Result<bool, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let Some(old) = get_client_user(&mut *tx, org_id, user_id).await? else {
        return Ok(false);
    };
    sqlx::query("DELETE FROM users WHERE id = $1 AND org_id = $2").bind(user_id).bind(org_id).execute(&mut *tx).await?;
    record_activity(&mut tx, org_id, Some(by), &[user_deleted(&old.email)]).await?;
    tx.commit().await?;
    Ok(true)
}

/// Whether every id (duplicates ignored) is an agent assigned to the org.
async fn agents_in_org(conn: &mut AnyConnection, org_id: i64, agent_ids: &[i64]) -> Result<bool, sqlx::Error> {
    all_ids_in(conn, "(SELECT org_id AS owner, agent_id AS id FROM org_agents)", org_id, agent_ids).await
}

/// Makes `agent_ids` the user's whole agent subset (empty: all of the org's agents, and
/// the explicit flag says so, so that deleting agents never empties a subset into "all").
async fn set_user_agents(conn: &mut AnyConnection, user_id: i64, agent_ids: &[i64]) -> Result<(), sqlx::Error> {
    sqlx::query("DELETE FROM user_agents WHERE user_id = $1").bind(user_id).execute(&mut *conn).await?;
    sqlx::query("UPDATE users SET all_agents = $1 WHERE id = $2")
        .bind(agent_ids.is_empty())
        .bind(user_id)
        .execute(&mut *conn)
        .await?;
    let list = Dialect::of_conn(conn).id_list("$2");
    sqlx::query(&format!("INSERT INTO user_agents (user_id, agent_id) SELECT $1, value FROM ({list}) ids"))
        .bind(user_id)
        .bind(json_ids(&distinct(agent_ids)))
        .execute(&mut *conn)
        .await?;
    Ok(())
}
