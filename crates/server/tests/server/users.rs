//! Client users: `/api/v1/orgs/{org}/users` and `.../{id}`: what they read as, every
//! validation rule, who they see, and how disabling and deleting lock a user out at once.

use crate::common::{Reply, Session, TestApp};
use atrium_server::seed::DEMO_PASSWORD;
use serde_json::{json, Value};

const PASSWORD: &str = "correct-horse-battery";
const ALL_PERMISSIONS: [&str; 6] = ["home", "conversations", "analytics", "canned_responses", "team", "billing"];

async fn users_path(app: &TestApp) -> String {
    format!("/api/v1/orgs/{}/users", app.org_id("Acme Dental").await)
}

async fn user_path(app: &TestApp, email: &str) -> String {
    format!("{}/{}", users_path(app).await, app.user_id(email).await)
}

fn new_user(email: &str) -> Value {
    json!({"name": "Nora New", "email": email, "password": PASSWORD, "role": "client_user",
           "permissions": ["conversations", "home"], "agent_ids": []})
}

/// A client user as the contract has it: exactly these fields, never a password.
#[track_caller]
fn assert_user_shape(user: &Value) {
    let mut keys: Vec<&str> = user.as_object().expect("object").keys().map(String::as_str).collect();
    keys.sort_unstable();
    assert_eq!(keys, ["agent_ids", "all_agents", "disabled", "email", "id", "name", "permissions", "role"], "{user}");
}

#[track_caller]
fn assert_no_secret(reply: &Reply) {
    let text = String::from_utf8_lossy(&reply.bytes);
    for secret in [PASSWORD, DEMO_PASSWORD, "$argon2", "password"] {
        assert!(!text.contains(secret), "answer holds {secret}: {text}");
    }
}

#[track_caller]
fn assert_field(reply: &Reply, field: &str, code: &str) {
    reply.assert_error(422, "validation_failed");
    assert_eq!(reply.body["error"]["field_codes"][field], code, "{}", reply.body);
    assert!(reply.body["error"]["fields"][field].is_string(), "{}", reply.body);
}

fn emails(list: &Value) -> Vec<&str> {
    list["items"].as_array().expect("items").iter().map(|u| u["email"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn a_created_user_reads_back_without_any_password_and_can_sign_in() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let path = users_path(&app).await;
    let support = app.agent_id("Support Bot").await;
    let mut body = new_user(" nora@acme.test ");
    body["name"] = json!("  Nora New  ");
    body["agent_ids"] = json!([support, support]);
    body["permissions"] = json!(["home", "conversations", "home"]);

    let created = owner.post(&path, Some(body)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_no_secret(&created);
    assert_user_shape(&created.body);
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.header("location"), Some(format!("{path}/{id}").as_str()));
    assert_eq!(
        created.body,
        json!({"id": id, "name": "Nora New", "email": "nora@acme.test", "role": "client_user",
               "permissions": ["home", "conversations"], "agent_ids": [support], "all_agents": false, "disabled": false})
    );

    // Every route that answers a user keeps the password to itself.
    let one = owner.get(&format!("{path}/{id}")).await;
    assert_eq!(one.status, 200);
    assert_eq!(one.body, created.body);
    assert_no_secret(&one);
    let list = owner.get(&path).await;
    assert_no_secret(&list);
    assert!(emails(&list.body).contains(&"nora@acme.test"));
    list.body["items"].as_array().unwrap().iter().for_each(assert_user_shape);
    let patched = owner.patch(&format!("{path}/{id}"), json!({"password": "another-long-one"})).await;
    assert_eq!(patched.status, 200);
    assert_no_secret(&patched);
    let deleted_other = owner.delete(&user_path(&app, "agent@acme.test").await).await;
    assert_eq!(deleted_other.status, 204);
    assert!(deleted_other.bytes.is_empty());

    // The stored password is the new one, hashed.
    assert_eq!(app.try_login("nora@acme.test", PASSWORD).await.status, 401);
    let nora = app.try_login("nora@acme.test", "another-long-one").await;
    assert_eq!(nora.status, 200, "{}", nora.body);
    assert_eq!(nora.body["permissions"], json!(["home", "conversations"]));
    assert_eq!(nora.body["agents"].as_array().unwrap().len(), 1, "only the agent subset: {}", nora.body);
    let hash: String =
        sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(id).fetch_one(&app.db).await.unwrap();
    assert!(hash.starts_with("$argon2id$"), "{hash}");
}

#[tokio::test]
async fn an_org_admin_reads_as_every_permission_whatever_is_stored() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let mut body = new_user("boss@acme.test");
    body["role"] = json!("org_admin");
    body["permissions"] = json!(["home"]);
    let created = admin.post(&users_path(&app).await, Some(body)).await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["role"], "org_admin");
    assert_eq!(created.body["permissions"], json!(ALL_PERMISSIONS));
    // Demoted, they hold what was stored for them.
    let path = format!("{}/{}", users_path(&app).await, created.body["id"]);
    let demoted = admin.patch(&path, json!({"role": "client_user"})).await;
    assert_eq!(demoted.body["permissions"], json!(["home"]), "{}", demoted.body);
}

