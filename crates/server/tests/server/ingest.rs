//! `POST /api/v1/ingest/messages`: the agent runtime's reports, authenticated by an
//! agency API key; conversations are started, continued and reopened.

use crate::common::TestApp;
use atrium_api::conversation::MESSAGE_MAX;
use atrium_api::IngestAuthor;
use atrium_server::password::token_hash;
use atrium_server::seed::DEMO_API_KEY;
use atrium_server::store::Flag;
use serde_json::{json, Value};

/// A visitor message from Support Bot's widget in Acme Dental.
async fn visitor(app: &TestApp, external_id: &str, text: &str) -> Value {
    json!({
        "org_id": app.org_id("Acme Dental").await, "agent_id": app.agent_id("Support Bot").await,
        "external_id": external_id, "author": "visitor", "text": text, "contact_name": "Vera Visitor"
    })
}

async fn transcript(app: &TestApp, id: i64) -> Value {
    let owner = app.login("owner@northwind.test").await;
    let reply = owner.get(&format!("/api/v1/orgs/{}/conversations/{id}", app.org_id("Acme Dental").await)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

#[tokio::test]
async fn a_new_external_id_starts_a_bot_conversation_and_the_same_one_continues_it() {
    let app = TestApp::new().await;
    let reply = app.ingest(DEMO_API_KEY, visitor(&app, "web-1", "Hello there").await).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["status"], "bot");
    let id = reply.body["conversation_id"].as_i64().unwrap();

    let mut bot = visitor(&app, "web-1", "Hi! How can I help?").await;
    bot["author"] = json!("bot");
    let again = app.ingest(DEMO_API_KEY, bot).await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["conversation_id"], id);

    let conversation = transcript(&app, id).await;
    assert_eq!(conversation["status"], "bot");
    assert_eq!(conversation["contact_name"], "Vera Visitor");
    assert_eq!(conversation["agent_id"], app.agent_id("Support Bot").await);
    let authors: Vec<_> = conversation["messages"].as_array().unwrap().iter().map(|m| m["author"].clone()).collect();
    assert_eq!(authors, [json!("visitor"), json!("bot")]);
    assert_eq!(conversation["messages"][0]["text"], "Hello there");
    assert_eq!(app.count_where("conversation_events", "conversation_id", id).await, 1, "conversation.created");
}

#[tokio::test]
async fn a_missing_wrong_or_revoked_key_is_401_and_changes_nothing() {
    let app = TestApp::new().await;
    let agency = app.agency_id("Northwind Agency").await;
    sqlx::query(
        "INSERT INTO api_keys (agency_id, prefix, key_hash, created_at, revoked_at) VALUES ($1, 'old', $2, 'x', 'y')",
    )
    .bind(agency)
    .bind(token_hash("revoked-key"))
    .execute(&app.db)
    .await
    .unwrap();
    let before = app.fingerprint().await;
    let body = visitor(&app, "web-1", "Hello").await;
    for key in ["wrong-key", "revoked-key", ""] {
        app.ingest(key, body.clone()).await.assert_error(401, "unauthenticated");
    }
    // No header at all, and a session instead of a key.
    app.call(axum::http::Method::POST, "/api/v1/ingest/messages", Some(body.clone()))
        .await
        .assert_error(401, "unauthenticated");
    assert_eq!(app.fingerprint().await, before);
    let owner = app.login("owner@northwind.test").await;
    owner.post("/api/v1/ingest/messages", Some(body)).await.assert_error(401, "unauthenticated");
    assert_eq!(app.count("conversations").await, 6);
}

#[tokio::test]
async fn another_agencys_missing_or_archived_org_is_the_same_422() {
    let app = TestApp::new().await;
    let mut errors = Vec::new();
    for org_id in [app.org_id("Initech").await, 999_999] {
        let mut body = visitor(&app, "web-1", "Hello").await;
        body["org_id"] = json!(org_id);
        let reply = app.ingest(DEMO_API_KEY, body).await;
        reply.assert_error(422, "validation_failed");
        assert!(reply.body["error"]["fields"]["org_id"].is_string(), "{}", reply.body);
        errors.push(reply.body);
    }
    assert_eq!(errors[0], errors[1], "a foreign org reads exactly as a missing one");

    sqlx::query("UPDATE orgs SET archived = TRUE WHERE name = 'Acme Dental'").execute(&app.db).await.unwrap();
    let reply = app.ingest(DEMO_API_KEY, visitor(&app, "web-1", "Hello").await).await;
    reply.assert_error(422, "validation_failed");
    assert!(reply.body["error"]["fields"]["org_id"].is_string());
    assert_eq!(app.count("conversations").await, 6);
}

