//! The fixes of the outside attack run (issue 15) and the hardening around them: login
//! throttling that holds under parallel load without locking the owner out, agent
//! subsets that never widen, Unicode hygiene for identities, own-password change, reset
//! by email, sign out everywhere, absolute session lifetime, and request limits.

use crate::common;

use crate::common::{request, Session, TestApp};
use atrium_server::seed::{DEMO_API_KEY, DEMO_PASSWORD};
use atrium_server::state::Settings;
use axum::http::Method;
use serde_json::json;
use std::time::Duration;

/// A login as `email` with `password` from `peer` (its address), carrying `device`'s
/// device cookie when given.
async fn login_from(app: &TestApp, email: &str, password: &str, peer: &str, device: Option<&str>) -> common::Reply {
    let mut req = request(Method::POST, "/api/v1/auth/login", Some(json!({"email": email, "password": password})));
    let peer: std::net::SocketAddr = format!("{peer}:40000").parse().unwrap();
    req.extensions_mut().insert(axum::extract::ConnectInfo(peer));
    if let Some(device) = device {
        req.headers_mut().insert(axum::http::header::COOKIE, format!("atrium_device={device}").parse().unwrap());
    }
    app.send(req).await
}

/// 200 wrong passwords at once for one account: the limiter counts each attempt before
/// checking it, so exactly its limit get an answer and the rest are refused (they used
/// to all slip through while their checks ran in parallel).
#[tokio::test]
async fn parallel_wrong_logins_cannot_pass_the_limit_together() {
    let app = std::sync::Arc::new(TestApp::new().await);
    let tasks: Vec<_> = (0..200)
        .map(|_| {
            let app = app.clone();
            tokio::spawn(
                async move { login_from(&app, "member@northwind.test", "guess-guess", "203.0.113.9", None).await },
            )
        })
        .collect();
    let (mut wrong, mut limited) = (0, 0);
    for task in tasks {
        let reply = task.await.unwrap();
        match reply.status.as_u16() {
            401 => wrong += 1,
            429 | 503 => {
                limited += 1;
                assert!(reply.header("retry-after").is_some(), "{}", reply.body);
            }
            other => panic!("unexpected {other}: {}", reply.body),
        }
    }
    assert_eq!(wrong, 10, "only the pair's limit of passwords was checked");
    assert_eq!(limited, 190);
}

/// A stranger's wrong guesses lock their own (account, address) pair, never the owner:
/// not on another network, and not on the browser the owner signed in with before, even
/// at the stranger's address.
#[tokio::test]
async fn wrong_guesses_do_not_lock_the_owner_out() {
    let app = TestApp::new().await;
    let first = login_from(&app, "member@northwind.test", DEMO_PASSWORD, "198.51.100.1", None).await;
    assert_eq!(first.status, 200);
    let device = first.cookie("atrium_device").expect("a device cookie");
    assert_eq!(device.http_only(), Some(true));
    assert_eq!(device.path(), Some("/api/v1/auth/login"));
    for _ in 0..10 {
        login_from(&app, "member@northwind.test", "guess", "203.0.113.9", None)
            .await
            .assert_error(401, "invalid_credentials");
    }
    let stranger = login_from(&app, "member@northwind.test", DEMO_PASSWORD, "203.0.113.9", None).await;
    stranger.assert_error(429, "rate_limited");
    let wait: u64 = stranger.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=15 * 60).contains(&wait));
    assert_eq!(login_from(&app, "member@northwind.test", DEMO_PASSWORD, "198.51.100.7", None).await.status, 200);
    let known = login_from(&app, "member@northwind.test", DEMO_PASSWORD, "203.0.113.9", Some(device.value())).await;
    assert_eq!(known.status, 200, "{}", known.body);
    assert!(known.cookie("atrium_device").is_none(), "a known device keeps its cookie");
}

