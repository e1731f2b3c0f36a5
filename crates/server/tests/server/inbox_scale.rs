//! The inbox at scale: 100,000 conversations in one org, timed page and search queries.
//! Ignored (slow, and it only prints): `cargo test -p atrium-server --test server inbox_scale --
//! --ignored --nocapture`. `INBOX_SCALE` sets the number of conversations.

use crate::common::TestApp;
use atrium_api::ConversationListQuery;
use atrium_server::store::{self, conversations::ConversationScope, conversations::NewConversation};
use std::time::{Duration, Instant};

fn summary(name: &str, mut times: Vec<Duration>) {
    times.sort();
    let at = |p: f64| times[((times.len() as f64 * p).ceil() as usize).saturating_sub(1)].as_secs_f64() * 1000.0;
    println!(
        "{name:<28} n={:<4} p50 {:>8.2} ms  p99 {:>8.2} ms  max {:>8.2} ms",
        times.len(),
        at(0.5),
        at(0.99),
        at(1.0)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
#[ignore]
async fn inbox_queries_at_one_hundred_thousand_conversations() {
    let n: usize = std::env::var("INBOX_SCALE").ok().and_then(|s| s.parse().ok()).unwrap_or(100_000);
    let app = TestApp::new().await;
    let org_id = app.org_id("Acme Dental").await;
    let agent_id = app.agent_id("Support Bot").await;
    let started = Instant::now();
    for i in 0..n {
        let contact = if i % 10_000 == 7 { format!("Zephyrine {i}") } else { format!("Visitor {i}") };
        let visitor = format!("Hello, I need help with order {i}, it has not arrived yet");
        let needle = if i % 1_000 == 3 { " about the quokka invoice" } else { "" };
        let bot = format!("Sorry to hear that. Let me look up order {i}{needle} for you.");
        let status = ["bot", "waiting", "human", "closed"][i % 4];
        let messages = [("visitor", visitor.as_str()), ("bot", bot.as_str()), ("system", "quokka joined")];
        let c = NewConversation {
            org_id,
            agent_id,
            external_id: &format!("scale-{i}"),
            status,
            assignee_id: None,
            team_id: None,
            contact_name: &contact,
            messages: &messages,
        };
        store::conversations::insert_conversation(&app.db, &c).await.unwrap();
    }
    println!("seeded {n} conversations in {:.1} s", started.elapsed().as_secs_f64());
    let scope = ConversationScope { org_id, agent_ids: None };
    let reader = app.user_id("agent@acme.test").await;
    let cases: [(&str, ConversationListQuery); 6] = [
        ("list page 1", ConversationListQuery::default()),
        ("list page 40", ConversationListQuery { page: Some(40), ..Default::default() }),
        (
            "list status=waiting",
            ConversationListQuery { status: atrium_api::ConversationStatus::parse("waiting"), ..Default::default() },
        ),
        ("search contact Zephyrine", ConversationListQuery { q: Some("Zephyrine".into()), ..Default::default() }),
        ("search message quokka", ConversationListQuery { q: Some("quokka".into()), ..Default::default() }),
        ("search 2 chars 'zq'", ConversationListQuery { q: Some("zq".into()), ..Default::default() }),
    ];
    for (name, query) in &cases {
        let (items, total) =
            store::conversations::list_conversations(&app.db, &scope, reader, query, false).await.unwrap();
        println!("{name}: total {total:?}, {} on the page", items.len());
        let mut single = Vec::new();
        for _ in 0..20 {
            let t = Instant::now();
            store::conversations::list_conversations(&app.db, &scope, reader, query, false).await.unwrap();
            single.push(t.elapsed());
        }
        summary(&format!("{name} (1 conn)"), single);
        let mut tasks = Vec::new();
        for _ in 0..10 {
            let (db, scope, query) = (app.db.clone(), scope.clone(), query.clone());
            tasks.push(tokio::spawn(async move {
                let mut times = Vec::new();
                for _ in 0..10 {
                    let t = Instant::now();
                    store::conversations::list_conversations(&db, &scope, reader, &query, false).await.unwrap();
                    times.push(t.elapsed());
                }
                times
            }));
        }
        let mut all = Vec::new();
        for task in tasks {
            all.extend(task.await.unwrap());
        }
        summary(&format!("{name} (10 conn)"), all);
    }
    if let Ok(path) = std::env::var("INBOX_SCALE_KEEP") {
        sqlx::query("VACUUM INTO $1").bind(path).execute(&app.db).await.unwrap();
    }
}
