//! The authorization matrix: every operation the OpenAPI document describes, called by
//! every kind of caller, each call on a fresh copy of the demo database, its status
//! compared with the table below; a refused call must also leave the whole database as
//! it found it.
//!
//! The table is the one place that says who may call what. The test fails when the
//! document has an operation the table lacks (a new route must be given its row, i.e. a
//! deliberate rule) and when the table has a row the document lacks (a removed route).
//!
//! The rules it encodes: anonymous callers get 401 (they send a CSRF cookie and header
//! that match, so the CSRF guard is not what answers); another agency's or another org's
//! things are 404; agency-level routes are 403 for every client user (they name no
//! tenant, so there is nothing to hide); inside one's own tenant, missing rights are 403.

use crate::common::{request, update_body, Reply, Session, Snapshot, TestApp};
use atrium_api::{CSRF_COOKIE, CSRF_HEADER};
use atrium_server::seed::DEMO_PASSWORD;
use axum::http::header::COOKIE;
use axum::http::Method;
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// Who calls, in the order of the table's columns. `None` is anonymous; the last one is
/// the owner of Northwind using "Log in as" on agent@acme.test.
const CALLERS: [Option<&str>; 10] = [
    None,
    Some("owner@northwind.test"),
    Some("admin@northwind.test"),
    Some("member@northwind.test"),
    Some("owner@contoso.test"),
    Some("admin@acme.test"),
    Some("agent@acme.test"),
    Some("admin@globex.test"),
    Some("admin@initech.test"),
    Some("owner@northwind.test as agent@acme.test"),
];

