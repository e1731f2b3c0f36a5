//! Teams: `/api/v1/orgs/{org}/teams` and `.../{id}`: every validation rule, membership
//! within the org, `updated_at`, the log, and who may read them.

use crate::common::{Reply, TestApp};
use serde_json::{json, Value};

async fn teams_path(app: &TestApp, org: &str) -> String {
    format!("/api/v1/orgs/{}/teams", app.org_id(org).await)
}

async fn front_desk(app: &TestApp) -> String {
    format!("{}/{}", teams_path(app, "Acme Dental").await, app.team_id("front_desk").await)
}

#[track_caller]
fn assert_field(reply: &Reply, field: &str, code: &str) {
    reply.assert_error(422, "validation_failed");
    assert_eq!(reply.body["error"]["field_codes"][field], code, "{}", reply.body);
}

fn keys(list: &Value) -> Vec<&str> {
    list["items"].as_array().expect("items").iter().map(|t| t["key"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_created_team_reads_back_as_the_contract_says() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let path = teams_path(&app, "Acme Dental").await;
    let (alice, andy) = (app.user_id("admin@acme.test").await, app.user_id("agent@acme.test").await);
    let body = json!({"label": " Customer Support ", "key": "customer_support", "description": " Tier 1 ",
                      "member_ids": [andy, alice, andy]});
    let created = admin.post(&path, Some(body)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.header("location"), Some(format!("{path}/{id}").as_str()));
    let mut members = [alice, andy];
    members.sort_unstable();
    assert_eq!(created.body["label"], "Customer Support");
    assert_eq!(created.body["key"], "customer_support");
    assert_eq!(created.body["description"], "Tier 1");
    assert_eq!(created.body["member_ids"], json!(members));
    assert!(created.body["updated_at"].is_string());

    assert_eq!(admin.get(&format!("{path}/{id}")).await.body, created.body);
    let list = admin.get(&path).await.body;
    assert_eq!(list["total"], 2);
    assert_eq!(keys(&list), ["customer_support", "front_desk"], "by label");
    assert_eq!(keys(&admin.get(&format!("{path}?q=desk")).await.body), ["front_desk"]);
    assert_eq!(keys(&admin.get(&format!("{path}?per_page=1&page=2")).await.body), ["front_desk"]);
}

#[tokio::test]
async fn each_rule_of_a_team_is_checked_and_a_refusal_changes_nothing() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let path = teams_path(&app, "Acme Dental").await;
    let valid = json!({"label": "Billing", "key": "billing"});
    let cases: Vec<(&str, Value, &str)> = vec![
        ("label", json!(""), "required"),
        ("label", json!("  "), "required"),
        ("label", json!("l".repeat(81)), "too_long"),
        ("key", json!(""), "required"),
        ("key", json!("Billing"), "invalid_key"),
        ("key", json!("bill-ing"), "invalid_key"),
        ("key", json!("bill ing"), "invalid_key"),
        ("key", json!("2nd_line"), "invalid_key"),
        ("key", json!("_billing"), "invalid_key"),
        ("key", json!("k".repeat(65)), "too_long"),
        ("key", json!("front_desk"), "taken"),
        ("description", json!("d".repeat(501)), "too_long"),
    ];
    let before = app.fingerprint().await;
    for (field, value, code) in cases {
        let mut body = valid.clone();
        body[field] = value;
        assert_field(&owner.post(&path, Some(body)).await, field, code);
    }
    owner.post(&path, Some(json!({"label": "Billing"}))).await.assert_error(400, "bad_request");
    owner.post(&path, Some(json!({"label": "B", "key": "b", "lead": 1}))).await.assert_error(400, "bad_request");
    assert_eq!(app.fingerprint().await, before);

    // The edges pass.
    let edge = json!({"label": "l".repeat(80), "key": "k".repeat(64), "description": "d".repeat(500)});
    assert_eq!(owner.post(&path, Some(edge)).await.status, 201);
    // A key is unique in its org only.
    let globex = app.login("admin@globex.test").await;
    let reply = globex
        .post(&teams_path(&app, "Globex Realty").await, Some(json!({"label": "Desk", "key": "front_desk"})))
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
}

#[tokio::test]
async fn members_must_be_users_of_the_org() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let path = teams_path(&app, "Acme Dental").await;
    let desk = front_desk(&app).await;
    let andy = app.user_id("agent@acme.test").await;
    let strangers = [
        app.user_id("admin@globex.test").await,
        app.user_id("admin@initech.test").await,
        app.user_id("owner@northwind.test").await,
        999_999,
    ];
    let before = app.fingerprint().await;
    for stranger in strangers {
        let body = json!({"label": "Mixed", "key": "mixed", "member_ids": [andy, stranger]});
        assert_field(&admin.post(&path, Some(body)).await, "member_ids", "unknown");
        assert_field(&admin.patch(&desk, json!({"member_ids": [stranger]})).await, "member_ids", "unknown");
    }
    assert_eq!(app.fingerprint().await, before);
    let emptied = admin.patch(&desk, json!({"member_ids": []})).await;
    assert_eq!(emptied.body["member_ids"], json!([]), "{}", emptied.body);
}

