//! How the agent runtime connects: agency API keys (`/api/v1/api-keys`), per-org handoff
//! keyword rules (`/api/v1/orgs/{org}/handoff-rules`) and what they do in ingest, and the
//! demo simulator's round.

use crate::common::TestApp;
use atrium_server::password::token_hash;
use atrium_server::simulator;
use atrium_server::state::{AppState, Settings};
use serde_json::{json, Value};

async fn visitor(app: &TestApp, external_id: &str, text: &str) -> Value {
    json!({
        "org_id": app.org_id("Acme Dental").await, "agent_id": app.agent_id("Support Bot").await,
        "external_id": external_id, "author": "visitor", "text": text, "contact_name": "Vera Visitor"
    })
}

#[tokio::test]
async fn a_created_key_is_shown_once_works_for_ingest_and_stops_when_revoked() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let created = owner.post("/api/v1/api-keys", None).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let secret = created.body["secret"].as_str().unwrap().to_string();
    assert!(secret.starts_with("atr_") && secret.len() == 4 + 64, "{secret}");
    let prefix = created.body["key"]["prefix"].as_str().unwrap();
    assert_eq!(prefix, &secret[..12]);
    let id = created.body["key"]["id"].as_i64().unwrap();

    // Only the hash is stored, and the list shows the prefix only, newest first.
    let stored: String =
        sqlx::query_scalar("SELECT key_hash FROM api_keys WHERE id = $1").bind(id).fetch_one(&app.db).await.unwrap();
    assert_eq!(stored, token_hash(&secret));
    let list = owner.get("/api/v1/api-keys").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["items"][0]["id"], id);
    assert_eq!(list.body["items"][1]["prefix"], "northwind");
    assert!(!list.body.to_string().contains(&secret), "the secret is never shown again");

    let ingested = app.ingest(&secret, visitor(&app, "key-1", "Hello").await).await;
    assert_eq!(ingested.status, 200, "{}", ingested.body);

    // `{}` as a body is accepted too.
    let admin = app.login("admin@northwind.test").await;
    assert_eq!(admin.post("/api/v1/api-keys", Some(json!({}))).await.status, 201);

    assert_eq!(admin.delete(&format!("/api/v1/api-keys/{id}")).await.status, 204);
    let revoked = owner.get("/api/v1/api-keys").await;
    let row = revoked.body["items"].as_array().unwrap().iter().find(|k| k["id"] == id).unwrap().clone();
    assert!(row["revoked_at"].is_string(), "{row}");
    app.ingest(&secret, visitor(&app, "key-1", "Still there?").await).await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn keys_are_the_agencys_own_and_only_its_admins_manage_them() {
    let app = TestApp::new().await;
    let northwind_key: i64 =
        sqlx::query_scalar("SELECT id FROM api_keys WHERE prefix = 'northwind'").fetch_one(&app.db).await.unwrap();
    let contoso = app.login("owner@contoso.test").await;
    assert_eq!(contoso.get("/api/v1/api-keys").await.body["total"], 0);
    assert_eq!(contoso.delete(&format!("/api/v1/api-keys/{northwind_key}")).await.status, 404);
    for who in ["member@northwind.test", "admin@acme.test"] {
        let session = app.login(who).await;
        assert_eq!(session.get("/api/v1/api-keys").await.status, 403, "{who}");
        assert_eq!(session.post("/api/v1/api-keys", None).await.status, 403, "{who}");
        assert_eq!(session.delete(&format!("/api/v1/api-keys/{northwind_key}")).await.status, 403, "{who}");
    }
    let owner = app.login("owner@northwind.test").await;
    assert_eq!(owner.delete("/api/v1/api-keys/999999").await.status, 404);
}

#[tokio::test]
async fn rules_are_listed_created_checked_and_deleted() {
    let app = TestApp::new().await;
    let acme = app.org_id("Acme Dental").await;
    let path = format!("/api/v1/orgs/{acme}/handoff-rules");
    let owner = app.login("owner@northwind.test").await;
    let front_desk = app.team_id("front_desk").await;

    let created = owner.post(&path, Some(json!({"keyword": "  Refund ", "team_id": front_desk}))).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["keyword"], "Refund");
    assert_eq!(created.body["team_id"], front_desk);
    let id = created.body["id"].as_i64().unwrap();

    owner.post(&path, Some(json!({"keyword": "refund"}))).await.assert_error(422, "validation_failed");
    owner.post(&path, Some(json!({"keyword": ""}))).await.assert_error(422, "validation_failed");
    // Another org's team is not one of Acme's.
    let globex = app.org_id("Globex Realty").await;
    let admin = app.login("admin@northwind.test").await;
    let other = admin
        .post(
            &format!("/api/v1/orgs/{globex}/teams"),
            Some(json!({"label": "Sales", "key": "sales", "member_ids": []})),
        )
        .await;
    assert_eq!(other.status, 201, "{}", other.body);
    let foreign = owner.post(&path, Some(json!({"keyword": "sale", "team_id": other.body["id"]}))).await;
    foreign.assert_error(422, "validation_failed");
    assert_eq!(foreign.body["error"]["field_codes"]["team_id"], "unknown", "{}", foreign.body);

    let member = app.login("member@northwind.test").await;
    let list = member.get(&path).await;
    assert_eq!(list.status, 200, "{}", list.body);
    let keywords: Vec<_> = list.body["items"].as_array().unwrap().iter().map(|r| r["keyword"].clone()).collect();
    assert_eq!(keywords, [json!("emergency"), json!("Refund")]);
    assert_eq!(member.post(&path, Some(json!({"keyword": "x"}))).await.status, 403);
    assert_eq!(app.login("admin@acme.test").await.get(&path).await.status, 403);
    assert_eq!(app.login("owner@contoso.test").await.get(&path).await.status, 404);

    // Deleting the team keeps the rule, routed to the org.
    assert_eq!(owner.delete(&format!("/api/v1/orgs/{acme}/teams/{front_desk}")).await.status, 204);
    let after = owner.get(&path).await;
    assert!(after.body["items"].as_array().unwrap().iter().all(|r| r["team_id"].is_null()), "{}", after.body);

    assert_eq!(owner.delete(&format!("{path}/{id}")).await.status, 204);
    assert_eq!(owner.delete(&format!("{path}/{id}")).await.status, 404);
    assert_eq!(owner.get(&path).await.body["total"], 1);
}

