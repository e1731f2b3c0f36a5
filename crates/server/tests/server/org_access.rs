//! Who may read and change an org through the routes of this module: owners and admins
//! change, members read, an org's own users get 403, everyone else 404, nobody 401.

use crate::common::{request, update_body, Reply, Session, TestApp};
use atrium_api::{CSRF_COOKIE, CSRF_HEADER};
use axum::http::header::COOKIE;
use axum::http::Method;
use serde_json::{json, Value};

/// Every mutation of this module on org `org_id`, as (method, path, body).
fn mutations(org_id: i64, org: &Value, agent_id: i64) -> Vec<(Method, String, Option<Value>)> {
    let path = format!("/api/v1/orgs/{org_id}");
    let mut archive = update_body(org);
    archive["archived"] = json!(true);
    vec![
        (Method::POST, "/api/v1/orgs".into(), Some(json!({"name": "Intruder Inc"}))),
        (Method::PUT, path.clone(), Some(archive)),
        (Method::PUT, format!("{path}/agents"), Some(json!({"agent_ids": [agent_id]}))),
        (Method::DELETE, path, None),
    ]
}

async fn send(session: &Session<'_>, (method, path, body): &(Method, String, Option<Value>)) -> Reply {
    session.call(method.clone(), path, body.clone(), true).await
}

/// What must not change whoever is refused: Acme as stored, every org, the log.
async fn snapshot(app: &TestApp, acme: i64) -> (Value, i64, i64) {
    let owner = app.login("owner@northwind.test").await;
    let org = owner.get(&format!("/api/v1/orgs/{acme}")).await.body;
    let orgs: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orgs").fetch_one(&app.db).await.unwrap();
    let log: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM activity").fetch_one(&app.db).await.unwrap();
    (org, orgs, log)
}

async fn setup(app: &TestApp) -> (i64, Value, i64) {
    let acme = app.org_id("Acme Dental").await;
    let sales = app.agent_id("Sales Bot").await;
    let (org, _, _) = snapshot(app, acme).await;
    (acme, org, sales)
}

#[tokio::test]
async fn members_get_403_on_every_mutation_and_change_nothing() {
    let app = TestApp::new().await;
    let (acme, org, sales) = setup(&app).await;
    let before = snapshot(&app, acme).await;
    let member = app.login("member@northwind.test").await;
    for m in mutations(acme, &org, sales) {
        send(&member, &m).await.assert_error(403, "forbidden");
    }
    assert_eq!(snapshot(&app, acme).await, before);
    // Reading is theirs.
    assert_eq!(member.get(&format!("/api/v1/orgs/{acme}")).await.status, 200);
    assert_eq!(member.get("/api/v1/orgs").await.status, 200);
}

#[tokio::test]
async fn another_agencys_owner_finds_nothing() {
    let app = TestApp::new().await;
    let (acme, org, sales) = setup(&app).await;
    let before = snapshot(&app, acme).await;
    let contoso = app.login("owner@contoso.test").await;
    // All but the create, which is theirs to make (in their own agency).
    for m in mutations(acme, &org, sales).into_iter().skip(1) {
        send(&contoso, &m).await.assert_error(404, "not_found");
    }
    contoso.get(&format!("/api/v1/orgs/{acme}/activity")).await.assert_error(404, "not_found");
    assert_eq!(snapshot(&app, acme).await, before);

    // Nor may they assign Northwind's agents to their own org.
    let initech = app.org_id("Initech").await;
    let reply = contoso.put(&format!("/api/v1/orgs/{initech}/agents"), json!({"agent_ids": [sales]})).await;
    reply.assert_error(422, "validation_failed");
    assert!(reply.body["error"]["fields"]["agent_ids"].is_string());
}

#[tokio::test]
async fn an_orgs_own_users_get_403_and_other_orgs_users_404() {
    let app = TestApp::new().await;
    let (acme, org, sales) = setup(&app).await;
    let before = snapshot(&app, acme).await;
    for email in ["admin@acme.test", "agent@acme.test"] {
        let client = app.login(email).await;
        for m in mutations(acme, &org, sales) {
            send(&client, &m).await.assert_error(403, "forbidden");
        }
    }
    for email in ["admin@globex.test", "admin@initech.test"] {
        let stranger = app.login(email).await;
        // Creating is agency-level, so 403 for any client user; the rest is 404.
        let mut all = mutations(acme, &org, sales).into_iter();
        send(&stranger, &all.next().unwrap()).await.assert_error(403, "forbidden");
        for m in all {
            send(&stranger, &m).await.assert_error(404, "not_found");
        }
    }
    assert_eq!(snapshot(&app, acme).await, before);
}

#[tokio::test]
async fn anonymous_callers_get_401_and_a_missing_csrf_token_403() {
    let app = TestApp::new().await;
    let (acme, org, sales) = setup(&app).await;
    let before = snapshot(&app, acme).await;
    for (method, path, body) in mutations(acme, &org, sales) {
        // A matching cookie and header but no session: past the CSRF check, not signed in.
        let mut req = request(method.clone(), &path, body.clone());
        req.headers_mut().insert(COOKIE, format!("{CSRF_COOKIE}=t0ken").parse().unwrap());
        req.headers_mut().insert(CSRF_HEADER, "t0ken".parse().unwrap());
        app.send(req).await.assert_error(401, "unauthenticated");
        app.call(method, &path, body).await.assert_error(403, "csrf_failed");
    }
    let owner = app.login("owner@northwind.test").await;
    for (method, path, body) in mutations(acme, &org, sales) {
        owner.call(method, &path, body, false).await.assert_error(403, "csrf_failed");
    }
    assert_eq!(snapshot(&app, acme).await, before);
}

#[tokio::test]
async fn owners_and_admins_may_do_each_of_them() {
    // The other side of the 403s above: the same requests succeed for the right roles.
    for email in ["owner@northwind.test", "admin@northwind.test"] {
        let app = TestApp::new().await;
        let (acme, org, sales) = setup(&app).await;
        let session = app.login(email).await;
        let expected = [201, 200, 200, 204];
        for (m, status) in mutations(acme, &org, sales).iter().zip(expected) {
            let reply = send(&session, m).await;
            assert_eq!(reply.status, status, "{email} {} {}: {}", m.0, m.1, reply.body);
        }
    }
}
