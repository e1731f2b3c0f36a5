//! Embedding the dashboard in an agency's site: the origins allowed to frame it, its embed
//! secrets, and signing in through a signed embed link, which works once, soon, for the
//! agency's own client users, and only while its secret stands.

use crate::common;

use crate::common::{request, TestApp};
use atrium_server::embed::sign;
use atrium_server::seed::DEMO_EMBED_SECRET;
use axum::http::header::AUTHORIZATION;
use axum::http::Method;
use base64::Engine;
use serde_json::{json, Value};

fn now() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

/// An embed link's token as an agency's backend makes it.
fn token(claims: Value, secret: &str) -> String {
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(claims.to_string());
    let signature = sign(&payload, secret);
    format!("{payload}.{signature}")
}

fn claims(app_agency: i64, email: &str, nonce: &str) -> Value {
    json!({"agency": app_agency, "email": email, "exp": now() + 120, "nonce": nonce})
}

async fn sign_in(app: &TestApp, token: &str) -> common::Reply {
    app.call(Method::POST, "/api/v1/auth/embed", Some(json!({"token": token}))).await
}

#[tokio::test]
async fn a_signed_link_signs_its_client_user_in_once_as_a_token_session() {
    let app = TestApp::new().await;
    let northwind = app.agency_id("Northwind Agency").await;
    let link = token(claims(northwind, "agent@acme.test", "nonce-0001"), DEMO_EMBED_SECRET);
    let reply = sign_in(&app, &link).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["user"]["email"], "agent@acme.test");
    assert_eq!(reply.body["org"]["name"], "Acme Dental");
    assert!(reply.cookie(atrium_api::SESSION_COOKIE).is_none(), "an iframe cannot count on cookies");
    let session = reply.body["session_token"].as_str().unwrap();
    let mut me = request(Method::GET, "/api/v1/me", None);
    me.headers_mut().insert(AUTHORIZATION, format!("Bearer {session}").parse().unwrap());
    assert_eq!(app.send(me).await.body["user"]["email"], "agent@acme.test");

    // The same link again is a replay.
    let before = app.fingerprint().await;
    let again = sign_in(&app, &link).await;
    again.assert_error(401, "invalid_embed_link");
    assert!(again.body["error"]["message"].as_str().unwrap().contains("already used"));
    assert_eq!(app.fingerprint().await, before, "no session");
}

#[tokio::test]
async fn forged_expired_long_lived_other_agency_and_revoked_links_sign_nobody_in() {
    let app = TestApp::new().await;
    let northwind = app.agency_id("Northwind Agency").await;
    let contoso = app.agency_id("Contoso Partners").await;
    let good = claims(northwind, "agent@acme.test", "nonce-good");
    let mut expired = good.clone();
    expired["exp"] = json!(now() - 1);
    expired["nonce"] = json!("nonce-expired");
    let mut long = good.clone();
    long["exp"] = json!(now() + 3600);
    long["nonce"] = json!("nonce-long");
    // A valid signature with Northwind's secret, claiming Contoso (or its user): no.
    let other_agency = claims(contoso, "admin@initech.test", "nonce-other");
    let other_user = claims(northwind, "admin@initech.test", "nonce-other-user");
    let staff = claims(northwind, "owner@northwind.test", "nonce-staff");
    let forged_payload = {
        let real = token(good.clone(), DEMO_EMBED_SECRET);
        let (_, signature) = real.split_once('.').unwrap();
        let tampered = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode(claims(northwind, "admin@acme.test", "nonce-good").to_string());
        format!("{tampered}.{signature}")
    };
    let cases = [
        ("wrong secret", token(good.clone(), "emb_guessed")),
        ("tampered payload", forged_payload),
        ("expired", token(expired, DEMO_EMBED_SECRET)),
        ("lives an hour", token(long, DEMO_EMBED_SECRET)),
        ("other agency", token(other_agency, DEMO_EMBED_SECRET)),
        ("other agency's user", token(other_user, DEMO_EMBED_SECRET)),
        ("staff", token(staff, DEMO_EMBED_SECRET)),
        ("malformed", "not-a-token".to_string()),
    ];
    let before = app.fingerprint_without("embed_nonces").await;
    for (why, link) in cases {
        let reply = sign_in(&app, &link).await;
        assert_eq!(reply.status, 401, "{why}: {}", reply.body);
        assert_eq!(reply.body["error"]["code"], "invalid_embed_link", "{why}");
    }
    assert_eq!(app.fingerprint_without("embed_nonces").await, before, "no session, nothing else changed");

    // Revoking the secret kills even a link it signed that was never used.
    let unused = token(claims(northwind, "agent@acme.test", "nonce-unused"), DEMO_EMBED_SECRET);
    let owner = app.login("owner@northwind.test").await;
    let settings = owner.get("/api/v1/agency/embedding").await.body;
    let id = settings["secrets"][0]["id"].as_i64().unwrap();
    assert_eq!(owner.delete(&format!("/api/v1/agency/embed-secrets/{id}")).await.status, 204);
    sign_in(&app, &unused).await.assert_error(401, "invalid_embed_link");
}