#[tokio::test]
async fn a_keyword_escalates_and_routes_where_smart_handoff_is_on() {
    let app = TestApp::new().await;
    let acme = app.org_id("Acme Dental").await;
    let owner = app.login("owner@northwind.test").await;
    let front_desk = app.team_id("front_desk").await;
    let path = format!("/api/v1/orgs/{acme}/handoff-rules");
    assert_eq!(owner.post(&path, Some(json!({"keyword": "réfund", "team_id": front_desk}))).await.status, 201);
    assert_eq!(owner.post(&path, Some(json!({"keyword": "invoice"}))).await.status, 201);

    // Smart handoff off: the keyword does nothing.
    let key = atrium_server::seed::DEMO_API_KEY;
    let off = app.ingest(key, visitor(&app, "kw-0", "I want a refund").await).await;
    assert_eq!(off.body["status"], "bot", "{}", off.body);

    app.change_settings("Acme Dental", json!({"smart_handoff_enabled": true})).await;
    let on = app.ingest(key, visitor(&app, "kw-1", "I want a REFUND!").await).await;
    assert_eq!(on.body["status"], "waiting", "{}", on.body);
    let id = on.body["conversation_id"].as_i64().unwrap();
    let conversation = owner.get(&format!("/api/v1/orgs/{acme}/conversations/{id}")).await;
    assert_eq!(conversation.body["team_id"], front_desk, "{}", conversation.body);

    // A rule without a team: to the org.
    let org_wide = app.ingest(key, visitor(&app, "kw-2", "question about my invoice").await).await;
    assert_eq!(org_wide.body["status"], "waiting", "{}", org_wide.body);
    let id = org_wide.body["conversation_id"].as_i64().unwrap();
    let conversation = owner.get(&format!("/api/v1/orgs/{acme}/conversations/{id}")).await;
    assert!(conversation.body["team_id"].is_null(), "{}", conversation.body);

    // Not a whole word, and the bot's own words: nothing.
    let partial = app.ingest(key, visitor(&app, "kw-3", "refunded already, thanks").await).await;
    assert_eq!(partial.body["status"], "bot", "{}", partial.body);
    let mut bot = visitor(&app, "kw-3", "Refund policies are on our site").await;
    bot["author"] = json!("bot");
    assert_eq!(app.ingest(key, bot).await.body["status"], "bot");
}

#[tokio::test]
async fn a_simulator_tick_talks_in_both_demo_orgs() {
    let app = TestApp::new().await;
    let state = AppState::new(app.db.clone(), Settings::default());
    let before = app.count("messages").await;
    let conversations = app.count("conversations").await;
    let sent = simulator::tick(&state).await.unwrap();
    assert!(sent >= 2, "at least a visitor and a bot message: {sent}");
    assert_eq!(app.count("messages").await, before + sent as i64 + waiting_notices(&app).await);
    assert_eq!(app.count("conversations").await, conversations + 2, "one in Acme Dental, one in Globex Realty");
    let sim: Vec<i64> = sqlx::query_scalar("SELECT DISTINCT org_id FROM conversations WHERE external_id LIKE 'sim-%'")
        .fetch_all(&app.db)
        .await
        .unwrap();
    assert_eq!(sim.len(), 2);
}

/// The "Handoff requested." notices the simulator's requests added.
async fn waiting_notices(app: &TestApp) -> i64 {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM messages m JOIN conversations c ON c.id = m.conversation_id \
         WHERE c.external_id LIKE 'sim-%' AND m.author = 'system'",
    )
    .fetch_one(&app.db)
    .await
    .unwrap()
}

#[tokio::test]
async fn the_simulator_does_nothing_without_the_demo_orgs() {
    let app = TestApp::new().await;
    sqlx::query("UPDATE orgs SET name = name || ' (renamed)'").execute(&app.db).await.unwrap();
    let state = AppState::new(app.db.clone(), Settings::default());
    let before = app.count("messages").await;
    assert_eq!(simulator::tick(&state).await.unwrap(), 0);
    assert_eq!(app.count("messages").await, before);
}
