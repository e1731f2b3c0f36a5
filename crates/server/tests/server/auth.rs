//! Signing in and out, `/me`, CSRF and login throttling.

use crate::common;

use crate::common::{request, TestApp};
use atrium_api::{CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE};
use atrium_server::seed::DEMO_PASSWORD;
use axum::body::Body;
use axum::http::header::{CONTENT_TYPE, COOKIE};
use axum::http::{Method, Request};
use cookie::SameSite;
use serde_json::{json, Value};

const ALL_PERMISSIONS: [&str; 6] = ["home", "conversations", "analytics", "canned_responses", "team", "billing"];

/// The `/me` fields every client reads.
#[track_caller]
fn assert_me_shape(me: &Value, email: &str) {
    assert!(me["user"]["id"].is_i64(), "{me}");
    assert_eq!(me["user"]["email"], email, "{me}");
    assert!(me["user"]["name"].as_str().is_some_and(|n| !n.is_empty()), "{me}");
    assert!(["staff", "client"].contains(&me["kind"].as_str().unwrap_or("")), "{me}");
    assert!(me["role"].is_string(), "{me}");
    assert!(me["agency"]["id"].is_i64(), "{me}");
    assert!(me["agency"]["name"].is_string(), "{me}");
    assert!(me["permissions"].is_array(), "{me}");
}

#[tokio::test]
async fn login_answers_me_for_a_client_user_with_org_settings() {
    let app = TestApp::new().await;
    let reply = app.try_login("admin@acme.test", DEMO_PASSWORD).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let me = &reply.body;
    assert_me_shape(me, "admin@acme.test");
    assert_eq!(me["kind"], "client");
    assert_eq!(me["role"], "org_admin");
    assert_eq!(me["agency"]["name"], "Northwind Agency");
    assert_eq!(me["org"]["id"], app.org_id("Acme Dental").await);
    assert_eq!(me["org"]["name"], "Acme Dental");
    let settings = me["org"]["settings"].as_object().expect("org settings");
    assert_eq!(settings["dashboard_layout"], "vertical");
    assert_eq!(settings["dashboard_language"], "en");
    assert_eq!(settings.len(), 7);
    // A password, even hashed, never leaves the server.
    let text = String::from_utf8_lossy(&reply.bytes);
    assert!(!text.contains("password") && !text.contains("argon2"), "{text}");
}

#[tokio::test]
async fn login_answers_me_for_staff_without_org() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    assert_me_shape(&owner.me, "owner@northwind.test");
    assert_eq!(owner.me["kind"], "staff");
    assert_eq!(owner.me["role"], "owner");
    assert_eq!(owner.me["agency"]["id"], app.agency_id("Northwind Agency").await);
    assert!(owner.me["org"].is_null());
}

#[tokio::test]
async fn login_sets_an_httponly_session_cookie_and_a_readable_csrf_cookie() {
    let app = TestApp::new().await;
    let reply = app.try_login("owner@northwind.test", DEMO_PASSWORD).await;
    assert_eq!(reply.status, 200);

    let session = reply.cookie(SESSION_COOKIE).expect("session cookie");
    assert!(!session.value().is_empty());
    assert_eq!(session.http_only(), Some(true), "script must not read the session");
    assert_eq!(session.same_site(), Some(SameSite::Lax));
    assert_eq!(session.path(), Some("/"));

    let csrf = reply.cookie(CSRF_COOKIE).expect("csrf cookie");
    assert!(!csrf.value().is_empty());
    assert_ne!(csrf.http_only(), Some(true), "the page's script echoes it in {CSRF_HEADER}");
    assert_eq!(csrf.path(), Some("/"));
}

#[tokio::test]
async fn wrong_password_and_unknown_email_answer_the_same_401() {
    // Telling them apart would let anyone probe which emails have accounts.
    let app = TestApp::new().await;
    let wrong_password = app.try_login("owner@northwind.test", "not-the-password").await;
    let unknown_email = app.try_login("nobody@northwind.test", DEMO_PASSWORD).await;
    wrong_password.assert_error(401, "invalid_credentials");
    assert_eq!(wrong_password.body, unknown_email.body);
    assert_eq!(unknown_email.status, 401);
    assert!(wrong_password.cookie(SESSION_COOKIE).is_none());
}

#[tokio::test]
async fn empty_fields_are_422_naming_each_field() {
    let app = TestApp::new().await;
    let reply = app.try_login("", "  ").await;
    reply.assert_error(422, "validation_failed");
    assert!(reply.body["error"]["fields"]["email"].is_string(), "{}", reply.body);
    assert!(reply.body["error"]["fields"]["password"].is_string(), "{}", reply.body);
}

#[tokio::test]
async fn malformed_login_bodies_are_400_with_the_error_body() {
    let app = TestApp::new().await;
    let bodies = [
        r#"{"email": "owner@northwind.test", "password": "#,
        r#"{"email": "owner@northwind.test", "password": "atrium-demo", "admin": true}"#,
        r#"{"email": 5, "password": "atrium-demo"}"#,
    ];
    for body in bodies {
        let req = Request::builder()
            .method(Method::POST)
            .uri("/api/v1/auth/login")
            .header(CONTENT_TYPE, "application/json")
            .body(Body::from(body))
            .unwrap();
        let reply = app.send(req).await;
        reply.assert_error(400, "bad_request");
        assert!(reply.cookie(SESSION_COOKIE).is_none(), "{body}");
    }
}

#[tokio::test]
async fn me_needs_a_session_and_answers_like_login() {
    let app = TestApp::new().await;
    app.get("/api/v1/me").await.assert_error(401, "unauthenticated");

    let session = app.login("agent@acme.test").await;
    let me = session.get("/api/v1/me").await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.body, session.me);
}