#[tokio::test]
async fn each_rule_of_a_new_user_is_checked_and_a_refusal_changes_nothing() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let path = users_path(&app).await;
    let users_before = app.count("users").await;
    let cases: Vec<(&str, Value, &str)> = vec![
        ("name", json!(""), "required"),
        ("name", json!("   "), "required"),
        ("name", json!("n".repeat(121)), "too_long"),
        ("email", json!(""), "invalid_email"),
        ("email", json!("nora"), "invalid_email"),
        ("email", json!("nora@acme"), "invalid_email"),
        ("email", json!("no ra@acme.test"), "invalid_email"),
        ("password", json!("123456789"), "too_short"),
        ("password", json!("p".repeat(257)), "too_long"),
        ("role", json!("owner"), "unknown"),
        ("role", json!("member"), "unknown"),
    ];
    for (field, value, code) in cases {
        let mut body = new_user("nora@acme.test");
        body[field] = value.clone();
        let reply = owner.post(&path, Some(body)).await;
        assert_field(&reply, field, code);
        assert!(reply.body["error"]["fields"].as_object().unwrap().len() == 1, "{field}={value}: {}", reply.body);
    }
    // Malformed rather than invalid: unknown role or permission names, unknown fields,
    // missing fields.
    let malformed = [
        json!({"name": "N", "email": "n@acme.test", "password": PASSWORD, "role": "root"}),
        json!({"name": "N", "email": "n@acme.test", "password": PASSWORD, "role": "client_user", "permissions": ["root"]}),
        json!({"name": "N", "email": "n@acme.test", "password": PASSWORD, "role": "client_user", "admin": true}),
        json!({"name": "N", "email": "n@acme.test", "role": "client_user"}),
        json!({"name": "N", "email": "n@acme.test", "password": PASSWORD, "role": "client_user", "agent_ids": ["x"]}),
    ];
    for body in malformed {
        owner.post(&path, Some(body)).await.assert_error(400, "bad_request");
    }
    assert_eq!(app.count("users").await, users_before);

    // The edges themselves pass: 120 characters of name, a 10-character password.
    let mut edge = new_user("edge@acme.test");
    edge["name"] = json!("é".repeat(120));
    edge["password"] = json!("0123456789");
    let reply = owner.post(&path, Some(edge)).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(app.try_login("edge@acme.test", "0123456789").await.status, 200);
}

#[tokio::test]
async fn emails_are_unique_on_the_whole_platform_in_any_case() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let path = users_path(&app).await;
    // Another user of the org, a staff member, another agency's user: all taken.
    for email in ["AGENT@acme.test", " agent@acme.test ", "owner@northwind.test", "Admin@Initech.test"] {
        let reply = owner.post(&path, Some(new_user(email))).await;
        assert_field(&reply, "email", "taken");
    }
    let agent = user_path(&app, "agent@acme.test").await;
    assert_field(&owner.patch(&agent, json!({"email": "ADMIN@acme.test"})).await, "email", "taken");
    // Their own email, in another case, is theirs to keep.
    let same = owner.patch(&agent, json!({"email": "Agent@Acme.test"})).await;
    assert_eq!(same.status, 200, "{}", same.body);
    assert_eq!(same.body["email"], "Agent@Acme.test");
    assert_eq!(app.try_login("agent@acme.test", DEMO_PASSWORD).await.status, 200);
}

