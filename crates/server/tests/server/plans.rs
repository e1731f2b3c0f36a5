//! `/api/v1/plans`: the agency's billing plans.

use crate::common;

use crate::common::TestApp;
use serde_json::{json, Value};

fn pro() -> Value {
    json!({"name": "Pro", "price_cents": 4900, "currency": "EUR", "interval": "year", "included_conversations": 12000})
}

#[tokio::test]
async fn admins_define_plans_and_every_staff_member_reads_them() {
    let app = TestApp::new().await;
    let admin = app.login("admin@northwind.test").await;
    let created = admin.post("/api/v1/plans", Some(pro())).await;
    assert_eq!(created.status, 201, "{}", created.body);
    let id = created.body["id"].as_i64().unwrap();
    assert_eq!(created.header("location"), Some(format!("/api/v1/plans/{id}").as_str()));
    assert_eq!(created.body["interval"], "year");
    assert_eq!(created.body["retired"], false);

    let member = app.login("member@northwind.test").await;
    let list = member.get("/api/v1/plans").await;
    assert_eq!(list.status, 200);
    assert_eq!(common::item_names(&list.body), ["Starter", "Pro", "Growth"], "by price");
    assert_eq!(list.body["total"], 3);
    assert_eq!(list.body["items"][0]["price_cents"], 2900);
    assert_eq!(list.body["items"][0]["included_conversations"], 500);
    assert_eq!(common::item_names(&member.get("/api/v1/plans?q=gro").await.body), ["Growth"]);

    // Members read; they do not define. Client users read plans in their billing overview.
    member.post("/api/v1/plans", Some(pro())).await.assert_error(403, "forbidden");
    app.login("admin@globex.test").await.get("/api/v1/plans").await.assert_error(403, "forbidden");
    // Contoso sees only its own (none).
    let contoso = app.login("owner@contoso.test").await;
    assert_eq!(contoso.get("/api/v1/plans").await.body["total"], 0);
}

#[tokio::test]
async fn bad_plans_are_refused_and_change_nothing() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let before = app.fingerprint().await;

    let mut bad = pro();
    bad["price_cents"] = json!(-1);
    bad["currency"] = json!("XXX");
    bad["included_conversations"] = json!(-5);
    let reply = owner.post("/api/v1/plans", Some(bad)).await;
    reply.assert_error(422, "validation_failed");
    assert_eq!(reply.body["error"]["field_codes"]["price_cents"], "negative");
    assert_eq!(reply.body["error"]["field_codes"]["currency"], "unknown");
    assert_eq!(reply.body["error"]["field_codes"]["included_conversations"], "negative");

    // Money is whole minor units: a fraction is malformed input.
    let mut fractional = pro();
    fractional["price_cents"] = json!(49.5);
    owner.post("/api/v1/plans", Some(fractional)).await.assert_error(400, "bad_request");
    let mut monthly = pro();
    monthly["interval"] = json!("week");
    owner.post("/api/v1/plans", Some(monthly)).await.assert_error(400, "bad_request");
    let mut taken = pro();
    taken["name"] = json!("starter");
    let reply = owner.post("/api/v1/plans", Some(taken)).await;
    reply.assert_error(422, "validation_failed");
    assert_eq!(reply.body["error"]["field_codes"]["name"], "taken");

    let starter = app.plan_id("Starter").await;
    let path = format!("/api/v1/plans/{starter}");
    let reply = owner.patch(&path, json!({"price_cents": -100})).await;
    assert_eq!(reply.body["error"]["field_codes"]["price_cents"], "negative", "{}", reply.body);
    // A plan's currency and interval are fixed: subscriptions and invoices rely on them.
    owner.patch(&path, json!({"currency": "EUR"})).await.assert_error(400, "bad_request");
    // Found by Schemathesis: serde reads a struct from an array of its fields in order, so
    // `[null, null]` was taken as an empty patch (200). A body is a JSON object.
    for body in [json!([null, null]), json!([]), json!(["Pro", 100]), json!("Pro"), json!(7)] {
        owner.patch(&path, body.clone()).await.assert_error(400, "bad_request");
        owner.post("/api/v1/plans", Some(body)).await.assert_error(400, "bad_request");
    }
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn editing_and_retiring_a_plan() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    let path = format!("/api/v1/plans/{}", app.plan_id("Starter").await);
    let reply = owner.patch(&path, json!({"name": "Starter 2025", "price_cents": 3900})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!((reply.body["name"].as_str(), reply.body["price_cents"].as_i64()), (Some("Starter 2025"), Some(3900)));
    assert_eq!(reply.body["currency"], "USD", "untouched fields stay");

    let retired = owner.patch(&path, json!({"retired": true})).await;
    assert_eq!(retired.body["retired"], true);
    // Staff still list it (last); clients are no longer offered it.
    let list = owner.get("/api/v1/plans").await;
    assert_eq!(common::item_names(&list.body), ["Growth", "Starter 2025"]);
    let globex = app.org_id("Globex Realty").await;
    let overview = app.login("admin@globex.test").await.get(&format!("/api/v1/orgs/{globex}/billing")).await;
    let offered: Vec<_> = overview.body["plans"].as_array().unwrap().iter().map(|p| p["name"].clone()).collect();
    assert_eq!(offered, [json!("Growth")]);

    // Another agency's plan does not exist for Contoso.
    let contoso = app.login("owner@contoso.test").await;
    contoso.patch(&path, json!({"name": "Mine"})).await.assert_error(404, "not_found");
    owner.patch("/api/v1/plans/999999", json!({"name": "Ghost"})).await.assert_error(404, "not_found");
}
