//! One request function that sends the session (cookies and the CSRF header, or a bearer
//! token in token mode) and maps every failure to an [`ApiError`].

use super::config::api_url;
use atrium_api::validate::{FieldError, FieldErrors};
use atrium_api::{ErrorBody, ErrorCode, CSRF_COOKIE, CSRF_HEADER};
use gloo_net::http::{Method, RequestBuilder, Response};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::collections::BTreeMap;
use web_sys::RequestCredentials;

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiError {
    /// The server could not be reached.
    Network(String),
    Unauthenticated,
    InvalidCredentials,
    Csrf,
    Forbidden,
    NotFound,
    Conflict(String),
    /// The fields the server refused, and why.
    Validation(FieldErrors),
    RateLimited,
    /// The server cannot read or write its database just now (503): worth retrying.
    StorageUnavailable,
    /// The server's disk is full (507): nothing was saved, retrying won't help until
    /// whoever runs the server frees space.
    StorageFull,
    /// The server is busy (503 `server_busy`): worth retrying in a moment.
    Busy,
    /// What was sent is over the server's size limit (413).
    TooLarge,
    /// A signed embed link that signs nobody in (forged, expired, used, revoked).
    InvalidEmbedLink,
    /// A 5xx, or an answer this client does not understand.
    Server(String),
}

/// For logs and `ErrorBoundary`; what a user reads comes from `ErrorNotice`, translated.
impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self {
            ApiError::Network(why) => return write!(f, "network: {why}"),
            ApiError::Conflict(why) => return write!(f, "conflict: {why}"),
            ApiError::Server(why) => return write!(f, "server: {why}"),
            ApiError::Validation(fields) => {
                return write!(f, "validation: {}", fields.0.keys().cloned().collect::<Vec<_>>().join(", "))
            }
            ApiError::Unauthenticated => "unauthenticated",
            ApiError::InvalidCredentials => "invalid credentials",
            ApiError::Csrf => "csrf",
            ApiError::Forbidden => "forbidden",
            ApiError::NotFound => "not found",
            ApiError::RateLimited => "rate limited",
            ApiError::StorageUnavailable => "storage unavailable",
            ApiError::StorageFull => "storage full",
            ApiError::Busy => "server busy",
            ApiError::TooLarge => "too large",
            ApiError::InvalidEmbedLink => "invalid embed link",
        };
        f.write_str(kind)
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    fn from_body(status: u16, body: Option<ErrorBody>) -> Self {
        let Some(ErrorBody { error }) = body else {
            return match status {
                401 => ApiError::Unauthenticated,
                403 => ApiError::Forbidden,
                404 => ApiError::NotFound,
                429 => ApiError::RateLimited,
                _ => ApiError::Server(format!("HTTP {status}")),
            };
        };
        match error.code {
            ErrorCode::Unauthenticated => ApiError::Unauthenticated,
            ErrorCode::InvalidCredentials => ApiError::InvalidCredentials,
            ErrorCode::CsrfFailed => ApiError::Csrf,
            ErrorCode::Forbidden => ApiError::Forbidden,
            ErrorCode::NotFound => ApiError::NotFound,
            ErrorCode::Conflict | ErrorCode::PreconditionFailed => ApiError::Conflict(error.message),
            ErrorCode::ValidationFailed => ApiError::Validation(field_errors(&error.field_codes, &error.field_limits)),
            ErrorCode::RateLimited => ApiError::RateLimited,
            ErrorCode::StorageUnavailable => ApiError::StorageUnavailable,
            ErrorCode::StorageFull => ApiError::StorageFull,
            ErrorCode::ServerBusy => ApiError::Busy,
            ErrorCode::PayloadTooLarge => ApiError::TooLarge,
            ErrorCode::InvalidEmbedLink => ApiError::InvalidEmbedLink,
            ErrorCode::BadRequest | ErrorCode::Internal => ApiError::Server(error.message),
        }
    }
}