#[tokio::test]
async fn an_agent_not_assigned_to_the_org_is_422() {
    let app = TestApp::new().await;
    for agent in ["Sales Bot", "Helpdesk Bot"] {
        let mut body = visitor(&app, "web-1", "Hello").await;
        body["agent_id"] = json!(app.agent_id(agent).await);
        let reply = app.ingest(DEMO_API_KEY, body).await;
        reply.assert_error(422, "validation_failed");
        assert!(reply.body["error"]["fields"]["agent_id"].is_string(), "{agent}: {}", reply.body);
    }
    assert_eq!(app.count("conversations").await, 6);
}

#[tokio::test]
async fn empty_or_oversized_text_is_422_and_nothing_is_stored() {
    let app = TestApp::new().await;
    let before = app.count("messages").await;
    for text in ["".to_string(), "   ".to_string(), "x".repeat(MESSAGE_MAX + 1)] {
        let reply = app.ingest(DEMO_API_KEY, visitor(&app, "web-1", &text).await).await;
        reply.assert_error(422, "validation_failed");
        assert!(reply.body["error"]["fields"]["text"].is_string(), "{}", reply.body);
    }
    let reply = app.ingest(DEMO_API_KEY, visitor(&app, "", "Hello").await).await;
    assert!(reply.body["error"]["fields"]["external_id"].is_string(), "{}", reply.body);
    let mut unknown_author = visitor(&app, "web-1", "Hello").await;
    unknown_author["author"] = json!("human");
    assert_eq!(app.ingest(DEMO_API_KEY, unknown_author).await.status, 400);
    assert_eq!(app.count("messages").await, before);
    assert_eq!(app.count("conversations").await, 6);
}

#[tokio::test]
async fn a_visitor_writing_to_a_closed_conversation_reopens_it_for_the_bot() {
    let app = TestApp::new().await;
    let closed = app.conversation_id("acme-4").await;
    // The bot speaking does not reopen it.
    let mut bot = visitor(&app, "acme-4", "Anything else?").await;
    bot["author"] = json!("bot");
    assert_eq!(app.ingest(DEMO_API_KEY, bot).await.body["status"], "closed");

    let reply = app.ingest(DEMO_API_KEY, visitor(&app, "acme-4", "One more question").await).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body, json!({"conversation_id": closed, "status": "bot"}));
    let conversation = transcript(&app, closed).await;
    assert_eq!(conversation["status"], "bot");
    assert_eq!(conversation["assignee_id"], Value::Null);
    assert_eq!(conversation["messages"].as_array().unwrap().last().unwrap()["text"], "One more question");
}

#[tokio::test]
async fn the_same_external_id_in_another_org_is_another_conversation() {
    let app = TestApp::new().await;
    let acme = app.ingest(DEMO_API_KEY, visitor(&app, "shared-id", "Hi").await).await;
    let mut globex = visitor(&app, "shared-id", "Hi").await;
    globex["org_id"] = json!(app.org_id("Globex Realty").await);
    globex["agent_id"] = json!(app.agent_id("Sales Bot").await);
    let other = app.ingest(DEMO_API_KEY, globex).await;
    assert_eq!(other.status, 200, "{}", other.body);
    assert_ne!(acme.body["conversation_id"], other.body["conversation_id"]);
}

