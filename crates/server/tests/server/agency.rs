//! `GET|PUT /api/v1/agency`: the Branding page's brand and hostnames, and how
//! `GET /api/v1/branding` follows them.

use crate::common;

use crate::common::TestApp;
use atrium_api::validate::FieldError;
use serde_json::{json, Value};

const NORTHWIND_HOSTS: [&str; 1] = ["northwind.localhost"];

/// A full, valid branding that keeps Northwind's hostnames.
fn brand() -> Value {
    json!({
        "display_name": "Northwind Studio",
        "primary_color": "#0b5394",
        "logo_light_url": "https://cdn.northwind.test/logo-light.svg",
        "logo_dark_url": "https://cdn.northwind.test/logo-dark.svg",
        "support_email": "care@northwind.test",
        "website_url": "https://northwind.test",
        "terms_url": "https://northwind.test/terms",
        "privacy_url": "https://northwind.test/privacy",
        "hostnames": NORTHWIND_HOSTS,
    })
}

/// `brand()` with `key` set to `value`.
fn brand_with(key: &str, value: Value) -> Value {
    let mut body = brand();
    body[key] = value;
    body
}

#[track_caller]
fn assert_field(reply: &common::Reply, field: &str, error: FieldError) {
    reply.assert_error(422, "validation_failed");
    assert_eq!(reply.body["error"]["field_codes"][field], error.key(), "{}", reply.body);
    // A length rule says its limit, so a client can say it; no other rule has one.
    match error.limit() {
        Some(limit) => assert_eq!(reply.body["error"]["field_limits"][field], limit, "{}", reply.body),
        None => assert!(reply.body["error"]["field_limits"].get(field).is_none(), "{}", reply.body),
    }
}

#[tokio::test]
async fn any_staff_member_reads_their_agency() {
    let app = TestApp::new().await;
    let member = app.login("member@northwind.test").await;
    let mut reply = member.get("/api/v1/agency").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let domains = reply.body.as_object_mut().unwrap().remove("domains").unwrap();
    let token = domains[0]["record_value"].as_str().unwrap().strip_prefix("atrium-verify=").unwrap();
    assert!(token.len() >= 32, "an unguessable token: {token}");
    assert_eq!(
        domains,
        json!([{"hostname": "northwind.localhost", "status": "verified", "problem": null,
                "record_name": "_atrium.northwind.localhost", "record_value": format!("atrium-verify={token}"),
                "checked_at": null}])
    );
    assert_eq!(
        reply.body,
        json!({
            "id": app.agency_id("Northwind Agency").await,
            "name": "Northwind Agency",
            "branding": {
                "display_name": "Northwind Agency",
                "primary_color": "#1d4ed8",
                "logo_light_url": null,
                "logo_dark_url": null,
                "support_email": "help@northwind.test",
                "website_url": "https://northwind.test",
                "terms_url": null,
                "privacy_url": null,
                "hostnames": NORTHWIND_HOSTS,
            }
        })
    );
}

#[tokio::test]
async fn an_admin_saves_the_brand_and_reads_it_back() {
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let mut body = brand();
    // Whitespace and blanks are cleaned; a repeated hostname counts once; order is sorted.
    body["display_name"] = json!("  Northwind Studio ");
    body["terms_url"] = json!("   ");
    body["hostnames"] =
        json!(["northwind.localhost", "app.northwind.test", "www.northwind.test", "app.northwind.test"]);
    let reply = admin.put("/api/v1/agency", body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    let mut expected = brand();
    expected["terms_url"] = Value::Null;
    expected["hostnames"] = json!(["app.northwind.test", "northwind.localhost", "www.northwind.test"]);
    assert_eq!(reply.body["branding"], expected);
    // The demo's domain stays verified; the new ones wait for their DNS record.
    let statuses: Vec<_> = reply.body["domains"].as_array().unwrap().iter().map(|d| d["status"].clone()).collect();
    assert_eq!(statuses, [json!("pending"), json!("verified"), json!("pending")]);
    assert_eq!(reply.body["name"], "Northwind Agency", "the agency's own name is not the brand's");
    assert_eq!(admin.get("/api/v1/agency").await.body, reply.body);
    let stored: Option<String> = sqlx::query_scalar("SELECT terms_url FROM agencies WHERE name = 'Northwind Agency'")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(stored, None, "a blank optional field is stored as NULL, not as ''");

    // Omitted optional fields and hostnames mean none: PUT takes the brand whole.
    let minimal = json!({"display_name": "Bare", "primary_color": "#000000"});
    let reply = admin.put("/api/v1/agency", minimal).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["branding"]["support_email"], Value::Null);
    assert_eq!(reply.body["branding"]["hostnames"], json!([]));
}

