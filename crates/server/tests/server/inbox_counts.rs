//! The inbox's `total` through every way conversations change: new ones at ingest, state
//! changes, assignments, a team or user deleted under them, an org deleted. Without a
//! search or a date the total comes from kept counts (`conversation_counts`), so each check
//! holds it against the rows the inbox lists and against the same filter with a date that
//! every conversation passes, which counts the conversations themselves.

use crate::common::{Session, TestApp};
use atrium_server::seed::DEMO_API_KEY;
use serde_json::{json, Value};

/// Before any conversation: the date filter then keeps them all.
const LONG_AGO: &str = "2000-01-01T00:00:00Z";

fn inbox(org: i64) -> String {
    format!("/api/v1/orgs/{org}/conversations")
}

/// The filters a check walks: none, each status, and the org's team, assignee and agents,
/// some combined.
async fn filters(app: &TestApp, org: i64) -> Vec<String> {
    let mut out: Vec<String> = vec![String::new()];
    for status in ["bot", "waiting", "human", "closed"] {
        out.push(format!("&status={status}"));
    }
    let team = app.team_id("front_desk").await;
    let user = app.user_id("agent@acme.test").await;
    out.push(format!("&team_id={team}"));
    out.push(format!("&assignee_id={user}"));
    out.push(format!("&status=human&assignee_id={user}"));
    out.push(format!("&status=bot&team_id={team}&assignee_id={user}"));
    let agents: Vec<i64> = sqlx::query_scalar("SELECT agent_id FROM org_agents WHERE org_id = $1 ORDER BY agent_id")
        .bind(org)
        .fetch_all(&app.db)
        .await
        .unwrap();
    for agent in agents {
        out.push(format!("&agent_id={agent}"));
        out.push(format!("&agent_id={agent}&status=bot"));
    }
    out
}

/// The total of each filter, after checking it against the listed rows and the counted one.
async fn totals(session: &Session<'_>, org: i64, filters: &[String]) -> Vec<u64> {
    let mut out = Vec::new();
    for filter in filters {
        let page = session.get(&format!("{}?per_page=100{filter}", inbox(org))).await;
        assert_eq!(page.status, 200, "{filter}: {}", page.body);
        let total = page.body["total"].as_u64().unwrap();
        assert!(total < 100, "the page holds every row");
        assert_eq!(total, page.body["items"].as_array().unwrap().len() as u64, "{filter}: rows listed");
        let counted = session.get(&format!("{}?per_page=1&updated_since={LONG_AGO}{filter}", inbox(org))).await;
        assert_eq!(counted.body["total"].as_u64(), Some(total), "{filter}: rows counted");
        let beyond = session.get(&format!("{}?per_page=100&page=2{filter}", inbox(org))).await;
        assert_eq!(beyond.body["items"], json!([]), "{filter}");
        assert_eq!(beyond.body["total"].as_u64(), Some(total), "{filter}: a page past the last row keeps the total");
        out.push(total);
    }
    out
}