/// A guessing campaign over many addresses reaches the account-wide limit; the owner's
/// known browser still signs in.
#[tokio::test]
async fn an_account_under_a_spread_attack_still_opens_to_its_known_device() {
    let app = TestApp::new().await;
    let device = login_from(&app, "member@northwind.test", DEMO_PASSWORD, "198.51.100.1", None).await;
    let device = device.cookie("atrium_device").unwrap().value().to_string();
    for n in 0..100 {
        let peer = format!("192.0.2.{}", n + 1);
        login_from(&app, "member@northwind.test", "guess", &peer, None).await.assert_error(401, "invalid_credentials");
    }
    login_from(&app, "member@northwind.test", DEMO_PASSWORD, "198.51.100.2", None)
        .await
        .assert_error(429, "rate_limited");
    assert_eq!(
        login_from(&app, "member@northwind.test", DEMO_PASSWORD, "198.51.100.2", Some(&device)).await.status,
        200
    );
    // A device cookie of another account is no key to this one.
    let other = login_from(&app, "owner@northwind.test", DEMO_PASSWORD, "198.51.100.3", None).await;
    let other = other.cookie("atrium_device").unwrap().value().to_string();
    login_from(&app, "member@northwind.test", DEMO_PASSWORD, "198.51.100.2", Some(&other))
        .await
        .assert_error(429, "rate_limited");
}

/// Deleting every agent of a user's subset leaves them seeing none, not all.
#[tokio::test]
async fn deleting_an_agent_never_widens_a_restricted_user() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;
    let temp = owner.post("/api/v1/agents", Some(json!({"name": "Temp Bot", "kind": "chat", "description": ""}))).await;
    assert_eq!(temp.status, 201, "{}", temp.body);
    let temp = temp.body["id"].as_i64().unwrap();
    let assigned = [app.agent_id("Support Bot").await, app.agent_id("Reception Line").await, temp];
    assert_eq!(owner.put(&format!("/api/v1/orgs/{acme}/agents"), json!({"agent_ids": assigned})).await.status, 200);
    let agent_id = app.user_id("agent@acme.test").await;
    let user_path = format!("/api/v1/orgs/{acme}/users/{agent_id}");
    let limited = owner.patch(&user_path, json!({"agent_ids": [temp]})).await;
    assert_eq!((limited.body["agent_ids"].clone(), limited.body["all_agents"].clone()), (json!([temp]), json!(false)));

    assert_eq!(owner.delete(&format!("/api/v1/agents/{temp}")).await.status, 204);
    let user = owner.get(&user_path).await.body;
    assert_eq!((user["agent_ids"].clone(), user["all_agents"].clone()), (json!([]), json!(false)));
    let agent = app.login("agent@acme.test").await;
    assert_eq!(agent.get("/api/v1/me").await.body["agents"], json!([]));
    assert_eq!(agent.get(&format!("/api/v1/orgs/{acme}/conversations")).await.body["total"], 0);
    let other = app.conversation_id("acme-2").await;
    agent.get(&format!("/api/v1/orgs/{acme}/conversations/{other}")).await.assert_error(404, "not_found");
    agent
        .post(&format!("/api/v1/orgs/{acme}/conversations/{other}/take-over"), None)
        .await
        .assert_error(404, "not_found");
    // Giving the whole org back is explicit: an empty list on a write.
    let all = owner.patch(&user_path, json!({"agent_ids": []})).await.body;
    assert_eq!(all["all_agents"], true);
    assert!(agent.get(&format!("/api/v1/orgs/{acme}/conversations")).await.body["total"].as_u64().unwrap() > 0);
}

#[tokio::test]
async fn control_characters_in_a_search_are_a_clear_400() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let acme = app.org_id("Acme Dental").await;
    admin.get(&format!("/api/v1/orgs/{acme}/conversations?q=%00%00%00")).await.assert_error(400, "bad_request");
    let owner = app.login("owner@northwind.test").await;
    owner.get("/api/v1/orgs?q=a%00b").await.assert_error(400, "bad_request");
    assert_eq!(owner.get("/api/v1/orgs?q=Acme").await.status, 200);
}

