//! Storage faults: a read-only database, a full disk, and many writers at once. Each
//! must give the caller a clear contract error (never a panic or a vague 500), change
//! nothing it was refused, and leave the database intact and readable.
//! They are about SQLite's file behaviour, so they run on SQLite in the PostgreSQL pass too;
//! PostgreSQL's error codes for the same faults are mapped in `error::storage_fault`.

use crate::common;

use crate::common::{Reply, TestApp};
use atrium_api::MAX_SEARCH_MATCHES;
use atrium_server::seed::DEMO_API_KEY;
use futures_util::future::join_all;
use serde_json::json;

/// SQLite's integrity check of the app's file, as a new process opening it would run it.
/// Not on a pooled connection: SQLite 3.46's FTS5 check reads the index structure the
/// connection cached at its last search without asking whether another connection wrote
/// since (searches and writes do ask), so on a pooled connection it reported "malformed
/// inverted index for FTS5 table main.org_search" after any org was created elsewhere, on
/// a file a fresh connection finds intact (measured: 9 runs of 40 of this file failed so;
/// the same false alarm follows three plain org creations, without any fault).
async fn integrity(app: &TestApp) -> String {
    use sqlx::Connection;
    let url = format!("sqlite://{}", app.db_path().display());
    let mut fresh = sqlx::SqliteConnection::connect(&url).await.unwrap();
    let verdict = sqlx::query_scalar("PRAGMA integrity_check").fetch_one(&mut fresh).await.unwrap();
    fresh.close().await.unwrap();
    verdict
}

/// Sets `PRAGMA max_page_count` on every connection of the app's pool (the pragma is per
/// connection): holding all of them at once makes the pool open each one.
async fn limit_pages(app: &TestApp, pages: i64) {
    let size = app.db.options().get_max_connections() as usize;
    let mut conns = Vec::new();
    for _ in 0..size {
        conns.push(app.db.acquire().await.unwrap());
    }
    for conn in &mut conns {
        sqlx::query(&format!("PRAGMA max_page_count = {pages}")).execute(&mut **conn).await.unwrap();
    }
}

#[track_caller]
fn assert_storage_error(reply: &Reply, status: u16, code: &str) {
    reply.assert_error(status, code);
    let message = reply.body["error"]["message"].as_str().unwrap();
    assert!(message.contains("nothing was saved"), "{message}");
}

#[tokio::test]
async fn a_read_only_database_refuses_writes_clearly_and_keeps_serving_reads() {
    let app = TestApp::new_sqlite().await;
    let owner = app.login("owner@northwind.test").await;
    let orgs = owner.get("/api/v1/orgs").await;
    assert_eq!(orgs.status, 200);
    let before = app.fingerprint().await;

    // The same file opened read-only, as a server on a read-only volume would see it.
    let url = format!("sqlite://{}?mode=ro", app.db_path().display());
    let ro = app.sibling(&url).await.expect("a read-only database still opens");
    let owner_ro = owner.on(&ro);

    // Reads work and answer what was there.
    let again = owner_ro.get("/api/v1/orgs").await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body, orgs.body);
    let acme = app.org_id("Acme Dental").await;
    assert_eq!(owner_ro.get(&format!("/api/v1/orgs/{acme}/conversations")).await.status, 200);

    // Every kind of write answers 503 storage_unavailable.
    let created = owner_ro.post("/api/v1/orgs", Some(json!({ "name": "Read Only Dental" }))).await;
    assert_storage_error(&created, 503, "storage_unavailable");
    let org = owner_ro.get(&format!("/api/v1/orgs/{acme}")).await.body;
    let mut update = common::update_body(&org);
    update["name"] = json!("Acme Renamed");
    assert_storage_error(&owner_ro.put(&format!("/api/v1/orgs/{acme}"), update).await, 503, "storage_unavailable");
    let message = json!({ "org_id": acme, "agent_id": app.agent_id("Support Bot").await, "external_id": "ro-1",
                          "author": "visitor", "text": "Hello?", "contact_name": "Vera Visitor" });
    assert_storage_error(&ro.ingest(DEMO_API_KEY, message).await, 503, "storage_unavailable");
    // Signing in writes a session: refused the same way, not as wrong credentials.
    let login = ro.try_login("admin@acme.test", atrium_server::seed::DEMO_PASSWORD).await;
    assert_storage_error(&login, 503, "storage_unavailable");

    ro.db.close().await;
    assert_eq!(app.fingerprint().await, before, "a refused write changed nothing");
    assert_eq!(integrity(&app).await, "ok");
}

