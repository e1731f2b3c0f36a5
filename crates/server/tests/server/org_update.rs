//! `PUT /api/v1/orgs/{org}`: saving an org's identity and settings with optimistic
//! concurrency, and every way the input can be wrong.

use crate::common::{update_body, Session, TestApp};
use atrium_api::validate::FieldError;
use serde_json::{json, Value};

async fn read(session: &Session<'_>, org_id: i64) -> Value {
    let reply = session.get(&format!("/api/v1/orgs/{org_id}")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

/// Acme as the owner reads it, the path to save it, and the owner.
async fn acme(app: &TestApp) -> (Session<'_>, String, Value) {
    let owner = app.login("owner@northwind.test").await;
    let id = app.org_id("Acme Dental").await;
    let org = read(&owner, id).await;
    (owner, format!("/api/v1/orgs/{id}"), org)
}

#[tokio::test]
async fn a_save_changes_every_field_and_bumps_the_version() {
    let app = TestApp::new().await;
    let (owner, path, org) = acme(&app).await;
    let body = json!({
        "name": "  Acme Dental Care ",
        "contact_email": "front@acme.test",
        "logo_url": "https://cdn.acme.test/logo.svg",
        "settings": {
            "dashboard_language": "es",
            "dashboard_layout": "horizontal",
            "handoff_enabled": false,
            "smart_handoff_enabled": true,
            "show_handoff_messages": false,
            "canned_responses_enabled": false,
            "billing_enabled": true
        },
        "version": org["version"],
    });
    let reply = owner.put(&path, body.clone()).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let saved = &reply.body;
    assert_eq!(saved["name"], "Acme Dental Care");
    assert_eq!(saved["contact_email"], "front@acme.test");
    assert_eq!(saved["logo_url"], "https://cdn.acme.test/logo.svg");
    assert_eq!(saved["settings"], body["settings"]);
    assert_eq!(saved["version"], org["version"].as_i64().unwrap() + 1);
    assert_ne!(saved["updated_at"], org["updated_at"]);
    assert_eq!(saved["created_at"], org["created_at"]);
    // Untouched by a settings save.
    assert_eq!(saved["archived"], false);
    assert_eq!(saved["agent_ids"], org["agent_ids"]);
    assert_eq!(&read(&owner, org["id"].as_i64().unwrap()).await, saved, "the answer is what is stored");

    // The org's own users see the new settings on their next page load.
    let client = app.login("admin@acme.test").await;
    assert_eq!(client.me["org"]["settings"], body["settings"]);
    assert_eq!(client.me["org"]["name"], "Acme Dental Care");
}

#[tokio::test]
async fn admins_save_too_and_blank_optionals_clear_the_field() {
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let id = app.org_id("Acme Dental").await;
    let org = read(&admin, id).await;
    assert!(org["contact_email"].is_string());
    let mut body = update_body(&org);
    body["contact_email"] = json!("  ");
    let reply = admin.put(&format!("/api/v1/orgs/{id}"), body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body["contact_email"].is_null());
    let mut body = update_body(&reply.body);
    body.as_object_mut().unwrap().remove("contact_email");
    body["contact_email"] = Value::Null;
    assert_eq!(admin.put(&format!("/api/v1/orgs/{id}"), body).await.status, 200);
}

#[tokio::test]
async fn a_stale_version_is_409_and_changes_nothing() {
    let app = TestApp::new().await;
    let (owner, path, org) = acme(&app).await;
    let mut body = update_body(&org);
    body["name"] = json!("Renamed");
    body["settings"]["billing_enabled"] = json!(true);
    body["version"] = json!(org["version"].as_i64().unwrap() - 1);
    let reply = owner.put(&path, body.clone()).await;
    reply.assert_error(409, "conflict");
    // A version from the future is just as wrong.
    body["version"] = json!(org["version"].as_i64().unwrap() + 5);
    owner.put(&path, body).await.assert_error(409, "conflict");

    let now = read(&owner, org["id"].as_i64().unwrap()).await;
    assert_eq!(now, org, "GET shows the old values, version and updated_at included");
    let activity = owner.get(&format!("{path}/activity")).await.body;
    assert_eq!(activity["total"], 0, "a refused save logs nothing: {activity}");
}

#[tokio::test]
async fn of_two_saves_based_on_the_same_version_only_the_first_wins() {
    let app = TestApp::new().await;
    let (owner, path, org) = acme(&app).await;
    let admin = app.login("admin@northwind.test").await;
    let mut mine = update_body(&org);
    mine["settings"]["dashboard_language"] = json!("es");
    let mut theirs = update_body(&org);
    theirs["settings"]["dashboard_layout"] = json!("horizontal");

    assert_eq!(owner.put(&path, mine).await.status, 200);
    admin.put(&path, theirs.clone()).await.assert_error(409, "conflict");
    let now = read(&owner, org["id"].as_i64().unwrap()).await;
    assert_eq!(now["settings"]["dashboard_language"], "es");
    assert_eq!(now["settings"]["dashboard_layout"], "vertical", "the stale save must not land");

    // Rebased on what is stored now, the second save goes through.
    theirs["version"] = now["version"].clone();
    assert_eq!(admin.put(&path, theirs).await.status, 200);
}

#[tokio::test]
async fn concurrent_saves_of_one_version_cannot_both_win() {
    let app = TestApp::new().await;
    let (owner, path, org) = acme(&app).await;
    let admin = app.login("admin@northwind.test").await;
    async fn rename(session: &Session<'_>, path: &str, org: &Value, name: &str) -> u16 {
        let mut body = update_body(org);
        body["name"] = json!(name);
        session.put(path, body).await.status.as_u16()
    }
    // All four are in flight at once; the version check must let exactly one through.
    let (a, b, c, d) = tokio::join!(
        rename(&owner, &path, &org, "Acme A"),
        rename(&admin, &path, &org, "Acme B"),
        rename(&owner, &path, &org, "Acme C"),
        rename(&admin, &path, &org, "Acme D"),
    );
    let mut statuses = [a, b, c, d];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409, 409, 409]);
    let now = read(&owner, org["id"].as_i64().unwrap()).await;
    assert_eq!(now["version"], org["version"].as_i64().unwrap() + 1);
    let activity = owner.get(&format!("{path}/activity")).await.body;
    assert_eq!(activity["total"], 1, "only the winner is logged: {activity}");
}

