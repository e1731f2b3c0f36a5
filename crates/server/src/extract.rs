//! JSON body, query and path extractors whose rejections answer the contract's error body
//! instead of axum's plain text.

use crate::error::AppError;
use axum::body::Bytes;
use axum::extract::rejection::{JsonRejection, PathRejection, QueryRejection};
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header::CONTENT_TYPE;
use axum::http::request::Parts;
use axum::http::HeaderMap;
use serde::de::DeserializeOwned;

pub struct ApiJson<T>(pub T);

/// The raw value of query parameter `name`, where a token travels in the URL (a stream
/// ticket, an embed link's token): URL-safe characters only, so nothing to decode.
pub fn query_value<'a>(uri: &'a axum::http::Uri, name: &str) -> Option<&'a str> {
    uri.query()?.split('&').find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))
}

/// Every request body of the API is a JSON object. serde would also read a struct from
/// an array of its fields in order (`[null, null]`), which the documented schema does not
/// allow: such a body is refused here, before it can mean anything.
impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for ApiJson<T> {
    type Rejection = AppError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !json_content_type(req.headers()) {
            return Err(AppError::BadRequest("Expected request with `Content-Type: application/json`".into()));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|e| match e.status() {
            axum::http::StatusCode::PAYLOAD_TOO_LARGE => AppError::PayloadTooLarge,
            _ => AppError::BadRequest(e.body_text()),
        })?;
        let value = axum::Json::<T>::from_bytes(&bytes).map_err(json_rejection)?.0;
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) != Some(&b'{') {
            return Err(AppError::BadRequest("The request body must be a JSON object.".into()));
        }
        if bytes.is_ascii() {
            return Ok(ApiJson(value));
        }
        // Every string in one Unicode form (NFC), so "é" typed as one character or as "e"
        // and a combining accent is the same name, email or password.
        let mut tree: serde_json::Value =
            serde_json::from_slice(&bytes).map_err(|e| AppError::BadRequest(e.to_string()))?;
        if !nfc_strings(&mut tree) {
            return Ok(ApiJson(value));
        }
        serde_json::from_value(tree).map(ApiJson).map_err(|e| AppError::BadRequest(e.to_string()))
    }
}

/// Puts every string of `value` in NFC; whether any changed.
fn nfc_strings(value: &mut serde_json::Value) -> bool {
    use unicode_normalization::{is_nfc, UnicodeNormalization};
    match value {
        serde_json::Value::String(s) if !is_nfc(s) => {
            *s = s.nfc().collect();
            true
        }
        serde_json::Value::Array(items) => items.iter_mut().fold(false, |changed, v| nfc_strings(v) | changed),
        // Passwords are compared as typed: their hashes were made from the bytes sent.
        serde_json::Value::Object(map) => map
            .iter_mut()
            .filter(|(key, _)| !key.contains("password"))
            .fold(false, |changed, (_, v)| nfc_strings(v) | changed),
        _ => false,
    }
}

/// `application/json`, or `application/<something>+json`, with any parameters.
fn json_content_type(headers: &HeaderMap) -> bool {
    let Some(value) = headers.get(CONTENT_TYPE).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let essence = value.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || (essence.starts_with("application/") && essence.ends_with("+json"))
}

fn json_rejection(rejection: JsonRejection) -> AppError {
    AppError::BadRequest(rejection.body_text())
}

pub struct ApiQuery<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for ApiQuery<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        // No search or filter means anything with control characters (NUL broke FTS5's
        // query syntax and answered 500): refused before any query runs.
        if let Ok(axum::extract::Query(pairs)) = axum::extract::Query::<Vec<(String, String)>>::try_from_uri(&parts.uri)
        {
            if let Some((name, _)) = pairs.iter().find(|(_, v)| v.chars().any(char::is_control)) {
                return Err(AppError::BadRequest(format!("The query parameter `{name}` contains control characters.")));
            }
        }
        match axum::extract::Query::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Query(value)) => Ok(ApiQuery(value)),
            Err(rejection) => Err(query_rejection(rejection)),
        }
    }
}

fn query_rejection(rejection: QueryRejection) -> AppError {
    AppError::BadRequest(rejection.body_text())
}

pub struct ApiPath<T>(pub T);

impl<T: DeserializeOwned + Send, S: Send + Sync> FromRequestParts<S> for ApiPath<T> {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(value)) => Ok(ApiPath(value)),
            Err(rejection) => Err(path_rejection(rejection)),
        }
    }
}

fn path_rejection(rejection: PathRejection) -> AppError {
    AppError::BadRequest(rejection.body_text())
}
