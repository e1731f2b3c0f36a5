//! `GET /api/v1/orgs/{org}/conversations?updated_since=...`: the conversations active at or
//! after a moment (the dashboard's "today"), given as any RFC 3339 date-time.

use crate::common::{Session, TestApp};

/// Acme's four demo conversations, last active a day apart from 1 to 4 March 2024 (UTC).
async fn spread_out(app: &TestApp) {
    for (external_id, at) in [
        ("acme-1", "2024-03-01T00:00:00.000000Z"),
        ("acme-2", "2024-03-02T00:00:00.000000Z"),
        ("acme-3", "2024-03-03T00:00:00.000000Z"),
        ("acme-4", "2024-03-04T00:00:00.000000Z"),
    ] {
        sqlx::query("UPDATE conversations SET updated_at = $1 WHERE external_id = $2")
            .bind(at)
            .bind(external_id)
            .execute(&app.db)
            .await
            .unwrap();
    }
}

async fn contacts(session: &Session<'_>, query: &str) -> Vec<String> {
    let org = session.app.org_id("Acme Dental").await;
    let reply = session.get(&format!("/api/v1/orgs/{org}/conversations{query}")).await;
    assert_eq!(reply.status, 200, "{query}: {}", reply.body);
    let items = reply.body["items"].as_array().unwrap();
    assert_eq!(reply.body["total"].as_u64(), Some(items.len() as u64), "{query}");
    items.iter().map(|c| c["contact_name"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn updated_since_keeps_what_changed_at_or_after_the_moment() {
    let app = TestApp::new().await;
    spread_out(&app).await;
    let agent = app.login("agent@acme.test").await;
    // Newest first, the moment itself included, whatever offset names it.
    let since_march_2 = ["Sam Reed", "Lena Park", "Tom Baker"];
    assert_eq!(contacts(&agent, "?updated_since=2024-03-02T00:00:00Z").await, since_march_2);
    assert_eq!(contacts(&agent, "?updated_since=2024-03-02T01:00:00%2B01:00").await, since_march_2);
    assert_eq!(contacts(&agent, "?updated_since=2024-03-01T19:00:00-05:00").await, since_march_2);
    // One microsecond (or nanosecond) later leaves that conversation out.
    assert_eq!(contacts(&agent, "?updated_since=2024-03-02T00:00:00.000001Z").await, ["Sam Reed", "Lena Park"]);
    assert_eq!(contacts(&agent, "?updated_since=2024-03-02T00:00:00.000000001Z").await, ["Sam Reed", "Lena Park"]);
    assert_eq!(contacts(&agent, "?updated_since=2024-03-05T00:00:00Z").await, Vec::<String>::new());
    assert_eq!(contacts(&agent, "?updated_since=2024-01-01T00:00:00Z").await.len(), 4);

    // With the other filters, the search, and pages.
    assert_eq!(contacts(&agent, "?updated_since=2024-03-02T00:00:00Z&status=human").await, ["Lena Park"]);
    assert_eq!(contacts(&agent, "?updated_since=2024-03-03T00:00:00Z&status=waiting").await, Vec::<String>::new());
    assert_eq!(contacts(&agent, "?updated_since=2024-03-02T00:00:00Z&q=park").await, ["Lena Park"]);
    let org = app.org_id("Acme Dental").await;
    let page = agent
        .get(&format!("/api/v1/orgs/{org}/conversations?updated_since=2024-03-02T00:00:00Z&per_page=2&page=2"))
        .await;
    assert_eq!(page.body["total"], 3);
    assert_eq!(page.body["items"][0]["contact_name"], "Tom Baker");
    // A page past the last match has no row to carry the count: it is counted on its own,
    // for a date, a scanned search (under three characters) and an indexed one alike.
    for query in ["updated_since=2024-03-02T00:00:00Z", "q=pa", "q=park&updated_since=2024-03-02T00:00:00Z"] {
        let first = agent.get(&format!("/api/v1/orgs/{org}/conversations?{query}&per_page=1")).await;
        let beyond = agent.get(&format!("/api/v1/orgs/{org}/conversations?{query}&per_page=1&page=9")).await;
        assert_eq!(beyond.status, 200, "{query}: {}", beyond.body);
        assert_eq!(beyond.body["items"].as_array().map(Vec::len), Some(0), "{query}");
        assert!(first.body["total"].as_u64() > Some(0), "{query}: {}", first.body);
        assert_eq!(beyond.body["total"], first.body["total"], "{query}");
    }

    // A conversation with new activity comes back in.
    let body = serde_json::json!({
        "org_id": org, "agent_id": app.agent_id("Support Bot").await, "external_id": "acme-1",
        "author": "visitor", "text": "Hello again", "contact_name": "Maria Lopez"
    });
    assert_eq!(app.ingest(atrium_server::seed::DEMO_API_KEY, body).await.status, 200);
    assert_eq!(contacts(&agent, "?updated_since=2024-03-04T00:00:00Z").await, ["Maria Lopez", "Sam Reed"]);
}

#[tokio::test]
async fn a_malformed_updated_since_is_400_and_changes_nothing() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let before = app.fingerprint().await;
    for bad in ["", "yesterday", "2024-03-02", "2024-03-02%2000:00:00", "2024-03-02T00:00:00", "2024-02-30T00:00:00Z"] {
        let reply = agent.get(&format!("/api/v1/orgs/{org}/conversations?updated_since={bad}")).await;
        reply.assert_error(400, "bad_request");
        let message = reply.body["error"]["message"].as_str().unwrap();
        assert!(message.contains("updated_since"), "{bad}: {message}");
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn updated_since_sees_only_the_callers_org_and_agents() {
    let app = TestApp::new().await;
    spread_out(&app).await;
    let acme = app.org_id("Acme Dental").await;
    let since = "updated_since=2000-01-01T00:00:00Z";
    // Another org's user is refused Acme's inbox exactly as without the filter.
    let globex_admin = app.login("admin@globex.test").await;
    let plain = globex_admin.get(&format!("/api/v1/orgs/{acme}/conversations")).await;
    let dated = globex_admin.get(&format!("/api/v1/orgs/{acme}/conversations?{since}")).await;
    assert!(plain.status == 403 || plain.status == 404, "{}", plain.status);
    assert_eq!((dated.status, &dated.body), (plain.status, &plain.body));
    // Their own inbox holds only their conversations.
    let globex = app.org_id("Globex Realty").await;
    let own = globex_admin.get(&format!("/api/v1/orgs/{globex}/conversations?{since}&per_page=100")).await;
    let ids: Vec<i64> = own.body["items"].as_array().unwrap().iter().map(|c| c["id"].as_i64().unwrap()).collect();
    assert!(!ids.is_empty());
    for id in ids {
        let org: i64 = sqlx::query_scalar("SELECT org_id FROM conversations WHERE id = $1")
            .bind(id)
            .fetch_one(&app.db)
            .await
            .unwrap();
        assert_eq!(org, globex);
    }
    // A client user limited to some agents sees only their conversations, dated or not.
    let admin = app.login("admin@acme.test").await;
    let agent = app.user_id("agent@acme.test").await;
    let reception = app.agent_id("Reception Line").await;
    let body = serde_json::json!({ "agent_ids": [reception] });
    let limited = admin.patch(&format!("/api/v1/orgs/{acme}/users/{agent}"), body).await;
    assert_eq!(limited.status, 200, "{}", limited.body);
    let session = app.login("agent@acme.test").await;
    assert_eq!(contacts(&session, &format!("?{since}")).await, ["Lena Park"]);
}