#[tokio::test]
async fn a_patch_changes_what_it_carries_and_moves_updated_at_only_then() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let desk = front_desk(&app).await;
    let before = admin.get(&desk).await.body;

    let same = admin.patch(&desk, json!({"label": "Front Desk", "key": "front_desk"})).await;
    assert_eq!(same.status, 200, "{}", same.body);
    assert_eq!(same.body, before, "an edit to the same values is no change");

    let alice = app.user_id("admin@acme.test").await;
    let changed = admin.patch(&desk, json!({"label": "Reception", "key": "reception", "member_ids": [alice]})).await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["label"], "Reception");
    assert_eq!(changed.body["key"], "reception");
    assert_eq!(changed.body["description"], before["description"]);
    assert_eq!(changed.body["member_ids"], json!([alice]));
    assert!(changed.body["updated_at"].as_str().unwrap() > before["updated_at"].as_str().unwrap());
    assert_eq!(admin.get(&desk).await.body, changed.body);

    for (field, value, code) in [
        ("label", json!(""), "required"),
        ("key", json!("Front"), "invalid_key"),
        ("description", json!("d".repeat(501)), "too_long"),
    ] {
        assert_field(&admin.patch(&desk, json!({ field: value })).await, field, code);
    }
    let path = teams_path(&app, "Acme Dental").await;
    assert_eq!(admin.post(&path, Some(json!({"label": "Billing", "key": "billing"}))).await.status, 201);
    assert_field(&admin.patch(&desk, json!({"key": "billing"})).await, "key", "taken");
    assert_eq!(admin.get(&desk).await.body, changed.body, "refused patches change nothing");
}

#[tokio::test]
async fn deleting_a_team_leaves_its_conversations_with_the_org() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let desk = front_desk(&app).await;
    let team_id = app.team_id("front_desk").await;
    let routed = app.count_where("conversations", "team_id", team_id).await;
    assert!(routed > 0, "the demo routes conversations to front_desk");
    let conversations = app.count("conversations").await;

    assert_eq!(owner.delete(&desk).await.status, 204);
    owner.get(&desk).await.assert_error(404, "not_found");
    owner.delete(&desk).await.assert_error(404, "not_found");
    owner.patch(&desk, json!({"label": "Back"})).await.assert_error(404, "not_found");
    assert_eq!(app.count_where("conversations", "team_id", team_id).await, 0);
    assert_eq!(app.count("conversations").await, conversations);
    assert_eq!(app.count_where("team_members", "team_id", team_id).await, 0);
}

#[tokio::test]
async fn another_orgs_team_is_not_found_under_this_org() {
    let app = TestApp::new().await;
    let globex = app.login("admin@globex.test").await;
    let created =
        globex.post(&teams_path(&app, "Globex Realty").await, Some(json!({"label": "Sales", "key": "sales"}))).await;
    let foreign = format!("{}/{}", teams_path(&app, "Acme Dental").await, created.body["id"]);
    let owner = app.login("owner@northwind.test").await;
    owner.get(&foreign).await.assert_error(404, "not_found");
    owner.patch(&foreign, json!({"label": "Mine"})).await.assert_error(404, "not_found");
    owner.delete(&foreign).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn client_users_with_the_team_permission_read_teams_but_do_not_change_them() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let agent = app.login("agent@acme.test").await;
    let path = teams_path(&app, "Acme Dental").await;
    agent.get(&path).await.assert_error(403, "forbidden");

    let agent_path =
        format!("/api/v1/orgs/{}/users/{}", app.org_id("Acme Dental").await, app.user_id("agent@acme.test").await);
    let granted = owner.patch(&agent_path, json!({"permissions": ["home", "team"]})).await;
    assert_eq!(granted.status, 200);
    // Permissions are read live: the same session now may.
    assert_eq!(agent.get(&path).await.status, 200);
    assert_eq!(agent.get(&front_desk(&app).await).await.status, 200);
    agent.post(&path, Some(json!({"label": "Mine", "key": "mine"}))).await.assert_error(403, "forbidden");
    agent.patch(&front_desk(&app).await, json!({"label": "Mine"})).await.assert_error(403, "forbidden");
    agent.delete(&front_desk(&app).await).await.assert_error(403, "forbidden");
}

#[tokio::test]
async fn team_changes_are_recorded_in_the_orgs_activity_log() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let path = teams_path(&app, "Acme Dental").await;
    let created = admin.post(&path, Some(json!({"label": "Billing", "key": "billing"}))).await.body;
    let billing = format!("{path}/{}", created["id"]);
    assert_eq!(admin.patch(&billing, json!({"label": "Billing Team", "key": "billing_team"})).await.status, 200);
    assert_eq!(admin.delete(&billing).await.status, 204);

    let owner = app.login("owner@northwind.test").await;
    let log = owner.get(&format!("/api/v1/orgs/{}/activity", app.org_id("Acme Dental").await)).await.body;
    let entries: Vec<(&str, &Value, &Value)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .take(4)
        .map(|e| (e["field"].as_str().unwrap(), &e["old_value"], &e["new_value"]))
        .collect();
    assert_eq!(
        entries,
        vec![
            ("team.deleted", &json!("billing_team"), &Value::Null),
            ("team.label", &json!("billing_team: Billing"), &json!("billing_team: Billing Team")),
            ("team.key", &json!("billing"), &json!("billing_team")),
            ("team.created", &Value::Null, &json!("billing")),
        ]
    );
    assert!(log["items"].as_array().unwrap().iter().take(4).all(|e| e["actor"]["email"] == "admin@acme.test"));
}