/// Messages that arrive while the database is busy are written together, in one
/// transaction (`store/ingest_queue.rs`). One of them that the database refuses must not
/// take its neighbours down with it: the batch is written again one by one, the refused
/// message alone gets the error, every other one is saved and answered as usual.
#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_message_refused_inside_a_batch_is_refused_alone() {
    use sqlx::Connection;
    let app = TestApp::new_sqlite().await;
    // What the database refuses here: this one text (as it would a message that broke a
    // constraint or the disk's last page).
    sqlx::query(
        "CREATE TRIGGER refuse_the_poison BEFORE INSERT ON messages WHEN new.text = 'Poison pill' \
         BEGIN SELECT RAISE(ABORT, 'refused for the test'); END",
    )
    .execute(&app.db)
    .await
    .unwrap();
    // Another process holds the write lock, so the messages queue up behind it.
    let url = format!("sqlite://{}", app.db_path().display());
    let mut other = sqlx::SqliteConnection::connect(&url).await.unwrap();
    sqlx::query("BEGIN IMMEDIATE").execute(&mut other).await.unwrap();

    let mut bodies = Vec::new();
    for n in 0..20 {
        let text = if n == 13 { "Poison pill".to_string() } else { format!("Batched question {n}") };
        bodies.push(visitor(&app, &format!("batch-{n}"), &text).await);
    }
    let sent = futures_util::future::join_all(bodies.into_iter().map(|body| app.ingest(DEMO_API_KEY, body)));
    let (replies, ()) = tokio::join!(sent, async {
        tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        sqlx::query("COMMIT").execute(&mut other).await.unwrap();
    });

    for (n, reply) in replies.into_iter().enumerate() {
        if n == 13 {
            reply.assert_error(500, "internal");
            continue;
        }
        assert_eq!(reply.status, 200, "message {n}: {}", reply.body);
        let id = reply.body["conversation_id"].as_i64().unwrap();
        let conversation = transcript(&app, id).await;
        assert_eq!(conversation["messages"][0]["text"], format!("Batched question {n}"));
    }
    let batched: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM conversations WHERE external_id LIKE 'batch-%'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(batched, 19, "every message but the refused one started its conversation, the refused one none");
    assert!(app.state.ingest.batch_counts().refused >= 1, "{:?}", app.state.ingest.batch_counts());
}