/// Invisible characters, look-alike letters and a staff member's name are refused in
/// identities; text is stored in one Unicode form, so two spellings of "é" are one name.
#[tokio::test]
async fn look_alike_identities_are_refused() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;
    let before = app.fingerprint().await;
    let field = |reply: &common::Reply, name: &str| reply.body["error"]["field_codes"][name].clone();

    let r = owner.post("/api/v1/orgs", Some(json!({"name": "Acme Dental\u{200b}"}))).await;
    assert_eq!((r.status.as_u16(), field(&r, "name")), (422, json!("invalid_characters")));
    let r = owner.post("/api/v1/orgs", Some(json!({"name": "Acme D\u{0435}ntal"}))).await;
    assert_eq!((r.status.as_u16(), field(&r, "name")), (422, json!("confusable")));
    let user = |email: &str, name: &str| json!({"name": name, "email": email, "password": "long-enough-pw", "role": "org_admin", "permissions": [], "agent_ids": []});
    let r =
        owner.post(&format!("/api/v1/orgs/{acme}/users"), Some(user("owner@northwind.test\u{200b}", "Someone"))).await;
    assert_eq!((r.status.as_u16(), field(&r, "email")), (422, json!("invalid_email")));
    let r = owner.post(&format!("/api/v1/orgs/{acme}/users"), Some(user("boss@acme.test", "Nadia Owner"))).await;
    assert_eq!((r.status.as_u16(), field(&r, "name")), (422, json!("confusable")), "the agency owner's name");
    let team = json!({"label": "Front D\u{0435}sk", "key": "front_desk_2"});
    let r = owner.post(&format!("/api/v1/orgs/{acme}/teams"), Some(team)).await;
    assert_eq!((r.status.as_u16(), field(&r, "label")), (422, json!("confusable")));
    let team = json!({"label": "Night \u{202e}tfihs", "key": "night"});
    let r = owner.post(&format!("/api/v1/orgs/{acme}/teams"), Some(team)).await;
    assert_eq!((r.status.as_u16(), field(&r, "label")), (422, json!("invalid_characters")));
    assert_eq!(app.fingerprint().await, before, "nothing was written");

    assert_eq!(owner.post("/api/v1/orgs", Some(json!({"name": "Cafe\u{301} Dental"}))).await.status, 201);
    let r = owner.post("/api/v1/orgs", Some(json!({"name": "Caf\u{e9} Dental"}))).await;
    assert_eq!((r.status.as_u16(), field(&r, "name")), (422, json!("taken")));
}

/// The look-alike check finds the one org a new name looks like among many through the
/// stored skeletons, also for orgs written before they were stored (filled at start-up),
/// and for a rename.
#[tokio::test]
async fn look_alike_org_names_are_found_through_their_stored_skeletons() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    for i in 0..50 {
        assert_eq!(owner.post("/api/v1/orgs", Some(json!({"name": format!("Filler {i}")}))).await.status, 201);
    }
    // As a database from before the column: no skeletons, until the server starts.
    sqlx::query("UPDATE orgs SET name_skeleton = NULL").execute(&app.db).await.unwrap();
    atrium_server::store::connect(&app.database_url()).await.unwrap().close().await;
    let field = |reply: &common::Reply| reply.body["error"]["field_codes"]["name"].clone();

    let r = owner.post("/api/v1/orgs", Some(json!({"name": "Globex Realty East"}))).await;
    assert_eq!(r.status, 201, "not a look-alike: {}", r.body);
    let r = owner.post("/api/v1/orgs", Some(json!({"name": "Gl\u{043e}bex Realty"}))).await;
    assert_eq!((r.status.as_u16(), field(&r)), (422, json!("confusable")), "{}", r.body);
    let r = owner.post("/api/v1/orgs", Some(json!({"name": "Fi\u{04cf}ler 7"}))).await;
    assert_eq!((r.status.as_u16(), field(&r)), (422, json!("confusable")), "{}", r.body);

    // A rename is checked against the others, not against the org's own old name.
    let acme = app.org_id("Acme Dental").await;
    let path = format!("/api/v1/orgs/{acme}");
    let mut body = common::update_body(&owner.get(&path).await.body);
    body["name"] = json!("Filler 4O");
    let r = owner.put(&path, body.clone()).await;
    assert_eq!((r.status.as_u16(), field(&r)), (422, json!("confusable")), "{}", r.body);
    body["name"] = json!("Acm\u{0435} Dental");
    assert_eq!(owner.put(&path, body).await.status, 200, "its own name, respelt");
}

