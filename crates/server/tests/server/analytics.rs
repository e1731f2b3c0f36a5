//! `GET /api/v1/orgs/{org}/analytics`: per-day counts and the median first response.

use crate::common::TestApp;
use atrium_server::seed::DEMO_API_KEY;
use serde_json::{json, Value};

async fn analytics(app: &TestApp, email: &str, query: &str) -> Value {
    let session = app.login(email).await;
    let org = app.org_id("Acme Dental").await;
    let reply = session.get(&format!("/api/v1/orgs/{org}/analytics{query}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

/// `field` summed over the period: what the demo and the test made (summing, rather than
/// reading today's row, keeps a test that runs across midnight UTC right).
fn total(body: &Value, field: &str) -> i64 {
    body["days"].as_array().unwrap().iter().map(|d| d[field].as_i64().unwrap()).sum()
}

#[tokio::test]
async fn thirty_utc_days_by_default_ending_today_with_the_demo_history() {
    let app = TestApp::new().await;
    let body = analytics(&app, "admin@acme.test", "").await;
    let days = body["days"].as_array().unwrap();
    assert_eq!(days.len(), 30);
    let dates: Vec<&str> = days.iter().map(|d| d["date"].as_str().unwrap()).collect();
    assert!(dates.windows(2).all(|w| w[0] < w[1]), "oldest first");
    assert!(dates.iter().all(|d| d.len() == 10));
    // The demo's four Acme conversations: three asked for a person, two were taken.
    assert_eq!(total(&body, "conversations"), 4);
    assert_eq!(total(&body, "handoffs_requested"), 3);
    assert_eq!(total(&body, "handoffs_accepted"), 2);
    assert_eq!(days[0]["conversations"], 0);
    assert_eq!(days.last().unwrap()["date"].as_str().map(str::len), Some(10));
    assert_eq!(analytics(&app, "admin@acme.test", "?days=365").await["days"].as_array().unwrap().len(), 365);
    assert_eq!(analytics(&app, "admin@acme.test", "?days=1").await["days"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn days_out_of_range_are_422() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let org = app.org_id("Acme Dental").await;
    for days in ["0", "366"] {
        let reply = owner.get(&format!("/api/v1/orgs/{org}/analytics?days={days}")).await;
        reply.assert_error(422, "validation_failed");
        assert!(reply.body["error"]["fields"]["days"].is_string());
    }
    assert_eq!(owner.get(&format!("/api/v1/orgs/{org}/analytics?days=-1")).await.status, 400);
}

#[tokio::test]
async fn filters_narrow_to_an_agent_or_a_team() {
    let app = TestApp::new().await;
    let reception = app.agent_id("Reception Line").await;
    let body = analytics(&app, "owner@northwind.test", &format!("?agent_id={reception}")).await;
    assert_eq!(total(&body, "conversations"), 1);
    let team = app.team_id("front_desk").await;
    let body = analytics(&app, "owner@northwind.test", &format!("?team_id={team}")).await;
    assert_eq!(total(&body, "conversations"), 2);
    assert_eq!(total(&body, "handoffs_accepted"), 1);
}

#[tokio::test]
async fn the_median_first_response_follows_requests_and_replies() {
    let app = TestApp::new().await;
    assert_eq!(analytics(&app, "admin@acme.test", "").await["median_first_response_seconds"], Value::Null);
    let org = app.org_id("Acme Dental").await;
    let body = json!({
        "org_id": org, "agent_id": app.agent_id("Support Bot").await, "external_id": "web-1",
        "author": "visitor", "text": "A person please", "handoff_requested": true
    });
    let id = app.ingest(DEMO_API_KEY, body).await.body["conversation_id"].as_i64().unwrap();
    let agent = app.login("agent@acme.test").await;
    assert_eq!(agent.post(&format!("/api/v1/orgs/{org}/conversations/{id}/take-over"), None).await.status, 200);
    let reply =
        agent.post(&format!("/api/v1/orgs/{org}/conversations/{id}/messages"), Some(json!({"text": "Hi!"}))).await;
    assert_eq!(reply.status, 200);

    // Known waits: each answered request an hour ago, its first human reply 30 s, 90 s and
    // 10 min later. The median is the middle one, whatever the clock did while the test ran.
    let answered: Vec<i64> = sqlx::query_scalar(
        "SELECT DISTINCT e.conversation_id FROM conversation_events e JOIN conversations c ON c.id = e.conversation_id \
         WHERE c.org_id = $1 AND e.kind = 'handoff.requested' AND EXISTS (SELECT 1 FROM messages m \
         WHERE m.conversation_id = e.conversation_id AND m.author = 'human') ORDER BY e.conversation_id",
    )
    .bind(org)
    .fetch_all(&app.db)
    .await
    .unwrap();
    assert_eq!(answered.len(), 3, "two answered in the seed, and this one");
    for (conversation, wait) in answered.iter().zip([30, 90, 600]) {
        sqlx::query(
            "UPDATE conversation_events SET created_at = $1 WHERE conversation_id = $2 AND kind = 'handoff.requested'",
        )
        .bind(atrium_server::store::seconds_from_now(-3600))
        .bind(conversation)
        .execute(&app.db)
        .await
        .unwrap();
        sqlx::query("UPDATE messages SET created_at = $1 WHERE conversation_id = $2 AND author = 'human'")
            .bind(atrium_server::store::seconds_from_now(-3600 + wait))
            .bind(conversation)
            .execute(&app.db)
            .await
            .unwrap();
    }
    let body = analytics(&app, "admin@acme.test", "").await;
    let median = body["median_first_response_seconds"].as_i64().unwrap();
    // Both timestamps are taken a moment apart above: allow the second between them.
    assert!((90..=91).contains(&median), "{body}");
    assert_eq!(total(&body, "handoffs_requested"), 4);
    assert_eq!(total(&body, "handoffs_accepted"), 3);
    assert_eq!(total(&body, "conversations"), 5);
}
