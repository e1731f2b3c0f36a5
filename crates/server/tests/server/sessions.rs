//! Session lifetime and cookie flags: idle sessions end, used ones do not, and cookies
//! are `Secure` exactly when the deployment says so.

use crate::common::{Session, TestApp};
use atrium_api::{CSRF_COOKIE, SESSION_COOKIE};
use atrium_server::seed::DEMO_PASSWORD;
use atrium_server::state::Settings;
use std::time::Duration;

#[tokio::test]
async fn an_idle_session_ends_and_its_row_is_removed() {
    let app = TestApp::with_settings(Settings { session_idle: Duration::from_secs(1), ..Settings::default() }).await;
    let session = app.login("owner@northwind.test").await;
    assert_eq!(session.get("/api/v1/me").await.status, 200);
    let id = app.user_id("owner@northwind.test").await;
    assert_eq!(app.count_where("sessions", "user_id", id).await, 1);

    tokio::time::sleep(Duration::from_millis(2100)).await;
    session.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    assert_eq!(app.count_where("sessions", "user_id", id).await, 0);
    // Signing in again works as ever.
    assert_eq!(app.try_login("owner@northwind.test", DEMO_PASSWORD).await.status, 200);
}

#[tokio::test]
async fn a_session_in_use_outlives_the_idle_limit() {
    let app = TestApp::with_settings(Settings { session_idle: Duration::from_secs(2), ..Settings::default() }).await;
    let session = app.login("owner@northwind.test").await;
    // Three seconds in all, never more than two of them idle.
    for _ in 0..2 {
        tokio::time::sleep(Duration::from_millis(1500)).await;
        assert_eq!(session.get("/api/v1/me").await.status, 200);
    }
}

#[tokio::test]
async fn cookies_are_secure_when_the_deployment_serves_https() {
    let app = TestApp::with_settings(Settings { secure_cookies: true, ..Settings::default() }).await;
    let login = app.try_login("owner@northwind.test", DEMO_PASSWORD).await;
    for name in [SESSION_COOKIE, CSRF_COOKIE] {
        assert_eq!(login.cookie(name).unwrap().secure(), Some(true), "{name} on login");
    }
    // "Log in as" and its end set cookies the same way.
    let owner = Session::from_reply(&app, &login);
    let path = format!(
        "/api/v1/orgs/{}/users/{}/impersonate",
        app.org_id("Acme Dental").await,
        app.user_id("agent@acme.test").await
    );
    let started = owner.post(&path, None).await;
    let client = Session::from_reply(&app, &started);
    let stopped = client.post("/api/v1/auth/stop-impersonating", None).await;
    for reply in [&started, &stopped] {
        for name in [SESSION_COOKIE, CSRF_COOKIE] {
            assert_eq!(reply.cookie(name).unwrap().secure(), Some(true), "{name}: {}", reply.body);
        }
    }
}

#[tokio::test]
async fn cookies_are_not_secure_by_default_so_plain_http_development_works() {
    let app = TestApp::new().await;
    let login = app.try_login("owner@northwind.test", DEMO_PASSWORD).await;
    for name in [SESSION_COOKIE, CSRF_COOKIE] {
        assert_ne!(login.cookie(name).unwrap().secure(), Some(true), "{name}");
    }
}