#[tokio::test]
async fn logout_without_csrf_header_is_refused_and_keeps_the_session() {
    let app = TestApp::new().await;
    let session = app.login("owner@northwind.test").await;
    session.call(Method::POST, "/api/v1/auth/logout", None, false).await.assert_error(403, "csrf_failed");
    assert_eq!(session.get("/api/v1/me").await.status, 200, "a refused logout changes nothing");
}

#[tokio::test]
async fn logout_ends_the_session_on_the_server() {
    let app = TestApp::new().await;
    let session = app.login("owner@northwind.test").await;
    let reply = session.post("/api/v1/auth/logout", None).await;
    assert_eq!(reply.status, 204);
    // The answer also clears both cookies in the browser.
    for name in [SESSION_COOKIE, CSRF_COOKIE] {
        assert!(reply.cookie(name).is_some_and(|c| c.value().is_empty()), "{name} not cleared");
    }
    // The session keeps sending the old cookie: the server must have forgotten it.
    session.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn a_csrf_token_from_another_session_is_refused() {
    // An attacker with their own session knows their own token; it must not work for
    // the victim's session even when cookie and header agree.
    let app = TestApp::new().await;
    let victim = app.login("owner@northwind.test").await;
    let attacker = app.login("admin@acme.test").await;
    let mut req = request(Method::POST, "/api/v1/auth/logout", None);
    let cookies = format!("{SESSION_COOKIE}={}; {CSRF_COOKIE}={}", victim.token, attacker.csrf);
    req.headers_mut().insert(COOKIE, cookies.parse().unwrap());
    req.headers_mut().insert(CSRF_HEADER, attacker.csrf.parse().unwrap());
    app.send(req).await.assert_error(403, "csrf_failed");
    assert_eq!(victim.get("/api/v1/me").await.status, 200);
}

#[tokio::test]
async fn ten_failed_logins_lock_the_account_even_for_the_right_password() {
    let app = TestApp::new().await;
    for _ in 0..10 {
        app.try_login("member@northwind.test", "guess").await.assert_error(401, "invalid_credentials");
    }
    // The same account in another case is the same account.
    let reply = app.try_login("Member@Northwind.test", DEMO_PASSWORD).await;
    reply.assert_error(429, "rate_limited");
    let retry_after: u64 = reply.header("retry-after").expect("Retry-After").parse().unwrap();
    assert!((1..=15 * 60).contains(&retry_after), "{retry_after}");
    assert!(reply.cookie(SESSION_COOKIE).is_none());
    // Other accounts are not locked out with it.
    app.login("owner@northwind.test").await;
}

#[tokio::test]
async fn an_org_admin_holds_every_permission() {
    let app = TestApp::new().await;
    let session = app.login("admin@globex.test").await;
    let mut permissions: Vec<&str> =
        session.me["permissions"].as_array().unwrap().iter().map(|p| p.as_str().unwrap()).collect();
    permissions.sort_unstable();
    let mut all = ALL_PERMISSIONS.to_vec();
    all.sort_unstable();
    assert_eq!(permissions, all);
}

#[tokio::test]
async fn a_client_user_holds_exactly_its_stored_permissions() {
    let app = TestApp::new().await;
    let session = app.login("agent@acme.test").await;
    assert_eq!(session.me["kind"], "client");
    assert_eq!(session.me["role"], "client_user");
    assert_eq!(session.me["permissions"], json!(["home", "conversations", "canned_responses"]));
}

/// A failed login from `peer`, with `forwarded` as its `X-Forwarded-For` (if any), for an
/// account that exists nowhere (so only the per-address limit can refuse it).
async fn login_from(app: &TestApp, peer: &str, forwarded: Option<&str>, n: usize) -> common::Reply {
    let body = json!({ "email": format!("nobody{n}@nowhere.test"), "password": "guess-guess" });
    let mut req = request(Method::POST, "/api/v1/auth/login", Some(body));
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    if let Some(client) = forwarded {
        req.headers_mut().insert("x-forwarded-for", client.parse().unwrap());
    }
    app.send(req).await
}

/// Behind a load balancer every client arrives from the balancer's address; named as a
/// trusted proxy, its `X-Forwarded-For` tells the clients apart, so one client's 50
/// failures do not lock the others out. Anyone else's `X-Forwarded-For` is ignored, so a
/// client cannot escape the limit by writing the header.
#[tokio::test]
async fn behind_a_trusted_proxy_the_login_limit_counts_each_client() {
    let balancer: std::net::IpAddr = "10.0.0.2".parse().unwrap();
    let app = TestApp::with_settings(atrium_server::state::Settings {
        trusted_proxies: vec![balancer],
        ..Default::default()
    })
    .await;
    for n in 0..50 {
        login_from(&app, "10.0.0.2", Some("203.0.113.7"), n).await.assert_error(401, "invalid_credentials");
    }
    login_from(&app, "10.0.0.2", Some("203.0.113.7"), 50).await.assert_error(429, "rate_limited");
    login_from(&app, "10.0.0.2", Some("198.51.100.9"), 51).await.assert_error(401, "invalid_credentials");
    app.login("owner@northwind.test").await;

    // Not the trusted proxy: the header changes nothing, the connection's address counts.
    for n in 100..150 {
        let forged = format!("192.0.2.{}", n - 99);
        login_from(&app, "198.51.100.20", Some(&forged), n).await.assert_error(401, "invalid_credentials");
    }
    login_from(&app, "198.51.100.20", Some("192.0.2.200"), 150).await.assert_error(429, "rate_limited");
}
