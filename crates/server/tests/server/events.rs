//! `GET /api/v1/orgs/{org}/events`: live server-sent events, read as a dashboard would,
//! from the router's body stream and over a real socket.

use crate::common::{read_until, request, Session, TestApp, PATIENCE};
use atrium_server::seed::DEMO_API_KEY;
use axum::body::Body;
use axum::http::header::COOKIE;
use axum::http::{Method, Request};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;

/// One parsed event: (event name, id, data as JSON).
type Sse = (String, Option<String>, Value);

/// Parses the complete events in `text` (each ends with a blank line); comments skipped.
fn parse(text: &str) -> Vec<Sse> {
    let mut events = Vec::new();
    for block in text.split("\n\n").filter(|b| b.contains("data:")) {
        let (mut name, mut id, mut data) = (String::new(), None, Value::Null);
        for line in block.lines() {
            if let Some(v) = line.strip_prefix("event:") {
                name = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("id:") {
                id = Some(v.trim().to_string());
            } else if let Some(v) = line.strip_prefix("data:") {
                data = serde_json::from_str(v.trim()).unwrap();
            }
        }
        events.push((name, id, data));
    }
    events
}

/// An open event stream of Acme Dental, as `session`.
struct Listener {
    body: Body,
    text: String,
}

impl Listener {
    async fn open(session: &Session<'_>) -> Listener {
        let org = session.app.org_id("Acme Dental").await;
        let mut req = request(Method::GET, &format!("/api/v1/orgs/{org}/events"), None);
        req.headers_mut().insert(COOKIE, session.cookie_header().parse().unwrap());
        let response = session.app.stream(req).await;
        assert_eq!(response.status(), 200);
        let content_type = response.headers().get("content-type").unwrap().to_str().unwrap().to_string();
        assert!(content_type.starts_with("text/event-stream"), "{content_type}");
        Listener { body: response.into_body(), text: String::new() }
    }

    /// Reads until `count` complete events arrived; answers them.
    async fn events(&mut self, count: usize) -> Vec<Sse> {
        tokio::time::timeout(PATIENCE, async {
            while parse(&self.text).len() < count {
                let frame = self.body.frame().await.expect("the stream ended").unwrap();
                if let Ok(data) = frame.into_data() {
                    self.text.push_str(std::str::from_utf8(&data).unwrap());
                }
            }
        })
        .await
        .expect("events did not arrive");
        parse(&self.text)
    }
}

impl Listener {
    /// Waits until the server ends the stream (keep-alive comments and events may come first).
    async fn ends(&mut self) {
        tokio::time::timeout(std::time::Duration::from_secs(15), async {
            while let Some(frame) = self.body.frame().await {
                if let Ok(data) = frame.unwrap().into_data() {
                    self.text.push_str(std::str::from_utf8(&data).unwrap());
                }
            }
        })
        .await
        .expect("the stream did not end");
    }
}

/// A visitor writes to Support Bot's acme-1, then to Reception Line's acme-3: a listener
/// limited to Reception Line hears only the second.
async fn hears_reception_line_only(app: &TestApp, listener: &mut Listener) {
    let org = app.org_id("Acme Dental").await;
    let message = |agent_id: i64, external_id: &str| json!({"org_id": org, "agent_id": agent_id, "external_id": external_id, "author": "visitor", "text": "Hi"});
    app.ingest(DEMO_API_KEY, message(app.agent_id("Support Bot").await, "acme-1")).await;
    app.ingest(DEMO_API_KEY, message(app.agent_id("Reception Line").await, "acme-3")).await;
    let events = listener.events(1).await;
    assert_eq!(events[0].2["conversation_id"], app.conversation_id("acme-3").await, "Support Bot's event was skipped");
}

fn kinds(events: &[Sse]) -> Vec<&str> {
    events.iter().map(|(name, _, _)| name.as_str()).collect()
}

#[tokio::test]
async fn a_take_over_reaches_a_listener() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let mut listener = Listener::open(&agent).await;
    let admin = app.login("admin@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let id = app.conversation_id("acme-2").await;
    assert_eq!(admin.post(&format!("/api/v1/orgs/{org}/conversations/{id}/take-over"), None).await.status, 200);

    let events = listener.events(2).await;
    assert_eq!(kinds(&events), ["message.created", "conversation.updated"]);
    let (name, event_id, data) = &events[1];
    assert_eq!(data, &json!({"kind": name, "org_id": org, "conversation_id": id}));
    let ids: Vec<u64> = events.iter().map(|e| e.1.as_deref().unwrap().parse().unwrap()).collect();
    assert_eq!(ids, [1, 2], "ids count this stream's own events");
    assert!(event_id.is_some());
}

#[tokio::test]
async fn ingest_tells_listeners_about_messages_and_handoff_requests() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let mut listener = Listener::open(&admin).await;
    let body = json!({
        "org_id": app.org_id("Acme Dental").await, "agent_id": app.agent_id("Support Bot").await,
        "external_id": "web-1", "author": "visitor", "text": "Help!", "contact_name": "", "handoff_requested": true
    });
    let reply = app.ingest(DEMO_API_KEY, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let events = listener.events(3).await;
    assert_eq!(kinds(&events), ["message.created", "handoff.requested", "conversation.updated"]);
    assert!(events.iter().all(|e| e.2["conversation_id"] == reply.body["conversation_id"]));
}

#[tokio::test]
async fn saved_settings_reach_open_dashboards() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let mut listener = Listener::open(&agent).await;
    app.change_settings("Acme Dental", json!({"dashboard_language": "fr"})).await;
    let events = listener.events(1).await;
    assert_eq!(kinds(&events), ["settings.updated"]);
    assert_eq!(events[0].2["conversation_id"], Value::Null);
}

