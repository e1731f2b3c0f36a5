//! The agency's staff (owners, admins, members): users without an org. An agency never
//! loses its last owner, checked inside the write transaction so that two owners
//! demoting each other at once cannot both succeed.

use super::paging::{page, SearchableList};
use super::users::{insert_user, NewUser};
use super::{begin_write, Db};
use atrium_api::{ListQuery, Role, StaffUser};
use sqlx::{Any, AnyConnection, Executor, FromRow};

#[derive(FromRow)]
struct StaffRow {
    id: i64,
    name: String,
    email: String,
    role: String,
}

impl From<StaffRow> for StaffUser {
    fn from(r: StaffRow) -> Self {
        // The CHECK constraint keeps the role to the known ones; a staff row holds a staff role.
        StaffUser { id: r.id, name: r.name, email: r.email, role: Role::parse(&r.role).unwrap_or(Role::Member) }
    }
}

const STAFF_SELECT: &str = "SELECT u.id, u.name, u.email, u.role FROM users u";

/// A page of the agency's staff by name, narrowed by `q` in name or email.
pub async fn list_staff(db: &Db, agency_id: i64, query: &ListQuery) -> Result<(Vec<StaffUser>, u64), sqlx::Error> {
    let list = SearchableList {
        select: STAFF_SELECT,
        from: "users u",
        filter: "u.agency_id = $1 AND u.org_id IS NULL \
                 AND ($2 IS NULL OR lower(u.name) LIKE $2 ESCAPE '\\' OR lower(u.email) LIKE $2 ESCAPE '\\')",
        order: "lower(u.name), u.id",
    };
    page::<StaffRow, _>(db, &list, agency_id, query).await
}

/// The staff member if they belong to `agency_id`; anyone else is as good as missing.
pub async fn get_staff<'e>(
    db: impl Executor<'e, Database = Any>,
    agency_id: i64,
    staff_id: i64,
) -> Result<Option<StaffUser>, sqlx::Error> {
    let sql = format!("{STAFF_SELECT} WHERE u.id = $1 AND u.agency_id = $2 AND u.org_id IS NULL");
    Ok(sqlx::query_as::<_, StaffRow>(&sql).bind(staff_id).bind(agency_id).fetch_optional(db).await?.map(Into::into))
}

/// A new staff member, cleaned and validated by the caller, the password already hashed.
pub struct NewStaffRow<'a> {
    pub agency_id: i64,
    pub name: &'a str,
    pub email: &'a str,
    pub password_hash: &'a str,
    pub role: Role,
}

/// Adds the staff member. A taken email fails with the unique index's error.
pub async fn create_staff(db: &Db, s: &NewStaffRow<'_>) -> Result<StaffUser, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let new = NewUser {
        agency_id: s.agency_id,
        org_id: None,
        role: s.role,
        email: s.email,
        name: s.name,
        password_hash: s.password_hash,
        permissions: &[],
    };
    let id = insert_user(&mut *tx, &new).await?;
    let staff = get_staff(&mut *tx, s.agency_id, id).await?.ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    Ok(staff)
}

pub enum StaffOutcome<T> {
    Done(T),
    NotFound,
    /// It would leave the agency without an owner; nothing was written.
    LastOwner,
}

/// Gives the staff member `role`, unless that demotes the agency's last owner.
pub async fn change_staff_role(
    db: &Db,
    agency_id: i64,
    staff_id: i64,
    role: Role,
) -> Result<StaffOutcome<StaffUser>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let Some(old) = get_staff(&mut *tx, agency_id, staff_id).await? else {
        return Ok(StaffOutcome::NotFound);
    };
    if role != Role::Owner && is_last_owner(&mut tx, agency_id, &old).await? {
        return Ok(StaffOutcome::LastOwner);
    }
    sqlx::query("UPDATE users SET role = $1 WHERE id = $2")
        .bind(role.as_str())
        .bind(staff_id)
        .execute(&mut *tx)
        .await?;
    let new = get_staff(&mut *tx, agency_id, staff_id).await?.ok_or(sqlx::Error::RowNotFound)?;
    tx.commit().await?;
    Ok(StaffOutcome::Done(new))
}

/// Removes the staff member, unless they are the agency's last owner. The schema's
/// cascades end their sessions, and any "Log in as" session they opened; the activity
/// log keeps their entries without an actor.
pub async fn delete_staff(db: &Db, agency_id: i64, staff_id: i64) -> Result<StaffOutcome<()>, sqlx::Error> {
    let mut tx = begin_write(db).await?;
    let Some(old) = get_staff(&mut *tx, agency_id, staff_id).await? else {
        return Ok(StaffOutcome::NotFound);
    };
    if is_last_owner(&mut tx, agency_id, &old).await? {
        return Ok(StaffOutcome::LastOwner);
    }
    sqlx::query("DELETE FROM users WHERE id = $1").bind(staff_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(StaffOutcome::Done(()))
}

/// Whether `staff` is an owner and no other enabled owner would remain.
async fn is_last_owner(conn: &mut AnyConnection, agency_id: i64, staff: &StaffUser) -> Result<bool, sqlx::Error> {
    if staff.role != Role::Owner {
        return Ok(false);
    }
    let others: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE agency_id = $1 AND org_id IS NULL AND role = 'owner' \
         AND disabled = FALSE AND id <> $2",
    )
    .bind(agency_id)
    .bind(staff.id)
    .fetch_one(&mut *conn)
    .await?;
    Ok(others == 0)
}