#[tokio::test]
async fn a_full_disk_refuses_the_write_whole_and_keeps_serving_reads() {
    let app = TestApp::new_sqlite().await;
    let owner = app.login("owner@northwind.test").await;
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(&app.db).await.unwrap();
    // No page beyond what the file has: SQLITE_FULL as soon as the free pages run out.
    limit_pages(&app, pages).await;

    let mut saved = 0;
    let refused = loop {
        let body = json!({ "name": format!("Full Disk Org {saved}"), "contact_email": "office@full.test" });
        let reply = owner.post("/api/v1/orgs", Some(body.clone())).await;
        if reply.status != 201 {
            break (body, reply);
        }
        saved += 1;
        assert!(saved < 5000, "the page limit never filled up");
    };
    let (body, reply) = refused;
    assert_storage_error(&reply, 507, "storage_full");
    // The page limit is per connection, and the server replaces a connection whose
    // transaction SQLite ended itself: limit the new ones too (a real full disk would).
    limit_pages(&app, pages).await;

    // Nothing half-written: the refused create left no org, no activity entry, nothing.
    let before = app.fingerprint().await;
    assert_storage_error(&owner.post("/api/v1/orgs", Some(body.clone())).await, 507, "storage_full");
    assert_eq!(app.fingerprint().await, before);
    let names: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM orgs WHERE name LIKE 'Full Disk Org %'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(names, saved);
    assert_eq!(integrity(&app).await, "ok");

    // Reads keep working, with every org that was saved.
    let list = owner.get("/api/v1/orgs?per_page=100&q=Full%20Disk").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["total"], saved);

    // Space again: the same write now succeeds.
    limit_pages(&app, 1_073_741_823).await;
    let reply = owner.post("/api/v1/orgs", Some(body)).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(integrity(&app).await, "ok");
    search_index_check(&app, "org_search").await.expect("the org search index matches its rows");
    let list = owner.get("/api/v1/orgs?per_page=100&q=Full%20Disk").await;
    assert_eq!(list.body["total"], saved + 1, "the org written after room is found by name");
}

/// Ingests visitor messages into Acme Dental, each a new conversation numbered from
/// `first`, until the page limit refuses one; returns how many were saved, the refusal,
/// and the page limit.
async fn ingest_until_full(app: &TestApp, first: usize) -> (usize, Reply, i64) {
    let pages: i64 = sqlx::query_scalar("PRAGMA page_count").fetch_one(&app.db).await.unwrap();
    limit_pages(app, pages).await;
    let mut saved = 0;
    loop {
        let reply = app.ingest(DEMO_API_KEY, full_disk_message(app, first + saved).await).await;
        if reply.status != 200 {
            return (saved, reply, pages);
        }
        saved += 1;
        assert!(saved < 5000, "the page limit never filled up");
    }
}

async fn full_disk_message(app: &TestApp, n: usize) -> serde_json::Value {
    json!({ "org_id": app.org_id("Acme Dental").await, "agent_id": app.agent_id("Support Bot").await,
            "external_id": format!("full-{n}"), "author": "visitor",
            "text": format!("Quuxfulldisk question number {n} about a crown"), "contact_name": format!("Full Visitor {n}") })
}

/// How many messages the inbox search finds: counted in the search index itself, and
/// agreeing with what the inbox answers (the most recent 100, `capped` past them).
async fn found_by_search(app: &TestApp, admin: &common::Session<'_>) -> u64 {
    let acme = app.org_id("Acme Dental").await;
    let indexed: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM conversation_search WHERE conversation_search MATCH 'quuxfulldisk'")
            .fetch_one(&app.db)
            .await
            .unwrap();
    let indexed = indexed as u64;
    let found = admin.get(&format!("/api/v1/orgs/{acme}/conversations?q=quuxfulldisk&per_page=1")).await;
    assert_eq!(found.status, 200, "{}", found.body);
    assert_eq!(found.body["total"], indexed.min(MAX_SEARCH_MATCHES), "{}", found.body);
    assert_eq!(found.body["capped"], indexed > MAX_SEARCH_MATCHES, "{}", found.body);
    indexed
}

/// FTS5's own check of a search index against its rows (unlike `PRAGMA integrity_check`
/// it starts from the index as committed, whichever connection runs it).
async fn search_index_check(app: &TestApp, table: &str) -> Result<(), sqlx::Error> {
    sqlx::query(&format!("INSERT INTO {table} ({table}) VALUES ('integrity-check')")).execute(&app.db).await.map(|_| ())
}

