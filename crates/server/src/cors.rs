//! Cross-origin access to `/api/v1`: a page served from another origin (a CDN, the
//! agency's `app.` host while the API is on `api.`) may call the API when its origin is
//! allowed (`--allowed-origin`, or a custom domain an agency has verified). Its answers then carry the CORS headers the client needs,
//! credentials included. Any other origin gets no CORS headers, so its page cannot read
//! an answer, and its mutating requests are refused outright (403), session or not: a
//! form or script on a foreign site cannot make a signed-in browser change anything.
//! Requests from the API's own origin, and those without an `Origin` (curl, the agent
//! runtime), are what they always were.

use crate::error::AppError;
use crate::state::AppState;
use atrium_api::{CSRF_HEADER, RETURN_TOKEN_HEADER};
use axum::extract::{Request, State};
use axum::http::header::{
    ACCESS_CONTROL_ALLOW_CREDENTIALS, ACCESS_CONTROL_ALLOW_HEADERS, ACCESS_CONTROL_ALLOW_METHODS,
    ACCESS_CONTROL_ALLOW_ORIGIN, ACCESS_CONTROL_EXPOSE_HEADERS, ACCESS_CONTROL_MAX_AGE, ACCESS_CONTROL_REQUEST_METHOD,
    HOST, ORIGIN, VARY,
};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// How long a browser may reuse a preflight's answer.
const PREFLIGHT_MAX_AGE_SECS: &str = "600";

pub async fn cors(State(state): State<AppState>, request: Request, next: Next) -> Response {
    if !request.uri().path().starts_with(atrium_api::API_PREFIX) {
        return next.run(request).await;
    }
    let Some(origin) = request.headers().get(ORIGIN).and_then(|v| v.to_str().ok()).map(normalize) else {
        return vary(next.run(request).await);
    };
    let allowed = state.settings.allowed_origins.iter().any(|o| normalize(o) == origin)
        || verified_domain_origin(&state, &origin).await;
    let preflight =
        request.method() == Method::OPTIONS && request.headers().contains_key(ACCESS_CONTROL_REQUEST_METHOD);
    if !allowed {
        let mutating = !matches!(*request.method(), Method::GET | Method::HEAD);
        if (mutating || preflight) && !same_origin(&origin, request.headers()) {
            return vary(AppError::Forbidden.into_response());
        }
        return vary(next.run(request).await);
    }
    let mut response = if preflight { StatusCode::NO_CONTENT.into_response() } else { next.run(request).await };
    let headers = response.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&origin) {
        headers.insert(ACCESS_CONTROL_ALLOW_ORIGIN, value);
    }
    headers.insert(ACCESS_CONTROL_ALLOW_CREDENTIALS, HeaderValue::from_static("true"));
    // What the client reads from answers: when to retry, where a new thing lives, and
    // the CSRF token of its session (the page cannot read the API's cookie from its own
    // origin).
    headers.insert(ACCESS_CONTROL_EXPOSE_HEADERS, HeaderValue::from_static("Retry-After, Location, X-CSRF-Token"));
    if preflight {
        headers.insert(ACCESS_CONTROL_ALLOW_METHODS, HeaderValue::from_static("GET, POST, PUT, PATCH, DELETE"));
        let allow_headers = format!("Content-Type, Authorization, {CSRF_HEADER}, {RETURN_TOKEN_HEADER}");
        if let Ok(value) = HeaderValue::from_str(&allow_headers) {
            headers.insert(ACCESS_CONTROL_ALLOW_HEADERS, value);
        }
        headers.insert(ACCESS_CONTROL_MAX_AGE, HeaderValue::from_static(PREFLIGHT_MAX_AGE_SECS));
    }
    vary(response)
}

/// Whether `origin` is a page on a custom domain an agency has verified (`domains.rs`):
/// over HTTPS, or plain HTTP where the server itself runs without TLS (development).
async fn verified_domain_origin(state: &AppState, origin: &str) -> bool {
    let Some((scheme, authority)) = origin.split_once("://") else {
        return false;
    };
    let scheme_ok = scheme == "https" || (scheme == "http" && !state.settings.secure_cookies);
    let host = crate::routes::branding::hostname(authority);
    if !scheme_ok || host.starts_with('[') {
        return false;
    }
    match crate::store::domains::agency_of_verified_host(&state.db, host).await {
        Ok(found) => found.is_some(),
        Err(e) => {
            tracing::warn!(error = %e, "verified domains not readable; origin refused");
            false
        }
    }
}

/// An origin as browsers send it: scheme, host and port, lower case, no trailing slash.
fn normalize(origin: &str) -> String {
    origin.trim().trim_end_matches('/').to_ascii_lowercase()
}

/// Whether `origin` is the API's own (its host and port are the request's `Host`).
fn same_origin(origin: &str, headers: &HeaderMap) -> bool {
    let Some(host) = headers.get(HOST).and_then(|v| v.to_str().ok()) else {
        return false;
    };
    let authority = origin.split_once("://").map_or("", |(_, rest)| rest);
    let default_port = |scheme: &str| if scheme == "https" { ":443" } else { ":80" };
    let scheme = origin.split_once("://").map_or("", |(s, _)| s);
    let host = host.to_ascii_lowercase();
    authority == host
        || format!("{authority}{}", default_port(scheme)) == host
        || authority == host.trim_end_matches(default_port(scheme))
}

/// Every API answer depends on the `Origin` it was asked from (shared caches must not mix them).
fn vary(mut response: Response) -> Response {
    response.headers_mut().append(VARY, HeaderValue::from_static("Origin"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    fn host(h: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(HOST, h.parse().unwrap());
        headers
    }

    #[test]
    fn the_apis_own_origin_is_recognized() {
        assert!(same_origin("http://127.0.0.1:8080", &host("127.0.0.1:8080")));
        assert!(same_origin("https://api.agency.example", &host("api.agency.example")));
        assert!(same_origin("https://api.agency.example", &host("api.agency.example:443")));
        assert!(!same_origin("http://localhost:9200", &host("localhost:8080")));
        assert!(!same_origin("null", &host("localhost:8080")));
        assert!(!same_origin("https://evil.example", &HeaderMap::new()));
    }

    #[test]
    fn origins_compare_as_browsers_send_them() {
        assert_eq!(normalize("HTTPS://App.Agency.Example/"), "https://app.agency.example");
    }
}