#[tokio::test]
async fn a_client_user_hears_only_about_the_conversations_they_see() {
    let app = TestApp::new().await;
    let org = app.org_id("Acme Dental").await;
    let admin = app.login("admin@acme.test").await;
    let user = app.user_id("agent@acme.test").await;
    let reception = app.agent_id("Reception Line").await;
    let reply = admin.patch(&format!("/api/v1/orgs/{org}/users/{user}"), json!({"agent_ids": [reception]})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let agent = app.login("agent@acme.test").await;
    let mut listener = Listener::open(&agent).await;

    hears_reception_line_only(&app, &mut listener).await;
}

#[tokio::test]
async fn events_stream_over_a_real_socket() {
    let app = TestApp::new().await;
    let socket = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = socket.local_addr().unwrap();
    let router = app.router();
    let server = tokio::spawn(async move { axum::serve(socket, router).await });

    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let mut stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let head = format!(
        "GET /api/v1/orgs/{org}/events HTTP/1.1\r\nHost: {address}\r\nAccept: text/event-stream\r\nCookie: {}\r\n\r\n",
        agent.cookie_header()
    );
    stream.write_all(head.as_bytes()).await.unwrap();

    let mut seen = String::new();
    let head = read_until(&mut stream, &mut seen, "\r\n\r\n").await;
    assert!(head.starts_with("HTTP/1.1 200"), "{head}");
    assert!(head.to_ascii_lowercase().contains("content-type: text/event-stream"), "{head}");

    let id = app.conversation_id("acme-2").await;
    let admin = app.login("admin@acme.test").await;
    assert_eq!(admin.post(&format!("/api/v1/orgs/{org}/conversations/{id}/take-over"), None).await.status, 200);
    let text = read_until(&mut stream, &mut seen, "event: conversation.updated").await;
    assert!(text.contains(&format!("\"conversation_id\":{id}")), "{text}");
    server.abort();
}

#[tokio::test]
async fn without_a_session_the_stream_is_401() {
    let app = TestApp::new().await;
    let org = app.org_id("Acme Dental").await;
    let req = Request::builder().uri(format!("/api/v1/orgs/{org}/events")).body(Body::empty()).unwrap();
    app.send(req).await.assert_error(401, "unauthenticated");
}

/// Event ids say nothing about anyone else: another org's traffic does not move them.
#[tokio::test]
async fn event_ids_count_only_the_streams_own_events() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let mut listener = Listener::open(&agent).await;
    let globex = app.login("admin@globex.test").await;
    let globex_id = app.org_id("Globex Realty").await;
    let mut other = {
        let mut req = request(Method::GET, &format!("/api/v1/orgs/{globex_id}/events"), None);
        req.headers_mut().insert(COOKIE, globex.cookie_header().parse().unwrap());
        Listener { body: app.stream(req).await.into_body(), text: String::new() }
    };
    for language in ["fr", "de", "es"] {
        app.change_settings("Globex Realty", json!({"dashboard_language": language})).await;
    }
    other.events(3).await;
    app.change_settings("Acme Dental", json!({"dashboard_language": "fr"})).await;
    let events = listener.events(1).await;
    assert_eq!(events[0].1.as_deref(), Some("1"));
}