/// Rules the client does not know yet still mark the field, as "not accepted"; lengths
/// come with their limit.
fn field_errors(codes: &BTreeMap<String, String>, limits: &BTreeMap<String, usize>) -> FieldErrors {
    FieldErrors(
        codes
            .iter()
            .map(|(k, c)| (k.clone(), FieldError::from_key(c, limits.get(k).copied()).unwrap_or(FieldError::Unknown)))
            .collect(),
    )
}

thread_local! {
    /// The session's CSRF token as the server last said it in a header (login and `/me`
    /// answer it): a page on another origin than the API cannot read the API's cookie.
    static SAID_CSRF: std::cell::RefCell<Option<String>> = const { std::cell::RefCell::new(None) };
}

/// The CSRF token to echo: the API's cookie where the page can read it (it is shared by
/// every tab, so it is never stale), else the one the server said last.
fn csrf_token() -> Option<String> {
    csrf_cookie().or_else(|| SAID_CSRF.with_borrow(Clone::clone))
}

fn csrf_cookie() -> Option<String> {
    use wasm_bindgen::JsCast;
    let document = web_sys::window()?.document()?.dyn_into::<web_sys::HtmlDocument>().ok()?;
    let cookies = document.cookie().ok()?;
    cookies
        .split(';')
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == CSRF_COOKIE)
        .map(|(_, v)| v.to_string())
}

async fn send(method: Method, url: &str, body: Option<String>) -> Result<Response, ApiError> {
    send_with(method, url, body, &[]).await
}

/// [`send`] with extra request headers.
async fn send_with(
    method: Method,
    url: &str,
    body: Option<String>,
    headers: &[(&str, &str)],
) -> Result<Response, ApiError> {
    let mut builder = RequestBuilder::new(url).method(method.clone()).credentials(RequestCredentials::Include);
    let bearer = super::session_token::current();
    match &bearer {
        // A bearer session needs no CSRF token: no foreign page can make a browser send it.
        Some(token) => builder = builder.header("Authorization", &format!("Bearer {token}")),
        None if !matches!(method, Method::GET | Method::HEAD) => {
            if let Some(token) = csrf_token() {
                builder = builder.header(CSRF_HEADER, &token);
            }
        }
        None => {}
    }
    for (name, value) in headers {
        builder = builder.header(name, value);
    }
    dispatch(builder, body, bearer.is_some()).await
}

/// Sends what `builder` holds (and `body` as JSON) and maps every failure to an
/// [`ApiError`]; `bearer`: a session token went with it, to forget if the answer says the
/// session has ended.
async fn dispatch(builder: RequestBuilder, body: Option<String>, bearer: bool) -> Result<Response, ApiError> {
    let request = match body {
        Some(json) => builder.header("Content-Type", "application/json").body(json),
        None => builder.build(),
    }
    .map_err(|e| ApiError::Network(e.to_string()))?;
    let response = request.send().await.map_err(|e| ApiError::Network(e.to_string()))?;
    if let Some(token) = response.headers().get(CSRF_HEADER).filter(|t| !t.is_empty()) {
        SAID_CSRF.set(Some(token));
    }
    if response.ok() {
        Ok(response)
    } else {
        let status = response.status();
        let error = ApiError::from_body(status, response.json::<ErrorBody>().await.ok());
        if bearer && error == ApiError::Unauthenticated {
            // The session has ended (signed out elsewhere, disabled…): its token is dead.
            super::session_token::forget();
        }
        Err(error)
    }
}

async fn decode<T: DeserializeOwned>(response: Response) -> Result<T, ApiError> {
    response.json::<T>().await.map_err(|e| ApiError::Server(format!("unexpected answer: {e}")))
}

/// `GET` of a file relative to the page (not the API), such as `config.json`.
///
/// No session header: the page's host is not the API and has no use for the session.
/// Credentials stay `include` so the answer can reuse index.html's preload of config.json.
pub(crate) async fn fetch_json_at<T: DeserializeOwned>(url: &str) -> Result<T, ApiError> {
    let builder = RequestBuilder::new(url).method(Method::GET).credentials(RequestCredentials::Include);
    decode(dispatch(builder, None, false).await?).await
}

