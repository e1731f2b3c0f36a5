//! "Log in as": `POST /api/v1/orgs/{org}/users/{id}/impersonate` and
//! `POST /api/v1/auth/stop-impersonating`. The session it opens is the client user's, so
//! it reaches what they reach and nothing more, and it is recorded.

use crate::common::{update_body, Session, TestApp};
use atrium_api::{CSRF_COOKIE, SESSION_COOKIE};
use axum::http::Method;
use serde_json::{json, Value};

async fn impersonate_path(app: &TestApp, email: &str) -> String {
    format!("/api/v1/orgs/{}/users/{}/impersonate", app.org_id("Acme Dental").await, app.user_id(email).await)
}

/// `staff` signed in as `client`: the impersonation session, and the staff member's
/// session it replaced.
async fn start<'a>(app: &'a TestApp, staff: &str, client: &str) -> (Session<'a>, Session<'a>) {
    let staff = app.login(staff).await;
    let reply = staff.post(&impersonate_path(app, client).await, None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    (Session::from_reply(app, &reply), staff)
}

#[tokio::test]
async fn log_in_as_answers_the_clients_me_marked_with_the_staff_member() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let reply = owner.post(&impersonate_path(&app, "agent@acme.test").await, None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let me = &reply.body;
    assert_eq!(me["user"]["email"], "agent@acme.test");
    assert_eq!((me["kind"].as_str(), me["role"].as_str()), (Some("client"), Some("client_user")));
    assert_eq!(me["org"]["name"], "Acme Dental");
    assert_eq!(me["permissions"], json!(["home", "conversations", "canned_responses"]));
    assert_eq!(
        me["impersonated_by"],
        json!({"id": app.user_id("owner@northwind.test").await, "email": "owner@northwind.test", "name": "Nadia Owner"})
    );
    // New cookies, like a login's.
    let session = reply.cookie(SESSION_COOKIE).expect("session cookie");
    assert_eq!(session.http_only(), Some(true));
    assert_ne!(session.value(), owner.token);
    assert!(reply.cookie(CSRF_COOKIE).is_some_and(|c| c.value() != owner.csrf));

    // The browser now holds the client's session; the staff one it replaced is parked:
    // unusable, its token only in an HttpOnly cookie for the way back.
    let parked = reply.cookie("atrium_return").expect("return cookie");
    assert_eq!(parked.value(), owner.token);
    assert_eq!(parked.http_only(), Some(true));
    assert_eq!(parked.path(), Some("/api/v1/auth/stop-impersonating"));
    let client = Session::from_reply(&app, &reply);
    assert_eq!(client.get("/api/v1/me").await.body, reply.body);
    owner.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    let impersonator: Option<i64> = sqlx::query_scalar("SELECT impersonator_id FROM sessions WHERE user_id = $1")
        .bind(app.user_id("agent@acme.test").await)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(impersonator, Some(app.user_id("owner@northwind.test").await));
}

#[tokio::test]
async fn log_in_as_is_recorded_in_the_orgs_activity_log() {
    let app = TestApp::new().await;
    start(&app, "admin@northwind.test", "admin@acme.test").await;
    let owner = app.login("owner@northwind.test").await;
    let log = owner.get(&format!("/api/v1/orgs/{}/activity", app.org_id("Acme Dental").await)).await.body;
    let entry = &log["items"][0];
    assert_eq!(entry["field"], "impersonation");
    assert_eq!(entry["actor"]["email"], "admin@northwind.test");
    assert_eq!(entry["old_value"], Value::Null);
    assert_eq!(entry["new_value"], "admin@acme.test");
}

#[tokio::test]
async fn stopping_gives_the_staff_member_their_parked_session_back() {
    let app = TestApp::new().await;
    let (client, owner) = start(&app, "owner@northwind.test", "agent@acme.test").await;
    // Mutating like any other request: the impersonation session's own CSRF token.
    client.call(Method::POST, "/api/v1/auth/stop-impersonating", None, false).await.assert_error(403, "csrf_failed");

    let reply = client.post("/api/v1/auth/stop-impersonating", None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["user"]["email"], "owner@northwind.test");
    assert_eq!(reply.body["kind"], "staff");
    assert_eq!(reply.body["impersonated_by"], Value::Null);
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    let staff = Session::from_reply(&app, &reply);
    assert_eq!(staff.token, owner.token, "the session that was parked, not a new one");
    assert_eq!(staff.get("/api/v1/orgs").await.status, 200);
    assert!(reply.cookie("atrium_return").is_some_and(|c| c.value().is_empty()), "the return cookie is removed");
    // Once back, there is nothing to stop.
    staff.post("/api/v1/auth/stop-impersonating", None).await.assert_error(409, "conflict");
    app.login("agent@acme.test")
        .await
        .post("/api/v1/auth/stop-impersonating", None)
        .await
        .assert_error(409, "conflict");
}

#[tokio::test]
async fn an_impersonation_session_reaches_only_what_the_client_user_reaches() {
    let app = TestApp::new().await;
    let (client, _) = start(&app, "owner@northwind.test", "admin@acme.test").await;
    let acme = app.org_id("Acme Dental").await;
    let globex = app.org_id("Globex Realty").await;
    let initech = app.org_id("Initech").await;
    let org = app.login("owner@northwind.test").await.get(&format!("/api/v1/orgs/{acme}")).await.body;
    let before = app.fingerprint().await;

    // Nothing of the agency console, though the staff member behind it is its owner.
    for path in ["/api/v1/orgs", "/api/v1/agents", "/api/v1/staff"] {
        client.get(path).await.assert_error(403, "forbidden");
    }
    client.post("/api/v1/orgs", Some(json!({"name": "Via Impersonation"}))).await.assert_error(403, "forbidden");
    client.get(&format!("/api/v1/orgs/{acme}/activity")).await.assert_error(403, "forbidden");
    client.put(&format!("/api/v1/orgs/{acme}"), update_body(&org)).await.assert_error(403, "forbidden");
    // No nested "Log in as".
    client.post(&impersonate_path(&app, "agent@acme.test").await, None).await.assert_error(403, "forbidden");
    // Other orgs of the same agency and other agencies do not exist for it.
    for org in [globex, initech] {
        client.get(&format!("/api/v1/orgs/{org}")).await.assert_error(404, "not_found");
        client.get(&format!("/api/v1/orgs/{org}/users")).await.assert_error(404, "not_found");
        client.get(&format!("/api/v1/orgs/{org}/teams")).await.assert_error(404, "not_found");
    }
    let initech_admin = format!("/api/v1/orgs/{initech}/users/{}", app.user_id("admin@initech.test").await);
    client.patch(&initech_admin, json!({"disabled": true})).await.assert_error(404, "not_found");
    let contoso_agent = app.agent_id("Helpdesk Bot").await;
    client.get(&format!("/api/v1/agents/{contoso_agent}")).await.assert_error(403, "forbidden");
    // What the org admin may do, it may.
    assert_eq!(client.get(&format!("/api/v1/orgs/{acme}")).await.status, 200);
    assert_eq!(client.get(&format!("/api/v1/orgs/{acme}/users")).await.status, 200);
    assert_eq!(app.fingerprint().await, before, "nothing changed");
}

#[tokio::test]
async fn a_disabled_user_or_an_archived_org_cannot_be_entered() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;
    let agent_path = format!("/api/v1/orgs/{acme}/users/{}", app.user_id("agent@acme.test").await);
    assert_eq!(owner.patch(&agent_path, json!({"disabled": true})).await.status, 200);
    let before = app.count("activity").await;
    owner.post(&format!("{agent_path}/impersonate"), None).await.assert_error(409, "conflict");
    assert_eq!(app.count("activity").await, before, "a refused impersonation is not logged");

    let org = owner.get(&format!("/api/v1/orgs/{acme}")).await.body;
    let mut archive = update_body(&org);
    archive["archived"] = json!(true);
    assert_eq!(owner.put(&format!("/api/v1/orgs/{acme}"), archive).await.status, 200);
    owner.post(&impersonate_path(&app, "admin@acme.test").await, None).await.assert_error(409, "conflict");
    // Still the owner's own session after both refusals.
    assert_eq!(owner.get("/api/v1/me").await.body["user"]["email"], "owner@northwind.test");
}