#[tokio::test]
async fn an_agency_manages_its_own_secrets_and_frame_origins() {
    let app = TestApp::new().await;
    let owner = app.login("owner@contoso.test").await;
    let created = owner.post("/api/v1/agency/embed-secrets", None).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let secret = created.body["secret"].as_str().unwrap().to_string();
    let listed = owner.get("/api/v1/agency/embedding").await.body;
    assert_eq!(listed["secrets"].as_array().unwrap().len(), 1, "Northwind's secret is not Contoso's");
    assert!(!listed.to_string().contains(&secret), "the value is shown only once");
    let contoso = app.agency_id("Contoso Partners").await;
    let link = token(claims(contoso, "admin@initech.test", "nonce-contoso"), &secret);
    assert_eq!(sign_in(&app, &link).await.status, 200);

    // Another agency's secret is not found, and stays.
    let northwind_secret: i64 = sqlx::query_scalar("SELECT id FROM embed_secrets WHERE prefix = 'emb_demo-nor'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    owner.delete(&format!("/api/v1/agency/embed-secrets/{northwind_secret}")).await.assert_error(404, "not_found");

    let saved = owner
        .put(
            "/api/v1/agency/embedding",
            json!({"frame_origins": ["https://www.contoso.test", "http://127.0.0.1:9300"]}),
        )
        .await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.body["frame_origins"], json!(["http://127.0.0.1:9300", "https://www.contoso.test"]));
    let before = app.fingerprint().await;
    for bad in ["*", "https://x.test/path", "https://x.test; script-src *", "'self'"] {
        let reply = owner.put("/api/v1/agency/embedding", json!({"frame_origins": [bad]})).await;
        reply.assert_error(422, "validation_failed");
        assert_eq!(reply.body["error"]["field_codes"]["frame_origins"], "invalid_origin", "{bad}");
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn the_embed_page_may_be_framed_only_by_its_agencys_origins() {
    let app = TestApp::with_dist(&[("index.html", b"<html><body>app</body></html>")]).await;
    let owner = app.login("owner@northwind.test").await;
    let saved = owner.put("/api/v1/agency/embedding", json!({"frame_origins": ["https://www.northwind.test"]})).await;
    assert_eq!(saved.status, 200);
    let northwind = app.agency_id("Northwind Agency").await;
    let link = token(claims(northwind, "agent@acme.test", "nonce-frame"), DEMO_EMBED_SECRET);

    let embed = app.get(&format!("/embed?token={link}")).await;
    let csp = embed.header("content-security-policy").unwrap();
    assert!(csp.contains("frame-ancestors https://www.northwind.test"), "{csp}");
    assert_eq!(embed.header("x-frame-options"), None);
    // Loading the page does not use the link up.
    assert_eq!(sign_in(&app, &link).await.status, 200);

    // The console, the login page and an embed link of an agency that allows nobody: none.
    let contoso = app.agency_id("Contoso Partners").await;
    let contoso_link = token(claims(contoso, "admin@initech.test", "nonce-c"), "whatever");
    for path in ["/agency/orgs".to_string(), "/login".into(), "/app".into(), format!("/embed?token={contoso_link}")] {
        let page = app.get(&path).await;
        let csp = page.header("content-security-policy").unwrap();
        assert!(csp.contains("frame-ancestors 'none'"), "{path}: {csp}");
        assert_eq!(page.header("x-frame-options"), Some("DENY"), "{path}");
    }
}
