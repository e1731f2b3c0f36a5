//! `/api/v1/orgs`: the agency's client organizations, paged, searched, and fenced by tenant.

mod common;

use atrium_api::OrgSettings;
use atrium_server::store::{self, NewOrg};
use common::TestApp;
use serde_json::Value;

const SETTINGS: [&str; 7] = [
    "dashboard_language",
    "dashboard_layout",
    "handoff_enabled",
    "smart_handoff_enabled",
    "show_handoff_messages",
    "canned_responses_enabled",
    "billing_enabled",
];

fn names(list: &Value) -> Vec<&str> {
    list["items"].as_array().expect("items").iter().map(|o| o["name"].as_str().unwrap()).collect()
}

/// Adds orgs to Northwind straight through the store.
async fn insert_orgs(app: &TestApp, names: &[&str]) {
    let agency_id = app.agency_id("Northwind Agency").await;
    let settings = OrgSettings::default();
    for name in names {
        let org = NewOrg { agency_id, name, contact_email: None, logo_url: None, settings: &settings };
        store::insert_org(&app.db, &org).await.unwrap();
    }
}

#[tokio::test]
async fn staff_list_their_agency_orgs_only() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let list = owner.get("/api/v1/orgs").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["total"], 2);
    // Sorted by name by default; Contoso's Initech never shows.
    assert_eq!(names(&list.body), ["Acme Dental", "Globex Realty"]);
}

#[tokio::test]
async fn each_org_reads_as_the_contract_says() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let list = owner.get("/api/v1/orgs").await.body;
    assert_eq!(list["items"].as_array().unwrap().len(), 2, "zip below would hide a short list");
    // (name, users, agents) as the demo seed makes them.
    for (org, (name, users, agents)) in
        list["items"].as_array().unwrap().iter().zip([("Acme Dental", 2, 2), ("Globex Realty", 1, 1)])
    {
        assert_eq!(org["name"], name);
        assert!(org["id"].is_i64(), "{org}");
        assert!(org["contact_email"].is_string(), "{org}");
        assert!(org["logo_url"].is_null(), "{org}");
        assert_eq!(org["archived"], false);
        assert!(org["version"].is_i64(), "{org}");
        assert!(org["created_at"].is_string() && org["updated_at"].is_string(), "{org}");
        assert_eq!(org["agent_ids"].as_array().expect("agent_ids").len(), agents, "{org}");
        assert_eq!(org["agent_count"], agents, "{org}");
        assert_eq!(org["user_count"], users, "{org}");
        // Exactly the seven settings: a client sends them back on PUT, which refuses extras.
        let settings = org["settings"].as_object().expect("settings");
        let mut keys: Vec<&str> = settings.keys().map(String::as_str).collect();
        keys.sort_unstable();
        let mut expected = SETTINGS.to_vec();
        expected.sort_unstable();
        assert_eq!(keys, expected);
    }
    assert_eq!(list["items"][1]["settings"]["dashboard_layout"], "horizontal");
    assert_eq!(list["items"][1]["settings"]["billing_enabled"], true);
}

#[tokio::test]
async fn search_is_case_insensitive_and_literal() {
    let app = TestApp::new().await;
    insert_orgs(&app, &["50% Off Dental", "500 Off Dental", "Snake_Case Ltd", "SnakeXCase Ltd"]).await;
    let owner = app.login("owner@northwind.test").await;
    for q in ["acme", "ACME", "aCmE"] {
        let list = owner.get(&format!("/api/v1/orgs?q={q}")).await.body;
        assert_eq!(names(&list), ["Acme Dental"], "q={q}");
        assert_eq!(list["total"], 1);
    }
    // `%` and `_` are LIKE wildcards in SQL; a search must find them as text.
    let percent = owner.get("/api/v1/orgs?q=50%25").await.body;
    assert_eq!(names(&percent), ["50% Off Dental"]);
    let underscore = owner.get("/api/v1/orgs?q=e_c").await.body;
    assert_eq!(names(&underscore), ["Snake_Case Ltd"]);
    assert_eq!(underscore["total"], 1);
}

#[tokio::test]
async fn pages_sort_and_clamp() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let second = owner.get("/api/v1/orgs?per_page=1&page=2").await.body;
    assert_eq!(names(&second), ["Globex Realty"]);
    assert_eq!(second["total"], 2, "total counts every match, not the page");

    let reversed = owner.get("/api/v1/orgs?sort=-name").await.body;
    assert_eq!(names(&reversed), ["Globex Realty", "Acme Dental"]);

    let many: Vec<String> = (0..120).map(|i| format!("Bulk Org {i:03}")).collect();
    insert_orgs(&app, &many.iter().map(String::as_str).collect::<Vec<_>>()).await;
    let clamped = owner.get("/api/v1/orgs?per_page=1000").await.body;
    assert_eq!(clamped["items"].as_array().unwrap().len(), 100);
    assert_eq!(clamped["total"], 122);
    let default = owner.get("/api/v1/orgs").await.body;
    assert_eq!(default["items"].as_array().unwrap().len(), 25);
}

#[tokio::test]
async fn bad_list_queries_answer_the_error_body() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let unknown_sort = owner.get("/api/v1/orgs?sort=password").await;
    unknown_sort.assert_error(422, "validation_failed");
    assert!(unknown_sort.body["error"]["fields"]["sort"].is_string());
    owner.get("/api/v1/orgs?page=abc").await.assert_error(400, "bad_request");
}

#[tokio::test]
async fn client_users_may_not_list_orgs() {
    let app = TestApp::new().await;
    let client = app.login("admin@acme.test").await;
    client.get("/api/v1/orgs").await.assert_error(403, "forbidden");
    app.get("/api/v1/orgs").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn one_org_is_visible_to_its_agency_and_its_own_users_only() {
    let app = TestApp::new().await;
    let acme = app.org_id("Acme Dental").await;
    let globex = app.org_id("Globex Realty").await;
    let acme_path = format!("/api/v1/orgs/{acme}");

    let owner = app.login("owner@northwind.test").await;
    let reply = owner.get(&acme_path).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["id"], acme);
    assert_eq!(reply.body["name"], "Acme Dental");

    // Another agency's org does not exist for them, rather than being forbidden.
    let contoso = app.login("owner@contoso.test").await;
    contoso.get(&acme_path).await.assert_error(404, "not_found");

    let acme_admin = app.login("admin@acme.test").await;
    assert_eq!(acme_admin.get(&acme_path).await.status, 200);
    acme_admin.get(&format!("/api/v1/orgs/{globex}")).await.assert_error(404, "not_found");

    app.get(&acme_path).await.assert_error(401, "unauthenticated");
    owner.get("/api/v1/orgs/999999").await.assert_error(404, "not_found");
}

#[tokio::test]
async fn a_non_numeric_org_id_answers_the_error_body() {
    // Clients parse every failure as the error body; axum's plain-text rejection breaks that.
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    owner.get("/api/v1/orgs/acme").await.assert_error(400, "bad_request");
}

#[tokio::test]
async fn unknown_api_paths_are_404_with_the_error_body() {
    let app = TestApp::new().await;
    app.get("/api/v1/nope").await.assert_error(404, "not_found");
}
