//! The handoff: smart escalation at ingest, the states the server enforces, and the org
//! settings that turn it off or hide its messages.

use crate::common::{Session, TestApp};
use atrium_server::seed::DEMO_API_KEY;
use serde_json::{json, Value};

async fn message(app: &TestApp, external_id: &str, author: &str, text: &str) -> Value {
    json!({
        "org_id": app.org_id("Acme Dental").await, "agent_id": app.agent_id("Support Bot").await,
        "external_id": external_id, "author": author, "text": text, "contact_name": "Vera Visitor"
    })
}

/// Ingests and answers the conversation's status.
async fn ingest(app: &TestApp, body: Value) -> (i64, String) {
    let reply = app.ingest(DEMO_API_KEY, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    (reply.body["conversation_id"].as_i64().unwrap(), reply.body["status"].as_str().unwrap().to_string())
}

fn path(app_org: i64, id: i64, action: &str) -> String {
    format!("/api/v1/orgs/{app_org}/conversations/{id}{action}")
}

async fn conversation(session: &Session<'_>, id: i64) -> Value {
    let org = session.app.org_id("Acme Dental").await;
    let reply = session.get(&path(org, id, "")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

fn texts(conversation: &Value) -> Vec<String> {
    conversation["messages"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_string()).collect()
}

fn system_messages(conversation: &Value) -> usize {
    conversation["messages"].as_array().unwrap().iter().filter(|m| m["author"] == "system").count()
}

// ----- Escalation at ingest -----

#[tokio::test]
async fn an_explicit_request_escalates_even_without_smart_handoff() {
    let app = TestApp::new().await;
    let mut body = message(&app, "web-1", "visitor", "Hello").await;
    body["handoff_requested"] = json!(true);
    let (id, status) = ingest(&app, body).await;
    assert_eq!(status, "waiting");
    let owner = app.login("owner@northwind.test").await;
    let c = conversation(&owner, id).await;
    assert_eq!(c["status"], "waiting");
    assert_eq!(texts(&c), ["Hello", "Handoff requested."]);
    let kinds: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM conversation_events WHERE conversation_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    assert_eq!(kinds, ["conversation.created", "handoff.requested"]);

    // The runtime may ask too, on a bot message.
    let mut bot = message(&app, "web-2", "bot", "Let me get someone for you.").await;
    bot["handoff_requested"] = json!(true);
    assert_eq!(ingest(&app, bot).await.1, "waiting");
}

#[tokio::test]
async fn without_smart_handoff_words_do_not_escalate() {
    let app = TestApp::new().await;
    let (_, status) = ingest(&app, message(&app, "web-1", "visitor", "Can I talk to a person please?").await).await;
    assert_eq!(status, "bot");
    for _ in 0..3 {
        let mut bot = message(&app, "web-1", "bot", "Sorry, I did not get that.").await;
        bot["fallback"] = json!(true);
        assert_eq!(ingest(&app, bot).await.1, "bot");
    }
}

#[tokio::test]
async fn smart_handoff_hears_a_request_for_a_person_in_every_dashboard_language() {
    let app = TestApp::new().await;
    app.change_settings("Acme Dental", json!({"smart_handoff_enabled": true})).await;
    let asks = [
        ("en", "Can I talk to a person?"),
        ("es", "Quiero hablar con una persona"),
        ("fr", "Je voudrais parler à un humain"),
        ("de", "Ich möchte mit einem Menschen sprechen"),
        ("it", "Posso parlare con un operatore?"),
        ("pt", "Quero falar com uma pessoa"),
        ("nl", "Graag met een medewerker"),
        ("pl", "Chcę rozmawiać z konsultantem"),
        ("tr", "Canlı destek istiyorum"),
        ("ar", "أريد التحدث مع موظف"),
    ];
    for (lang, text) in asks {
        let (_, status) = ingest(&app, message(&app, &format!("web-{lang}"), "visitor", text).await).await;
        assert_eq!(status, "waiting", "{lang}: {text}");
    }
    // Without diacritics or in capitals too.
    let (_, status) = ingest(&app, message(&app, "web-plain", "visitor", "PARLER A UN HUMAIN").await).await;
    assert_eq!(status, "waiting");
    let (_, status) = ingest(&app, message(&app, "web-calm", "visitor", "What are your opening hours?").await).await;
    assert_eq!(status, "bot");
}

#[tokio::test]
async fn smart_handoff_escalates_when_the_bot_fails_twice_in_a_row() {
    let app = TestApp::new().await;
    app.change_settings("Acme Dental", json!({"smart_handoff_enabled": true})).await;
    let mut fallback = message(&app, "web-1", "bot", "Sorry, I did not understand.").await;
    fallback["fallback"] = json!(true);
    ingest(&app, message(&app, "web-1", "visitor", "Do you do implants?").await).await;
    assert_eq!(ingest(&app, fallback.clone()).await.1, "bot", "one failure is not enough");
    ingest(&app, message(&app, "web-1", "visitor", "Implants, for teeth").await).await;
    assert_eq!(ingest(&app, fallback.clone()).await.1, "waiting");

    // A good answer in between breaks the streak.
    ingest(&app, message(&app, "web-2", "visitor", "Hi").await).await;
    let mut streak = fallback.clone();
    streak["external_id"] = json!("web-2");
    ingest(&app, streak.clone()).await;
    ingest(&app, message(&app, "web-2", "bot", "We are open until 6pm.").await).await;
    assert_eq!(ingest(&app, streak).await.1, "bot");
}

#[tokio::test]
async fn a_request_naming_a_team_is_routed_to_it() {
    let app = TestApp::new().await;
    app.change_settings("Acme Dental", json!({"smart_handoff_enabled": true})).await;
    let admin = app.login("admin@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let team = admin
        .post(
            &format!("/api/v1/orgs/{org}/teams"),
            Some(json!({"label": "Billing", "key": "billing", "member_ids": []})),
        )
        .await;
    assert_eq!(team.status, 201, "{}", team.body);

    let (id, status) =
        ingest(&app, message(&app, "web-1", "visitor", "I want to talk to a person about billing").await).await;
    assert_eq!(status, "waiting");
    assert_eq!(conversation(&admin, id).await["team_id"], team.body["id"]);

    let (id, _) = ingest(&app, message(&app, "web-2", "visitor", "Talk to a person please").await).await;
    assert_eq!(conversation(&admin, id).await["team_id"], Value::Null, "no team named: the whole org");
}

#[tokio::test]
async fn with_handoff_off_nothing_escalates() {
    let app = TestApp::new().await;
    app.change_settings("Acme Dental", json!({"handoff_enabled": false, "smart_handoff_enabled": true})).await;
    let mut body = message(&app, "web-1", "visitor", "I want to talk to a person").await;
    body["handoff_requested"] = json!(true);
    let (id, status) = ingest(&app, body).await;
    assert_eq!(status, "bot");
    let count: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM messages WHERE conversation_id = $1 AND author = 'system'")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
    assert_eq!(count, 0);
}

// ----- The states -----

#[tokio::test]
async fn take_over_pass_back_and_close_walk_the_states() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let id = app.conversation_id("acme-2").await;
    let before = conversation(&agent, id).await;
    assert_eq!(before["status"], "waiting");

    let taken = agent.post(&path(org, id, "/take-over"), None).await;
    assert_eq!(taken.status, 200, "{}", taken.body);
    assert_eq!(taken.body["status"], "human");
    assert_eq!(taken.body["assignee_id"], app.user_id("agent@acme.test").await);
    assert_eq!(taken.body["assignee_name"], "Andy Agent");
    assert_eq!(texts(&taken.body).last().unwrap(), "A team member joined.");
    assert!(taken.body["updated_at"].as_str() > before["updated_at"].as_str());

    let replied = agent.post(&path(org, id, "/messages"), Some(json!({"text": "  Hi Tom, I can help.  "}))).await;
    assert_eq!(replied.status, 200, "{}", replied.body);
    let last = replied.body["messages"].as_array().unwrap().last().unwrap().clone();
    assert_eq!((last["author"].as_str(), last["text"].as_str()), (Some("human"), Some("Hi Tom, I can help.")));

    let passed = agent.post(&path(org, id, "/pass-to-ai"), None).await;
    assert_eq!(passed.status, 200, "{}", passed.body);
    assert_eq!(passed.body["status"], "bot");
    assert_eq!(passed.body["assignee_id"], Value::Null);
    assert_eq!(passed.body["assignee_name"], Value::Null);
    assert_eq!(texts(&passed.body).last().unwrap(), "Passed back to the assistant.");

    let closed = agent.post(&path(org, id, "/close"), None).await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    assert_eq!(closed.body["status"], "closed");
    assert_eq!(texts(&closed.body).last().unwrap(), "Conversation closed.");

    let events: Vec<(String, Option<i64>)> = sqlx::query_as(
        "SELECT kind, actor_id FROM conversation_events WHERE conversation_id = $1 AND actor_id IS NOT NULL ORDER BY id",
    )
    .bind(id)
    .fetch_all(&app.db)
    .await
    .unwrap();
    let me = Some(app.user_id("agent@acme.test").await);
    assert_eq!(
        events,
        [("handoff.accepted".into(), me), ("replied".into(), me), ("passed_to_ai".into(), me), ("closed".into(), me)]
    );
}

#[tokio::test]
async fn illegal_transitions_are_409_and_change_nothing() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let cases = [
        ("acme-3", "/take-over", None),                       // human
        ("acme-4", "/take-over", None),                       // closed
        ("acme-1", "/pass-to-ai", None),                      // bot
        ("acme-4", "/pass-to-ai", None),                      // closed
        ("acme-4", "/close", None),                           // closed
        ("acme-4", "/assign", Some(json!({}))),               // closed
        ("acme-1", "/messages", Some(json!({"text": "Hi"}))), // bot
        ("acme-2", "/messages", Some(json!({"text": "Hi"}))), // waiting
        ("acme-4", "/messages", Some(json!({"text": "Hi"}))), // closed
    ];
    let before = app.fingerprint().await;
    for (external, action, body) in cases {
        let id = app.conversation_id(external).await;
        let reply = agent.post(&path(org, id, action), body).await;
        reply.assert_error(409, "conflict");
        assert_eq!(app.fingerprint().await, before, "{action} on {external} changed something");
    }
}

#[tokio::test]
async fn assignment_takes_only_the_orgs_teams_and_users() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let id = app.conversation_id("acme-1").await;
    let globex_admin = app.login("admin@globex.test").await;
    let globex = app.org_id("Globex Realty").await;
    let foreign_team = globex_admin
        .post(
            &format!("/api/v1/orgs/{globex}/teams"),
            Some(json!({"label": "Sales", "key": "sales", "member_ids": []})),
        )
        .await
        .body["id"]
        .clone();

    let before = app.fingerprint().await;
    for (body, field) in [
        (json!({"team_id": foreign_team}), "team_id"),
        (json!({"team_id": 999_999}), "team_id"),
        (json!({"assignee_id": app.user_id("admin@globex.test").await}), "assignee_id"),
        (json!({"assignee_id": app.user_id("owner@northwind.test").await}), "assignee_id"),
    ] {
        let reply = admin.post(&path(org, id, "/assign"), Some(body)).await;
        reply.assert_error(422, "validation_failed");
        assert!(reply.body["error"]["fields"][field].is_string(), "{}", reply.body);
    }
    assert_eq!(app.fingerprint().await, before);

    let team = app.team_id("front_desk").await;
    let user = app.user_id("agent@acme.test").await;
    let reply = admin.post(&path(org, id, "/assign"), Some(json!({"team_id": team, "assignee_id": user}))).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!((reply.body["team_id"].as_i64(), reply.body["assignee_id"].as_i64()), (Some(team), Some(user)));
    assert_eq!(reply.body["status"], "bot", "assigning does not change the state");
    let cleared = admin.post(&path(org, id, "/assign"), Some(json!({"team_id": null}))).await;
    assert_eq!((cleared.body["team_id"].clone(), cleared.body["assignee_id"].clone()), (Value::Null, Value::Null));
}

#[tokio::test]
async fn an_empty_or_oversized_reply_is_422() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let id = app.conversation_id("acme-3").await;
    for text in [" ".to_string(), "x".repeat(atrium_api::conversation::MESSAGE_MAX + 1)] {
        let reply = agent.post(&path(org, id, "/messages"), Some(json!({ "text": text }))).await;
        reply.assert_error(422, "validation_failed");
    }
}

