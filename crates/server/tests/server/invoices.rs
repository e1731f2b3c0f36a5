//! `/api/v1/orgs/{org}/invoices`: the ledger. Numbers run per agency and are never
//! reused; lines add up to totals; nothing is edited but payment, nothing is deleted.

use crate::common;

use crate::common::{utc, Session, TestApp};
use serde_json::{json, Value};
use time::Duration;

async fn choose(session: &Session<'_>, org: i64, plan_id: i64) {
    let reply = session.put(&format!("/api/v1/orgs/{org}/billing/subscription"), json!({"plan_id": plan_id})).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
}

async fn invoices(session: &Session<'_>, org: i64) -> Vec<Value> {
    let reply = session.get(&format!("/api/v1/orgs/{org}/invoices")).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    reply.body["items"].as_array().unwrap().clone()
}

fn numbers(list: &[Value]) -> Vec<&str> {
    list.iter().map(|i| i["number"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn numbers_run_per_agency_and_are_never_reused() {
    let start = utc(2025, 4, 1, 0);
    let (app, clock) = TestApp::with_clock(start).await;
    let owner = app.login("owner@northwind.test").await;
    let (globex, acme) = (app.org_id("Globex Realty").await, app.org_id("Acme Dental").await);
    let (starter, growth) = (app.plan_id("Starter").await, app.plan_id("Growth").await);
    app.change_settings("Acme Dental", json!({"billing_enabled": true})).await;

    choose(&owner, globex, starter).await;
    choose(&owner, acme, starter).await;
    clock.set(start + Duration::days(3));
    choose(&owner, globex, growth).await;
    assert_eq!(numbers(&invoices(&owner, globex).await), ["INV-000003", "INV-000001"]);
    assert_eq!(numbers(&invoices(&owner, acme).await), ["INV-000002"]);

    // Contoso counts on its own.
    let initech = app.org_id("Initech").await;
    let contoso = app.login("owner@contoso.test").await;
    let mut initech_org = contoso.get(&format!("/api/v1/orgs/{initech}")).await.body;
    initech_org["settings"]["billing_enabled"] = json!(true);
    assert_eq!(contoso.put(&format!("/api/v1/orgs/{initech}"), common::update_body(&initech_org)).await.status, 200);
    let basic = json!({"name": "Basic", "price_cents": 1000, "currency": "JPY", "interval": "year",
                       "included_conversations": 10});
    let basic = contoso.post("/api/v1/plans", Some(basic)).await.body["id"].as_i64().unwrap();
    choose(&contoso, initech, basic).await;
    let theirs = invoices(&contoso, initech).await;
    assert_eq!(numbers(&theirs), ["INV-000001"]);
    assert_eq!((theirs[0]["currency"].as_str(), theirs[0]["total_cents"].as_i64()), (Some("JPY"), Some(1000)));

    // Deleting an org keeps its invoices (org detached), so its numbers stay taken.
    assert_eq!(owner.delete(&format!("/api/v1/orgs/{acme}")).await.status, 204);
    let kept: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM invoices WHERE number = 'INV-000002' AND org_id IS NULL")
        .fetch_one(&app.db)
        .await
        .unwrap();
    assert_eq!(kept, 1);
    choose(&owner, globex, starter).await;
    assert_eq!(numbers(&invoices(&owner, globex).await)[0], "INV-000004");
}

#[tokio::test]
async fn lines_add_up_to_totals_and_the_ledger_refuses_edits() {
    let start = utc(2025, 8, 31, 23);
    let (app, clock) = TestApp::with_clock(start).await;
    let owner = app.login("owner@northwind.test").await;
    let globex = app.org_id("Globex Realty").await;
    let (starter, growth) = (app.plan_id("Starter").await, app.plan_id("Growth").await);
    choose(&owner, globex, starter).await;
    for (days, plan) in [(1, growth), (9, starter), (17, growth)] {
        clock.set(start + Duration::days(days) + Duration::minutes(days * 7));
        choose(&owner, globex, plan).await;
    }
    clock.set(start + Duration::days(70));
    let all = invoices(&owner, globex).await;
    assert_eq!(all.len(), 6, "a subscription, three changes, two renewals");
    for invoice in &all {
        let sum: i64 = invoice["lines"].as_array().unwrap().iter().map(|l| l["amount_cents"].as_i64().unwrap()).sum();
        assert_eq!(invoice["total_cents"].as_i64(), Some(sum), "{invoice}");
        let paid = invoice["status"] == "paid";
        assert_eq!(paid, sum <= 0, "only nothing-owed invoices are born paid: {invoice}");
    }

    // The database itself keeps the ledger: no edits but payment, no deletes.
    let id = all[0]["id"].as_i64().unwrap();
    for sql in [
        "UPDATE invoices SET total_cents = 1 WHERE id = $1",
        "UPDATE invoices SET number = 'INV-999999' WHERE id = $1",
        "DELETE FROM invoices WHERE id = $1",
        "UPDATE invoice_lines SET amount_cents = 0 WHERE invoice_id = $1",
        "DELETE FROM invoice_lines WHERE invoice_id = $1",
    ] {
        assert!(sqlx::query(sql).bind(id).execute(&app.db).await.is_err(), "{sql} went through");
    }
    assert_eq!(invoices(&owner, globex).await, all);
}

#[tokio::test]
async fn paying_an_invoice_once() {
    let (app, _clock) = TestApp::with_clock(utc(2025, 10, 1, 0)).await;
    let owner = app.login("owner@northwind.test").await;
    let globex = app.org_id("Globex Realty").await;
    choose(&owner, globex, app.plan_id("Growth").await).await;
    let invoice = invoices(&owner, globex).await[0]["id"].as_i64().unwrap();
    let pay = format!("/api/v1/orgs/{globex}/invoices/{invoice}/pay");

    let admin = app.login("admin@northwind.test").await;
    let paid = admin.post(&pay, None).await;
    assert_eq!(paid.status, 200, "{}", paid.body);
    assert_eq!(paid.body["status"], "paid");
    assert_eq!(paid.body["paid_at"], "2025-10-01T00:00:00.000000Z");
    let before = app.fingerprint().await;
    owner.post(&pay, None).await.assert_error(409, "conflict");
    owner.post(&format!("/api/v1/orgs/{globex}/invoices/999999/pay"), None).await.assert_error(404, "not_found");
    // An invoice of another org, named under this one, does not exist here.
    let acme = app.org_id("Acme Dental").await;
    owner.post(&format!("/api/v1/orgs/{acme}/invoices/{invoice}/pay"), None).await.assert_error(404, "not_found");
    assert_eq!(app.fingerprint().await, before);
    // The client sees it paid; the log says who did it.
    let client = app.login("admin@globex.test").await;
    assert_eq!(invoices(&client, globex).await[0]["status"], "paid");
    let log = owner.get(&format!("/api/v1/orgs/{globex}/activity")).await;
    assert_eq!(log.body["items"][0]["field"], "billing.invoice_paid");
    assert_eq!(log.body["items"][0]["actor"]["email"], "admin@northwind.test");
}