#[tokio::test]
async fn members_and_strangers_cannot_log_in_as() {
    let app = TestApp::new().await;
    let path = impersonate_path(&app, "agent@acme.test").await;
    app.login("member@northwind.test").await.post(&path, None).await.assert_error(403, "forbidden");
    app.login("admin@acme.test").await.post(&path, None).await.assert_error(403, "forbidden");
    app.login("owner@contoso.test").await.post(&path, None).await.assert_error(404, "not_found");
    // A staff id under an org is no user of it.
    let staff = format!(
        "/api/v1/orgs/{}/users/{}/impersonate",
        app.org_id("Acme Dental").await,
        app.user_id("member@northwind.test").await
    );
    app.login("owner@northwind.test").await.post(&staff, None).await.assert_error(404, "not_found");
    assert_eq!(app.count_where("sessions", "impersonator_id", app.user_id("owner@northwind.test").await).await, 0);
}

#[tokio::test]
async fn the_impersonation_ends_when_its_staff_member_loses_the_right() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let (client, _) = start(&app, "admin@northwind.test", "agent@acme.test").await;
    assert_eq!(client.get("/api/v1/me").await.status, 200);
    let admin = format!("/api/v1/staff/{}", app.user_id("admin@northwind.test").await);
    assert_eq!(owner.patch(&admin, json!({"role": "member"})).await.status, 200);
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");

    let (client, _) = start(&app, "owner@northwind.test", "agent@acme.test").await;
    let second_owner = app.login("owner@northwind.test").await;
    assert_eq!(second_owner.patch(&admin, json!({"role": "owner"})).await.status, 200);
    let promoted = app.login("admin@northwind.test").await;
    assert_eq!(
        promoted.delete(&format!("/api/v1/staff/{}", app.user_id("owner@northwind.test").await)).await.status,
        204
    );
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn disabling_the_impersonated_user_ends_the_impersonation_too() {
    let app = TestApp::new().await;
    let (client, _) = start(&app, "owner@northwind.test", "agent@acme.test").await;
    let admin = app.login("admin@acme.test").await;
    let agent =
        format!("/api/v1/orgs/{}/users/{}", app.org_id("Acme Dental").await, app.user_id("agent@acme.test").await);
    assert_eq!(admin.patch(&agent, json!({"disabled": true})).await.status, 200);
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

/// Holding the impersonation session alone (a copied cookie, a script's request) never
/// yields a staff session: the way back needs the parked session's own token.
#[tokio::test]
async fn without_the_return_cookie_stopping_ends_the_impersonation_and_mints_nothing() {
    let app = TestApp::new().await;
    let (mut client, owner) = start(&app, "owner@northwind.test", "agent@acme.test").await;
    let owner_id = app.user_id("owner@northwind.test").await;
    client.return_token = Some("forged".into());
    client.post("/api/v1/auth/stop-impersonating", None).await.assert_error(401, "unauthenticated");
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    let usable: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions WHERE user_id = $1 AND parked_for IS NULL")
        .bind(owner_id)
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(usable, 0, "no staff session was minted");
    owner.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

/// Changes made during "Log in as" name the staff member, on behalf of the client user.
#[tokio::test]
async fn changes_during_log_in_as_name_the_staff_member_on_behalf_of_the_client() {
    let app = TestApp::new().await;
    let (client, _) = start(&app, "admin@northwind.test", "admin@acme.test").await;
    let acme = app.org_id("Acme Dental").await;
    let reply = client
        .post(&format!("/api/v1/orgs/{acme}/teams"), Some(json!({"label": "Night Shift", "key": "night_shift"})))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let log = app.login("owner@northwind.test").await.get(&format!("/api/v1/orgs/{acme}/activity")).await.body;
    let entry = &log["items"][0];
    assert_eq!(entry["field"], "team.created");
    assert_eq!(entry["actor"]["email"], "admin@northwind.test");
    assert_eq!(entry["on_behalf_of"]["email"], "admin@acme.test");
    // Outside "Log in as", no one is named on whose behalf.
    let admin = app.login("admin@acme.test").await;
    admin.post(&format!("/api/v1/orgs/{acme}/teams"), Some(json!({"label": "Day Shift", "key": "day_shift"}))).await;
    let log = app.login("owner@northwind.test").await.get(&format!("/api/v1/orgs/{acme}/activity")).await.body;
    assert_eq!(log["items"][0]["actor"]["email"], "admin@acme.test");
    assert!(log["items"][0].get("on_behalf_of").is_none());
}