/// One step of [`a_batch_writes_what_one_message_at_a_time_writes`]: the conversation
/// (by suffix), author, text, contact name, fallback flag.
type Step = (&'static str, IngestAuthor, &'static str, &'static str, bool);

/// What the script left in a conversation: status, team, contact name, each message's
/// author, text and fallback flag, each event's kind.
async fn written(app: &TestApp, org: i64, external_id: &str) -> String {
    let (id, status, team, contact): (i64, String, Option<i64>, String) = sqlx::query_as(
        "SELECT id, status, team_id, contact_name FROM conversations WHERE org_id = $1 AND external_id = $2",
    )
    .bind(org)
    .bind(external_id)
    .fetch_one(&app.db)
    .await
    .unwrap();
    let messages: Vec<(String, String, Flag)> =
        sqlx::query_as("SELECT author, text, fallback FROM messages WHERE conversation_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    let messages: Vec<_> = messages.into_iter().map(|(a, t, f)| format!("{a}: {t} {}", f.0)).collect();
    let events: Vec<String> =
        sqlx::query_scalar("SELECT kind FROM conversation_events WHERE conversation_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&app.db)
            .await
            .unwrap();
    format!("{status} {team:?} {contact:?} {messages:?} {events:?}")
}

/// Messages that arrive together are written in rounds, several conversations per
/// statement (`store/ingest.rs`). Whatever the mix (new, continued, reopened and escalated
/// conversations, two and three messages to one conversation in one batch, a bot's
/// fallbacks in a row, a name learnt later), the batch must leave exactly what the same
/// messages leave written one at a time, and each escalation decision must see the same.
#[tokio::test]
async fn a_batch_writes_what_one_message_at_a_time_writes() {
    use atrium_server::store::ingest::{Decide, Escalation, IngestRow};
    use atrium_server::store::ingest_queue::BatchCounts;
    use std::sync::{Arc, Mutex};
    let app = TestApp::new().await;
    let (org, agent) = (app.org_id("Acme Dental").await, app.agent_id("Support Bot").await);
    let team: i64 =
        sqlx::query_scalar("SELECT MIN(id) FROM teams WHERE org_id = $1").bind(org).fetch_one(&app.db).await.unwrap();
    let (visitor, bot) = (IngestAuthor::Visitor, IngestAuthor::Bot);
    let script: [Step; 10] = [
        ("a", visitor, "Hello", "Ann", false),
        ("b", visitor, "Back again", "", false),
        ("c", visitor, "No name yet", "", false),
        ("a", bot, "Hi there", "", false),
        ("b", bot, "Sorry?", "", true),
        ("c", visitor, "Now I have one", "Carla", false),
        ("a", visitor, "A person please", "", false),
        ("b", bot, "Sorry again?", "", true),
        ("d", bot, "Bot speaks first", "Dan", false),
        ("d", visitor, "Reply", "", false),
    ];
    // The escalation rules under test see only what the store gives them; these record
    // it: a visitor asking for a person goes to the org, two fallbacks go to the team
    // named by the visitor's last words.
    let seen = Arc::new(Mutex::new(Vec::new()));
    let decide = |text: &'static str| -> Decide {
        let seen = seen.clone();
        Arc::new(move |ctx| {
            let line = format!("{text}: {:?} {} {:?}", ctx.status, ctx.fallback_streak, ctx.last_visitor_text);
            seen.lock().unwrap().push(line);
            if text.contains("person") {
                return Some(Escalation { team_id: None });
            }
            ctx.fallback_streak.then(|| Escalation { team_id: ctx.last_visitor_text.as_ref().map(|_| team) })
        })
    };
    let row = |run: &str, (conversation, author, text, contact, fallback): Step| IngestRow {
        org_id: org,
        agent_id: agent,
        external_id: format!("{run}-{conversation}"),
        author,
        text: text.to_string(),
        contact_name: contact.to_string(),
        fallback,
    };
    // Conversation b exists, closed, before each run.
    for run in ["alone", "together"] {
        app.state
            .ingest
            .ingest(row(run, ("b", visitor, "First visit", "Bea", false)), decide("First visit"))
            .await
            .unwrap();
        sqlx::query("UPDATE conversations SET status = 'closed' WHERE external_id = $1")
            .bind(format!("{run}-b"))
            .execute(&app.db)
            .await
            .unwrap();
    }
    seen.lock().unwrap().clear();

    let mut alone = Vec::new();
    for step in script {
        let ingested = app.state.ingest.ingest(row("alone", step), decide(step.2)).await.unwrap();
        alone.push((ingested.status, ingested.escalated));
    }
    let mut seen_alone = std::mem::take(&mut *seen.lock().unwrap());
    // On this test's single thread every message is queued before the writer runs: one batch.
    let together = futures_util::future::join_all(
        script.map(|step| app.state.ingest.ingest(row("together", step), decide(step.2))),
    )
    .await;
    let together: Vec<_> = together.into_iter().map(|i| i.map(|i| (i.status, i.escalated)).unwrap()).collect();
    let mut seen_together = std::mem::take(&mut *seen.lock().unwrap());
    // Written together indeed (a refused batch is written again one by one).
    assert_eq!(app.state.ingest.batch_counts(), BatchCounts { together: 1, refused: 0 });

    assert_eq!(together, alone);
    seen_alone.sort();
    seen_together.sort();
    assert_eq!(seen_together, seen_alone);
    for conversation in ["a", "b", "c", "d"] {
        let (one, batch) = (format!("alone-{conversation}"), format!("together-{conversation}"));
        assert_eq!(written(&app, org, &batch).await, written(&app, org, &one).await, "conversation {conversation}");
    }
    // The script did what it means to: escalated a (to the org) and b (to the team), reopened b, named c.
    assert!(
        written(&app, org, "alone-a").await.starts_with("waiting None \"Ann\""),
        "{}",
        written(&app, org, "alone-a").await
    );
    let b = written(&app, org, "alone-b").await;
    assert!(b.starts_with(&format!("waiting Some({team}) \"Bea\"")) && b.contains("conversation.reopened"), "{b}");
    assert!(written(&app, org, "alone-c").await.starts_with("bot None \"Carla\""));
}