#[tokio::test]
async fn agent_ids_must_be_agents_assigned_to_the_org() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let path = users_path(&app).await;
    let support = app.agent_id("Support Bot").await;
    // Sales Bot is Northwind's but not Acme's; Helpdesk Bot is Contoso's.
    let foreign = [app.agent_id("Sales Bot").await, app.agent_id("Helpdesk Bot").await, 999_999];
    for agent in foreign {
        let mut body = new_user("nora@acme.test");
        body["agent_ids"] = json!([support, agent]);
        assert_field(&owner.post(&path, Some(body)).await, "agent_ids", "unknown");
        let reply = owner.patch(&user_path(&app, "agent@acme.test").await, json!({"agent_ids": [agent]})).await;
        assert_field(&reply, "agent_ids", "unknown");
    }
    assert_eq!(app.count("user_agents").await, 0, "nothing was written");

    let agent_path = user_path(&app, "agent@acme.test").await;
    let narrowed = owner.patch(&agent_path, json!({"agent_ids": [support]})).await;
    assert_eq!(narrowed.body["agent_ids"], json!([support]), "{}", narrowed.body);
    let agent = app.login("agent@acme.test").await;
    let seen: Vec<i64> = agent.me["agents"].as_array().unwrap().iter().map(|a| a["id"].as_i64().unwrap()).collect();
    assert_eq!(seen, [support]);
    // Empty is "all of the org's agents" again.
    let widened = owner.patch(&agent_path, json!({"agent_ids": []})).await;
    assert_eq!(widened.body["agent_ids"], json!([]));
    assert_eq!(agent.get("/api/v1/me").await.body["agents"].as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn a_patch_changes_only_the_fields_it_carries() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let path = user_path(&app, "agent@acme.test").await;
    let before = admin.get(&path).await.body;

    let unchanged = admin.patch(&path, json!({})).await;
    assert_eq!(unchanged.status, 200);
    assert_eq!(unchanged.body, before);

    let reply = admin.patch(&path, json!({"name": " Andrew Agent ", "permissions": ["team", "home"]})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let mut expected = before.clone();
    expected["name"] = json!("Andrew Agent");
    expected["permissions"] = json!(["home", "team"]);
    assert_eq!(reply.body, expected);

    for (field, value, code) in [
        ("name", json!(" "), "required"),
        ("email", json!("andrew"), "invalid_email"),
        ("password", json!("short"), "too_short"),
        ("role", json!("admin"), "unknown"),
    ] {
        assert_field(&admin.patch(&path, json!({ field: value })).await, field, code);
    }
    admin.patch(&path, json!({"is_admin": true})).await.assert_error(400, "bad_request");
    assert_eq!(admin.get(&path).await.body, expected, "refused patches change nothing");
}

#[tokio::test]
async fn disabling_a_user_ends_their_sessions_at_once() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let agent = app.login("agent@acme.test").await;
    let second = app.login("agent@acme.test").await;
    let path = user_path(&app, "agent@acme.test").await;
    let id = app.user_id("agent@acme.test").await;

    let reply = admin.patch(&path, json!({"disabled": true})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(reply.body["disabled"], true);
    assert_eq!(app.count_where("sessions", "user_id", id).await, 0, "session rows are gone");
    agent.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    second.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    app.try_login("agent@acme.test", DEMO_PASSWORD).await.assert_error(401, "invalid_credentials");

    let enabled = admin.patch(&path, json!({"disabled": false})).await;
    assert_eq!(enabled.body["disabled"], false);
    assert_eq!(app.try_login("agent@acme.test", DEMO_PASSWORD).await.status, 200);
}

#[tokio::test]
async fn deleting_a_user_ends_their_sessions_and_takes_them_off_their_teams() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let agent = app.login("agent@acme.test").await;
    let path = user_path(&app, "agent@acme.test").await;
    let id = app.user_id("agent@acme.test").await;

    assert_eq!(owner.delete(&path).await.status, 204);
    agent.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    assert_eq!(app.count_where("sessions", "user_id", id).await, 0);
    assert_eq!(app.count_where("team_members", "user_id", id).await, 0);
    assert_eq!(app.count_where("conversations", "assignee_id", id).await, 0);
    owner.get(&path).await.assert_error(404, "not_found");
    owner.delete(&path).await.assert_error(404, "not_found");
    app.try_login("agent@acme.test", DEMO_PASSWORD).await.assert_error(401, "invalid_credentials");
}