#[tokio::test]
async fn anyone_changes_their_own_password_and_their_other_sessions_end() {
    let app = TestApp::new().await;
    for email in ["member@northwind.test", "agent@acme.test"] {
        let here = app.login(email).await;
        let elsewhere = app.login(email).await;
        let user_id = app.user_id(email).await;
        let hash = || async {
            let hash: String = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
                .bind(user_id)
                .fetch_one(&app.db)
                .await
                .unwrap();
            (hash, app.count_where("sessions", "user_id", user_id).await)
        };
        let before = hash().await;
        let wrong = here
            .post(
                "/api/v1/me/password",
                Some(json!({"current_password": "nope", "new_password": "a-new-long-password"})),
            )
            .await;
        assert_eq!(
            (wrong.status.as_u16(), wrong.body["error"]["field_codes"]["current_password"].clone()),
            (422, json!("incorrect"))
        );
        let short = here
            .post("/api/v1/me/password", Some(json!({"current_password": DEMO_PASSWORD, "new_password": "short"})))
            .await;
        assert_eq!(short.status, 422);
        // (A wrong current password does count as a failed sign-in for the throttle.)
        assert_eq!(hash().await, before, "neither the password nor a session changed");

        let body = json!({"current_password": DEMO_PASSWORD, "new_password": "a-new-long-password"});
        assert_eq!(here.post("/api/v1/me/password", Some(body)).await.status, 204);
        assert_eq!(here.get("/api/v1/me").await.status, 200, "this session stays");
        elsewhere.get("/api/v1/me").await.assert_error(401, "unauthenticated");
        app.try_login(email, DEMO_PASSWORD).await.assert_error(401, "invalid_credentials");
        assert_eq!(app.try_login(email, "a-new-long-password").await.status, 200);
    }
}

#[tokio::test]
async fn log_in_as_cannot_change_the_clients_password_or_sign_them_out_everywhere() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let path = format!(
        "/api/v1/orgs/{}/users/{}/impersonate",
        app.org_id("Acme Dental").await,
        app.user_id("agent@acme.test").await
    );
    let client = Session::from_reply(&app, &owner.post(&path, None).await);
    let body = json!({"current_password": DEMO_PASSWORD, "new_password": "a-new-long-password"});
    client.post("/api/v1/me/password", Some(body)).await.assert_error(403, "forbidden");
    client.post("/api/v1/auth/sign-out-everywhere", None).await.assert_error(403, "forbidden");
}

#[tokio::test]
async fn sign_out_everywhere_ends_every_session() {
    let app = TestApp::new().await;
    let sessions = [app.login("admin@acme.test").await, app.login("admin@acme.test").await];
    let other = app.login("agent@acme.test").await;
    let reply = sessions[0].post("/api/v1/auth/sign-out-everywhere", None).await;
    assert_eq!(reply.status, 204);
    assert!(reply.cookie("atrium_session").is_some_and(|c| c.value().is_empty()), "the cookie is cleared");
    for s in &sessions {
        s.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    }
    assert_eq!(other.get("/api/v1/me").await.status, 200, "nobody else's");
}

fn reset_token(app: &TestApp) -> String {
    let mail = app.mail.sent();
    let body = &mail.last().expect("a mail").body;
    let at = body.find("token=").expect("a link") + "token=".len();
    body[at..].split_whitespace().next().unwrap().to_string()
}

