//! `POST /api/v1/orgs`: creating an organization, and every way its input can be wrong.

use crate::common;

use crate::common::{item_names, TestApp};
use atrium_api::validate::FieldError;
use atrium_api::OrgSettings;
use axum::http::Method;
use serde_json::{json, Value};

async fn org_count(app: &TestApp) -> i64 {
    sqlx::query_scalar("SELECT COUNT(*) FROM orgs").fetch_one(&app.db).await.unwrap()
}

#[tokio::test]
async fn an_admin_creates_an_org_with_default_settings() {
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let reply = admin
        .post(
            "/api/v1/orgs",
            Some(json!({"name": "  Hooli  ", "contact_email": "it@hooli.test", "logo_url": "https://cdn.hooli.test/l.png"})),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    let org = &reply.body;
    let id = org["id"].as_i64().expect("id");
    assert_eq!(reply.header("location"), Some(format!("/api/v1/orgs/{id}").as_str()));
    assert_eq!(org["name"], "Hooli", "the name is stored trimmed");
    assert_eq!(org["contact_email"], "it@hooli.test");
    assert_eq!(org["logo_url"], "https://cdn.hooli.test/l.png");
    assert_eq!(org["archived"], false);
    assert_eq!(org["version"], 1);
    assert_eq!(org["agent_ids"], json!([]));
    assert_eq!(org["user_count"], 0);
    assert_eq!(org["settings"], serde_json::to_value(OrgSettings::default()).unwrap());
    assert!(org["created_at"].is_string() && org["updated_at"].is_string(), "{org}");

    // It is really there: readable and listed.
    let read = admin.get(&format!("/api/v1/orgs/{id}")).await;
    assert_eq!(read.status, 200);
    assert_eq!(&read.body, org);
    let list = admin.get("/api/v1/orgs").await.body;
    assert_eq!(item_names(&list), ["Acme Dental", "Globex Realty", "Hooli"]);

    // And its log starts with who created it.
    let activity = admin.get(&format!("/api/v1/orgs/{id}/activity")).await.body;
    assert_eq!(activity["total"], 1);
    let entry = &activity["items"][0];
    assert_eq!(entry["field"], "created");
    assert_eq!(entry["new_value"], "Hooli");
    assert!(entry["old_value"].is_null());
    assert_eq!(entry["actor"]["email"], "admin@northwind.test");
}

#[tokio::test]
async fn blank_optional_fields_are_stored_as_null() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    for body in [
        json!({"name": "Blank Co", "contact_email": "   ", "logo_url": ""}),
        json!({"name": "Null Co", "contact_email": null, "logo_url": null}),
        json!({"name": "Absent Co"}),
    ] {
        let reply = owner.post("/api/v1/orgs", Some(body.clone())).await;
        assert_eq!(reply.status, 201, "{body}: {}", reply.body);
        assert!(reply.body["contact_email"].is_null(), "{body}: {}", reply.body);
        assert!(reply.body["logo_url"].is_null(), "{body}: {}", reply.body);
    }
    let stored: Option<String> =
        sqlx::query_scalar("SELECT contact_email FROM orgs WHERE name = 'Blank Co'").fetch_one(&app.db).await.unwrap();
    assert_eq!(stored, None, "blank text must be NULL in the database, not ''");
}

#[tokio::test]
async fn names_are_required_and_at_most_120_characters() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let before = org_count(&app).await;
    for (name, error) in [
        (String::new(), FieldError::Required),
        ("   \t ".to_string(), FieldError::Required),
        ("a".repeat(121), FieldError::TooLong(120)),
        // Characters, not bytes: 121 two-byte letters are too long.
        ("é".repeat(121), FieldError::TooLong(120)),
    ] {
        let reply = owner.post("/api/v1/orgs", Some(json!({ "name": name }))).await;
        reply.assert_error(422, "validation_failed");
        assert_eq!(reply.body["error"]["fields"]["name"], error.message(), "{name:?}");
    }
    assert_eq!(org_count(&app).await, before, "a refused create writes nothing");

    let longest = "é".repeat(120);
    let reply = owner.post("/api/v1/orgs", Some(json!({ "name": longest }))).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["name"], longest);
    // Surrounding spaces do not count against the limit.
    let padded = format!("  {}  ", "b".repeat(120));
    assert_eq!(owner.post("/api/v1/orgs", Some(json!({ "name": padded }))).await.status, 201);
}