pub(crate) async fn get<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    decode(send(Method::GET, &api_url(path), None).await?).await
}

pub(crate) async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Server(e.to_string()))?;
    decode(send(Method::POST, &api_url(path), Some(json)).await?).await
}

/// A mutating call whose answer has no body (204).
pub(crate) async fn post_empty(path: &str) -> Result<(), ApiError> {
    send(Method::POST, &api_url(path), None).await.map(|_| ())
}

/// A mutating call with a body whose answer has none (202, 204).
pub(crate) async fn post_quiet<B: Serialize>(path: &str, body: &B) -> Result<(), ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Server(e.to_string()))?;
    send(Method::POST, &api_url(path), Some(json)).await.map(|_| ())
}

pub(crate) async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Server(e.to_string()))?;
    decode(send(Method::PUT, &api_url(path), Some(json)).await?).await
}

pub(crate) async fn delete(path: &str) -> Result<(), ApiError> {
    send(Method::DELETE, &api_url(path), None).await.map(|_| ())
}

pub(crate) async fn patch<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, ApiError> {
    let json = serde_json::to_string(body).map_err(|e| ApiError::Server(e.to_string()))?;
    decode(send(Method::PATCH, &api_url(path), Some(json)).await?).await
}

/// A mutating call without a body whose answer is JSON.
pub(crate) async fn post_for<T: DeserializeOwned>(path: &str) -> Result<T, ApiError> {
    post_for_with(path, &[]).await
}

/// [`post_for`] with extra request headers.
pub(crate) async fn post_for_with<T: DeserializeOwned>(path: &str, headers: &[(&str, &str)]) -> Result<T, ApiError> {
    decode(send_with(Method::POST, &api_url(path), None, headers).await?).await
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(code: ErrorCode) -> Option<ErrorBody> {
        let detail = atrium_api::ErrorDetail {
            code,
            message: "in English".into(),
            fields: BTreeMap::new(),
            field_codes: BTreeMap::new(),
            field_limits: BTreeMap::new(),
        };
        Some(ErrorBody { error: detail })
    }

    /// "Too long" arrives with its limit, so the field can say "at most 100 characters".
    #[test]
    fn length_errors_keep_their_limit() {
        let mut detail = body(ErrorCode::ValidationFailed).unwrap();
        detail.error.field_codes = BTreeMap::from([("name".into(), "too_long".into()), ("key".into(), "taken".into())]);
        detail.error.field_limits = BTreeMap::from([("name".into(), 100)]);
        let ApiError::Validation(errors) = ApiError::from_body(422, Some(detail)) else {
            panic!("not a validation error")
        };
        assert_eq!(errors.get("name"), Some(FieldError::TooLong(100)));
        assert_eq!(errors.get("key"), Some(FieldError::Taken));
    }

    /// A storage fault is told apart from other server errors, so the reader learns whether
    /// trying again can help, in their language rather than the server's English.
    #[test]
    fn storage_faults_keep_their_kind() {
        assert_eq!(ApiError::from_body(503, body(ErrorCode::StorageUnavailable)), ApiError::StorageUnavailable);
        assert_eq!(ApiError::from_body(507, body(ErrorCode::StorageFull)), ApiError::StorageFull);
        assert_eq!(ApiError::from_body(503, body(ErrorCode::ServerBusy)), ApiError::Busy);
        assert_eq!(ApiError::from_body(413, body(ErrorCode::PayloadTooLarge)), ApiError::TooLarge);
        assert_eq!(ApiError::from_body(500, body(ErrorCode::Internal)), ApiError::Server("in English".into()));
        assert_eq!(ApiError::from_body(502, None), ApiError::Server("HTTP 502".into()));
    }
}
