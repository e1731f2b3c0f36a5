//! `GET /api/v1/orgs/{org}/activity`: who changed which field of an org, when, from what
//! to what, newest first.

use crate::common::{update_body, Session, TestApp};
use serde_json::{json, Value};

/// (field, old, new, actor email) of each entry, in the order answered.
fn entries(list: &Value) -> Vec<(String, Value, Value, Value)> {
    list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|e| {
            (
                e["field"].as_str().unwrap().to_string(),
                e["old_value"].clone(),
                e["new_value"].clone(),
                e["actor"]["email"].clone(),
            )
        })
        .collect()
}

async fn save(session: &Session<'_>, path: &str, edit: impl FnOnce(&mut Value)) {
    let org = session.get(path).await.body;
    let mut body = update_body(&org);
    edit(&mut body);
    let reply = session.put(path, body).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

#[tokio::test]
async fn the_log_shows_who_changed_what_from_what_to_what_newest_first() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let admin = app.login("admin@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;
    let path = format!("/api/v1/orgs/{acme}");
    let sales = app.agent_id("Sales Bot").await;

    save(&owner, &path, |b| {
        b["name"] = json!("Acme Dental Care");
        b["settings"]["dashboard_language"] = json!("es");
    })
    .await;
    save(&admin, &path, |b| {
        b["contact_email"] = Value::Null;
        b["settings"]["dashboard_layout"] = json!("horizontal");
        b["settings"]["handoff_enabled"] = json!(false);
        b["archived"] = json!(true);
    })
    .await;
    assert_eq!(admin.put(&format!("{path}/agents"), json!({"agent_ids": [sales]})).await.status, 200);
    // A save that changes nothing logs nothing.
    save(&owner, &path, |_| {}).await;

    let log = owner.get(&format!("{path}/activity")).await;
    assert_eq!(log.status, 200, "{}", log.body);
    assert_eq!(log.body["total"], 7);
    let (a, o) = (json!("admin@northwind.test"), json!("owner@northwind.test"));
    let s = |v: &str| json!(v);
    let agents_before = {
        let mut ids = [app.agent_id("Support Bot").await, app.agent_id("Reception Line").await];
        ids.sort_unstable();
        format!("[{},{}]", ids[0], ids[1])
    };
    assert_eq!(
        entries(&log.body),
        vec![
            ("agents".into(), s(&agents_before), s(&format!("[{sales}]")), a.clone()),
            ("settings.handoff_enabled".into(), s("true"), s("false"), a.clone()),
            ("settings.dashboard_layout".into(), s("vertical"), s("horizontal"), a.clone()),
            ("archived".into(), s("false"), s("true"), a.clone()),
            ("contact_email".into(), s("office@acme.test"), Value::Null, a.clone()),
            ("settings.dashboard_language".into(), s("en"), s("es"), o.clone()),
            ("name".into(), s("Acme Dental"), s("Acme Dental Care"), o.clone()),
        ]
    );
    let first = &log.body["items"][0];
    assert!(first["id"].is_i64());
    assert_eq!(first["actor"]["name"], "Arun Admin");
    assert_eq!(first["actor"]["id"], app.user_id("admin@northwind.test").await);
    assert!(first["created_at"].as_str().is_some_and(|t| t.ends_with('Z')), "{first}");
    // Each org has its own log.
    let globex = app.org_id("Globex Realty").await;
    assert_eq!(owner.get(&format!("/api/v1/orgs/{globex}/activity")).await.body["total"], 0);
}

#[tokio::test]
async fn the_log_pages() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;
    let path = format!("/api/v1/orgs/{acme}");
    for name in ["Acme 1", "Acme 2", "Acme 3"] {
        save(&owner, &path, |b| b["name"] = json!(name)).await;
    }
    let new_values = |list: &Value| -> Vec<Value> { entries(list).into_iter().map(|(_, _, new, _)| new).collect() };
    let first = owner.get(&format!("{path}/activity?per_page=2")).await.body;
    assert_eq!(first["total"], 3);
    assert_eq!(new_values(&first), [json!("Acme 3"), json!("Acme 2")]);
    let second = owner.get(&format!("{path}/activity?per_page=2&page=2")).await.body;
    assert_eq!(second["total"], 3);
    assert_eq!(new_values(&second), [json!("Acme 1")]);
    assert_eq!(owner.get(&format!("{path}/activity?page=5")).await.body["items"], json!([]));
    owner.get(&format!("{path}/activity?page=x")).await.assert_error(400, "bad_request");
}

#[tokio::test]
async fn a_deleted_actor_reads_as_null() {
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let acme = app.org_id("Acme Dental").await;
    let path = format!("/api/v1/orgs/{acme}");
    save(&admin, &path, |b| b["name"] = json!("Acme 2")).await;
    sqlx::query("DELETE FROM users WHERE email = 'admin@northwind.test'").execute(&app.db).await.unwrap();

    let owner = app.login("owner@northwind.test").await;
    let log = owner.get(&format!("{path}/activity")).await.body;
    assert_eq!(log["total"], 1, "the entry outlives its author");
    assert!(log["items"][0]["actor"].is_null(), "{log}");
    assert_eq!(log["items"][0]["new_value"], "Acme 2");
}

#[tokio::test]
async fn staff_read_it_the_orgs_own_users_may_not_and_strangers_find_nothing() {
    let app = TestApp::new().await;
    let acme = app.org_id("Acme Dental").await;
    let path = format!("/api/v1/orgs/{acme}/activity");
    assert_eq!(app.login("member@northwind.test").await.get(&path).await.status, 200);
    assert_eq!(app.login("admin@northwind.test").await.get(&path).await.status, 200);
    app.login("admin@acme.test").await.get(&path).await.assert_error(403, "forbidden");
    app.login("agent@acme.test").await.get(&path).await.assert_error(403, "forbidden");
    app.login("admin@globex.test").await.get(&path).await.assert_error(404, "not_found");
    app.login("owner@contoso.test").await.get(&path).await.assert_error(404, "not_found");
    app.login("admin@initech.test").await.get(&path).await.assert_error(404, "not_found");
    app.get(&path).await.assert_error(401, "unauthenticated");
    app.login("owner@northwind.test").await.get("/api/v1/orgs/999999/activity").await.assert_error(404, "not_found");
}