#[tokio::test]
async fn every_rule_is_checked_and_a_refused_save_changes_nothing() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let before = app.fingerprint().await;
    let cases = [
        ("primary_color", json!("blue"), FieldError::InvalidColour),
        ("primary_color", json!("#12345"), FieldError::InvalidColour),
        ("display_name", json!(""), FieldError::Required),
        ("display_name", json!("   "), FieldError::Required),
        ("display_name", json!("n".repeat(121)), FieldError::TooLong(120)),
        ("logo_light_url", json!("ftp://cdn.northwind.test/logo.svg"), FieldError::InvalidUrl),
        ("logo_dark_url", json!("not a url"), FieldError::InvalidUrl),
        ("website_url", json!("javascript:alert(1)"), FieldError::InvalidUrl),
        ("terms_url", json!("northwind.test/terms"), FieldError::InvalidUrl),
        ("privacy_url", json!("https://"), FieldError::InvalidUrl),
        ("support_email", json!("help-at-northwind"), FieldError::InvalidEmail),
        ("hostnames", json!(["Bad Host", "northwind.localhost"]), FieldError::InvalidHostname),
        ("hostnames", json!(["localhost"]), FieldError::ReservedHostname),
        ("hostnames", json!(["169.254.169.254"]), FieldError::ReservedHostname),
        ("hostnames", json!(["10.0.0.1"]), FieldError::ReservedHostname),
        ("hostnames", json!(["northwind.localhost", "fresh.localhost"]), FieldError::ReservedHostname),
        ("hostnames", json!(["a.example:80"]), FieldError::InvalidHostname),
        ("hostnames", json!(["App.Example"]), FieldError::InvalidHostname),
        ("hostnames", json!(["https://a.example"]), FieldError::InvalidHostname),
        ("hostnames", json!((0..21).map(|i| format!("h{i}.example")).collect::<Vec<_>>()), FieldError::TooLong(20)),
    ];
    for (field, value, error) in cases {
        let reply = owner.put("/api/v1/agency", brand_with(field, value.clone())).await;
        assert_field(&reply, field, error);
        assert!(reply.body["error"]["fields"][field].is_string(), "{field} = {value}: {}", reply.body);
    }
    // Malformed rather than invalid: 400.
    for body in [
        brand_with("id", json!(7)),
        brand_with("name", json!("Renamed Agency")),
        brand_with("hostnames", json!("localhost")),
        json!({"display_name": "No colour"}),
    ] {
        owner.put("/api/v1/agency", body).await.assert_error(400, "bad_request");
    }
    assert_eq!(app.fingerprint().await, before, "nothing refused was stored");
}

#[tokio::test]
async fn a_hostname_another_agency_has_verified_is_taken_and_nothing_changes() {
    let app = TestApp::new().await;
    let contoso = app.login("owner@contoso.test").await;
    let body = json!({"display_name": "Contoso Partners", "primary_color": "#0f766e",
                      "hostnames": ["app.contoso.test", "contoso.localhost"]});
    let saved = contoso.put("/api/v1/agency", body).await;
    let record = &saved.body["domains"][0];
    app.dns.set(record["record_name"].as_str().unwrap(), Some(vec![record["record_value"].as_str().unwrap().into()]));
    assert_eq!(contoso.post("/api/v1/agency/domains/check", None).await.body["domains"][0]["status"], "verified");

    let owner = app.login("owner@northwind.test").await;
    let old = owner.get("/api/v1/agency").await.body;
    let before = app.fingerprint().await;
    // The brand change comes first in the transaction: it must roll back too.
    let body = brand_with("hostnames", json!(["northwind.localhost", "app.contoso.test"]));
    assert_field(&owner.put("/api/v1/agency", body).await, "hostnames", FieldError::Taken);
    // Another agency's demo name is not Northwind's to add at all.
    let body = brand_with("hostnames", json!(["northwind.localhost", "contoso.localhost"]));
    assert_field(&owner.put("/api/v1/agency", body).await, "hostnames", FieldError::ReservedHostname);
    assert_eq!(app.fingerprint().await, before);
    assert_eq!(owner.get("/api/v1/agency").await.body, old);
    let contoso = app.get_on_host("/api/v1/branding", "app.contoso.test").await;
    assert_eq!(contoso.body["display_name"], "Contoso Partners");
    let northwind = app.get_on_host("/api/v1/branding", "northwind.localhost").await;
    assert_eq!(northwind.body["display_name"], "Northwind Agency");
}