#[tokio::test]
async fn a_password_is_reset_through_a_single_use_emailed_link() {
    let app = TestApp::new().await;
    let old = app.login("agent@acme.test").await;
    let asked = app.call(Method::POST, "/api/v1/auth/password-reset", Some(json!({"email": "Agent@Acme.test"}))).await;
    assert_eq!(asked.status, 202);
    let mail = app.mail.sent();
    assert_eq!(mail.len(), 1);
    assert_eq!(mail[0].to, "agent@acme.test");
    assert!(mail[0].body.contains("http://127.0.0.1:8080/reset-password?token="), "{}", mail[0].body);
    // An unknown address gets the same answer and no mail.
    assert_eq!(
        app.call(Method::POST, "/api/v1/auth/password-reset", Some(json!({"email": "nobody@acme.test"}))).await.status,
        202
    );
    assert_eq!(app.mail.sent().len(), 1);

    let token = reset_token(&app);
    let forged = app
        .call(
            Method::POST,
            "/api/v1/auth/password-reset/confirm",
            Some(json!({"token": "0".repeat(64), "new_password": "a-new-long-password"})),
        )
        .await;
    assert_eq!(
        (forged.status.as_u16(), forged.body["error"]["field_codes"]["token"].clone()),
        (422, json!("expired_link"))
    );
    let body = json!({"token": token, "new_password": "a-new-long-password"});
    assert_eq!(app.call(Method::POST, "/api/v1/auth/password-reset/confirm", Some(body.clone())).await.status, 204);
    old.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    app.try_login("agent@acme.test", DEMO_PASSWORD).await.assert_error(401, "invalid_credentials");
    assert_eq!(app.try_login("agent@acme.test", "a-new-long-password").await.status, 200);
    let again = app.call(Method::POST, "/api/v1/auth/password-reset/confirm", Some(body)).await;
    assert_eq!(again.status, 422, "a link works once");
}

#[tokio::test]
async fn an_expired_reset_link_or_a_disabled_user_is_refused() {
    let app = TestApp::new().await;
    app.call(Method::POST, "/api/v1/auth/password-reset", Some(json!({"email": "agent@acme.test"}))).await;
    let token = reset_token(&app);
    sqlx::query("UPDATE password_resets SET expires_at = '2000-01-01T00:00:00.000000Z'")
        .execute(&app.db)
        .await
        .unwrap();
    let body = json!({"token": token, "new_password": "a-new-long-password"});
    app.call(Method::POST, "/api/v1/auth/password-reset/confirm", Some(body))
        .await
        .assert_error(422, "validation_failed");

    let admin = app.login("admin@acme.test").await;
    let path =
        format!("/api/v1/orgs/{}/users/{}", app.org_id("Acme Dental").await, app.user_id("agent@acme.test").await);
    assert_eq!(admin.patch(&path, json!({"disabled": true})).await.status, 200);
    let sent = app.mail.sent().len();
    assert_eq!(
        app.call(Method::POST, "/api/v1/auth/password-reset", Some(json!({"email": "agent@acme.test"}))).await.status,
        202
    );
    assert_eq!(app.mail.sent().len(), sent, "no link for a user who may not sign in");
}