#[tokio::test]
async fn a_new_password_ends_every_other_session_of_that_user() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let admin_elsewhere = app.login("admin@acme.test").await;
    let agent = app.login("agent@acme.test").await;

    let reply = admin.patch(&user_path(&app, "agent@acme.test").await, json!({"password": PASSWORD})).await;
    assert_eq!(reply.status, 200);
    agent.get("/api/v1/me").await.assert_error(401, "unauthenticated");
    assert_eq!(app.try_login("agent@acme.test", PASSWORD).await.status, 200);

    // Changing one's own keeps the session it was changed from.
    let reply = admin.patch(&user_path(&app, "admin@acme.test").await, json!({"password": PASSWORD})).await;
    assert_eq!(reply.status, 200);
    assert_eq!(admin.get("/api/v1/me").await.status, 200);
    admin_elsewhere.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn an_org_admin_cannot_lock_themself_out() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let me = user_path(&app, "admin@acme.test").await;
    admin.patch(&me, json!({"disabled": true})).await.assert_error(409, "conflict");
    admin.patch(&me, json!({"name": "Alice", "role": "client_user"})).await.assert_error(409, "conflict");
    admin.delete(&me).await.assert_error(409, "conflict");
    let still = admin.get(&me).await.body;
    assert_eq!(
        (still["name"].as_str(), still["role"].as_str(), &still["disabled"]),
        (Some("Alice Acme"), Some("org_admin"), &json!(false))
    );
    // Harmless self-edits are fine, and others may do it for them.
    assert_eq!(admin.patch(&me, json!({"name": "Alice A.", "disabled": false, "role": "org_admin"})).await.status, 200);
    let owner = app.login("owner@northwind.test").await;
    assert_eq!(owner.patch(&me, json!({"disabled": true})).await.status, 200);
    admin.get("/api/v1/me").await.assert_error(401, "unauthenticated");
}

#[tokio::test]
async fn a_client_user_reads_only_themself() {
    let app = TestApp::new().await;
    let agent = app.login("agent@acme.test").await;
    let mine = agent.get(&user_path(&app, "agent@acme.test").await).await;
    assert_eq!(mine.status, 200);
    assert_no_secret(&mine);
    agent.get(&user_path(&app, "admin@acme.test").await).await.assert_error(403, "forbidden");
    // Not even whether an id exists.
    agent.get(&format!("{}/999999", users_path(&app).await)).await.assert_error(403, "forbidden");
    agent.get(&users_path(&app).await).await.assert_error(403, "forbidden");
    let mine_path = user_path(&app, "agent@acme.test").await;
    agent.patch(&mine_path, json!({"permissions": ALL_PERMISSIONS})).await.assert_error(403, "forbidden");
}

#[tokio::test]
async fn users_of_other_orgs_and_staff_are_not_found_under_an_org() {
    let app = TestApp::new().await;
    let path = users_path(&app).await;
    let owner = app.login("owner@northwind.test").await;
    let org_admin = app.login("admin@acme.test").await;
    let before = app.fingerprint().await;
    for session in [&owner, &org_admin] {
        for email in ["admin@globex.test", "admin@initech.test", "member@northwind.test"] {
            let other = format!("{path}/{}", app.user_id(email).await);
            session.get(&other).await.assert_error(404, "not_found");
            session.patch(&other, json!({"name": "Taken Over"})).await.assert_error(404, "not_found");
            session.delete(&other).await.assert_error(404, "not_found");
        }
    }
    let globex_admin = format!("{path}/{}/impersonate", app.user_id("admin@globex.test").await);
    owner.post(&globex_admin, None).await.assert_error(404, "not_found");
    assert_eq!(app.fingerprint().await, before, "nothing changed");
}

