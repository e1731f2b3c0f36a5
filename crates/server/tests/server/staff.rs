//! Agency staff: `/api/v1/staff` and `/api/v1/staff/{id}`: owners manage, everyone on
//! the staff reads, an agency never loses its last owner, a removed member is out at once.

use crate::common::{Reply, TestApp};
use atrium_server::seed::DEMO_PASSWORD;
use serde_json::{json, Value};

const PASSWORD: &str = "staff-password-1";

async fn staff_path(app: &TestApp, email: &str) -> String {
    format!("/api/v1/staff/{}", app.user_id(email).await)
}

fn new_staff(email: &str, role: &str) -> Value {
    json!({"name": "Sam Staff", "email": email, "password": PASSWORD, "role": role})
}

#[track_caller]
fn assert_field(reply: &Reply, field: &str, code: &str) {
    reply.assert_error(422, "validation_failed");
    assert_eq!(reply.body["error"]["field_codes"][field], code, "{}", reply.body);
}

fn emails(list: &Value) -> Vec<&str> {
    list["items"].as_array().expect("items").iter().map(|u| u["email"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn any_staff_member_sees_their_own_agencys_staff_only() {
    let app = TestApp::new().await;
    let member = app.login("member@northwind.test").await;
    let list = member.get("/api/v1/staff").await;
    assert_eq!(list.status, 200, "{}", list.body);
    assert_eq!(list.body["total"], 3);
    // By name: Arun Admin, Mia Member, Nadia Owner.
    assert_eq!(emails(&list.body), ["admin@northwind.test", "member@northwind.test", "owner@northwind.test"]);
    assert_eq!(
        list.body["items"][2],
        json!({"id": app.user_id("owner@northwind.test").await,
        "name": "Nadia Owner", "email": "owner@northwind.test", "role": "owner"})
    );
    assert_eq!(emails(&member.get("/api/v1/staff?q=mia").await.body), ["member@northwind.test"]);
    assert_eq!(emails(&member.get("/api/v1/staff?per_page=1&page=3").await.body), ["owner@northwind.test"]);
    let contoso = app.login("owner@contoso.test").await;
    assert_eq!(emails(&contoso.get("/api/v1/staff").await.body), ["owner@contoso.test"]);
}

#[tokio::test]
async fn an_owner_adds_staff_who_can_then_sign_in_with_their_role() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let created = owner.post("/api/v1/staff", Some(new_staff(" sam@northwind.test ", "admin"))).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.body, json!({"id": id, "name": "Sam Staff", "email": "sam@northwind.test", "role": "admin"}));
    assert_eq!(created.header("location"), Some(format!("/api/v1/staff/{id}").as_str()));
    assert!(!String::from_utf8_lossy(&created.bytes).contains("password"));

    let sam = app.try_login("sam@northwind.test", PASSWORD).await;
    assert_eq!(sam.status, 200, "{}", sam.body);
    assert_eq!((sam.body["kind"].as_str(), sam.body["role"].as_str()), (Some("staff"), Some("admin")));
    assert_eq!(sam.body["agency"]["name"], "Northwind Agency");
}

#[tokio::test]
async fn each_rule_of_a_new_staff_member_is_checked() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let before = app.fingerprint().await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("name", json!(" "), "required"),
        ("name", json!("n".repeat(121)), "too_long"),
        ("email", json!("sam@"), "invalid_email"),
        ("password", json!("short"), "too_short"),
        ("password", json!("p".repeat(257)), "too_long"),
        ("role", json!("org_admin"), "unknown"),
        ("role", json!("client_user"), "unknown"),
        // Taken anywhere on the platform, in any case.
        ("email", json!("MEMBER@northwind.test"), "taken"),
        ("email", json!("agent@acme.test"), "taken"),
        ("email", json!("owner@contoso.test"), "taken"),
    ];
    for (field, value, code) in cases {
        let mut body = new_staff("sam@northwind.test", "member");
        body[field] = value;
        assert_field(&owner.post("/api/v1/staff", Some(body)).await, field, code);
    }
    owner.post("/api/v1/staff", Some(new_staff("sam@northwind.test", "root"))).await.assert_error(400, "bad_request");
    let mut extra = new_staff("sam@northwind.test", "member");
    extra["agency_id"] = json!(2);
    owner.post("/api/v1/staff", Some(extra)).await.assert_error(400, "bad_request");
    assert_eq!(app.fingerprint().await, before, "refusals change nothing");
}