#[tokio::test]
async fn a_session_ends_at_its_absolute_lifetime_however_much_it_is_used() {
    let app =
        TestApp::with_settings(Settings { session_lifetime: Duration::from_secs(1), ..Settings::default() }).await;
    let session = app.login("agent@acme.test").await;
    for _ in 0..3 {
        assert_eq!(session.get("/api/v1/me").await.status, 200);
        tokio::time::sleep(Duration::from_millis(300)).await;
    }
    // Ages count in whole seconds: past 2 s it is older than 1 s for sure.
    tokio::time::sleep(Duration::from_millis(1300)).await;
    session.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn an_api_key_over_its_ingest_rate_gets_429() {
    let app = TestApp::with_settings(Settings { ingest_per_second: 1, ..Settings::default() }).await;
    let (org, agent) = (app.org_id("Acme Dental").await, app.agent_id("Support Bot").await);
    let mut answers = Vec::new();
    for n in 0..3 {
        let body = json!({"org_id": org, "agent_id": agent, "external_id": format!("rate-{n}"), "author": "visitor", "text": "Hi"});
        answers.push(app.ingest(DEMO_API_KEY, body).await);
    }
    assert_eq!(answers[0].status, 200, "{}", answers[0].body);
    assert_eq!(answers[1].status, 200, "a burst of two");
    answers[2].assert_error(429, "rate_limited");
    assert!(answers[2].header("retry-after").is_some());
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let huge = "x".repeat(3 * 1024 * 1024);
    owner.post("/api/v1/orgs", Some(json!({"name": huge}))).await.assert_error(413, "payload_too_large");
}

/// "Email taken" confirms that an account exists somewhere on the platform: an admin may
/// hear it only so often, then every user write of theirs waits, taken or not.
#[tokio::test]
async fn taken_emails_cannot_be_probed_in_bulk() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let path = format!("/api/v1/orgs/{}/users", app.org_id("Acme Dental").await);
    let user = |email: &str| json!({"name": "Probe", "email": email, "password": "long-enough-pw", "role": "client_user", "permissions": ["home"], "agent_ids": []});
    for _ in 0..10 {
        let r = admin.post(&path, Some(user("admin@initech.test"))).await;
        assert_eq!(r.body["error"]["field_codes"]["email"], "taken", "{}", r.body);
    }
    let probe = admin.post(&path, Some(user("owner@contoso.test"))).await;
    probe.assert_error(429, "rate_limited");
    assert!(probe.header("retry-after").is_some());
    admin.post(&path, Some(user("free@acme.test"))).await.assert_error(429, "rate_limited");
    // Another admin is not affected.
    let owner = app.login("owner@northwind.test").await;
    assert_eq!(owner.post(&path, Some(user("free@acme.test"))).await.status, 201);
}

/// Securing a staff account ends the "Log in as" sessions it had opened too: an intruder
/// with its password keeps no client session once the owner signs out everywhere.
#[tokio::test]
async fn sign_out_everywhere_ends_the_log_in_as_sessions_it_opened() {
    let app = TestApp::new().await;
    let intruder = app.login("admin@northwind.test").await;
    let path = format!(
        "/api/v1/orgs/{}/users/{}/impersonate",
        app.org_id("Acme Dental").await,
        app.user_id("agent@acme.test").await
    );
    let client = Session::from_reply(&app, &intruder.post(&path, None).await);
    assert_eq!(client.get("/api/v1/me").await.status, 200);
    let owner_of_account = app.login("admin@northwind.test").await;
    assert_eq!(owner_of_account.post("/api/v1/auth/sign-out-everywhere", None).await.status, 204);
    client.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    let left: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM sessions").fetch_one(&app.db).await.unwrap();
    assert_eq!(left, 0, "no parked or impersonation session is left behind");
}

/// Passwords are compared as typed (their hashes were made from the bytes sent), while
/// names are put in one Unicode form.
#[tokio::test]
async fn a_password_is_taken_as_typed() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let path = format!("/api/v1/orgs/{}/users", app.org_id("Acme Dental").await);
    let decomposed = "cafe\u{301}-password";
    let body = json!({"name": "Zoe", "email": "zoe@acme.test", "password": decomposed, "role": "client_user", "permissions": ["home"], "agent_ids": []});
    assert_eq!(admin.post(&path, Some(body)).await.status, 201);
    assert_eq!(app.try_login("zoe@acme.test", decomposed).await.status, 200);
    app.try_login("zoe@acme.test", "caf\u{e9}-password").await.assert_error(401, "invalid_credentials");
}
