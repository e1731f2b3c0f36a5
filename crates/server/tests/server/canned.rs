//! Canned responses: saved replies per org, unique by shortcode, only where enabled.

use crate::common::TestApp;
use serde_json::{json, Value};

fn shortcodes(list: &Value) -> Vec<String> {
    list["items"].as_array().expect("items").iter().map(|c| c["shortcode"].as_str().unwrap().to_string()).collect()
}

#[tokio::test]
async fn the_demo_org_has_its_canned_responses() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let list = agent.get(&format!("/api/v1/orgs/{org}/canned-responses")).await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(shortcodes(&list.body), ["greeting", "hours"]);
    assert_eq!(list.body["total"], 2);
    let greeting = &list.body["items"][0];
    assert_eq!(greeting["body"], "Hi {{contact.name}}, thanks for waiting! How can I help?");
    assert_eq!(greeting.as_object().unwrap().len(), 4, "{{id, shortcode, title, body}}: {greeting}");
    let found = agent.get(&format!("/api/v1/orgs/{org}/canned-responses?q=saturday")).await;
    assert_eq!(shortcodes(&found.body), ["hours"]);
}

#[tokio::test]
async fn create_edit_and_delete() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let base = format!("/api/v1/orgs/{org}/canned-responses");
    let created = agent
        .post(&base, Some(json!({"shortcode": "bye", "title": " Goodbye ", "body": "Bye {{contact.name}}!"})))
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["title"], "Goodbye");
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.header("location"), Some(format!("{base}/{id}").as_str()));

    let edited = agent.patch(&format!("{base}/{id}"), json!({"body": "See you soon."})).await;
    assert_eq!(edited.status, 200, "{}", edited.body);
    assert_eq!((edited.body["shortcode"].as_str(), edited.body["body"].as_str()), (Some("bye"), Some("See you soon.")));

    assert_eq!(agent.delete(&format!("{base}/{id}")).await.status, 204);
    agent.delete(&format!("{base}/{id}")).await.assert_error(404, "not_found");
    assert_eq!(shortcodes(&agent.get(&base).await.body), ["greeting", "hours"]);
}

#[tokio::test]
async fn shortcodes_are_unique_per_org_and_well_formed() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let base = format!("/api/v1/orgs/{org}/canned-responses");
    let before = app.fingerprint().await;
    let taken = admin.post(&base, Some(json!({"shortcode": "greeting", "title": "Again", "body": "Hello"}))).await;
    taken.assert_error(422, "validation_failed");
    assert_eq!(taken.body["error"]["field_codes"]["shortcode"], "taken", "{}", taken.body);
    let bad = admin.post(&base, Some(json!({"shortcode": "Not OK", "title": "", "body": ""}))).await;
    bad.assert_error(422, "validation_failed");
    for field in ["shortcode", "title", "body"] {
        assert!(bad.body["error"]["fields"][field].is_string(), "{field}: {}", bad.body);
    }
    let hours = app.canned_id("hours").await;
    let renamed = admin.patch(&format!("{base}/{hours}"), json!({"shortcode": "greeting"})).await;
    assert_eq!(renamed.body["error"]["field_codes"]["shortcode"], "taken", "{}", renamed.body);
    assert_eq!(app.fingerprint().await, before);

    // Another org may use the same shortcode.
    let globex = app.org_id("Globex Realty").await;
    let other = app
        .login("admin@globex.test")
        .await
        .post(
            &format!("/api/v1/orgs/{globex}/canned-responses"),
            Some(json!({"shortcode": "greeting", "title": "Hi", "body": "Hello"})),
        )
        .await;
    assert_eq!(other.status, 201, "{}", other.body);
}

#[tokio::test]
async fn another_orgs_canned_response_is_404() {
    let app = TestApp::new().await;
    let globex = app.org_id("Globex Realty").await;
    let greeting = app.canned_id("greeting").await;
    let admin = app.login("admin@globex.test").await;
    admin
        .patch(&format!("/api/v1/orgs/{globex}/canned-responses/{greeting}"), json!({"title": "Mine"}))
        .await
        .assert_error(404, "not_found");
    admin.delete(&format!("/api/v1/orgs/{globex}/canned-responses/{greeting}")).await.assert_error(404, "not_found");
    let acme = app.org_id("Acme Dental").await;
    admin.get(&format!("/api/v1/orgs/{acme}/canned-responses")).await.assert_error(404, "not_found");
}

#[tokio::test]
async fn where_disabled_reading_and_writing_are_409() {
    let app = TestApp::new().await;
    app.change_settings("Acme Dental", json!({"canned_responses_enabled": false})).await;
    let admin = app.login("admin@acme.test").await;
    let org = app.org_id("Acme Dental").await;
    let base = format!("/api/v1/orgs/{org}/canned-responses");
    let greeting = app.canned_id("greeting").await;
    let before = app.fingerprint().await;
    admin.get(&base).await.assert_error(409, "conflict");
    admin.post(&base, Some(json!({"shortcode": "x", "title": "X", "body": "X"}))).await.assert_error(409, "conflict");
    admin.patch(&format!("{base}/{greeting}"), json!({"title": "Y"})).await.assert_error(409, "conflict");
    let reply = admin.delete(&format!("{base}/{greeting}")).await;
    reply.assert_error(409, "conflict");
    assert!(reply.body["error"]["message"].as_str().unwrap().contains("Canned responses"));
    assert_eq!(app.fingerprint().await, before);
}
