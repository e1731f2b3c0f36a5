//! Custom domains are the agency's only once proven: a DNS TXT record `_atrium.<host>`
//! holding the agency's token (a stub resolver here). Only verified names brand pages and
//! become CORS origins; the first agency to verify a name keeps it.

use crate::common::{request, TestApp};
use atrium_api::validate::FieldError;
use atrium_server::state::Settings;
use axum::http::header::ORIGIN;
use axum::http::Method;
use serde_json::{json, Value};

fn contoso_brand(hostnames: Value) -> Value {
    json!({"display_name": "Contoso Partners", "primary_color": "#0f766e", "hostnames": hostnames})
}

fn domain<'a>(profile: &'a Value, host: &str) -> &'a Value {
    profile["domains"].as_array().unwrap().iter().find(|d| d["hostname"] == host).unwrap()
}

fn publish(app: &TestApp, d: &Value) {
    app.dns.set(d["record_name"].as_str().unwrap(), Some(vec![d["record_value"].as_str().unwrap().into()]));
}

#[tokio::test]
async fn a_new_domain_is_pending_then_verified_by_its_record_and_only_then_brands_and_calls() {
    let app = TestApp::new().await;
    let owner = app.login("owner@contoso.test").await;
    let saved = owner.put("/api/v1/agency", contoso_brand(json!(["contoso.localhost", "app.contoso.test"]))).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    let d = domain(&saved.body, "app.contoso.test").clone();
    assert_eq!(d["status"], "pending");
    assert_eq!(d["record_name"], "_atrium.app.contoso.test");
    assert!(d["record_value"].as_str().unwrap().starts_with("atrium-verify="));

    // Pending: not Contoso's brand, and its pages may not call the API from a browser.
    let brand = app.get_on_host("/api/v1/branding", "app.contoso.test").await;
    assert_ne!(brand.body["display_name"], "Contoso Partners");
    let mut req = request(Method::GET, "/api/v1/branding", None);
    req.headers_mut().insert(ORIGIN, "https://app.contoso.test".parse().unwrap());
    assert_eq!(app.send(req).await.header("access-control-allow-origin"), None);

    // A record with another value (e.g. another agency's) proves nothing.
    app.dns.set("_atrium.app.contoso.test", Some(vec!["atrium-verify=somebody-else".into(), "v=spf1 -all".into()]));
    let checked = owner.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(domain(&checked.body, "app.contoso.test")["status"], "failed");
    assert_eq!(domain(&checked.body, "app.contoso.test")["problem"], "record_missing");
    assert!(domain(&checked.body, "app.contoso.test")["checked_at"].is_string());

    publish(&app, &d);
    let checked = owner.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(domain(&checked.body, "app.contoso.test")["status"], "verified", "{}", checked.body);
    assert_eq!(domain(&checked.body, "app.contoso.test")["problem"], Value::Null);
    assert_eq!(app.get_on_host("/api/v1/branding", "app.contoso.test").await.body["display_name"], "Contoso Partners");
    let mut req = request(Method::GET, "/api/v1/branding", None);
    req.headers_mut().insert(ORIGIN, "https://app.contoso.test".parse().unwrap());
    assert_eq!(app.send(req).await.header("access-control-allow-origin"), Some("https://app.contoso.test"));

    // DNS that does not answer changes nothing; a record taken away fails the domain again.
    app.dns.set("_atrium.app.contoso.test", None);
    let checked = owner.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(domain(&checked.body, "app.contoso.test")["status"], "verified");
    app.dns.set("_atrium.app.contoso.test", Some(vec![]));
    let checked = owner.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(domain(&checked.body, "app.contoso.test")["status"], "failed");
    assert_ne!(app.get_on_host("/api/v1/branding", "app.contoso.test").await.body["display_name"], "Contoso Partners");
}

#[tokio::test]
async fn the_first_agency_to_verify_a_name_keeps_it() {
    let app = TestApp::new().await;
    let northwind = app.login("owner@northwind.test").await;
    let contoso = app.login("owner@contoso.test").await;
    let brand = |name: &str| json!({"display_name": name, "primary_color": "#0f766e", "hostnames": ["shared.example"]});
    let n = northwind.put("/api/v1/agency", brand("Northwind")).await;
    let c = contoso.put("/api/v1/agency", brand("Contoso")).await;
    assert_eq!((n.status.as_u16(), c.status.as_u16()), (200, 200), "both may have it pending");
    // Both records exist (say, one of them is stale): the first check wins.
    app.dns.set(
        "_atrium.shared.example",
        Some(vec![
            domain(&n.body, "shared.example")["record_value"].as_str().unwrap().into(),
            domain(&c.body, "shared.example")["record_value"].as_str().unwrap().into(),
        ]),
    );
    let c = contoso.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(domain(&c.body, "shared.example")["status"], "verified");
    let n = northwind.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(domain(&n.body, "shared.example")["status"], "failed");
    assert_eq!(domain(&n.body, "shared.example")["problem"], "taken");
    assert_eq!(app.get_on_host("/api/v1/branding", "shared.example").await.body["display_name"], "Contoso");
    // And saving it again is now refused outright, changing nothing.
    let before = app.fingerprint().await;
    let reply = northwind.put("/api/v1/agency", brand("Northwind 2")).await;
    reply.assert_error(422, "validation_failed");
    assert_eq!(reply.body["error"]["field_codes"]["hostnames"], FieldError::Taken.key());
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn the_platforms_own_domain_and_local_names_are_refused() {
    let settings = Settings { platform_domain: Some("atrium.example".into()), ..Settings::default() };
    let app = TestApp::with_settings(settings).await;
    let owner = app.login("owner@contoso.test").await;
    let before = app.fingerprint().await;
    for host in ["atrium.example", "contoso.atrium.example", "new.localhost", "localhost", "169.254.169.254"] {
        let reply = owner.put("/api/v1/agency", contoso_brand(json!(["contoso.localhost", host]))).await;
        reply.assert_error(422, "validation_failed");
        assert_eq!(reply.body["error"]["field_codes"]["hostnames"], FieldError::ReservedHostname.key(), "{host}");
    }
    assert_eq!(app.fingerprint().await, before);
    // The demo's own `.localhost` name, already verified, may stay.
    let kept = owner.put("/api/v1/agency", contoso_brand(json!(["contoso.localhost", "atrium-like.example"]))).await;
    assert_eq!(kept.status, 200, "{}", kept.body);
}

#[tokio::test]
async fn the_periodic_check_verifies_every_agencys_domains() {
    let app = TestApp::new().await;
    let owner = app.login("owner@contoso.test").await;
    let saved = owner.put("/api/v1/agency", contoso_brand(json!(["contoso.localhost", "help.contoso.test"]))).await;
    publish(&app, domain(&saved.body, "help.contoso.test"));
    // What the server's timer runs, over the same state the router uses.
    app.check_all_domains().await;
    let profile = owner.get("/api/v1/agency").await.body;
    assert_eq!(domain(&profile, "help.contoso.test")["status"], "verified");
    assert_eq!(domain(&profile, "contoso.localhost")["status"], "verified", "a demo name is never asked of DNS");
}
