//! `/api/v1/orgs/{org}/billing` and `.../billing/subscription`: subscribing, changing plan
//! with proration, cancelling and resuming, renewal, overdue, and who may see any of it.
//! The clock is frozen and moved by the tests (`TestApp::with_clock`); nothing sleeps.

use crate::common::{utc, Session, TestApp};
use serde_json::{json, Value};
use time::Duration;

fn billing(org: i64) -> String {
    format!("/api/v1/orgs/{org}/billing")
}

fn subscription(org: i64) -> String {
    format!("/api/v1/orgs/{org}/billing/subscription")
}

async fn choose(session: &Session<'_>, org: i64, plan_id: i64) -> Value {
    let reply = session.put(&subscription(org), json!({"plan_id": plan_id})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body
}

async fn invoices(session: &Session<'_>, org: i64) -> Vec<Value> {
    let reply = session.get(&format!("/api/v1/orgs/{org}/invoices")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["items"].as_array().unwrap().clone()
}

fn amounts(invoice: &Value) -> Vec<i64> {
    invoice["lines"].as_array().unwrap().iter().map(|l| l["amount_cents"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn subscribing_starts_a_calendar_period_and_invoices_it() {
    let (app, _clock) = TestApp::with_clock(utc(2025, 1, 31, 12)).await;
    let globex = app.org_id("Globex Realty").await;
    let client = app.login("admin@globex.test").await;

    let before = client.get(&billing(globex)).await;
    assert_eq!(before.status, 200, "{}", before.body);
    assert_eq!(before.body["subscription"], Value::Null, "enabling billing does not subscribe");
    assert_eq!(before.body["credits_left"], 0);
    let offered: Vec<_> = before.body["plans"].as_array().unwrap().iter().map(|p| p["name"].clone()).collect();
    assert_eq!(offered, [json!("Starter"), json!("Growth")]);

    let sub = choose(&client, globex, app.plan_id("Starter").await).await;
    assert_eq!(sub["status"], "active");
    assert_eq!(sub["plan_name"], "Starter");
    assert_eq!(sub["price_cents"], 2900);
    assert_eq!(sub["cancel_at_period_end"], false);
    assert_eq!(sub["current_period_start"], "2025-01-31T12:00:00.000000Z");
    assert_eq!(sub["current_period_end"], "2025-02-28T12:00:00.000000Z", "Jan 31 + 1 month, clamped");

    let issued = invoices(&client, globex).await;
    assert_eq!(issued.len(), 1);
    let invoice = &issued[0];
    assert_eq!(invoice["number"], "INV-000001");
    assert_eq!((invoice["status"].as_str(), invoice["currency"].as_str()), (Some("open"), Some("USD")));
    assert_eq!(invoice["total_cents"], 2900);
    assert_eq!(invoice["lines"], json!([{"description": "Starter (2025-01-31 to 2025-02-28)", "amount_cents": 2900}]));
    assert_eq!(invoice["issued_at"], "2025-01-31T12:00:00.000000Z");
    assert_eq!(invoice["due_at"], "2025-02-14T12:00:00.000000Z");
    assert_eq!(invoice["paid_at"], Value::Null);

    let overview = client.get(&billing(globex)).await.body;
    assert_eq!(overview["subscription"], sub);
    assert_eq!(overview["credits_left"], 500);
    // It was logged, as the org's other changes are.
    let log = app.login("owner@northwind.test").await.get(&format!("/api/v1/orgs/{globex}/activity")).await;
    assert_eq!(log.body["items"][0]["field"], "billing.plan");
    assert_eq!(log.body["items"][0]["new_value"], "Starter");
}

#[tokio::test]
async fn credits_count_the_conversations_of_the_period() {
    // The real time: conversations are stamped with it.
    let app = TestApp::new().await;
    let globex = app.org_id("Globex Realty").await;
    let client = app.login("admin@globex.test").await;
    // No subscription: this calendar month's conversations (the demo's one), no credits.
    let overview = client.get(&billing(globex)).await.body;
    assert_eq!((overview["conversations_used"].as_i64(), overview["credits_left"].as_i64()), (Some(1), Some(0)));

    choose(&client, globex, app.plan_id("Starter").await).await;
    let sales_bot = app.agent_id("Sales Bot").await;
    for n in 0..2 {
        let message = json!({"org_id": globex, "agent_id": sales_bot, "external_id": format!("credit-{n}"),
                             "author": "visitor", "text": "Hello", "contact_name": "Visitor"});
        assert_eq!(app.ingest(atrium_server::seed::DEMO_API_KEY, message).await.status, 200);
    }
    // The period began at the subscription: the demo's older conversation is not in it.
    let overview = client.get(&billing(globex)).await.body;
    assert_eq!((overview["conversations_used"].as_i64(), overview["credits_left"].as_i64()), (Some(2), Some(498)));
}

#[tokio::test]
async fn changing_plan_prorates_to_the_cent_on_one_invoice() {
    let start = utc(2025, 3, 1, 0);
    let (app, clock) = TestApp::with_clock(start).await;
    let globex = app.org_id("Globex Realty").await;
    let client = app.login("admin@globex.test").await;
    let (starter, growth) = (app.plan_id("Starter").await, app.plan_id("Growth").await);
    choose(&client, globex, starter).await;

    // 10 days, 7 hours and 13 seconds into a 31-day period: 1,789,187 of 2,678,400 s left.
    // Starter's rest is 1937.217 → 1937; Growth's 6613.258 → 6613.
    clock.set(start + Duration::days(10) + Duration::hours(7) + Duration::seconds(13));
    let sub = choose(&client, globex, growth).await;
    assert_eq!((sub["plan_name"].as_str(), sub["price_cents"].as_i64()), (Some("Growth"), Some(9900)));
    assert_eq!(sub["included_conversations"], 3000);
    assert_eq!(sub["current_period_start"], "2025-03-01T00:00:00.000000Z", "the period stays");
    assert_eq!(sub["current_period_end"], "2025-04-01T00:00:00.000000Z");
    let issued = invoices(&client, globex).await;
    assert_eq!(issued.len(), 2);
    let change = &issued[0];
    assert_eq!(change["number"], "INV-000002", "newest first");
    assert_eq!(amounts(change), [-1937, 6613]);
    assert_eq!(change["total_cents"], 4676);
    assert_eq!(change["status"], "open");
    assert_eq!(change["lines"][0]["description"], "Unused time on Starter (2025-03-11 to 2025-04-01)");
    assert_eq!(change["lines"][1]["description"], "Growth (2025-03-11 to 2025-04-01)");

    // Back down with exactly 924,048 s left: Starter's rest is 1000.5, rounded half up
    // to 1001; Growth's is 3415.55 → 3416. Credit exceeds charge: nothing is owed, so
    // the invoice is issued paid.
    clock.set(start + Duration::seconds(2_678_400 - 924_048));
    choose(&client, globex, starter).await;
    let downgrade = &invoices(&client, globex).await[0];
    assert_eq!(amounts(downgrade), [-3416, 1001]);
    assert_eq!(downgrade["total_cents"], -2415);
    assert_eq!(downgrade["status"], "paid");
    assert!(downgrade["paid_at"].is_string());
}

#[tokio::test]
async fn choosing_refuses_the_same_plan_retired_ones_and_other_currencies() {
    let (app, _clock) = TestApp::with_clock(utc(2025, 5, 10, 9)).await;
    let globex = app.org_id("Globex Realty").await;
    let owner = app.login("owner@northwind.test").await;
    let starter = app.plan_id("Starter").await;
    choose(&owner, globex, starter).await;
    let euro = json!({"name": "Euro", "price_cents": 2500, "currency": "EUR", "interval": "month",
                      "included_conversations": 100});
    let euro = owner.post("/api/v1/plans", Some(euro)).await.body["id"].as_i64().unwrap();
    let growth = app.plan_id("Growth").await;
    owner.patch(&format!("/api/v1/plans/{growth}"), json!({"retired": true})).await;
    let contoso_plan = {
        let contoso = app.login("owner@contoso.test").await;
        let body = json!({"name": "Basic", "price_cents": 1000, "currency": "USD", "interval": "month",
                          "included_conversations": 10});
        contoso.post("/api/v1/plans", Some(body)).await.body["id"].as_i64().unwrap()
    };

    let before = app.fingerprint().await;
    owner.put(&subscription(globex), json!({"plan_id": starter})).await.assert_error(409, "conflict");
    for plan_id in [euro, growth, contoso_plan, 999_999] {
        let reply = owner.put(&subscription(globex), json!({"plan_id": plan_id})).await;
        reply.assert_error(422, "validation_failed");
        assert!(reply.body["error"]["fields"]["plan_id"].is_string(), "{}", reply.body);
    }
    owner.put(&subscription(globex), json!({"plan_id": "1"})).await.assert_error(400, "bad_request");
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn cancelling_runs_to_the_period_end_and_can_be_resumed_before() {
    let start = utc(2025, 6, 15, 8);
    let (app, clock) = TestApp::with_clock(start).await;
    let globex = app.org_id("Globex Realty").await;
    let client = app.login("admin@globex.test").await;
    choose(&client, globex, app.plan_id("Starter").await).await;

    let cancelled = client.delete(&subscription(globex)).await;
    assert_eq!(cancelled.status, 200, "{}", cancelled.body);
    assert_eq!(
        (cancelled.body["cancel_at_period_end"].as_bool(), cancelled.body["status"].as_str()),
        (Some(true), Some("active"))
    );
    client.delete(&subscription(globex)).await.assert_error(409, "conflict");
    let resumed = client.post(&format!("{}/resume", subscription(globex)), None).await;
    assert_eq!(resumed.body["cancel_at_period_end"], false, "{}", resumed.body);
    client.post(&format!("{}/resume", subscription(globex)), None).await.assert_error(409, "conflict");

    // Cancel again and let the period end: no renewal, no invoice, no credits.
    client.delete(&subscription(globex)).await;
    clock.set(utc(2025, 7, 15, 8));
    let overview = client.get(&billing(globex)).await.body;
    assert_eq!(overview["subscription"]["status"], "canceled");
    assert_eq!(overview["credits_left"], 0);
    assert_eq!(invoices(&client, globex).await.len(), 1);
    client.post(&format!("{}/resume", subscription(globex)), None).await.assert_error(409, "conflict");
    client.delete(&subscription(globex)).await.assert_error(409, "conflict");

    // Subscribing again starts a new subscription and a new period.
    let again = choose(&client, globex, app.plan_id("Growth").await).await;
    assert_ne!(again["id"], overview["subscription"]["id"]);
    assert_eq!(again["current_period_start"], "2025-07-15T08:00:00.000000Z");
    assert_eq!(invoices(&client, globex).await[0]["number"], "INV-000002");
}

#[tokio::test]
async fn renewal_invoices_each_period_at_the_plans_price_of_the_moment() {
    let (app, clock) = TestApp::with_clock(utc(2025, 1, 31, 0)).await;
    let globex = app.org_id("Globex Realty").await;
    let owner = app.login("owner@northwind.test").await;
    let starter = app.plan_id("Starter").await;
    choose(&owner, globex, starter).await;
    owner.post(&format!("/api/v1/orgs/{globex}/invoices/{}/pay", invoices(&owner, globex).await[0]["id"]), None).await;

    // A price rise leaves the running period's terms alone...
    owner.patch(&format!("/api/v1/plans/{starter}"), json!({"price_cents": 3900, "included_conversations": 800})).await;
    let sub = &owner.get(&billing(globex)).await.body["subscription"];
    assert_eq!((sub["price_cents"].as_i64(), sub["included_conversations"].as_i64()), (Some(2900), Some(500)));

    // ...and applies from the renewal. Two periods passed: two invoices, in order.
    clock.set(utc(2025, 3, 29, 0));
    let sub = owner.get(&billing(globex)).await.body["subscription"].clone();
    assert_eq!(sub["current_period_start"], "2025-03-28T00:00:00.000000Z");
    assert_eq!(sub["current_period_end"], "2025-04-28T00:00:00.000000Z");
    assert_eq!((sub["price_cents"].as_i64(), sub["included_conversations"].as_i64()), (Some(3900), Some(800)));
    // The Feb 28 renewal was due on Mar 14 and nobody paid it.
    assert_eq!(sub["status"], "past_due");
    let issued = invoices(&owner, globex).await;
    let numbers: Vec<_> = issued.iter().map(|i| i["number"].as_str().unwrap()).collect();
    assert_eq!(numbers, ["INV-000003", "INV-000002", "INV-000001"]);
    assert_eq!(
        issued[1]["lines"],
        json!([{"description": "Starter (2025-02-28 to 2025-03-28)", "amount_cents": 3900}])
    );
    assert_eq!(issued[1]["issued_at"], "2025-02-28T00:00:00.000000Z");
    assert_eq!(issued[0]["lines"][0]["description"], "Starter (2025-03-28 to 2025-04-28)");
    // Reading again changes nothing more.
    let before = app.fingerprint().await;
    owner.get(&billing(globex)).await;
    assert_eq!(app.fingerprint().await, before);
}

#[tokio::test]
async fn an_overdue_invoice_makes_the_subscription_past_due_until_paid() {
    let start = utc(2025, 9, 1, 0);
    let (app, clock) = TestApp::with_clock(start).await;
    let globex = app.org_id("Globex Realty").await;
    let owner = app.login("owner@northwind.test").await;
    choose(&owner, globex, app.plan_id("Starter").await).await;

    clock.set(start + Duration::days(14) - Duration::seconds(1));
    assert_eq!(owner.get(&billing(globex)).await.body["subscription"]["status"], "active");
    clock.set(start + Duration::days(14));
    assert_eq!(owner.get(&billing(globex)).await.body["subscription"]["status"], "past_due");

    let invoice = invoices(&owner, globex).await[0]["id"].as_i64().unwrap();
    let paid = owner.post(&format!("/api/v1/orgs/{globex}/invoices/{invoice}/pay"), None).await;
    assert_eq!(paid.status, 200, "{}", paid.body);
    assert_eq!(
        (paid.body["status"].as_str(), paid.body["paid_at"].as_str()),
        (Some("paid"), Some("2025-09-15T00:00:00.000000Z"))
    );
    assert_eq!(owner.get(&billing(globex)).await.body["subscription"]["status"], "active");
}

#[tokio::test]
async fn billing_is_invisible_to_clients_while_off_and_needs_the_permission() {
    let (app, _clock) = TestApp::with_clock(utc(2025, 2, 1, 0)).await;
    let acme = app.org_id("Acme Dental").await;
    let owner = app.login("owner@northwind.test").await;
    let org_admin = app.login("admin@acme.test").await;
    let agent = app.login("agent@acme.test").await;
    let starter = app.plan_id("Starter").await;

    // Off: staff read it, but nobody starts a plan; the org's users do not see it at all.
    assert_eq!(owner.get(&billing(acme)).await.status, 200);
    owner.put(&subscription(acme), json!({"plan_id": starter})).await.assert_error(409, "conflict");
    for session in [&org_admin, &agent] {
        session.get(&billing(acme)).await.assert_error(404, "not_found");
        session.get(&format!("/api/v1/orgs/{acme}/invoices")).await.assert_error(404, "not_found");
        session.put(&subscription(acme), json!({"plan_id": starter})).await.assert_error(404, "not_found");
    }

    // On: the org admin (all permissions) uses it; a user without `billing` gets 403.
    app.change_settings("Acme Dental", json!({"billing_enabled": true})).await;
    choose(&org_admin, acme, starter).await;
    agent.get(&billing(acme)).await.assert_error(403, "forbidden");
    agent.delete(&subscription(acme)).await.assert_error(403, "forbidden");
    // Clients never mark invoices paid.
    let invoice = invoices(&owner, acme).await[0]["id"].as_i64().unwrap();
    org_admin.post(&format!("/api/v1/orgs/{acme}/invoices/{invoice}/pay"), None).await.assert_error(403, "forbidden");
    app.login("member@northwind.test")
        .await
        .post(&format!("/api/v1/orgs/{acme}/invoices/{invoice}/pay"), None)
        .await
        .assert_error(403, "forbidden");

    // Off again: the records stay, staff still see them, clients do not.
    app.change_settings("Acme Dental", json!({"billing_enabled": false})).await;
    org_admin.get(&billing(acme)).await.assert_error(404, "not_found");
    assert_eq!(owner.get(&billing(acme)).await.body["subscription"]["plan_name"], "Starter");
    assert_eq!(invoices(&owner, acme).await.len(), 1);
    // Stopping charges stays possible while off.
    assert_eq!(owner.delete(&subscription(acme)).await.status, 200);
    app.change_settings("Acme Dental", json!({"billing_enabled": true})).await;
    assert_eq!(org_admin.get(&billing(acme)).await.body["subscription"]["cancel_at_period_end"], true);
}

#[tokio::test]
async fn another_agencys_org_billing_does_not_exist() {
    let app = TestApp::new().await;
    let globex = app.org_id("Globex Realty").await;
    let contoso = app.login("owner@contoso.test").await;
    contoso.get(&billing(globex)).await.assert_error(404, "not_found");
    contoso.get(&format!("/api/v1/orgs/{globex}/invoices")).await.assert_error(404, "not_found");
    contoso.put(&subscription(globex), json!({"plan_id": 1})).await.assert_error(404, "not_found");
    let initech = app.login("admin@initech.test").await;
    initech.get(&billing(globex)).await.assert_error(404, "not_found");
    // Another org of the same agency, as a client: 404 too.
    app.login("admin@acme.test").await.get(&billing(globex)).await.assert_error(404, "not_found");
}