/// The expected status of each (method, path) per caller. Path parameters are Northwind's
/// and Acme Dental's things (see `TestApp::fill_path`): the org is Acme Dental, the user
/// agent@acme.test, the team `front_desk`, the agent Support Bot, the staff member
/// member@northwind.test. Support Bot has conversations, so those allowed to delete it
/// get 409 (it must be paused instead): past the rule, refused by the data.
#[rustfmt::skip]
const TABLE: &[(&str, &str, [u16; 10])] = &[
    //                                                         anon  own  adm  mem ctso acme agnt glbx init  imp
    // Public.
    ("GET",    "/api/v1/openapi.json",                        [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET",    "/api/v1/branding",                            [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("POST",   "/api/v1/auth/login",                          [200, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    // Always succeeds: it ends the session there is, if any.
    ("POST",   "/api/v1/auth/logout",                         [204, 204, 204, 204, 204, 204, 204, 204, 204, 204]),
    // About oneself.
    ("GET",    "/api/v1/me",                                  [401, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    ("GET",    "/api/v1/me/branding",                         [401, 200, 200, 200, 200, 200, 200, 200, 200, 200]),
    // Anyone signed in may ask for a pass to their own event streams.
    ("POST",   "/api/v1/events/tickets",                      [401, 201, 201, 201, 201, 201, 201, 201, 201, 201]),
    ("POST",   "/api/v1/auth/stop-impersonating",             [401, 409, 409, 409, 409, 409, 409, 409, 409, 200]),
    // One's own password and sessions: anyone signed in, but not during "Log in as".
    ("POST",   "/api/v1/me/password",                         [401, 204, 204, 204, 204, 204, 204, 204, 204, 403]),
    ("POST",   "/api/v1/auth/sign-out-everywhere",            [401, 204, 204, 204, 204, 204, 204, 204, 204, 403]),
    // The way back in: public; the same answer for everyone (the sample token is no
    // real link's, so confirming it is refused by the data).
    ("POST",   "/api/v1/auth/password-reset",                 [202, 202, 202, 202, 202, 202, 202, 202, 202, 202]),
    ("POST",   "/api/v1/auth/password-reset/confirm",         [422, 422, 422, 422, 422, 422, 422, 422, 422, 422]),
    // Agency level: staff only; Contoso's owner acts in Contoso. The agency PUT's sample
    // keeps Northwind's hostnames, which Contoso cannot claim: 422 `taken`, not a 2xx.
    ("GET",    "/api/v1/agency",                              [401, 200, 200, 200, 200, 403, 403, 403, 403, 403]),
    ("PUT",    "/api/v1/agency",                              [401, 200, 200, 403, 422, 403, 403, 403, 403, 403]),
    ("POST",   "/api/v1/agency/domains/check",                [401, 200, 200, 403, 200, 403, 403, 403, 403, 403]),
    ("GET",    "/api/v1/agency/embedding",                    [401, 200, 200, 200, 200, 403, 403, 403, 403, 403]),
    ("PUT",    "/api/v1/agency/embedding",                    [401, 200, 200, 403, 200, 403, 403, 403, 403, 403]),
    ("POST",   "/api/v1/agency/embed-secrets",                [401, 201, 201, 403, 201, 403, 403, 403, 403, 403]),
    // The sample secret is Northwind's (see `TestApp::fill_path`): Contoso's owner gets 404.
    ("DELETE", "/api/v1/agency/embed-secrets/{id}",           [401, 204, 204, 403, 404, 403, 403, 403, 403, 403]),
    // Public: the sample link is no real one, so it signs nobody in.
    ("POST",   "/api/v1/auth/embed",                          [401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
    ("GET",    "/api/v1/orgs",                                [401, 200, 200, 200, 200, 403, 403, 403, 403, 403]),
    ("POST",   "/api/v1/orgs",                                [401, 201, 201, 403, 201, 403, 403, 403, 403, 403]),
    ("GET",    "/api/v1/agents",                              [401, 200, 200, 200, 200, 403, 403, 403, 403, 403]),
    ("POST",   "/api/v1/agents",                              [401, 201, 201, 403, 201, 403, 403, 403, 403, 403]),
    ("GET",    "/api/v1/agents/{id}",                         [401, 200, 200, 200, 404, 403, 403, 403, 403, 403]),
    ("PUT",    "/api/v1/agents/{id}",                         [401, 200, 200, 403, 404, 403, 403, 403, 403, 403]),
    ("DELETE", "/api/v1/agents/{id}",                         [401, 409, 409, 403, 404, 403, 403, 403, 403, 403]),
    ("GET",    "/api/v1/staff",                               [401, 200, 200, 200, 200, 403, 403, 403, 403, 403]),
    ("POST",   "/api/v1/staff",                               [401, 201, 403, 403, 201, 403, 403, 403, 403, 403]),
    ("PATCH",  "/api/v1/staff/{id}",                          [401, 200, 403, 403, 404, 403, 403, 403, 403, 403]),
    ("DELETE", "/api/v1/staff/{id}",                          [401, 204, 403, 403, 404, 403, 403, 403, 403, 403]),
    // One org: its agency's staff and its own users; nobody else learns it exists.
    ("GET",    "/api/v1/orgs/{org}",                          [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("PUT",    "/api/v1/orgs/{org}",                          [401, 200, 200, 403, 404, 403, 403, 404, 404, 403]),
    ("DELETE", "/api/v1/orgs/{org}",                          [401, 204, 204, 403, 404, 403, 403, 404, 404, 403]),
    ("PUT",    "/api/v1/orgs/{org}/agents",                   [401, 200, 200, 403, 404, 403, 403, 404, 404, 403]),
    ("GET",    "/api/v1/orgs/{org}/activity",                 [401, 200, 200, 200, 404, 403, 403, 404, 404, 403]),
    // Its users: read by staff and org admins (and oneself), changed by agency and org admins.
    ("GET",    "/api/v1/orgs/{org}/users",                    [401, 200, 200, 200, 404, 200, 403, 404, 404, 403]),
    ("POST",   "/api/v1/orgs/{org}/users",                    [401, 201, 201, 403, 404, 201, 403, 404, 404, 403]),
    ("GET",    "/api/v1/orgs/{org}/users/{id}",               [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("PATCH",  "/api/v1/orgs/{org}/users/{id}",               [401, 200, 200, 403, 404, 200, 403, 404, 404, 403]),
    ("DELETE", "/api/v1/orgs/{org}/users/{id}",               [401, 204, 204, 403, 404, 204, 403, 404, 404, 403]),
    ("POST",   "/api/v1/orgs/{org}/users/{id}/impersonate",   [401, 200, 200, 403, 404, 403, 403, 404, 404, 403]),
    // Its teams: read by staff and users with the `team` permission (agent@acme.test has
    // not), changed by agency and org admins.
    ("GET",    "/api/v1/orgs/{org}/teams",                    [401, 200, 200, 200, 404, 200, 403, 404, 404, 403]),
    ("POST",   "/api/v1/orgs/{org}/teams",                    [401, 201, 201, 403, 404, 201, 403, 404, 404, 403]),
    ("GET",    "/api/v1/orgs/{org}/teams/{id}",               [401, 200, 200, 200, 404, 200, 403, 404, 404, 403]),
    ("PATCH",  "/api/v1/orgs/{org}/teams/{id}",               [401, 200, 200, 403, 404, 200, 403, 404, 404, 403]),
    ("DELETE", "/api/v1/orgs/{org}/teams/{id}",               [401, 204, 204, 403, 404, 204, 403, 404, 404, 403]),
    // The agent runtime's door: an agency API key as bearer token, never a session, so
    // every caller here (cookies only) is 401. Its own tests cover the key.
    ("POST",   "/api/v1/ingest/messages",                     [401, 401, 401, 401, 401, 401, 401, 401, 401, 401]),
    // Conversations, their handoff and live events: staff and users with `conversations`
    // (agent@acme.test has it). The conversation is acme-2 (waiting), acme-3 for replies.
    ("GET",    "/api/v1/orgs/{org}/conversations",            [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("GET",    "/api/v1/orgs/{org}/conversations/{id}",       [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("POST",   "/api/v1/orgs/{org}/conversations/{id}/take-over",  [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("POST",   "/api/v1/orgs/{org}/conversations/{id}/pass-to-ai", [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("POST",   "/api/v1/orgs/{org}/conversations/{id}/close",      [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("POST",   "/api/v1/orgs/{org}/conversations/{id}/assign",     [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("POST",   "/api/v1/orgs/{org}/conversations/{id}/messages",   [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("GET",    "/api/v1/orgs/{org}/events",                   [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    // Canned responses: read with `canned_responses` or `conversations`; changed by agency
    // admins, org admins and users with `canned_responses` (agent@acme.test has it).
    ("GET",    "/api/v1/orgs/{org}/canned-responses",         [401, 200, 200, 200, 404, 200, 200, 404, 404, 200]),
    ("POST",   "/api/v1/orgs/{org}/canned-responses",         [401, 201, 201, 403, 404, 201, 201, 404, 404, 201]),
    ("PATCH",  "/api/v1/orgs/{org}/canned-responses/{id}",    [401, 200, 200, 403, 404, 200, 200, 404, 404, 200]),
    ("DELETE", "/api/v1/orgs/{org}/canned-responses/{id}",    [401, 204, 204, 403, 404, 204, 204, 404, 404, 204]),
    // Analytics: staff and users with `analytics` (agent@acme.test has not).
    ("GET",    "/api/v1/orgs/{org}/analytics",                [401, 200, 200, 200, 404, 200, 403, 404, 404, 403]),
    // Plans: agency level, read by staff, defined by owners and admins; clients see the
    // choosable ones in their billing overview instead. Starter is Northwind's: Contoso 404.
    ("GET",    "/api/v1/plans",                               [401, 200, 200, 200, 200, 403, 403, 403, 403, 403]),
    ("POST",   "/api/v1/plans",                               [401, 201, 201, 403, 201, 403, 403, 403, 403, 403]),
    ("PATCH",  "/api/v1/plans/{id}",                          [401, 200, 200, 403, 404, 403, 403, 403, 403, 403]),
    // Billing (on for Acme Dental here, on Starter, see `prepare`): read by staff and users
    // with `billing` (agent@acme.test has not), changed by agency admins and those users.
    // Resuming a subscription that is not being cancelled: past the rule, refused by the data.
    ("GET",    "/api/v1/orgs/{org}/billing",                  [401, 200, 200, 200, 404, 200, 403, 404, 404, 403]),
    ("PUT",    "/api/v1/orgs/{org}/billing/subscription",     [401, 200, 200, 403, 404, 200, 403, 404, 404, 403]),
    ("DELETE", "/api/v1/orgs/{org}/billing/subscription",     [401, 200, 200, 403, 404, 200, 403, 404, 404, 403]),
    ("POST",   "/api/v1/orgs/{org}/billing/subscription/resume", [401, 409, 409, 403, 404, 409, 403, 404, 404, 403]),
    ("GET",    "/api/v1/orgs/{org}/invoices",                 [401, 200, 200, 200, 404, 200, 403, 404, 404, 403]),
    // Marking an invoice paid (Acme's Starter invoice): the agency's owners and admins only.
    ("POST",   "/api/v1/orgs/{org}/invoices/{id}/pay",        [401, 200, 200, 403, 404, 403, 403, 404, 404, 403]),
    // API keys: agency level, the agency's owners and admins only. The demo key is
    // Northwind's: Contoso's owner gets 404.
    ("GET",    "/api/v1/api-keys",                            [401, 200, 200, 403, 200, 403, 403, 403, 403, 403]),
    ("POST",   "/api/v1/api-keys",                            [401, 201, 201, 403, 201, 403, 403, 403, 403, 403]),
    ("DELETE", "/api/v1/api-keys/{id}",                       [401, 204, 204, 403, 404, 403, 403, 403, 403, 403]),
    // Handoff keyword rules: read by any staff, changed by the agency's owners and admins.
    ("GET",    "/api/v1/orgs/{org}/handoff-rules",            [401, 200, 200, 200, 404, 403, 403, 404, 404, 403]),
    ("POST",   "/api/v1/orgs/{org}/handoff-rules",            [401, 201, 201, 403, 404, 403, 403, 404, 404, 403]),
    ("DELETE", "/api/v1/orgs/{org}/handoff-rules/{id}",       [401, 204, 204, 403, 404, 403, 403, 404, 404, 403]),
];

/// The demo's plans, by id (seeded in this order; `prepare` checks).
const STARTER_PLAN_ID: i64 = 1;
const GROWTH_PLAN_ID: i64 = 2;

/// A password no answer may ever contain.
const NEW_PASSWORD: &str = "matrix-secret-pw";

/// A minimal valid body for each operation that documents one: chosen to succeed for
/// whoever is allowed, so that an allowed call is a 2xx, not a 409 or 422.
fn sample_body(method: &str, path: &str, acme: &Value, sales_bot: i64) -> Option<Value> {
    let agent = json!({"name": "Matrix Bot", "kind": "chat", "description": "", "status": "active"});
    Some(match (method, path) {
        ("POST", "/api/v1/auth/login") => json!({"email": "owner@northwind.test", "password": DEMO_PASSWORD}),
        ("POST", "/api/v1/orgs") => json!({"name": "Matrix Org"}),
        // Northwind's own hostname, so the brand still resolves for the other callers.
        ("PUT", "/api/v1/agency") => json!({
            "display_name": "Matrix Brand", "primary_color": "#1d4ed8",
            "hostnames": ["northwind.localhost"]
        }),
        ("PUT", "/api/v1/agency/embedding") => json!({"frame_origins": ["https://www.agency.example"]}),
        ("POST", "/api/v1/auth/embed") => json!({"token": "e30.00"}),
        ("PUT", "/api/v1/orgs/{org}") => update_body(acme),
        ("PUT", "/api/v1/orgs/{org}/agents") => json!({"agent_ids": [sales_bot]}),
        ("POST", "/api/v1/agents") | ("PUT", "/api/v1/agents/{id}") => agent,
        ("POST", "/api/v1/staff") => {
            json!({"name": "New Staff", "email": "new.staff@agency.test", "password": NEW_PASSWORD, "role": "member"})
        }
        ("PATCH", "/api/v1/staff/{id}") => json!({"role": "admin"}),
        ("POST", "/api/v1/orgs/{org}/users") => json!({
            "name": "New User", "email": "new.user@acme.test", "password": NEW_PASSWORD,
            "role": "client_user", "permissions": ["home"], "agent_ids": []
        }),
        ("PATCH", "/api/v1/orgs/{org}/users/{id}") => json!({"name": "Andy Renamed", "password": NEW_PASSWORD}),
        ("POST", "/api/v1/orgs/{org}/teams") => json!({"label": "Billing", "key": "billing", "member_ids": []}),
        ("PATCH", "/api/v1/orgs/{org}/teams/{id}") => json!({"label": "Front Desk Two"}),
        ("POST", "/api/v1/ingest/messages") => json!({
            "org_id": acme["id"], "agent_id": acme["agent_ids"][0], "external_id": "matrix-1",
            "author": "visitor", "text": "Hello", "contact_name": "Matrix Visitor"
        }),
        ("POST", "/api/v1/orgs/{org}/conversations/{id}/assign") => json!({}),
        ("POST", "/api/v1/orgs/{org}/conversations/{id}/messages") => json!({"text": "Matrix reply"}),
        ("POST", "/api/v1/orgs/{org}/canned-responses") => {
            json!({"shortcode": "matrix", "title": "Matrix", "body": "Hello {{contact.name}}"})
        }
        ("PATCH", "/api/v1/orgs/{org}/canned-responses/{id}") => json!({"title": "Greeting Two"}),
        ("POST", "/api/v1/plans") => json!({
            "name": "Matrix Plan", "price_cents": 4900, "currency": "USD", "interval": "month",
            "included_conversations": 1000
        }),
        ("PATCH", "/api/v1/plans/{id}") => json!({"name": "Starter Plus"}),
        ("POST", "/api/v1/orgs/{org}/handoff-rules") => json!({"keyword": "matrix"}),
        ("POST", "/api/v1/me/password") => json!({"current_password": DEMO_PASSWORD, "new_password": NEW_PASSWORD}),
        ("POST", "/api/v1/auth/password-reset") => json!({"email": "agent@acme.test"}),
        ("POST", "/api/v1/auth/password-reset/confirm") => {
            json!({"token": "not-a-real-token", "new_password": NEW_PASSWORD})
        }
        // From Starter (see `prepare`) to Growth: a prorated change.
        ("PUT", "/api/v1/orgs/{org}/billing/subscription") => json!({"plan_id": GROWTH_PLAN_ID}),
        _ => return None,
    })
}

/// One call to make: on a fresh copy of the snapshot, as `caller` (a column).
struct Case {
    method: Method,
    path: String,
    filled: String,
    body: Option<Value>,
    caller: usize,
}

/// The browser of each caller, as (its cookies, its CSRF token), live in the snapshot.
type Browsers = Vec<Option<(String, String)>>;

/// The demo with every caller signed in, frozen; plus what the sample bodies need.
async fn prepare() -> (Snapshot, Browsers, Value, i64, Value) {
    let app = TestApp::new().await;
    let mut browsers = Vec::new();
    for caller in CALLERS {
        browsers.push(match caller {
            None => None,
            Some(who) if who.contains(" as ") => {
                let owner = app.login("owner@northwind.test").await;
                let target = app.fill_path("/api/v1/orgs/{org}/users/{id}/impersonate").await;
                let reply = owner.post(&target, None).await;
                assert_eq!(reply.status, 200, "{}", reply.body);
                let session = Session::from_reply(&app, &reply);
                Some((session.cookie_header(), session.csrf))
            }
            Some(email) => {
                let session = app.login(email).await;
                Some((session.cookie_header(), session.csrf))
            }
        });
    }
    let owner = app.login("owner@northwind.test").await;
    // Billing on for Acme Dental, subscribed to Starter (one open invoice): its billing
    // routes then have something to show, change and pay.
    assert_eq!((app.plan_id("Starter").await, app.plan_id("Growth").await), (STARTER_PLAN_ID, GROWTH_PLAN_ID));
    app.change_settings("Acme Dental", json!({"billing_enabled": true})).await;
    let subscription = app.fill_path("/api/v1/orgs/{org}/billing/subscription").await;
    let subscribed = owner.put(&subscription, json!({"plan_id": STARTER_PLAN_ID})).await;
    assert_eq!(subscribed.status, 200, "{}", subscribed.body);
    let acme = owner.get(&format!("/api/v1/orgs/{}", app.org_id("Acme Dental").await)).await.body;
    let sales_bot = app.agent_id("Sales Bot").await;
    let spec = app.get("/api/v1/openapi.json").await.body;
    (app.snapshot().await, browsers, acme, sales_bot, spec)
}

/// Sends the case's request on a fresh app over a copy of `snapshot`; answers the reply
/// and the database's fingerprint after it.
async fn run(snapshot: &Snapshot, browsers: &Browsers, case: &Case) -> (Reply, String) {
    let app = TestApp::from_snapshot(snapshot).await;
    let mut req = request(case.method.clone(), &case.filled, case.body.clone());
    let (cookies, csrf) = match &browsers[case.caller] {
        Some((cookies, csrf)) => (cookies.clone(), csrf.clone()),
        // Anonymous: a cookie and header that match but belong to no session.
        None => (format!("{CSRF_COOKIE}=anonymous-token"), "anonymous-token".to_string()),
    };
    req.headers_mut().insert(COOKIE, cookies.parse().unwrap());
    req.headers_mut().insert(CSRF_HEADER, csrf.parse().unwrap());
    let reply = app.send(req).await;
    let after = app.fingerprint().await;
    app.db.close().await;
    (reply, after)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 8)]
async fn every_operation_answers_each_caller_as_the_table_says() {
    let (snapshot, browsers, acme, sales_bot, spec) = prepare().await;
    let table: BTreeMap<(String, String), [u16; 10]> =
        TABLE.iter().map(|(m, p, expected)| ((m.to_string(), p.to_string()), *expected)).collect();
    assert_eq!(table.len(), TABLE.len(), "a (method, path) appears twice in TABLE");

    // The document and the table must list the same operations.
    let mut documented = BTreeSet::new();
    let mut cases = Vec::new();
    let fill = TestApp::from_snapshot(&snapshot).await;
    let before = fill.fingerprint().await;
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("path item") {
            let method = method.to_uppercase();
            documented.insert((method.clone(), path.clone()));
            let body = sample_body(&method, path, &acme, sales_bot);
            let has_body = operation.get("requestBody").is_some();
            assert_eq!(body.is_some(), has_body, "{method} {path}: sample_body must match the documented body");
            let filled = fill.fill_path(path).await;
            for caller in 0..CALLERS.len() {
                let method = Method::from_bytes(method.as_bytes()).unwrap();
                cases.push(Case { method, path: path.clone(), filled: filled.clone(), body: body.clone(), caller });
            }
        }
    }
    let missing: Vec<_> = documented.iter().filter(|k| !table.contains_key(*k)).collect();
    assert!(missing.is_empty(), "operations without a row in TABLE (decide who may call them): {missing:?}");
    let stale: Vec<_> = table.keys().filter(|k| !documented.contains(*k)).collect();
    assert!(stale.is_empty(), "rows in TABLE for operations the document lacks: {stale:?}");

    // Every case on its own copy, a few at a time (each holds open SQLite files).
    let shared = Arc::new((snapshot, browsers));
    let gate = Arc::new(Semaphore::new(12));
    let mut calls = JoinSet::new();
    for case in cases {
        let (shared, gate) = (shared.clone(), gate.clone());
        calls.spawn(async move {
            let _permit = gate.acquire_owned().await.unwrap();
            let (reply, after) = run(&shared.0, &shared.1, &case).await;
            (case, reply, after)
        });
    }
    let mut failures = Vec::new();
    while let Some(done) = calls.join_next().await {
        let (case, reply, after) = done.unwrap();
        let expected = table[&(case.method.to_string(), case.path.clone())][case.caller];
        let who = CALLERS[case.caller].unwrap_or("anonymous");
        let got = reply.status.as_u16();
        if got != expected {
            failures
                .push(format!("{} {} as {who}: expected {expected}, got {got} {}", case.method, case.path, reply.body));
        }
        // A refused call changes nothing at all; an accepted mutation does change something
        // (which also proves the fingerprint sees changes), but for a logout with no session.
        let changed = after != before;
        if !reply.status.is_success() && changed {
            failures
                .push(format!("{} {} as {who}: refused with {got} but changed the database", case.method, case.path));
        }
        let idle_logout = case.path.ends_with("/logout") && CALLERS[case.caller].is_none();
        // The seed's domains are the demo's `.localhost` names, which no DNS is asked about.
        let nothing_to_check = case.path.ends_with("/domains/check");
        if reply.status.is_success() && case.method != Method::GET && !idle_logout && !nothing_to_check && !changed {
            failures.push(format!("{} {} as {who}: accepted with {got} but changed nothing", case.method, case.path));
        }
        // Whatever the route and whoever asks, no answer carries a password or its hash.
        let text = String::from_utf8_lossy(&reply.bytes);
        for secret in [NEW_PASSWORD, DEMO_PASSWORD, "$argon2", "password_hash"] {
            assert!(!text.contains(secret), "{} {} as {who} answered {secret}: {text}", case.method, case.path);
        }
    }
    failures.sort();
    assert!(failures.is_empty(), "{} call(s) differ from TABLE:\n{}", failures.len(), failures.join("\n"));
}