#[tokio::test]
async fn a_name_taken_in_any_case_is_refused_and_nothing_is_created() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let before = org_count(&app).await;
    for name in ["Acme Dental", "ACME DENTAL", "  acme dental "] {
        let reply = owner.post("/api/v1/orgs", Some(json!({ "name": name }))).await;
        reply.assert_error(422, "validation_failed");
        assert_eq!(reply.body["error"]["fields"]["name"], FieldError::Taken.message(), "{name:?}");
    }
    assert_eq!(org_count(&app).await, before);
    let list = owner.get("/api/v1/orgs").await.body;
    assert_eq!(item_names(&list), ["Acme Dental", "Globex Realty"]);
}

#[tokio::test]
async fn names_are_unique_per_agency_not_across_agencies() {
    let app = TestApp::new().await;
    let contoso = app.login("owner@contoso.test").await;
    let reply = contoso.post("/api/v1/orgs", Some(json!({"name": "Acme Dental"}))).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    // And the archived orgs of the agency still hold their names.
    let owner = app.login("owner@northwind.test").await;
    let globex = app.org_id("Globex Realty").await;
    let org = owner.get(&format!("/api/v1/orgs/{globex}")).await.body;
    let mut archive = common::update_body(&org);
    archive["archived"] = json!(true);
    assert_eq!(owner.put(&format!("/api/v1/orgs/{globex}"), archive).await.status, 200);
    owner.post("/api/v1/orgs", Some(json!({"name": "globex realty"}))).await.assert_error(422, "validation_failed");
}

#[tokio::test]
async fn bad_email_and_logo_url_are_named() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let before = org_count(&app).await;
    let reply = owner
        .post(
            "/api/v1/orgs",
            Some(json!({"name": "Hooli", "contact_email": "it@hooli", "logo_url": "javascript:alert(1)"})),
        )
        .await;
    reply.assert_error(422, "validation_failed");
    let fields = &reply.body["error"]["fields"];
    assert_eq!(fields["contact_email"], FieldError::InvalidEmail.message());
    assert_eq!(fields["logo_url"], FieldError::InvalidUrl.message());
    assert!(fields["name"].is_null(), "only the wrong fields are named: {fields}");
    assert_eq!(org_count(&app).await, before);
}

#[tokio::test]
async fn malformed_bodies_are_400() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let before = org_count(&app).await;
    for body in [
        json!({"name": "Hooli", "archived": true}),
        json!({"name": "Hooli", "settings": {}}),
        json!({"name": 42}),
        json!({"contact_email": "it@hooli.test"}),
        Value::Null,
    ] {
        owner.post("/api/v1/orgs", Some(body.clone())).await.assert_error(400, "bad_request");
    }
    // No body at all (and so no JSON content type).
    owner.post("/api/v1/orgs", None).await.assert_error(400, "bad_request");
    assert_eq!(org_count(&app).await, before);
}

#[tokio::test]
async fn only_agency_owners_and_admins_create() {
    let app = TestApp::new().await;
    let before = org_count(&app).await;
    let body = json!({"name": "Hooli"});
    let member = app.login("member@northwind.test").await;
    member.post("/api/v1/orgs", Some(body.clone())).await.assert_error(403, "forbidden");
    let client = app.login("admin@acme.test").await;
    client.post("/api/v1/orgs", Some(body.clone())).await.assert_error(403, "forbidden");
    app.call(Method::POST, "/api/v1/orgs", Some(body.clone())).await.assert_error(403, "csrf_failed");
    let owner = app.login("owner@northwind.test").await;
    owner.call(Method::POST, "/api/v1/orgs", Some(body), false).await.assert_error(403, "csrf_failed");
    assert_eq!(org_count(&app).await, before);
}
