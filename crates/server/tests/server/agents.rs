//! The agents pool: `/api/v1/agents` and `/api/v1/agents/{id}`.

use crate::common::{item_names, TestApp};
use atrium_api::validate::FieldError;
use serde_json::{json, Value};

async fn agent_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM agents").fetch_one(&app.db).await.unwrap()
}

#[tokio::test]
async fn staff_list_their_agencys_agents_by_name() {
    let app = TestApp::new().await;
    let member = app.login("member@northwind.test").await;
    let list = member.get("/api/v1/agents").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(item_names(&list.body), ["Reception Line", "Sales Bot", "Support Bot"]);
    assert_eq!(list.body["total"], 3);
    let reception = &list.body["items"][0];
    assert_eq!(reception["id"], app.agent_id("Reception Line").await);
    assert_eq!(reception["kind"], "voice");
    assert_eq!(reception["status"], "active");
    assert_eq!(reception["description"], "Books appointments by phone.");

    let contoso = app.login("owner@contoso.test").await;
    assert_eq!(item_names(&contoso.get("/api/v1/agents").await.body), ["Helpdesk Bot"]);
}

#[tokio::test]
async fn the_list_filters_by_name_kind_and_status_and_pages() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let names = |v: &Value| item_names(v);
    assert_eq!(names(&owner.get("/api/v1/agents?kind=voice").await.body), ["Reception Line"]);
    assert_eq!(names(&owner.get("/api/v1/agents?kind=chat").await.body), ["Sales Bot", "Support Bot"]);
    assert_eq!(names(&owner.get("/api/v1/agents?q=BOT").await.body), ["Sales Bot", "Support Bot"]);
    assert_eq!(owner.get("/api/v1/agents?q=%25").await.body["total"], 0, "% is text, not a wildcard");
    assert_eq!(owner.get("/api/v1/agents?status=paused").await.body["total"], 0);

    let sales = app.agent_id("Sales Bot").await;
    let paused = json!({"name": "Sales Bot", "kind": "chat", "description": "Qualifies leads.", "status": "paused"});
    assert_eq!(owner.put(&format!("/api/v1/agents/{sales}"), paused).await.status, 200);
    assert_eq!(names(&owner.get("/api/v1/agents?status=paused").await.body), ["Sales Bot"]);
    assert_eq!(names(&owner.get("/api/v1/agents?status=active&kind=chat").await.body), ["Support Bot"]);

    let page = owner.get("/api/v1/agents?per_page=1&page=2").await.body;
    assert_eq!(names(&page), ["Sales Bot"]);
    assert_eq!(page["total"], 3);
    assert_eq!(owner.get("/api/v1/agents?per_page=1&page=9").await.body["items"], json!([]));

    for bad in ["kind=fax", "status=stopped", "page=one", "per_page=-1"] {
        owner.get(&format!("/api/v1/agents?{bad}")).await.assert_error(400, "bad_request");
    }
}

#[tokio::test]
async fn an_admin_creates_an_agent() {
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let reply = admin.post("/api/v1/agents", Some(json!({"name": "  Night Line ", "kind": "voice"}))).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let agent = &reply.body;
    let id = agent["id"].as_i64().unwrap();
    assert_eq!(reply.header("location"), Some(format!("/api/v1/agents/{id}").as_str()));
    assert_eq!(agent, &json!({"id": id, "name": "Night Line", "kind": "voice", "description": "", "status": "active"}));
    assert_eq!(&admin.get(&format!("/api/v1/agents/{id}")).await.body, agent);
    assert_eq!(admin.get("/api/v1/agents").await.body["total"], 4);
    // Only Northwind's pool grows.
    let contoso = app.login("owner@contoso.test").await;
    assert_eq!(contoso.get("/api/v1/agents").await.body["total"], 1);
    contoso.get(&format!("/api/v1/agents/{id}")).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn agent_input_is_validated() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let before = agent_count(&app).await;
    for (body, field, error) in [
        (json!({"name": "", "kind": "chat"}), "name", FieldError::Required),
        (json!({"name": "  ", "kind": "chat"}), "name", FieldError::Required),
        (json!({"name": "a".repeat(121), "kind": "chat"}), "name", FieldError::TooLong(120)),
        (
            json!({"name": "Bot", "kind": "chat", "description": "d".repeat(2001)}),
            "description",
            FieldError::TooLong(2000),
        ),
    ] {
        let reply = owner.post("/api/v1/agents", Some(body.clone())).await;
        reply.assert_error(422, "validation_failed");
        assert_eq!(reply.body["error"]["fields"][field], error.message(), "{body}");
    }
    for body in [
        json!({"name": "Bot"}),
        json!({"name": "Bot", "kind": "fax"}),
        json!({"name": "Bot", "kind": "chat", "status": "stopped"}),
        json!({"name": "Bot", "kind": "chat", "org_id": 1}),
        json!({"name": 7, "kind": "chat"}),
    ] {
        owner.post("/api/v1/agents", Some(body.clone())).await.assert_error(400, "bad_request");
    }
    assert_eq!(agent_count(&app).await, before, "nothing refused was stored");
    let longest = json!({"name": "a".repeat(120), "kind": "chat", "description": "d".repeat(2000)});
    assert_eq!(owner.post("/api/v1/agents", Some(longest)).await.status, 201);
}