#[tokio::test]
async fn the_list_searches_sorts_and_pages() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let path = users_path(&app).await;
    let list = admin.get(&path).await;
    assert_eq!(list.body["total"], 2);
    // By name: Alice Acme, Andy Agent.
    assert_eq!(emails(&list.body), ["admin@acme.test", "agent@acme.test"]);
    assert_eq!(emails(&admin.get(&format!("{path}?sort=-name")).await.body), ["agent@acme.test", "admin@acme.test"]);
    assert_eq!(emails(&admin.get(&format!("{path}?q=andy")).await.body), ["agent@acme.test"]);
    assert_eq!(emails(&admin.get(&format!("{path}?q=ADMIN@")).await.body), ["admin@acme.test"]);
    let page = admin.get(&format!("{path}?per_page=1&page=2")).await.body;
    assert_eq!((emails(&page), page["total"].as_i64()), (vec!["agent@acme.test"], Some(2)));
    assert_eq!(admin.get(&format!("{path}?page=zero")).await.status, 400);
}

#[tokio::test]
async fn user_changes_are_recorded_in_the_orgs_activity_log() {
    let app = TestApp::new().await;
    let admin = app.login("admin@acme.test").await;
    let owner = app.login("owner@northwind.test").await;
    let path = users_path(&app).await;
    let created = admin.post(&path, Some(new_user("nora@acme.test"))).await.body;
    let nora = format!("{path}/{}", created["id"]);
    assert_eq!(admin.patch(&nora, json!({"name": "Nora N", "password": PASSWORD})).await.status, 200);
    assert_eq!(owner.patch(&nora, json!({"disabled": true})).await.status, 200);
    assert_eq!(owner.delete(&nora).await.status, 204);

    let log = owner.get(&format!("/api/v1/orgs/{}/activity", app.org_id("Acme Dental").await)).await.body;
    let entries: Vec<(String, Value, Value, Value)> = log["items"]
        .as_array()
        .unwrap()
        .iter()
        .take(5)
        .map(|e| {
            (
                e["field"].as_str().unwrap().into(),
                e["old_value"].clone(),
                e["new_value"].clone(),
                e["actor"]["email"].clone(),
            )
        })
        .collect();
    let (o, a) = (json!("owner@northwind.test"), json!("admin@acme.test"));
    let s = |v: &str| json!(v);
    assert_eq!(
        entries,
        vec![
            ("user.deleted".into(), s("nora@acme.test"), Value::Null, o.clone()),
            ("user.disabled".into(), Value::Null, s("nora@acme.test"), o.clone()),
            ("user.password".into(), Value::Null, s("nora@acme.test"), a.clone()),
            ("user.name".into(), s("nora@acme.test: Nora New"), s("nora@acme.test: Nora N"), a.clone()),
            ("user.created".into(), Value::Null, s("nora@acme.test"), a.clone()),
        ]
    );
    assert!(!log.to_string().contains(PASSWORD));
}

/// The session is the org admin's and they act on their own org from the dashboard.
#[tokio::test]
async fn an_org_admin_manages_their_org_from_the_dashboard() {
    let app = TestApp::new().await;
    let admin: Session<'_> = app.login("admin@acme.test").await;
    let path = users_path(&app).await;
    let created = admin.post(&path, Some(new_user("nora@acme.test"))).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let nora = format!("{path}/{}", created.body["id"]);
    assert_eq!(admin.patch(&nora, json!({"role": "org_admin"})).await.status, 200);
    assert_eq!(admin.delete(&nora).await.status, 204);
    let globex = format!("/api/v1/orgs/{}/users", app.org_id("Globex Realty").await);
    admin.post(&globex, Some(new_user("sneaky@acme.test"))).await.assert_error(404, "not_found");
}
