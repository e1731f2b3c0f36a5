//! Cross-origin access to the API (a client served from a CDN or another host of the
//! agency): allowed origins get the CORS headers, with credentials; others get none, and
//! their mutations are refused even with a valid session.

use crate::common;

use crate::common::{request, TestApp};
use atrium_server::state::Settings;
use axum::http::header::{COOKIE, HOST, ORIGIN};
use axum::http::Method;
use serde_json::json;

const APP: &str = "http://localhost:9200";

async fn app() -> TestApp {
    TestApp::with_settings(Settings { allowed_origins: vec![APP.into()], ..Settings::default() }).await
}

#[tokio::test]
async fn an_allowed_origin_reads_answers_with_credentials() {
    let app = app().await;
    let mut req = request(Method::GET, "/api/v1/branding", None);
    req.headers_mut().insert(ORIGIN, "http://LOCALHOST:9200".parse().unwrap());
    let reply = app.send(req).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("access-control-allow-origin"), Some(APP));
    assert_eq!(reply.header("access-control-allow-credentials"), Some("true"));
    let exposed = reply.header("access-control-expose-headers").unwrap();
    for header in ["Retry-After", "X-CSRF-Token"] {
        assert!(exposed.contains(header), "{exposed}");
    }
    assert!(reply.headers.get_all("vary").iter().any(|v| v.to_str().unwrap().contains("Origin")));
}

#[tokio::test]
async fn an_allowed_preflight_names_what_the_client_sends() {
    let app = app().await;
    let mut req = request(Method::OPTIONS, "/api/v1/orgs/1", None);
    req.headers_mut().insert(ORIGIN, APP.parse().unwrap());
    req.headers_mut().insert("access-control-request-method", "PUT".parse().unwrap());
    req.headers_mut().insert("access-control-request-headers", "content-type, x-csrf-token".parse().unwrap());
    let reply = app.send(req).await;
    assert_eq!(reply.status, 204);
    assert_eq!(reply.header("access-control-allow-origin"), Some(APP));
    let methods = reply.header("access-control-allow-methods").unwrap();
    assert!(["GET", "POST", "PUT", "PATCH", "DELETE"].iter().all(|m| methods.contains(m)), "{methods}");
    let headers = reply.header("access-control-allow-headers").unwrap().to_ascii_lowercase();
    assert!(["content-type", "x-csrf-token", "authorization"].iter().all(|h| headers.contains(h)), "{headers}");
    assert!(reply.header("access-control-max-age").is_some());
}

#[tokio::test]
async fn another_origin_gets_no_cors_headers_and_cannot_change_anything() {
    let app = app().await;
    let owner = app.login("owner@northwind.test").await;
    let mut req = request(Method::GET, "/api/v1/branding", None);
    req.headers_mut().insert(ORIGIN, "https://evil.example".parse().unwrap());
    let reply = app.send(req).await;
    assert_eq!(reply.status, 200, "a read is answered; the browser keeps it from the page");
    assert_eq!(reply.header("access-control-allow-origin"), None);

    let mut preflight = request(Method::OPTIONS, "/api/v1/orgs", None);
    preflight.headers_mut().insert(ORIGIN, "https://evil.example".parse().unwrap());
    preflight.headers_mut().insert("access-control-request-method", "POST".parse().unwrap());
    let reply = app.send(preflight).await;
    reply.assert_error(403, "forbidden");
    assert_eq!(reply.header("access-control-allow-origin"), None);

    // A signed-in browser, lured to the other site: its cookies and even the CSRF token.
    let before = app.fingerprint().await;
    let mut req = request(Method::POST, "/api/v1/orgs", Some(json!({"name": "Planted"})));
    req.headers_mut().insert(COOKIE, owner.cookie_header().parse().unwrap());
    req.headers_mut().insert("x-csrf-token", owner.csrf.parse().unwrap());
    req.headers_mut().insert(ORIGIN, "https://evil.example".parse().unwrap());
    app.send(req).await.assert_error(403, "forbidden");
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn the_apis_own_origin_mutates_as_before() {
    let app = app().await;
    let owner = app.login("owner@northwind.test").await;
    let mut req = request(Method::POST, "/api/v1/orgs", Some(json!({"name": "Same Origin Org"})));
    req.headers_mut().insert(COOKIE, owner.cookie_header().parse().unwrap());
    req.headers_mut().insert("x-csrf-token", owner.csrf.parse().unwrap());
    req.headers_mut().insert(ORIGIN, "http://127.0.0.1:8080".parse().unwrap());
    req.headers_mut().insert(HOST, "127.0.0.1:8080".parse().unwrap());
    assert_eq!(app.send(req).await.status, 201);
}

/// A page on another origin cannot read the API's cookies: sign-in and `/me` say the
/// session's CSRF token in a header too.
#[tokio::test]
async fn login_and_me_say_the_csrf_token_in_a_header() {
    let app = app().await;
    let reply = app.try_login("admin@acme.test", atrium_server::seed::DEMO_PASSWORD).await;
    let cookie = reply.cookie(atrium_api::CSRF_COOKIE).unwrap().value().to_string();
    assert_eq!(reply.header("x-csrf-token"), Some(cookie.as_str()));
    let session = common::Session::from_reply(&app, &reply);
    assert_eq!(session.get("/api/v1/me").await.header("x-csrf-token"), Some(cookie.as_str()));
}
