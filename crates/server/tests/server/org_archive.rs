//! Archiving and restoring an org through `PUT /api/v1/orgs/{org}`: it leaves the default
//! list, and its users can neither sign in nor stay signed in until it is restored.

use crate::common::{item_names, update_body, Session, TestApp};
use atrium_server::seed::DEMO_PASSWORD;
use serde_json::{json, Value};

/// Saves Acme with `archived` set as given (absent for `None`), answering the saved org.
async fn save_archived(owner: &Session<'_>, org_id: i64, archived: Option<bool>) -> Value {
    let path = format!("/api/v1/orgs/{org_id}");
    let org = owner.get(&path).await.body;
    let mut body = update_body(&org);
    if let Some(archived) = archived {
        body["archived"] = json!(archived);
    }
    let reply = owner.put(&path, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

#[tokio::test]
async fn archiving_moves_the_org_to_the_archived_list_and_restoring_brings_it_back() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;

    let archived = save_archived(&owner, acme, Some(true)).await;
    assert_eq!(archived["archived"], true);
    let active = owner.get("/api/v1/orgs").await.body;
    assert_eq!(item_names(&active), ["Globex Realty"]);
    assert_eq!(active["total"], 1);
    let listed = owner.get("/api/v1/orgs?archived=true").await.body;
    assert_eq!(item_names(&listed), ["Acme Dental"]);
    assert_eq!(listed["items"][0]["archived"], true);
    // Staff still open it, to restore it.
    assert_eq!(owner.get(&format!("/api/v1/orgs/{acme}")).await.status, 200);

    // Leaving `archived` out keeps it as it is.
    assert_eq!(save_archived(&owner, acme, None).await["archived"], true);

    let restored = save_archived(&owner, acme, Some(false)).await;
    assert_eq!(restored["archived"], false);
    assert_eq!(item_names(&owner.get("/api/v1/orgs").await.body), ["Acme Dental", "Globex Realty"]);
    assert_eq!(owner.get("/api/v1/orgs?archived=true").await.body["total"], 0);
}

#[tokio::test]
async fn the_users_of_an_archived_org_cannot_sign_in_until_it_is_restored() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;
    save_archived(&owner, acme, Some(true)).await;

    for email in ["admin@acme.test", "agent@acme.test"] {
        // The same answer as a wrong password: an archived org is not announced.
        app.try_login(email, DEMO_PASSWORD).await.assert_error(401, "invalid_credentials");
    }
    // Other orgs' users are not affected.
    app.login("admin@globex.test").await;

    save_archived(&owner, acme, Some(false)).await;
    let back = app.login("admin@acme.test").await;
    assert_eq!(back.me["org"]["id"], acme);
}

#[tokio::test]
async fn archiving_ends_the_sessions_of_the_org_users() {
    let app = TestApp::new().await;
    let client = app.login("agent@acme.test").await;
    assert_eq!(client.get("/api/v1/me").await.status, 200);
    let owner = app.login("owner@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;
    save_archived(&owner, acme, Some(true)).await;

    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    client.get(&format!("/api/v1/orgs/{acme}")).await.assert_error(401, "unauthenticated");
    // Restoring does not revive a session that ended; signing in again works.
    save_archived(&owner, acme, Some(false)).await;
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    assert_eq!(app.login("agent@acme.test").await.get("/api/v1/me").await.status, 200);
}