async fn acme_path(app: &TestApp, rest: &str) -> String {
    format!("/api/v1/orgs/{}{rest}", app.org_id("Acme Dental").await)
}

#[tokio::test]
async fn signing_out_ends_the_stream() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let mut listener = Listener::open(&agent).await;
    assert_eq!(agent.post("/api/v1/auth/logout", None).await.status, 204);
    listener.ends().await;
}

/// Acme's agent listening, then Acme's admin changing them with `patch`: the stream ends.
async fn stream_ends_after_agent_change(patch: Value) {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let mut listener = Listener::open(&agent).await;
    let admin = app.login("admin@acme.test").await;
    let path = acme_path(&app, &format!("/users/{}", app.user_id("agent@acme.test").await)).await;
    assert_eq!(admin.patch(&path, patch).await.status, 200);
    listener.ends().await;
}

#[tokio::test]
async fn disabling_the_user_ends_the_stream() {
    stream_ends_after_agent_change(json!({"disabled": true})).await;
}

#[tokio::test]
async fn losing_the_conversations_permission_ends_the_stream() {
    stream_ends_after_agent_change(json!({"permissions": ["home"]})).await;
}

/// A narrowed agent subset applies to a stream already open: events of the agent taken
/// away stop at once (the event after the change is checked first).
#[tokio::test]
async fn a_narrowed_agent_subset_applies_to_an_open_stream() {
    let app = TestApp::new().await;
    let org = app.org_id("Acme Dental").await;
    let agent = app.login("agent@acme.test").await;
    let mut listener = Listener::open(&agent).await;
    let admin = app.login("admin@acme.test").await;
    let reception = app.agent_id("Reception Line").await;
    let path = format!("/api/v1/orgs/{org}/users/{}", app.user_id("agent@acme.test").await);
    assert_eq!(admin.patch(&path, json!({"agent_ids": [reception]})).await.status, 200);
    // Past the freshness window, so the next event makes the stream look again.
    tokio::time::sleep(std::time::Duration::from_millis(1200)).await;
    hears_reception_line_only(&app, &mut listener).await;
}

#[tokio::test]
async fn one_user_holds_a_bounded_number_of_streams() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let mut open = Vec::new();
    for _ in 0..atrium_server::events::STREAMS_PER_USER {
        open.push(Listener::open(&agent).await);
    }
    let mut req = request(Method::GET, &acme_path(&app, "/events").await, None);
    req.headers_mut().insert(COOKIE, agent.cookie_header().parse().unwrap());
    app.send(req).await.assert_error(429, "rate_limited");
    // Another user is not affected, and a closed stream frees its place.
    Listener::open(&app.login("admin@acme.test").await).await;
    open.pop();
    Listener::open(&agent).await;
}

/// An open stream checks its session without using it: an unattended tab does not stay
/// signed in past the idle limit.
#[tokio::test]
async fn an_open_stream_does_not_keep_an_idle_session_alive() {
    let settings =
        atrium_server::state::Settings { session_idle: std::time::Duration::from_secs(2), ..Default::default() };
    let app = TestApp::with_settings(settings).await;
    let agent = app.login("agent@acme.test").await;
    let mut listener = Listener::open(&agent).await;
    listener.ends().await;
    agent.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}
