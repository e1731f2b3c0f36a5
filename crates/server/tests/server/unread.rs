//! Unread markers in the inbox: a message by someone else since the caller last opened a
//! conversation marks it unread for them, and only for them.

use crate::common::{Session, TestApp};
use atrium_server::seed::DEMO_API_KEY;
use serde_json::{json, Value};

/// The `unread` flag of conversation `id` in the caller's inbox.
async fn unread(session: &Session<'_>, org: i64, id: i64) -> bool {
    let reply = session.get(&format!("/api/v1/orgs/{org}/conversations?per_page=100")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let items = reply.body["items"].as_array().expect("items");
    let row: &Value = items.iter().find(|c| c["id"] == id).expect("the conversation is listed");
    row["unread"].as_bool().expect("unread is a boolean")
}

async fn open(session: &Session<'_>, org: i64, id: i64) {
    let reply = session.get(&format!("/api/v1/orgs/{org}/conversations/{id}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn a_new_message_is_unread_until_the_user_opens_the_conversation() {
    let app = TestApp::new().await;
    let org = app.org_id("Acme Dental").await;
    let agent_id = app.agent_id("Support Bot").await;
    let send = |text: &str| {
        json!({"org_id": org, "agent_id": agent_id, "external_id": "unread-1", "author": "visitor",
               "text": text, "contact_name": "Una Read"})
    };
    assert_eq!(app.ingest(DEMO_API_KEY, send("Hello?")).await.status, 200);
    let id = app.conversation_id("unread-1").await;
    let agent = app.login("agent@acme.test").await;
    let admin = app.login("admin@acme.test").await;
    let staff = app.login("owner@northwind.test").await;
    assert!(unread(&agent, org, id).await, "a new visitor message is unread");
    assert!(unread(&admin, org, id).await);

    // Opening it clears the marker for that user only.
    open(&agent, org, id).await;
    assert!(!unread(&agent, org, id).await, "opened");
    assert!(unread(&admin, org, id).await, "another user has not opened it");
    assert!(unread(&staff, org, id).await);
    open(&staff, org, id).await;
    assert!(!unread(&staff, org, id).await, "staff have read marks too");

    // The caller's own take-over and reply do not make it unread for them, but do for others.
    open(&admin, org, id).await;
    assert!(!unread(&admin, org, id).await);
    let path = format!("/api/v1/orgs/{org}/conversations/{id}");
    assert_eq!(agent.post(&format!("{path}/take-over"), None).await.status, 200);
    assert_eq!(agent.post(&format!("{path}/messages"), Some(json!({"text": "Hi Una"}))).await.status, 200);
    assert!(!unread(&agent, org, id).await, "the caller's own reply");
    assert!(unread(&admin, org, id).await, "someone else's reply");

    // A newer visitor message makes it unread again.
    assert_eq!(app.ingest(DEMO_API_KEY, send("Thanks!")).await.status, 200);
    assert!(unread(&agent, org, id).await, "a newer visitor message");
}

#[tokio::test]
async fn opening_a_conversation_records_one_read_row() {
    let app = TestApp::new().await;
    let org = app.org_id("Acme Dental").await;
    let agent = app.login("agent@acme.test").await;
    let id = app.conversation_id("acme-1").await;
    open(&agent, org, id).await;
    assert_eq!(app.count_where("conversation_reads", "conversation_id", id).await, 1);
}
