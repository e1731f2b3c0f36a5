//! `PUT /api/v1/orgs/{org}/agents`: replacing the set of agents an org holds.

use crate::common::{update_body, TestApp};
use atrium_api::validate::FieldError;
use serde_json::{json, Value};

struct Ids {
    acme: i64,
    support: i64,
    sales: i64,
    reception: i64,
    helpdesk: i64,
}

async fn ids(app: &TestApp) -> Ids {
    Ids {
        acme: app.org_id("Acme Dental").await,
        support: app.agent_id("Support Bot").await,
        sales: app.agent_id("Sales Bot").await,
        reception: app.agent_id("Reception Line").await,
        helpdesk: app.agent_id("Helpdesk Bot").await,
    }
}

fn sorted(mut ids: Vec<i64>) -> Value {
    ids.sort_unstable();
    json!(ids)
}

#[tokio::test]
async fn the_set_is_replaced_duplicates_ignored_and_the_change_logged() {
    let app = TestApp::new().await;
    let id = ids(&app).await;
    let owner = app.login("owner@northwind.test").await;
    let path = format!("/api/v1/orgs/{}", id.acme);
    let before = owner.get(&path).await.body;
    assert_eq!(before["agent_ids"], sorted(vec![id.support, id.reception]));

    let reply = owner.put(&format!("{path}/agents"), json!({"agent_ids": [id.sales, id.support, id.sales]})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let org = &reply.body;
    assert_eq!(org["agent_ids"], sorted(vec![id.support, id.sales]));
    assert_eq!(org["agent_count"], 2);
    assert_eq!(org["version"], before["version"], "assigning agents must not bump the version");
    assert_ne!(org["updated_at"], before["updated_at"], "but the org did change");
    assert_eq!(org["settings"], before["settings"]);
    assert_eq!(&owner.get(&path).await.body, org);

    let activity = owner.get(&format!("{path}/activity")).await.body;
    assert_eq!(activity["total"], 1);
    let entry = &activity["items"][0];
    assert_eq!(entry["field"], "agents");
    let list = |a: i64, b: i64| format!("[{},{}]", a.min(b), a.max(b));
    assert_eq!(entry["old_value"], list(id.support, id.reception));
    assert_eq!(entry["new_value"], list(id.support, id.sales));
    assert_eq!(entry["actor"]["email"], "owner@northwind.test");

    // The org's users see exactly the new set.
    let client = app.login("admin@acme.test").await;
    let mut seen: Vec<&str> =
        client.me["agents"].as_array().unwrap().iter().map(|a| a["name"].as_str().unwrap()).collect();
    seen.sort_unstable();
    assert_eq!(seen, ["Sales Bot", "Support Bot"]);
}

#[tokio::test]
async fn an_empty_list_unassigns_every_agent() {
    let app = TestApp::new().await;
    let id = ids(&app).await;
    let admin = app.login("admin@northwind.test").await;
    let reply = admin.put(&format!("/api/v1/orgs/{}/agents", id.acme), json!({"agent_ids": []})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["agent_ids"], json!([]));
    assert_eq!(reply.body["agent_count"], 0);
    let activity = admin.get(&format!("/api/v1/orgs/{}/activity", id.acme)).await.body;
    assert_eq!(activity["items"][0]["new_value"], "[]");
}

#[tokio::test]
async fn the_same_set_again_changes_and_logs_nothing() {
    let app = TestApp::new().await;
    let id = ids(&app).await;
    let owner = app.login("owner@northwind.test").await;
    let path = format!("/api/v1/orgs/{}", id.acme);
    let before = owner.get(&path).await.body;
    let reply = owner.put(&format!("{path}/agents"), json!({"agent_ids": [id.reception, id.support]})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body, before);
    assert_eq!(owner.get(&format!("{path}/activity")).await.body["total"], 0);
}

#[tokio::test]
async fn another_agencys_or_an_unknown_agent_is_422_and_nothing_changes() {
    let app = TestApp::new().await;
    let id = ids(&app).await;
    let owner = app.login("owner@northwind.test").await;
    let path = format!("/api/v1/orgs/{}", id.acme);
    let before = owner.get(&path).await.body;
    for agent_ids in [json!([id.sales, id.helpdesk]), json!([id.helpdesk]), json!([999999]), json!([-1, id.sales])] {
        let reply = owner.put(&format!("{path}/agents"), json!({ "agent_ids": agent_ids })).await;
        reply.assert_error(422, "validation_failed");
        assert_eq!(reply.body["error"]["fields"]["agent_ids"], FieldError::Unknown.message(), "{agent_ids}");
    }
    assert_eq!(owner.get(&path).await.body, before);
    assert_eq!(owner.get(&format!("{path}/activity")).await.body["total"], 0);
}

#[tokio::test]
async fn malformed_bodies_are_400() {
    let app = TestApp::new().await;
    let id = ids(&app).await;
    let owner = app.login("owner@northwind.test").await;
    let path = format!("/api/v1/orgs/{}/agents", id.acme);
    for body in
        [json!({}), json!({"agent_ids": id.sales}), json!({"agent_ids": ["1"]}), json!({"agent_ids": [], "x": 1})]
    {
        owner.put(&path, body.clone()).await.assert_error(400, "bad_request");
    }
    owner.put("/api/v1/orgs/999999/agents", json!({"agent_ids": []})).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn a_settings_draft_opened_before_an_assignment_still_saves() {
    // Two admins: one edits the settings while the other assigns agents. The assignment
    // is not a conflicting edit of the settings form, so the draft must save.
    let app = TestApp::new().await;
    let id = ids(&app).await;
    let owner = app.login("owner@northwind.test").await;
    let admin = app.login("admin@northwind.test").await;
    let path = format!("/api/v1/orgs/{}", id.acme);
    let draft_base = owner.get(&path).await.body;

    assert_eq!(admin.put(&format!("{path}/agents"), json!({"agent_ids": [id.sales]})).await.status, 200);

    let mut draft = update_body(&draft_base);
    draft["settings"]["billing_enabled"] = json!(true);
    let reply = owner.put(&path, draft).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["settings"]["billing_enabled"], true);
    assert_eq!(reply.body["agent_ids"], json!([id.sales]), "the save keeps the other admin's assignment");
}
