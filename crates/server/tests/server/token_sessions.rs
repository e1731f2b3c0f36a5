//! Sessions carried as `Authorization: Bearer` tokens, for a page on another site than the
//! API (it cannot rely on the API's cookies): the same sessions, ended the same ways, with
//! no CSRF token; and the single-use tickets that open their event streams.

use crate::common::{request, update_body, Reply, TestApp};
use atrium_api::{CSRF_COOKIE, RETURN_TOKEN_HEADER, SESSION_COOKIE};
use atrium_server::seed::DEMO_PASSWORD;
use axum::http::header::{AUTHORIZATION, COOKIE};
use axum::http::Method;
use serde_json::{json, Value};

/// A page in token mode: it sends its token and nothing else (no cookie, no CSRF header).
struct Bearer<'a> {
    app: &'a TestApp,
    token: String,
}

impl<'a> Bearer<'a> {
    async fn login(app: &'a TestApp, email: &str) -> Bearer<'a> {
        let reply = app.try_login_as_token(email, DEMO_PASSWORD).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        Bearer { app, token: reply.body["session_token"].as_str().expect("a token in the body").to_string() }
    }

    async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        let mut req = request(method, path, body);
        req.headers_mut().insert(AUTHORIZATION, format!("Bearer {}", self.token).parse().unwrap());
        self.app.send(req).await
    }

    async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }
}

impl TestApp {
    async fn try_login_as_token(&self, email: &str, password: &str) -> Reply {
        let body = json!({"email": email, "password": password, "session": "token"});
        self.call(Method::POST, "/api/v1/auth/login", Some(body)).await
    }
}

#[tokio::test]
async fn a_token_login_answers_the_token_and_sets_no_session_cookie() {
    let app = TestApp::new().await;
    let reply = app.try_login_as_token("owner@northwind.test", DEMO_PASSWORD).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["user"]["email"], "owner@northwind.test");
    assert!(reply.body["session_token"].as_str().is_some_and(|t| t.len() >= 32));
    assert!(reply.cookie(SESSION_COOKIE).is_none() && reply.cookie(CSRF_COOKIE).is_none());
    // A cookie login never shows its token.
    let cookie = app.try_login("owner@northwind.test", DEMO_PASSWORD).await;
    assert_eq!(cookie.body.get("session_token"), None, "{}", cookie.body);

    let owner = Bearer::login(&app, "owner@northwind.test").await;
    let me = owner.get("/api/v1/me").await;
    assert_eq!(me.status, 200, "{}", me.body);
    assert_eq!(me.header("x-csrf-token"), None, "a token session has no CSRF token to hand out");
    // Mutations need no CSRF header: nothing a foreign page can make a browser send.
    let created = owner.call(Method::POST, "/api/v1/orgs", Some(json!({"name": "Token Org"}))).await;
    assert_eq!(created.status, 201, "{}", created.body);
}

