//! Users: agency staff and client users, in one table.

use super::columns::Columns;
use super::{now, Db, Flag};
use atrium_api::{Permission, Role};
use sqlx::{Any, Executor, FromRow};

#[derive(Clone, Debug, FromRow)]
pub struct UserRow {
    pub id: i64,
    pub agency_id: i64,
    pub org_id: Option<i64>,
    pub role: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub permissions: String,
    #[sqlx(try_from = "Flag")]
    pub disabled: bool,
}

impl UserRow {
    pub fn role(&self) -> Role {
        // The CHECK constraint keeps this column to the known roles.
        Role::parse(&self.role).unwrap_or(Role::ClientUser)
    }

    pub fn stored_permissions(&self) -> Vec<Permission> {
        self.permissions.split(',').filter_map(Permission::parse).collect()
    }
}

pub(super) const USER_COLUMNS: &str =
    "u.id, u.agency_id, u.org_id, u.role, u.email, u.name, u.password_hash, u.permissions, u.disabled";

pub async fn user_by_email(db: &Db, email: &str) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE lower(u.email) = lower($1)");
    sqlx::query_as::<_, UserRow>(&sql).bind(email.trim()).fetch_optional(db).await
}

pub struct NewUser<'a> {
    pub agency_id: i64,
    pub org_id: Option<i64>,
    pub role: Role,
    pub email: &'a str,
    pub name: &'a str,
    pub password_hash: &'a str,
    pub permissions: &'a [Permission],
}

/// Inserts the user as given. An email already in use (in any case, by anyone on the
/// platform) fails with the unique index's error, which routes answer as "taken".
pub async fn insert_user<'e>(db: impl Executor<'e, Database = Any>, u: &NewUser<'_>) -> Result<i64, sqlx::Error> {
    let (sql, args) = Columns::new()
        .value("agency_id", u.agency_id)
        .value("org_id", u.org_id)
        .value("role", u.role.as_str())
        .value("email", u.email)
        .value("name", u.name)
        .value("password_hash", u.password_hash)
        .value("permissions", permission_text(u.permissions))
        .value("created_at", now())
        .insert("users", "RETURNING id")?;
    sqlx::query_scalar_with(&sql, args).fetch_one(db).await
}

pub async fn user_by_id(db: &Db, id: i64) -> Result<Option<UserRow>, sqlx::Error> {
    let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE u.id = $1");
    sqlx::query_as::<_, UserRow>(&sql).bind(id).fetch_optional(db).await
}

/// Permissions as the `permissions` column holds them: sorted, once each, comma-separated.
pub(super) fn permission_text(permissions: &[Permission]) -> String {
    let mut p = permissions.to_vec();
    p.sort();
    p.dedup();
    p.iter().map(|p| p.as_str()).collect::<Vec<_>>().join(",")
}

/// The names of `agency_id`'s staff other than `except`: what a new name must not look like.
pub async fn staff_names(db: &Db, agency_id: i64, except: Option<i64>) -> Result<Vec<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT name FROM users WHERE agency_id = $1 AND org_id IS NULL AND ($2 IS NULL OR id <> $2)")
        .bind(agency_id)
        .bind(except)
        .fetch_all(db)
        .await
}
