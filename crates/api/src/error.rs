//! The error body every failed API call answers with.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// `{"error": {"code": "...", "message": "...", "fields": {...}}}`
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ErrorDetail {
    pub code: ErrorCode,
    pub message: String,
    /// Per-field messages for `validation_failed`; empty otherwise.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// The same fields' machine-readable rule (`required`, `too_long`, `taken`, …), so a
    /// client can say it in the user's language.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub field_codes: BTreeMap<String, String>,
    /// For `too_long` and `too_short`: the length the field must keep to (in characters), so
    /// a client can say "at most 100 characters" rather than "too long".
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub field_limits: BTreeMap<String, usize>,
}

crate::wire_enum! {
    /// Machine-readable error kinds; each maps to one HTTP status.
    pub enum ErrorCode {
        BadRequest = "bad_request",
        ValidationFailed = "validation_failed",
        Unauthenticated = "unauthenticated",
        InvalidCredentials = "invalid_credentials",
        CsrfFailed = "csrf_failed",
        Forbidden = "forbidden",
        NotFound = "not_found",
        Conflict = "conflict",
        PreconditionFailed = "precondition_failed",
        RateLimited = "rate_limited",
        Internal = "internal",
        /// The database cannot take writes right now (read-only, I/O failure, locked for too
        /// long): nothing was changed, and trying again later may work.
        StorageUnavailable = "storage_unavailable",
        /// The database's disk (or its size limit) is full: nothing was changed.
        StorageFull = "storage_full",
        /// The server has too much work queued (e.g. sign-ins): try again after `Retry-After`.
        ServerBusy = "server_busy",
        /// The request body is over the server's size limit.
        PayloadTooLarge = "payload_too_large",
        /// An embed link that is forged, expired, already used, or signed with a revoked
        /// secret: no session.
        InvalidEmbedLink = "invalid_embed_link",
    }
}

impl ErrorCode {
    pub fn status(self) -> u16 {
        match self {
            ErrorCode::BadRequest => 400,
            ErrorCode::ValidationFailed => 422,
            ErrorCode::Unauthenticated | ErrorCode::InvalidCredentials => 401,
            ErrorCode::CsrfFailed | ErrorCode::Forbidden => 403,
            ErrorCode::NotFound => 404,
            ErrorCode::Conflict => 409,
            ErrorCode::PreconditionFailed => 412,
            ErrorCode::RateLimited => 429,
            ErrorCode::Internal => 500,
            ErrorCode::StorageUnavailable => 503,
            ErrorCode::StorageFull => 507,
            ErrorCode::ServerBusy => 503,
            ErrorCode::PayloadTooLarge => 413,
            ErrorCode::InvalidEmbedLink => 401,
        }
    }
}