#[tokio::test]
async fn members_and_client_users_cannot_save() {
    let app = TestApp::new().await;
    let member = app.login("member@northwind.test").await;
    let org_admin = app.login("admin@acme.test").await;
    let client_user = app.login("agent@acme.test").await;
    // Taken after the logins, whose sessions are rows too.
    let before = app.fingerprint().await;
    member.put("/api/v1/agency", brand()).await.assert_error(403, "forbidden");
    // Even an invalid body: the rule answers first.
    member.put("/api/v1/agency", brand_with("primary_color", json!("x"))).await.assert_error(403, "forbidden");
    for client in [&org_admin, &client_user] {
        client.get("/api/v1/agency").await.assert_error(403, "forbidden");
        client.put("/api/v1/agency", brand()).await.assert_error(403, "forbidden");
    }
    app.get("/api/v1/agency").await.assert_error(401, "unauthenticated");
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn each_agency_sees_and_changes_only_its_own() {
    let app = TestApp::new().await;
    let contoso = app.login("owner@contoso.test").await;
    let own = contoso.get("/api/v1/agency").await;
    assert_eq!(own.status, 200, "{}", own.body);
    assert_eq!(own.body["id"], app.agency_id("Contoso Partners").await);
    assert_eq!(own.body["branding"]["display_name"], "Contoso Partners");
    assert_eq!(own.body["branding"]["hostnames"], json!(["contoso.localhost"]));

    let body =
        json!({"display_name": "Contoso Digital", "primary_color": "#0f766e", "hostnames": ["contoso.localhost"]});
    let saved = contoso.put("/api/v1/agency", body).await;
    assert_eq!(saved.status, 200, "{}", saved.body);
    assert_eq!(saved.body["id"], app.agency_id("Contoso Partners").await);

    let northwind = app.login("owner@northwind.test").await.get("/api/v1/agency").await.body;
    assert_eq!(northwind["branding"]["display_name"], "Northwind Agency", "Northwind is untouched");
    assert_eq!(northwind["branding"]["hostnames"], json!(NORTHWIND_HOSTS));
    // Contoso cannot take Northwind's demo hostname either.
    let grab = json!({"display_name": "Contoso", "primary_color": "#0f766e", "hostnames": ["northwind.localhost"]});
    assert_field(&contoso.put("/api/v1/agency", grab).await, "hostnames", FieldError::ReservedHostname);
    assert_eq!(
        app.get_on_host("/api/v1/branding", "northwind.localhost").await.body["display_name"],
        "Northwind Agency"
    );
}

#[tokio::test]
async fn branding_by_host_follows_the_update_once_the_domain_is_verified() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let body = brand_with("hostnames", json!(["app.northwind.test"]));
    let saved = owner.put("/api/v1/agency", body).await;
    assert_eq!(saved.status, 200, "{}", saved.body);

    // (That a pending name brands nothing is `domains.rs`'s to show: here the fallback
    // agency is Northwind itself.)
    let record = &saved.body["domains"][0];
    app.dns.set(record["record_name"].as_str().unwrap(), Some(vec![record["record_value"].as_str().unwrap().into()]));
    let checked = owner.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(checked.body["domains"][0]["status"], "verified", "{}", checked.body);

    let reply = app.get_on_host("/api/v1/branding", "app.northwind.test:8443").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["agency_id"], app.agency_id("Northwind Agency").await);
    assert_eq!(reply.body["display_name"], "Northwind Studio");
    assert_eq!(reply.body["primary_color"], "#0b5394");
    assert_eq!(reply.body["support_email"], "care@northwind.test");
    assert_eq!(reply.body["logo_dark_url"], "https://cdn.northwind.test/logo-dark.svg");
    assert_eq!(reply.body["privacy_url"], "https://northwind.test/privacy");

    // While Northwind holds it verified, nobody else may add it; given up, it is free again
    // and Contoso proves it with its own token.
    let contoso = app.login("owner@contoso.test").await;
    let body = json!({"display_name": "Contoso", "primary_color": "#0f766e",
                      "hostnames": ["app.northwind.test", "contoso.localhost"]});
    assert_field(&contoso.put("/api/v1/agency", body.clone()).await, "hostnames", FieldError::Taken);
    assert_eq!(owner.put("/api/v1/agency", brand_with("hostnames", json!([]))).await.status, 200);
    assert_eq!(app.count_where("agency_domains", "agency_id", app.agency_id("Northwind Agency").await).await, 0);
    let contoso_saved = contoso.put("/api/v1/agency", body).await;
    assert_eq!(contoso_saved.status, 200, "{}", contoso_saved.body);
    let theirs = &contoso_saved.body["domains"][0];
    assert_eq!(theirs["status"], "pending");
    assert_ne!(theirs["record_value"], record["record_value"], "each agency proves with its own token");
    let checked = contoso.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(checked.body["domains"][0]["status"], "failed", "Northwind's record proves nothing for Contoso");
    app.dns.set(theirs["record_name"].as_str().unwrap(), Some(vec![theirs["record_value"].as_str().unwrap().into()]));
    let checked = contoso.post("/api/v1/agency/domains/check", None).await;
    assert_eq!(checked.body["domains"][0]["status"], "verified");
    assert_eq!(app.get_on_host("/api/v1/branding", "app.northwind.test").await.body["display_name"], "Contoso");
}