#[tokio::test]
async fn an_agent_is_replaced_by_put() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let support = app.agent_id("Support Bot").await;
    let path = format!("/api/v1/agents/{support}");
    let body = json!({"name": "Support Line", "kind": "voice", "description": " Phones. ", "status": "paused"});
    let reply = owner.put(&path, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let expected =
        json!({"id": support, "name": "Support Line", "kind": "voice", "description": "Phones.", "status": "paused"});
    assert_eq!(reply.body, expected);
    assert_eq!(owner.get(&path).await.body, expected);
    // A paused agent stays assigned.
    let acme = owner.get(&format!("/api/v1/orgs/{}", app.org_id("Acme Dental").await)).await.body;
    assert!(acme["agent_ids"].as_array().unwrap().contains(&json!(support)));

    let bad = owner.put(&path, json!({"name": " ", "kind": "chat"})).await;
    bad.assert_error(422, "validation_failed");
    owner.put(&path, json!({"name": "X", "kind": "chat", "id": 5})).await.assert_error(400, "bad_request");
    assert_eq!(owner.get(&path).await.body, expected, "refused saves change nothing");
    owner.put("/api/v1/agents/999999", json!({"name": "X", "kind": "chat"})).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn deleting_an_agent_unassigns_it_everywhere_and_logs_it_in_each_org() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    // Every demo agent has conversations (which block a delete): use a new one.
    let created = owner.post("/api/v1/agents", Some(json!({"name": "Night Line", "kind": "voice"}))).await;
    let night = created.body["id"].as_i64().unwrap();
    let support = app.agent_id("Support Bot").await;
    let reception = app.agent_id("Reception Line").await;
    let acme = app.org_id("Acme Dental").await;
    let globex = app.org_id("Globex Realty").await;
    // Held by two orgs and narrowed to a user, to see every link go.
    let three = json!({"agent_ids": [support, reception, night]});
    assert_eq!(owner.put(&format!("/api/v1/orgs/{acme}/agents"), three).await.status, 200);
    let one = json!({"agent_ids": [night]});
    assert_eq!(owner.put(&format!("/api/v1/orgs/{globex}/agents"), one).await.status, 200);
    let andy = app.user_id("agent@acme.test").await;
    sqlx::query("INSERT INTO user_agents (user_id, agent_id) VALUES ($1, $2)")
        .bind(andy)
        .bind(night)
        .execute(&app.db)
        .await
        .unwrap();

    let reply = owner.delete(&format!("/api/v1/agents/{night}")).await;
    assert_eq!(reply.status, 204, "{}", reply.body);
    owner.get(&format!("/api/v1/agents/{night}")).await.assert_error(404, "not_found");
    assert_eq!(item_names(&owner.get("/api/v1/agents").await.body), ["Reception Line", "Sales Bot", "Support Bot"]);

    let mut kept = vec![support, reception];
    kept.sort_unstable();
    assert_eq!(owner.get(&format!("/api/v1/orgs/{acme}")).await.body["agent_ids"], json!(kept));
    assert_eq!(owner.get(&format!("/api/v1/orgs/{globex}")).await.body["agent_ids"], json!([]));
    assert_eq!(app.count_where("user_agents", "agent_id", night).await, 0);

    let log = owner.get(&format!("/api/v1/orgs/{acme}/activity")).await.body;
    let entry = &log["items"][0];
    assert_eq!(entry["field"], "agents");
    assert_eq!(entry["new_value"], serde_json::to_string(&kept).unwrap());
    assert_eq!(entry["actor"]["email"], "owner@northwind.test");
    assert_eq!(owner.get(&format!("/api/v1/orgs/{globex}/activity")).await.body["items"][0]["new_value"], "[]");

    owner.delete(&format!("/api/v1/agents/{night}")).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn an_agent_with_conversations_is_never_deleted() {
    // Deleting it would cascade to its conversations and their messages in every org.
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let support = app.agent_id("Support Bot").await;
    let conversations = app.count_where("conversations", "agent_id", support).await;
    assert!(conversations > 0, "the demo gives Support Bot conversations");
    let before = app.fingerprint().await;

    let reply = admin.delete(&format!("/api/v1/agents/{support}")).await;
    reply.assert_error(409, "conflict");
    assert!(reply.body["error"]["message"].as_str().unwrap().contains("Pause"), "{}", reply.body);
    assert_eq!(app.fingerprint().await, before, "a refused delete changes nothing");
    assert_eq!(app.count_where("conversations", "agent_id", support).await, conversations);
    assert_eq!(admin.get(&format!("/api/v1/agents/{support}")).await.body["name"], "Support Bot");

    // Paused, it still has its history, and still cannot be deleted.
    let paused = json!({"name": "Support Bot", "kind": "chat", "status": "paused"});
    assert_eq!(admin.put(&format!("/api/v1/agents/{support}"), paused).await.status, 200);
    admin.delete(&format!("/api/v1/agents/{support}")).await.assert_error(409, "conflict");
    // Another agency's agent is still 404 first: a 409 would confirm that it exists.
    let contoso = app.login("owner@contoso.test").await;
    contoso.delete(&format!("/api/v1/agents/{support}")).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn an_agent_without_conversations_deletes() {
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let created = admin.post("/api/v1/agents", Some(json!({"name": "Fresh Bot", "kind": "chat"}))).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let path = format!("/api/v1/agents/{}", created.body["id"]);
    assert_eq!(admin.delete(&path).await.status, 204);
    admin.get(&path).await.assert_error(404, "not_found");
    assert_eq!(app.count("conversations").await, 6, "the demo's conversations are untouched");
}

#[tokio::test]
async fn members_read_the_pool_but_never_change_it() {
    let app = TestApp::new().await;
    let member = app.login("member@northwind.test").await;
    let support = app.agent_id("Support Bot").await;
    let path = format!("/api/v1/agents/{support}");
    assert_eq!(member.get(&path).await.status, 200);
    let before = agent_count(&app).await;
    member.post("/api/v1/agents", Some(json!({"name": "Bot", "kind": "chat"}))).await.assert_error(403, "forbidden");
    member.put(&path, json!({"name": "Renamed", "kind": "chat"})).await.assert_error(403, "forbidden");
    member.delete(&path).await.assert_error(403, "forbidden");
    assert_eq!(agent_count(&app).await, before);
    assert_eq!(member.get(&path).await.body["name"], "Support Bot");
}

#[tokio::test]
async fn client_users_and_strangers_are_kept_out() {
    let app = TestApp::new().await;
    let support = app.agent_id("Support Bot").await;
    let path = format!("/api/v1/agents/{support}");
    let body = json!({"name": "Renamed", "kind": "chat"});
    // Even an agent assigned to their own org: the pool is an agency resource.
    let client = app.login("admin@acme.test").await;
    client.get("/api/v1/agents").await.assert_error(403, "forbidden");
    client.get(&path).await.assert_error(403, "forbidden");
    client.post("/api/v1/agents", Some(body.clone())).await.assert_error(403, "forbidden");
    client.put(&path, body.clone()).await.assert_error(403, "forbidden");
    client.delete(&path).await.assert_error(403, "forbidden");

    app.get("/api/v1/agents").await.assert_error(401, "unauthenticated");
    app.get(&path).await.assert_error(401, "unauthenticated");

    let contoso = app.login("owner@contoso.test").await;
    contoso.get(&path).await.assert_error(404, "not_found");
    contoso.put(&path, body).await.assert_error(404, "not_found");
    contoso.delete(&path).await.assert_error(404, "not_found");
    let owner = app.login("owner@northwind.test").await;
    assert_eq!(owner.get(&path).await.body["name"], "Support Bot", "nothing changed");
    assert_eq!(owner.get("/api/v1/orgs").await.body["items"][0]["agent_count"], 2);
}
