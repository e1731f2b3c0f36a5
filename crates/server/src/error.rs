//! The one error type of every handler, answered as the contract's error body.

use atrium_api::validate::{FieldError, FieldErrors};
use atrium_api::{ErrorBody, ErrorCode, ErrorDetail};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use std::collections::BTreeMap;

#[derive(Debug)]
pub enum AppError {
    /// Malformed request: bad JSON, wrong types, unknown fields.
    BadRequest(String),
    Validation(FieldErrors),
    Unauthenticated,
    InvalidCredentials,
    Csrf,
    Forbidden,
    /// Missing, or belonging to someone the caller may not know about.
    NotFound,
    Conflict(String),
    RateLimited {
        retry_after_secs: u64,
    },
    /// Too much work queued (e.g. password hashing): try again after the given seconds.
    Busy {
        retry_after_secs: u64,
    },
    /// A request body over the server's limit: 413.
    PayloadTooLarge,
    /// An embed link that signs nobody in; the reason is for the message only.
    InvalidEmbedLink(&'static str),
    /// The database refused a write for a reason outside the request: read-only file or
    /// volume, I/O error, locked past the busy timeout, no connection. Answered 503.
    StorageUnavailable(sqlx::Error),
    /// The database's disk or size limit is full (SQLITE_FULL). Answered 507.
    StorageFull(sqlx::Error),
    /// Anything else that failed on our side. The error itself, with its chain of sources,
    /// goes to the log; the caller gets a plain message.
    Internal(Box<dyn std::error::Error + Send + Sync>),
}

pub type AppResult<T> = Result<T, AppError>;

impl AppError {
    pub fn code(&self) -> ErrorCode {
        match self {
            AppError::BadRequest(_) => ErrorCode::BadRequest,
            AppError::Validation(_) => ErrorCode::ValidationFailed,
            AppError::Unauthenticated => ErrorCode::Unauthenticated,
            AppError::InvalidCredentials => ErrorCode::InvalidCredentials,
            AppError::Csrf => ErrorCode::CsrfFailed,
            AppError::Forbidden => ErrorCode::Forbidden,
            AppError::NotFound => ErrorCode::NotFound,
            AppError::Conflict(_) => ErrorCode::Conflict,
            AppError::RateLimited { .. } => ErrorCode::RateLimited,
            AppError::Busy { .. } => ErrorCode::ServerBusy,
            AppError::PayloadTooLarge => ErrorCode::PayloadTooLarge,
            AppError::InvalidEmbedLink(_) => ErrorCode::InvalidEmbedLink,
            AppError::StorageUnavailable(_) => ErrorCode::StorageUnavailable,
            AppError::StorageFull(_) => ErrorCode::StorageFull,
            AppError::Internal(_) => ErrorCode::Internal,
        }
    }

    fn message(&self) -> String {
        match self {
            AppError::BadRequest(m) | AppError::Conflict(m) => m.clone(),
            AppError::Validation(_) => "Some fields are not valid.".into(),
            AppError::Unauthenticated => "Sign in to continue.".into(),
            AppError::InvalidCredentials => "The email or password is not correct.".into(),
            AppError::Csrf => "Missing or wrong CSRF token.".into(),
            AppError::Forbidden => "You are not allowed to do this.".into(),
            AppError::NotFound => "Not found.".into(),
            AppError::RateLimited { .. } => "Too many attempts. Try again later.".into(),
            AppError::Busy { .. } => "The server is busy. Try again in a moment.".into(),
            AppError::PayloadTooLarge => "The request body is too large.".into(),
            AppError::InvalidEmbedLink(why) => format!("This embed link does not sign anyone in: {why}."),
            AppError::StorageUnavailable(_) => {
                "Storage is unavailable (read-only or failing); nothing was saved. Try again later.".into()
            }
            AppError::StorageFull(_) => "Storage is full; nothing was saved. Free disk space and try again.".into(),
            // The detail goes to the log, never to the caller.
            AppError::Internal(_) => "Something went wrong on our side.".into(),
        }
    }

    pub fn body(&self) -> ErrorBody {
        let fields: BTreeMap<String, String> = match self {
            AppError::Validation(errors) => errors.0.iter().map(|(k, e)| (k.clone(), e.message())).collect(),
            _ => BTreeMap::new(),
        };
        let field_codes: BTreeMap<String, String> = match self {
            AppError::Validation(errors) => errors.0.iter().map(|(k, e)| (k.clone(), e.key().to_string())).collect(),
            _ => BTreeMap::new(),
        };
        let field_limits: BTreeMap<String, usize> = match self {
            AppError::Validation(errors) => {
                errors.0.iter().filter_map(|(k, e)| e.limit().map(|n| (k.clone(), n))).collect()
            }
            _ => BTreeMap::new(),
        };
        ErrorBody {
            error: ErrorDetail { code: self.code(), message: self.message(), fields, field_codes, field_limits },
        }
    }

    /// A 422 naming one field.
    pub fn field(field: &str, error: FieldError) -> AppError {
        let mut errors = FieldErrors::default();
        errors.check(field, Err(error));
        AppError::Validation(errors)
    }

    /// A write the unique index on `field` refused answers "taken" on that field; any
    /// other database error stays what it is. Relying on the index (rather than looking
    /// first) is what keeps two concurrent writes of the same value from both winning.
    pub fn unique_as_taken(e: sqlx::Error, field: &str) -> AppError {
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => AppError::field(field, FieldError::Taken),
            _ => e.into(),
        }
    }
}

impl std::fmt::Display for AppError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for AppError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            AppError::StorageUnavailable(e) | AppError::StorageFull(e) => Some(e),
            AppError::Internal(e) => Some(&**e),
            _ => None,
        }
    }
}