#[tokio::test]
async fn validation_names_each_bad_field_and_changes_nothing() {
    let app = TestApp::new().await;
    let (owner, path, org) = acme(&app).await;
    let cases: [(&str, Value, &str, FieldError); 6] = [
        ("name", json!(""), "name", FieldError::Required),
        ("name", json!("   "), "name", FieldError::Required),
        ("name", json!("x".repeat(121)), "name", FieldError::TooLong(120)),
        ("contact_email", json!("front desk@acme"), "contact_email", FieldError::InvalidEmail),
        ("logo_url", json!("ftp://cdn.acme.test/l.png"), "logo_url", FieldError::InvalidUrl),
        ("language", json!("xx"), "settings.dashboard_language", FieldError::Unknown),
    ];
    for (what, value, field, error) in cases {
        let mut body = update_body(&org);
        if what == "language" {
            body["settings"]["dashboard_language"] = value;
        } else {
            body[what] = value;
        }
        let reply = owner.put(&path, body).await;
        reply.assert_error(422, "validation_failed");
        assert_eq!(reply.body["error"]["fields"][field], error.message(), "{what}: {}", reply.body);
    }
    let mut ok = update_body(&org);
    ok["name"] = json!("y".repeat(120));
    assert_eq!(owner.put(&path, ok).await.status, 200, "120 characters are allowed");
    let mut now = read(&owner, org["id"].as_i64().unwrap()).await;
    assert_eq!(now["version"], org["version"].as_i64().unwrap() + 1, "only the valid save counted");
    now["name"] = org["name"].clone();
    assert_eq!(now["settings"], org["settings"]);
}

#[tokio::test]
async fn malformed_bodies_are_400_and_change_nothing() {
    let app = TestApp::new().await;
    let (owner, path, org) = acme(&app).await;
    let base = update_body(&org);
    let edit = |f: &dyn Fn(&mut Value)| {
        let mut body = base.clone();
        f(&mut body);
        body
    };
    let bodies = [
        edit(&|b| b["settings"]["dashboard_layout"] = json!("diagonal")),
        edit(&|b| b["settings"]["handoff_enabled"] = json!("yes")),
        edit(&|b| b["settings"]["billing_enabled"] = json!(1)),
        edit(&|b| b["settings"]["colour"] = json!("red")),
        edit(&|b| {
            b["settings"].as_object_mut().unwrap().remove("billing_enabled");
        }),
        edit(&|b| b["colour"] = json!("red")),
        // Read-only fields of the answer are not part of a save.
        edit(&|b| b["id"] = org["id"].clone()),
        edit(&|b| b["agent_ids"] = json!([])),
        edit(&|b| {
            b.as_object_mut().unwrap().remove("version");
        }),
        edit(&|b| b["version"] = json!("1")),
        edit(&|b| b["version"] = Value::Null),
        edit(&|b| b["archived"] = json!("no")),
        edit(&|b| {
            b.as_object_mut().unwrap().remove("settings");
        }),
    ];
    for body in bodies {
        owner.put(&path, body.clone()).await.assert_error(400, "bad_request");
    }
    assert_eq!(read(&owner, org["id"].as_i64().unwrap()).await, org);
}

#[tokio::test]
async fn a_taken_name_is_refused_but_an_org_may_change_its_own_case() {
    let app = TestApp::new().await;
    let (owner, path, org) = acme(&app).await;
    let mut body = update_body(&org);
    body["name"] = json!("GLOBEX realty");
    let reply = owner.put(&path, body).await;
    reply.assert_error(422, "validation_failed");
    assert_eq!(reply.body["error"]["fields"]["name"], FieldError::Taken.message());
    assert_eq!(read(&owner, org["id"].as_i64().unwrap()).await, org, "nothing changed");

    let mut body = update_body(&org);
    body["name"] = json!("ACME DENTAL");
    let reply = owner.put(&path, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["name"], "ACME DENTAL");
}

#[tokio::test]
async fn an_unknown_org_is_404() {
    let app = TestApp::new().await;
    let (owner, _, org) = acme(&app).await;
    owner.put("/api/v1/orgs/999999", update_body(&org)).await.assert_error(404, "not_found");
    owner.put("/api/v1/orgs/acme", update_body(&org)).await.assert_error(400, "bad_request");
}