// ----- Settings -----

#[tokio::test]
async fn with_handoff_off_only_closing_works_and_transcripts_hold_no_system_messages() {
    let app = TestApp::new().await;
    app.change_settings("Acme Dental", json!({"handoff_enabled": false})).await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let waiting = app.conversation_id("acme-2").await;
    let human = app.conversation_id("acme-3").await;
    let before = app.fingerprint().await;
    for (id, action, body) in [
        (waiting, "/take-over", None),
        (human, "/pass-to-ai", None),
        (waiting, "/assign", Some(json!({}))),
        (human, "/messages", Some(json!({"text": "Hi"}))),
    ] {
        let reply = agent.post(&path(org, id, action), body).await;
        reply.assert_error(409, "conflict");
        assert!(reply.body["error"]["message"].as_str().unwrap().contains("handoff"), "{}", reply.body);
    }
    assert_eq!(app.fingerprint().await, before);

    let closed = agent.post(&path(org, human, "/close"), None).await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    assert_eq!(closed.body["status"], "closed");
    assert_eq!(system_messages(&closed.body), 0);
    for external in ["acme-1", "acme-2", "acme-3", "acme-4"] {
        let c = conversation(&agent, app.conversation_id(external).await).await;
        assert_eq!(system_messages(&c), 0, "{external}");
    }
    let list = agent.get(&format!("/api/v1/orgs/{org}/conversations")).await;
    assert!(list.body["items"].as_array().unwrap().iter().all(|c| c["last_message"]["author"] != "system"));
}

#[tokio::test]
async fn with_handoff_messages_hidden_the_transcript_leaves_them_out_but_handoff_works() {
    let app = TestApp::new().await;
    app.change_settings("Acme Dental", json!({"show_handoff_messages": false})).await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let id = app.conversation_id("acme-2").await;
    let taken = agent.post(&path(org, id, "/take-over"), None).await;
    assert_eq!(taken.status, 200, "{}", taken.body);
    assert_eq!(taken.body["status"], "human");
    assert_eq!(system_messages(&taken.body), 0);
    assert_eq!(texts(&taken.body).last().unwrap(), "Can I talk to a person please?");
    // They are kept: showing them again brings them back.
    app.change_settings("Acme Dental", json!({"show_handoff_messages": true})).await;
    assert_eq!(system_messages(&conversation(&agent, id).await), 2);
}

#[tokio::test]
async fn staff_can_take_over_too() {
    let app = TestApp::new().await;
    let member = app.login("member@northwind.test").await;
    let org = app.org_id("Acme Dental").await;
    let id = app.conversation_id("acme-1").await;
    let reply = member.post(&path(org, id, "/take-over"), None).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["assignee_id"], app.user_id("member@northwind.test").await);
}
