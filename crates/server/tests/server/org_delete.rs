//! `DELETE /api/v1/orgs/{org}`: the org goes, with everything it holds.

use crate::common;

use crate::common::{item_names, TestApp};
use atrium_server::seed::DEMO_PASSWORD;

#[tokio::test]
async fn deleting_an_org_removes_it_its_users_and_its_conversations() {
    let app = TestApp::new().await;
    let acme = app.org_id("Acme Dental").await;
    let acme_user = app.user_id("agent@acme.test").await;
    let client = app.login("agent@acme.test").await;
    let owner = app.login("owner@northwind.test").await;
    // Something in every table the org owns, so the cascades are really exercised.
    for table in ["users", "conversations", "teams", "org_agents"] {
        assert!(app.count_where(table, "org_id", acme).await > 0, "the seed has {table} for Acme");
    }
    let conversation_ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM conversations WHERE org_id = $1")
        .bind(acme)
        .fetch_all(&app.db)
        .await
        .unwrap();

    let reply = owner.delete(&format!("/api/v1/orgs/{acme}")).await;
    assert_eq!(reply.status, 204, "{}", reply.body);
    assert!(reply.bytes.is_empty());

    owner.get(&format!("/api/v1/orgs/{acme}")).await.assert_error(404, "not_found");
    assert_eq!(item_names(&owner.get("/api/v1/orgs").await.body), ["Globex Realty"]);
    assert_eq!(owner.get("/api/v1/orgs?archived=true").await.body["total"], 0);
    assert_eq!(app.count_where("orgs", "id", acme).await, 0);
    for table in ["users", "conversations", "conversation_counts", "teams", "org_agents", "activity"] {
        assert_eq!(app.count_where(table, "org_id", acme).await, 0, "{table} left behind");
    }
    for id in conversation_ids {
        assert_eq!(app.count_where("messages", "conversation_id", id).await, 0);
    }
    assert_eq!(app.count_where("sessions", "user_id", acme_user).await, 0);
    assert_eq!(app.count_where("team_members", "user_id", acme_user).await, 0);

    // Its users are gone: no sign-in, and the open session is over.
    for email in ["admin@acme.test", "agent@acme.test"] {
        app.try_login(email, DEMO_PASSWORD).await.assert_error(401, "invalid_credentials");
    }
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");

    // The rest of the agency is untouched: its agents and its other org.
    let globex = app.org_id("Globex Realty").await;
    assert_eq!(app.count_where("users", "org_id", globex).await, 1);
    assert_eq!(app.count_where("conversations", "org_id", globex).await, 1);
    assert_eq!(owner.get("/api/v1/agents").await.body["total"], 3);
    // Deleting twice finds nothing the second time.
    owner.delete(&format!("/api/v1/orgs/{acme}")).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn an_admin_may_delete_an_archived_org_and_reuse_its_name() {
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let globex = app.org_id("Globex Realty").await;
    let org = admin.get(&format!("/api/v1/orgs/{globex}")).await.body;
    let mut archive = common::update_body(&org);
    archive["archived"] = serde_json::json!(true);
    assert_eq!(admin.put(&format!("/api/v1/orgs/{globex}"), archive).await.status, 200);

    assert_eq!(admin.delete(&format!("/api/v1/orgs/{globex}")).await.status, 204);
    let again = admin.post("/api/v1/orgs", Some(serde_json::json!({"name": "Globex Realty"}))).await;
    assert_eq!(again.status, 201, "{}", again.body);
    assert_ne!(again.body["id"], globex);
    assert_eq!(again.body["user_count"], 0, "nothing of the old org carries over");
}