/// `e` and every error it was caused by, outermost first: what the log needs to tell a
/// refused connection from a broken query.
fn with_sources(e: &(dyn std::error::Error + 'static)) -> String {
    let mut text = e.to_string();
    let mut cause = e.source();
    while let Some(inner) = cause {
        // Many errors (sqlx's among them) already print their source in their own text.
        let said = inner.to_string();
        if !text.contains(&said) {
            text.push_str(": ");
            text.push_str(&said);
        }
        cause = inner.source();
    }
    text
}

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation(errors)
    }
}

/// What a database failure that is not the request's fault says about storage.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageFault {
    Full,
    Unavailable,
}

/// Classifies `e` by the database's own error code. A transaction that fails this way has
/// been rolled back (sqlx rolls back a dropped transaction; SQLite undoes the statement),
/// so the caller can be told plainly that nothing was saved.
///
/// SQLite (numeric result codes; the primary code is the low byte of the extended one):
/// FULL 13 → full; READONLY 8, IOERR 10, CANTOPEN 14, BUSY 5, LOCKED 6, PROTOCOL 15 →
/// unavailable. PostgreSQL (five-character SQLSTATE): 53100 disk_full → full;
/// 25006 read_only_sql_transaction, class 53 (insufficient resources), class 08
/// (connection exception), 57P01-57P03 (shutdown, cannot connect now), 58030 io_error →
/// unavailable. Losing the pool or the socket (`PoolTimedOut`, `PoolClosed`, `Io`) is
/// unavailable too.
pub fn storage_fault(e: &sqlx::Error) -> Option<StorageFault> {
    match e {
        sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => Some(StorageFault::Unavailable),
        sqlx::Error::Database(db) => db.code().and_then(|code| fault_of_code(&code)),
        _ => None,
    }
}

fn fault_of_code(code: &str) -> Option<StorageFault> {
    // A SQLSTATE is five characters; SQLite's extended codes stay below 10000.
    if code.len() == 5 {
        return match code {
            "53100" => Some(StorageFault::Full),
            "25006" | "57P01" | "57P02" | "57P03" | "58030" => Some(StorageFault::Unavailable),
            _ if code.starts_with("53") || code.starts_with("08") => Some(StorageFault::Unavailable),
            _ => None,
        };
    }
    let primary = code.parse::<i32>().ok()? & 0xff;
    match primary {
        13 => Some(StorageFault::Full),
        5 | 6 | 8 | 10 | 14 | 15 => Some(StorageFault::Unavailable),
        _ => None,
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::RowNotFound = e {
            return AppError::NotFound;
        }
        match storage_fault(&e) {
            Some(StorageFault::Full) => AppError::StorageFull(e),
            Some(StorageFault::Unavailable) => AppError::StorageUnavailable(e),
            None => AppError::Internal(Box::new(e)),
        }
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        match &self {
            AppError::Internal(e) => tracing::error!(error = with_sources(&**e), "internal error"),
            AppError::StorageUnavailable(e) | AppError::StorageFull(e) => {
                tracing::error!(error = with_sources(e), "storage error")
            }
            _ => {}
        }
        let status = StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(self.body())).into_response();
        if let AppError::RateLimited { retry_after_secs } | AppError::Busy { retry_after_secs } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn database_codes_name_the_storage_fault() {
        assert_eq!(fault_of_code("13"), Some(StorageFault::Full));
        assert_eq!(fault_of_code("8"), Some(StorageFault::Unavailable));
        // SQLITE_READONLY_DBMOVED, SQLITE_IOERR_WRITE, SQLITE_BUSY_SNAPSHOT: extended codes.
        assert_eq!(fault_of_code("1032"), Some(StorageFault::Unavailable));
        assert_eq!(fault_of_code("778"), Some(StorageFault::Unavailable));
        assert_eq!(fault_of_code("517"), Some(StorageFault::Unavailable));
        // Constraint violations (SQLITE_CONSTRAINT_UNIQUE 2067) are the request's business.
        assert_eq!(fault_of_code("2067"), None);
        assert_eq!(fault_of_code("53100"), Some(StorageFault::Full));
        assert_eq!(fault_of_code("25006"), Some(StorageFault::Unavailable));
        assert_eq!(fault_of_code("08006"), Some(StorageFault::Unavailable));
        assert_eq!(fault_of_code("23505"), None);
        assert_eq!(AppError::StorageFull(sqlx::Error::PoolTimedOut).code().status(), 507);
        assert_eq!(AppError::StorageUnavailable(sqlx::Error::PoolTimedOut).code().status(), 503);
    }

    /// What the log says of a failure names its cause, however deep, and the caller
    /// learns none of it.
    #[test]
    fn an_internal_error_keeps_its_cause_for_the_log_only() {
        #[derive(Debug)]
        struct Outer(std::io::Error);
        impl std::fmt::Display for Outer {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("could not read the payment provider's answer")
            }
        }
        impl std::error::Error for Outer {
            fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
                Some(&self.0)
            }
        }
        let cause = std::io::Error::new(std::io::ErrorKind::ConnectionReset, "connection reset by peer");
        let e = AppError::Internal(Box::new(Outer(cause)));
        let source = std::error::Error::source(&e).expect("the error keeps its source");
        assert_eq!(with_sources(source), "could not read the payment provider's answer: connection reset by peer");
        assert_eq!(e.body().error.message, "Something went wrong on our side.");
        // An error that already prints its source is not repeated.
        let io = sqlx::Error::Io(std::io::Error::other("disk gone"));
        assert_eq!(with_sources(&io), io.to_string());
        assert!(io.to_string().contains("disk gone"));
    }
}