/// Ingest writes a message, its conversation, the inbox counts and the inbox search index
/// (an FTS5 table kept by triggers) in one transaction: a full disk in the middle of that
/// is refused whole and leaves every one of them as it was, the search index included.
#[tokio::test]
async fn a_full_disk_during_ingest_refuses_it_whole_and_the_inbox_stays_intact() {
    let app = TestApp::new_sqlite().await;
    let (saved, refused, pages) = ingest_until_full(&app, 0).await;
    assert_storage_error(&refused, 507, "storage_full");
    // The page limit is per connection, and the server replaces a connection whose
    // transaction SQLite ended itself: limit the new ones too (a real full disk would).
    limit_pages(&app, pages).await;
    let before = app.fingerprint().await;
    assert_storage_error(&app.ingest(DEMO_API_KEY, full_disk_message(&app, saved).await).await, 507, "storage_full");
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(integrity(&app).await, "ok");
    search_index_check(&app, "conversation_search").await.expect("the search index matches its rows");

    // The inbox finds exactly what was saved, through the index and in its total.
    let admin = app.login("admin@acme.test").await;
    assert_eq!(found_by_search(&app, &admin).await, saved as u64);
}

/// Full, room again, full again: five times over one database, every write after room
/// returns lands, and SQLite's and FTS5's integrity checks pass each time. (This case was
/// once kept ignored as flaky, "malformed inverted index" in 1 run of 5–8: most likely the
/// pooled-connection false alarm `integrity` explains, since the file was never found
/// damaged. It runs in every `make test`, beside `tests/faults/full-disk.test.mjs` on a real
/// full tmpfs.)
#[tokio::test]
async fn after_a_full_disk_every_later_ingest_keeps_the_search_index_intact() {
    let app = TestApp::new_sqlite().await;
    let admin = app.login("admin@acme.test").await;
    let mut total = 0;
    for round in 0..5 {
        let (saved, refused, _) = ingest_until_full(&app, total).await;
        assert_storage_error(&refused, 507, "storage_full");
        limit_pages(&app, 1_073_741_823).await;
        for k in 0..20 {
            let reply = app.ingest(DEMO_API_KEY, full_disk_message(&app, total + saved + k).await).await;
            assert_eq!(reply.status, 200, "round {round}, write {k} after room: {}", reply.body);
        }
        assert_eq!(integrity(&app).await, "ok", "round {round}");
        search_index_check(&app, "conversation_search")
            .await
            .unwrap_or_else(|e| panic!("round {round}: the search index: {e}"));
        total += saved + 20;
        let found = found_by_search(&app, &admin).await;
        assert_eq!(found, total as u64, "round {round}: every saved message is found, nothing refused is");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn wal_and_the_busy_timeout_let_many_writers_through() {
    let app = TestApp::new_sqlite().await;
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode").fetch_one(&app.db).await.unwrap();
    assert_eq!(mode, "wal");
    let timeout: i64 = sqlx::query_scalar("PRAGMA busy_timeout").fetch_one(&app.db).await.unwrap();
    assert!(timeout >= 1000, "busy_timeout {timeout} ms");

    // A second pool over the same file: another server process writing at the same time.
    let other = app.sibling(&format!("sqlite://{}", app.db_path().display())).await.unwrap();
    let owner = app.login("owner@northwind.test").await;
    let owner_other = owner.on(&other);
    let orgs_before = app.count("orgs").await;
    let messages_before = app.count("messages").await;
    let acme = app.org_id("Acme Dental").await;
    let bot = app.agent_id("Support Bot").await;

    let mut creates = Vec::new();
    for i in 0..50 {
        let session = if i % 2 == 0 { &owner } else { &owner_other };
        creates.push(session.post("/api/v1/orgs", Some(json!({ "name": format!("Concurrent Org {i}") }))));
    }
    let mut ingests = Vec::new();
    for i in 0..50 {
        let target = if i % 2 == 0 { &app } else { &other };
        let body = json!({ "org_id": acme, "agent_id": bot, "external_id": format!("busy-{}", i % 10),
                           "author": "visitor", "text": format!("message {i}"), "contact_name": "Vera Visitor" });
        ingests.push(async move { target.ingest(DEMO_API_KEY, body).await });
    }
    let (created, ingested) = tokio::join!(join_all(creates), join_all(ingests));
    for reply in &created {
        assert_eq!(reply.status, 201, "{}", reply.body);
    }
    for reply in &ingested {
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    assert_eq!(app.count("orgs").await, orgs_before + 50);
    assert_eq!(app.count("messages").await, messages_before + 50);
    let conversations: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM conversations WHERE external_id LIKE 'busy-%'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(conversations, 10, "one conversation per external id, however the writes interleaved");
    assert_eq!(integrity(&app).await, "ok");
}