async fn ingest(app: &TestApp, org: i64, agent: i64, external_id: &str, text: &str) -> i64 {
    let body = json!({ "org_id": org, "agent_id": agent, "external_id": external_id, "author": "visitor",
                       "text": text, "contact_name": "Nora Newcomer" });
    let reply = app.ingest(DEMO_API_KEY, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["conversation_id"].as_i64().unwrap()
}

async fn act(session: &Session<'_>, org: i64, id: i64, action: &str, body: Option<Value>) {
    let reply = session.post(&format!("{}/{id}{action}", inbox(org)), body).await;
    assert_eq!(reply.status, 200, "{action}: {}", reply.body);
}

#[tokio::test]
async fn the_inbox_total_stays_exact_through_every_change() {
    let app = TestApp::new().await;
    let acme = app.org_id("Acme Dental").await;
    let globex = app.org_id("Globex Realty").await;
    let owner = app.login("owner@northwind.test").await;
    let admin = app.login("admin@acme.test").await;
    let agent = app.login("agent@acme.test").await;
    let filters = filters(&app, acme).await;
    let everything = [String::new()];
    let seeded = totals(&owner, acme, &everything).await[0];
    let globex_before = totals(&owner, globex, &everything).await;
    assert!(seeded > 0, "the demo has conversations");

    // New conversations on each of the org's agents, then more messages in one of them.
    let bots: Vec<i64> = sqlx::query_scalar("SELECT agent_id FROM org_agents WHERE org_id = $1")
        .bind(acme)
        .fetch_all(&app.db)
        .await
        .unwrap();
    let mut new = Vec::new();
    for (i, bot) in bots.iter().cycle().take(5).enumerate() {
        new.push(ingest(&app, acme, *bot, &format!("count-{i}"), "Hello there").await);
    }
    ingest(&app, acme, bots[0], "count-0", "Still there?").await;
    assert_eq!(totals(&owner, acme, &everything).await[0], seeded + 5);
    totals(&owner, acme, &filters).await;
    totals(&agent, acme, &filters).await;

    // A person asked for (waiting), taken over (human, assigned), passed back, closed.
    ingest(&app, acme, bots[0], "count-0", "I want to talk to a human").await;
    let human = app.user_id("agent@acme.test").await;
    let team = app.team_id("front_desk").await;
    let after_ingest = totals(&owner, acme, &filters).await;
    act(&agent, acme, new[1], "/take-over", None).await;
    act(&admin, acme, new[2], "/assign", Some(json!({ "team_id": team, "assignee_id": human }))).await;
    let after_moves = totals(&owner, acme, &filters).await;
    assert_ne!(after_moves, after_ingest, "the filters saw the moves");
    act(&agent, acme, new[1], "/pass-to-ai", None).await;
    act(&agent, acme, new[3], "/close", None).await;
    act(&admin, acme, new[2], "/assign", Some(json!({ "team_id": null }))).await;
    totals(&owner, acme, &filters).await;
    totals(&agent, acme, &filters).await;
    // A client user limited to one agent: the sum covers only that agent's conversations.
    let reception = app.agent_id("Reception Line").await;
    let limited = admin.patch(&format!("/api/v1/orgs/{acme}/users/{human}"), json!({ "agent_ids": [reception] })).await;
    assert_eq!(limited.status, 200, "{}", limited.body);
    let all = totals(&owner, acme, &filters).await;
    let theirs = totals(&agent, acme, &filters).await;
    assert!(theirs[0] < all[0], "{theirs:?} / {all:?}");
    assert_eq!(theirs[0], totals(&owner, acme, &[format!("&agent_id={reception}")]).await[0]);

    // The schema clears the assignee and team of conversations whose user or team goes.
    act(&admin, acme, new[4], "/assign", Some(json!({ "assignee_id": human }))).await;
    act(&admin, acme, new[0], "/assign", Some(json!({ "team_id": team }))).await;
    let gone = admin.delete(&format!("/api/v1/orgs/{acme}/users/{human}")).await;
    assert_eq!(gone.status, 204, "{}", gone.body);
    let gone = admin.delete(&format!("/api/v1/orgs/{acme}/teams/{team}")).await;
    assert_eq!(gone.status, 204, "{}", gone.body);
    let unfiltered: Vec<String> = ["", "&status=human", "&status=bot", "&status=waiting", "&status=closed"]
        .into_iter()
        .map(String::from)
        .collect();
    let by_status = totals(&owner, acme, &unfiltered).await;
    assert_eq!(by_status[0], seeded + 5);
    assert_eq!(by_status[1..].iter().sum::<u64>(), by_status[0]);
    let former = [format!("&assignee_id={human}"), format!("&team_id={team}")];
    assert_eq!(totals(&owner, acme, &former).await, [0, 0]);

    // Another org's totals never moved; deleting Acme leaves no count behind.
    assert_eq!(totals(&owner, globex, &everything).await, globex_before);
    let deleted = owner.delete(&format!("/api/v1/orgs/{acme}")).await;
    assert_eq!(deleted.status, 204, "{}", deleted.body);
    assert_eq!(app.count_where("conversation_counts", "org_id", acme).await, 0);
    assert_eq!(totals(&owner, globex, &everything).await, globex_before);
}
