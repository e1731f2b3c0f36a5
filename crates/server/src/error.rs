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
    Internal(String),
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
        ErrorBody { error: ErrorDetail { code: self.code(), message: self.message(), fields, field_codes } }
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

impl From<FieldErrors> for AppError {
    fn from(errors: FieldErrors) -> Self {
        AppError::Validation(errors)
    }
}

impl From<sqlx::Error> for AppError {
    fn from(e: sqlx::Error) -> Self {
        if let sqlx::Error::RowNotFound = e {
            return AppError::NotFound;
        }
        AppError::Internal(format!("database: {e}"))
    }
}

impl IntoResponse for AppError {
    fn into_response(self) -> Response {
        if let AppError::Internal(detail) = &self {
            tracing::error!(%detail, "internal error");
        }
        let status = StatusCode::from_u16(self.code().status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, Json(self.body())).into_response();
        if let AppError::RateLimited { retry_after_secs } = self {
            if let Ok(v) = HeaderValue::from_str(&retry_after_secs.to_string()) {
                response.headers_mut().insert(header::RETRY_AFTER, v);
            }
        }
        response
    }
}