#[tokio::test]
async fn a_bearer_header_is_judged_alone_and_a_wrong_one_is_refused() {
    let app = TestApp::new().await;
    let cookie_session = app.login("owner@northwind.test").await;
    let before = app.fingerprint().await;
    for header in ["Bearer not-a-session", "Bearer ", "Basic b3duZXI6cHc="] {
        // Even beside a valid cookie: the header decides, so a stale cookie never speaks
        // for a token page, and no CSRF exemption is won with a junk header.
        let mut req = request(Method::POST, "/api/v1/orgs", Some(json!({"name": "Sneaky"})));
        req.headers_mut().insert(AUTHORIZATION, header.parse().unwrap());
        req.headers_mut().insert(COOKIE, cookie_session.cookie_header().parse().unwrap());
        app.send(req).await.assert_error(401, "unauthenticated");
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn every_way_a_session_ends_ends_a_token_session() {
    let app = TestApp::new().await;
    // Signing out ends it.
    let owner = Bearer::login(&app, "owner@northwind.test").await;
    assert_eq!(owner.call(Method::POST, "/api/v1/auth/logout", None).await.status, 204);
    owner.get("/api/v1/me").await.assert_error(401, "unauthenticated");

    // A password changed elsewhere ends it.
    let token = Bearer::login(&app, "admin@northwind.test").await;
    let browser = app.login("admin@northwind.test").await;
    let change = json!({"current_password": DEMO_PASSWORD, "new_password": "a-new-long-password"});
    assert_eq!(browser.post("/api/v1/me/password", Some(change)).await.status, 204);
    token.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    assert_eq!(browser.get("/api/v1/me").await.status, 200, "the changing session stays");

    // Signing out everywhere ends it.
    let token = Bearer::login(&app, "member@northwind.test").await;
    let browser = app.login("member@northwind.test").await;
    assert_eq!(browser.post("/api/v1/auth/sign-out-everywhere", None).await.status, 204);
    token.get("/api/v1/me").await.assert_error(401, "unauthenticated");

    // Disabling the user ends it.
    let agent = Bearer::login(&app, "agent@acme.test").await;
    let acme = app.org_id("Acme Dental").await;
    let org_admin = app.login("admin@acme.test").await;
    let path = format!("/api/v1/orgs/{acme}/users/{}", app.user_id("agent@acme.test").await);
    assert_eq!(org_admin.patch(&path, json!({"disabled": true})).await.status, 200);
    agent.get("/api/v1/me").await.assert_error(401, "unauthenticated");

    // Archiving the org ends it.
    let admin = Bearer::login(&app, "admin@acme.test").await;
    let northwind = app.login("owner@northwind.test").await;
    let org = northwind.get(&format!("/api/v1/orgs/{acme}")).await.body;
    let mut body = update_body(&org);
    body["archived"] = json!(true);
    assert_eq!(northwind.put(&format!("/api/v1/orgs/{acme}"), body).await.status, 200);
    admin.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn a_demotion_applies_to_a_token_session_at_once() {
    let app = TestApp::new().await;
    let admin = Bearer::login(&app, "admin@northwind.test").await;
    let brand = json!({"display_name": "Northwind", "primary_color": "#1d4ed8", "hostnames": ["northwind.localhost"]});
    assert_eq!(admin.call(Method::PUT, "/api/v1/agency", Some(brand.clone())).await.status, 200);
    let owner = app.login("owner@northwind.test").await;
    let path = format!("/api/v1/staff/{}", app.user_id("admin@northwind.test").await);
    assert_eq!(owner.patch(&path, json!({"role": "member"})).await.status, 200);
    admin.call(Method::PUT, "/api/v1/agency", Some(brand)).await.assert_error(403, "forbidden");
}

#[tokio::test]
async fn log_in_as_works_in_token_mode_and_gives_the_staff_token_back_only_with_it() {
    let app = TestApp::new().await;
    let owner = Bearer::login(&app, "owner@northwind.test").await;
    let path = format!(
        "/api/v1/orgs/{}/users/{}/impersonate",
        app.org_id("Acme Dental").await,
        app.user_id("agent@acme.test").await
    );
    let reply = owner.call(Method::POST, &path, None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["impersonated_by"]["email"], "owner@northwind.test");
    assert!(reply.cookie(SESSION_COOKIE).is_none() && reply.cookie("atrium_return").is_none());
    let client = Bearer { app: &app, token: reply.body["session_token"].as_str().unwrap().to_string() };
    assert_eq!(client.get("/api/v1/me").await.body["user"]["email"], "agent@acme.test");
    owner.get("/api/v1/me").await.assert_error(401, "unauthenticated");

    // Without the parked token (a copied client token alone), no staff session comes back,
    // and the impersonation ends anyway.
    let stop = "/api/v1/auth/stop-impersonating";
    let mut req = request(Method::POST, stop, None);
    req.headers_mut().insert(AUTHORIZATION, format!("Bearer {}", client.token).parse().unwrap());
    req.headers_mut().insert(RETURN_TOKEN_HEADER, "guess".parse().unwrap());
    app.send(req).await.assert_error(401, "unauthenticated");
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");

    // Again, now giving the staff token back as the page does.
    let reply = owner_again(&app, &path).await;
    let client = Bearer { app: &app, token: reply.0 };
    let mut req = request(Method::POST, stop, None);
    req.headers_mut().insert(AUTHORIZATION, format!("Bearer {}", client.token).parse().unwrap());
    req.headers_mut().insert(RETURN_TOKEN_HEADER, reply.1.parse().unwrap());
    let back = app.send(req).await;
    assert_eq!(back.status, 200, "{}", back.body);
    assert_eq!(back.body["user"]["email"], "owner@northwind.test");
    assert_eq!(back.body["session_token"], reply.1.as_str(), "the parked session itself, not a new one");
    let staff = Bearer { app: &app, token: reply.1 };
    assert_eq!(staff.get("/api/v1/me").await.status, 200);
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

/// Signs Northwind's owner in by token and logs in as Acme's agent: (client token, staff token).
async fn owner_again(app: &TestApp, path: &str) -> (String, String) {
    let owner = Bearer::login(app, "owner@northwind.test").await;
    let reply = owner.call(Method::POST, path, None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    (reply.body["session_token"].as_str().unwrap().to_string(), owner.token)
}

#[tokio::test]
async fn a_stream_ticket_opens_one_stream_once_and_soon() {
    let app = TestApp::new().await;
    let agent = Bearer::login(&app, "agent@acme.test").await;
    let acme = app.org_id("Acme Dental").await;
    let events = format!("/api/v1/orgs/{acme}/events");
    // Without a ticket, an EventSource (no header) is nobody.
    app.get(&events).await.assert_error(401, "unauthenticated");

    let ticket = agent.call(Method::POST, "/api/v1/events/tickets", None).await;
    assert_eq!(ticket.status, 201, "{}", ticket.body);
    let ticket = ticket.body["ticket"].as_str().unwrap().to_string();
    let opened = app.stream(request(Method::GET, &format!("{events}?ticket={ticket}"), None)).await;
    assert_eq!(opened.status(), 200);
    drop(opened);
    // Used up: the same ticket opens nothing again.
    app.get(&format!("{events}?ticket={ticket}")).await.assert_error(401, "unauthenticated");

    // A ticket older than its 30 seconds opens nothing.
    let late =
        agent.call(Method::POST, "/api/v1/events/tickets", None).await.body["ticket"].as_str().unwrap().to_string();
    sqlx::query("UPDATE stream_tickets SET expires_at = '2000-01-01T00:00:00Z'").execute(&app.db).await.unwrap();
    app.get(&format!("{events}?ticket={late}")).await.assert_error(401, "unauthenticated");

    // A ticket of a session that has ended opens nothing.
    let orphan =
        agent.call(Method::POST, "/api/v1/events/tickets", None).await.body["ticket"].as_str().unwrap().to_string();
    assert_eq!(agent.call(Method::POST, "/api/v1/auth/logout", None).await.status, 204);
    app.get(&format!("{events}?ticket={orphan}")).await.assert_error(401, "unauthenticated");

    // And a ticket is no way into another org's stream.
    let other = Bearer::login(&app, "admin@globex.test").await;
    let ticket =
        other.call(Method::POST, "/api/v1/events/tickets", None).await.body["ticket"].as_str().unwrap().to_string();
    app.get(&format!("{events}?ticket={ticket}")).await.assert_error(404, "not_found");
}
