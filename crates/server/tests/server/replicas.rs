//! Several server replicas over one PostgreSQL database behave as one server: a change
//! made through replica A reaches an event stream held by replica B, a session started on
//! one works on the other, replicas starting together migrate and seed once, and a replica
//! that lost its `LISTEN` connection has its streams reload what they show.
//! PostgreSQL only: skipped (with a note) unless `ATRIUM_TEST_DATABASE_URL` is set, as
//! `make test` does.

use crate::common;

use crate::common::{postgres_url, read_until, PgDatabase, Session, TestApp};
use atrium_server::seed::seed_demo;
use atrium_server::state::{AppState, Settings};
use atrium_server::{app, store};
use std::net::SocketAddr;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

fn skip(test: &str) -> bool {
    if postgres_url().is_none() {
        // Straight to stderr: the test harness would hide an `eprintln!` of a passing test.
        use std::io::Write;
        let note = format!("note: {test} skipped, ATRIUM_TEST_DATABASE_URL is not set (make test sets it)\n");
        let _ = std::io::stderr().write_all(note.as_bytes());
        return true;
    }
    false
}

/// Serves `router` on a free local port; answers its address.
async fn serve(router: axum::Router) -> SocketAddr {
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = socket.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(socket, router.into_make_service_with_connect_info::<SocketAddr>()).await });
    address
}

/// Opens Acme Dental's event stream on `address` as `session`; answers the socket once
/// the answer's head (200, text/event-stream) is in.
async fn open_stream(address: SocketAddr, session: &Session<'_>, org: i64) -> (TcpStream, String) {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "GET /api/v1/orgs/{org}/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\nCookie: {}\r\n\r\n",
        session.cookie_header()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut seen = String::new();
    let head = read_until(&mut stream, &mut seen, "\r\n\r\n").await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    (stream, seen)
}

/// A request with the session's cookies and CSRF header, over a real socket; answers the
/// whole answer as text.
async fn send(address: SocketAddr, session: &Session<'_>, method: &str, path: &str, body: &str) -> String {
    let mut stream = TcpStream::connect(address).await.unwrap();
    let head = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nCookie: {}\r\nX-CSRF-Token: {}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        session.cookie_header(),
        session.csrf,
        body.len()
    );
    stream.write_all(head.as_bytes()).await.unwrap();
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await.unwrap();
    answer
}

#[tokio::test]
async fn a_take_over_on_replica_a_streams_to_a_client_of_replica_b() {
    if skip("a_take_over_on_replica_a_streams_to_a_client_of_replica_b") {
        return;
    }
    // Replica A: the test app; replica B: its own pool, event hub and router over the same
    // database, as a second process would have. Both on real sockets.
    let a = TestApp::new().await;
    let b_db = store::connect(&a.database_url()).await.unwrap();
    let replica_a = serve(a.router()).await;
    let replica_b = serve(app(AppState::new(b_db, Settings::default()))).await;

    // Both signed in through A: the sessions are rows, so B knows them too.
    let agent = a.login("agent@acme.test").await;
    let admin = a.login("admin@acme.test").await;
    let org = a.org_id("Acme Dental").await;
    let (mut on_b, mut seen_b) = open_stream(replica_b, &agent, org).await;
    let (mut on_a, mut seen_a) = open_stream(replica_a, &agent, org).await;

    let id = a.conversation_id("acme-2").await;
    let take_over = format!("/api/v1/orgs/{org}/conversations/{id}/take-over");
    let answer = send(replica_a, &admin, "POST", &take_over, "").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let text = read_until(&mut on_b, &mut seen_b, "event: conversation.updated").await;
    assert!(text.contains(&format!("\"conversation_id\":{id}")), "{text}");

    // Then a settings change through B. Both streams get it after the take-over's events,
    // and every event once: the publishing replica hears its own events only as the
    // notification comes back, never also directly.
    let owner = a.login("owner@northwind.test").await;
    let path = format!("/api/v1/orgs/{org}");
    let mut body = common::update_body(&owner.get(&path).await.body);
    body["settings"]["show_handoff_messages"] = (!body["settings"]["show_handoff_messages"].as_bool().unwrap()).into();
    let answer = send(replica_b, &owner, "PUT", &path, &body.to_string()).await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    for (replica, stream, seen) in [("A", &mut on_a, &mut seen_a), ("B", &mut on_b, &mut seen_b)] {
        let text = read_until(stream, seen, "event: settings.updated").await;
        let body = &text[text.find("\r\n\r\n").unwrap()..];
        let kinds: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("event: ")).collect();
        assert_eq!(kinds, ["message.created", "conversation.updated", "settings.updated"], "replica {replica}: {text}");
    }
}

/// A replica whose `LISTEN` connection drops misses what is sent meanwhile: once it
/// listens again, its streams are told to reload (a list and a settings change), and later
/// changes reach them as before.
#[tokio::test]
async fn after_its_listen_connection_drops_a_replica_tells_its_streams_to_reload() {
    if skip("after_its_listen_connection_drops_a_replica_tells_its_streams_to_reload") {
        return;
    }
    let a = TestApp::new().await;
    let replica = serve(a.router()).await;
    let agent = a.login("agent@acme.test").await;
    let admin = a.login("admin@acme.test").await;
    let org = a.org_id("Acme Dental").await;
    let (mut stream, mut seen) = open_stream(replica, &agent, org).await;

    let dropped: Vec<bool> = sqlx::query_scalar(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity \
         WHERE datname = current_database() AND query ILIKE 'LISTEN%'",
    )
    .fetch_all(&a.db)
    .await
    .unwrap();
    assert_eq!(dropped, [true], "one replica, one LISTEN connection");
    let text = read_until(&mut stream, &mut seen, "event: settings.updated").await;
    let body = &text[text.find("\r\n\r\n").unwrap()..];
    let kinds: Vec<&str> = body.lines().filter_map(|l| l.strip_prefix("event: ")).collect();
    assert_eq!(kinds, ["conversation.updated", "settings.updated"], "{text}");
    assert!(body.contains("\"conversation_id\":null"), "{text}");

    let id = a.conversation_id("acme-2").await;
    let take_over = format!("/api/v1/orgs/{org}/conversations/{id}/take-over");
    let answer = send(replica, &admin, "POST", &take_over, "").await;
    assert!(answer.starts_with("HTTP/1.1 200"), "{answer}");
    let text = read_until(&mut stream, &mut seen, &format!("\"conversation_id\":{id}")).await;
    assert!(text.contains("event: conversation.updated"), "{text}");
}

#[tokio::test]
async fn replicas_starting_together_migrate_and_seed_once() {
    if skip("replicas_starting_together_migrate_and_seed_once") {
        return;
    }
    let database = PgDatabase::create(&postgres_url().unwrap(), None).await;
    let url = database.url();
    let start = |url: String| async move {
        let db = store::connect(&url).await.expect("migrated");
        seed_demo(&db, false).await.expect("seeding")
    };
    let starts: Vec<_> = (0..3).map(|_| tokio::spawn(start(url.clone()))).collect();
    let mut seeded = 0;
    for start in starts {
        seeded += usize::from(start.await.unwrap());
    }
    assert_eq!(seeded, 1, "exactly one replica loads the demo");
    let db = store::connect(&url).await.unwrap();
    let agencies: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM agencies").fetch_one(&db).await.unwrap();
    assert_eq!(agencies, 2, "Northwind and Contoso, once each");
    db.close().await;
}