#[tokio::test]
async fn a_role_change_applies_to_the_existing_session_at_once() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let member = app.login("member@northwind.test").await;
    member.post("/api/v1/orgs", Some(json!({"name": "Too Early"}))).await.assert_error(403, "forbidden");

    let path = staff_path(&app, "member@northwind.test").await;
    let promoted = owner.patch(&path, json!({"role": "admin"})).await;
    assert_eq!(promoted.status, 200, "{}", promoted.body);
    assert_eq!(promoted.body["role"], "admin");
    assert_eq!(member.post("/api/v1/orgs", Some(json!({"name": "Now Allowed"}))).await.status, 201);

    assert_field(&owner.patch(&path, json!({"role": "org_admin"})).await, "role", "unknown");
    owner.patch(&path, json!({"role": "root"})).await.assert_error(400, "bad_request");
    owner.patch(&path, json!({})).await.assert_error(400, "bad_request");
    // Admins do not manage staff, not even themselves.
    member.patch(&path, json!({"role": "owner"})).await.assert_error(403, "forbidden");
}

#[tokio::test]
async fn the_last_owner_can_be_neither_demoted_nor_removed() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let me = staff_path(&app, "owner@northwind.test").await;
    for role in ["admin", "member"] {
        owner.patch(&me, json!({"role": role})).await.assert_error(409, "conflict");
    }
    owner.delete(&me).await.assert_error(409, "conflict");
    // Staying owner is no demotion.
    assert_eq!(owner.patch(&me, json!({"role": "owner"})).await.status, 200);

    // With a second owner, either may step down or leave; then the other is the last.
    let admin = staff_path(&app, "admin@northwind.test").await;
    assert_eq!(owner.patch(&admin, json!({"role": "owner"})).await.status, 200);
    let demoted = owner.patch(&me, json!({"role": "admin"})).await;
    assert_eq!(demoted.status, 200, "{}", demoted.body);
    let second = app.login("admin@northwind.test").await;
    second.patch(&admin, json!({"role": "member"})).await.assert_error(409, "conflict");
    second.delete(&admin).await.assert_error(409, "conflict");
    assert_eq!(second.delete(&me).await.status, 204);
    owner.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn removing_a_staff_member_ends_their_sessions_at_once() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let member = app.login("member@northwind.test").await;
    let id = app.user_id("member@northwind.test").await;
    assert_eq!(owner.delete(&staff_path(&app, "member@northwind.test").await).await.status, 204);
    assert_eq!(app.count_where("sessions", "user_id", id).await, 0);
    member.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    app.try_login("member@northwind.test", DEMO_PASSWORD).await.assert_error(401, "invalid_credentials");
    owner.delete(&format!("/api/v1/staff/{id}")).await.assert_error(404, "not_found");
    assert!(!emails(&owner.get("/api/v1/staff").await.body).contains(&"member@northwind.test"));
}

#[tokio::test]
async fn other_agencies_staff_and_client_users_are_not_staff_ids() {
    let app = TestApp::new().await;
    let contoso = app.login("owner@contoso.test").await;
    let before = app.fingerprint().await;
    for email in ["owner@northwind.test", "member@northwind.test", "admin@initech.test"] {
        let path = staff_path(&app, email).await;
        contoso.patch(&path, json!({"role": "member"})).await.assert_error(404, "not_found");
        contoso.delete(&path).await.assert_error(404, "not_found");
    }
    assert_eq!(app.fingerprint().await, before);
    // A client user's id is no staff id either, in their own agency.
    let owner = app.login("owner@northwind.test").await;
    let before_owner = app.fingerprint().await;
    owner
        .patch(&staff_path(&app, "agent@acme.test").await, json!({"role": "owner"}))
        .await
        .assert_error(404, "not_found");
    owner.delete(&staff_path(&app, "admin@acme.test").await).await.assert_error(404, "not_found");
    assert_eq!(app.fingerprint().await, before_owner);
}
