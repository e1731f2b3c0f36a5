//! `GET /api/v1/openapi.json`: the published description must match what is served.

mod common;

use axum::http::Method;
use common::TestApp;

/// Every route the router serves under `/api/v1` (other than the document itself).
const SERVED: &[&str] = &[
    "/api/v1/api-keys",
    "/api/v1/api-keys/{id}",
    "/api/v1/orgs/{org}/handoff-rules",
    "/api/v1/orgs/{org}/handoff-rules/{id}",
    "/api/v1/branding",
    "/api/v1/auth/login",
    "/api/v1/auth/logout",
    "/api/v1/me",
    "/api/v1/agency",
    "/api/v1/agency/domains/check",
    "/api/v1/events/tickets",
    "/api/v1/agency/embedding",
    "/api/v1/agency/embed-secrets",
    "/api/v1/agency/embed-secrets/{id}",
    "/api/v1/auth/embed",
    "/api/v1/orgs",
    "/api/v1/orgs/{org}",
    "/api/v1/orgs/{org}/agents",
    "/api/v1/orgs/{org}/activity",
    "/api/v1/agents",
    "/api/v1/agents/{id}",
    "/api/v1/staff",
    "/api/v1/staff/{id}",
    "/api/v1/orgs/{org}/users",
    "/api/v1/orgs/{org}/users/{id}",
    "/api/v1/orgs/{org}/users/{id}/impersonate",
    "/api/v1/auth/stop-impersonating",
    "/api/v1/me/password",
    "/api/v1/auth/sign-out-everywhere",
    "/api/v1/auth/password-reset",
    "/api/v1/auth/password-reset/confirm",
    "/api/v1/orgs/{org}/teams",
    "/api/v1/orgs/{org}/teams/{id}",
    "/api/v1/ingest/messages",
    "/api/v1/orgs/{org}/conversations",
    "/api/v1/orgs/{org}/conversations/{id}",
    "/api/v1/orgs/{org}/conversations/{id}/take-over",
    "/api/v1/orgs/{org}/conversations/{id}/pass-to-ai",
    "/api/v1/orgs/{org}/conversations/{id}/close",
    "/api/v1/orgs/{org}/conversations/{id}/assign",
    "/api/v1/orgs/{org}/conversations/{id}/messages",
    "/api/v1/orgs/{org}/events",
    "/api/v1/orgs/{org}/canned-responses",
    "/api/v1/orgs/{org}/canned-responses/{id}",
    "/api/v1/orgs/{org}/analytics",
    "/api/v1/plans",
    "/api/v1/plans/{id}",
    "/api/v1/orgs/{org}/billing",
    "/api/v1/orgs/{org}/billing/subscription",
    "/api/v1/orgs/{org}/billing/subscription/resume",
    "/api/v1/orgs/{org}/invoices",
    "/api/v1/orgs/{org}/invoices/{id}/pay",
    "/api/v1/openapi.json",
];

#[tokio::test]
async fn the_document_is_openapi_3_and_lists_every_route() {
    let app = TestApp::new().await;
    let reply = app.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("content-type").is_some_and(|ct| ct.starts_with("application/json")));
    assert!(reply.body["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", reply.body["openapi"]);
    let paths = reply.body["paths"].as_object().expect("paths object");
    for route in SERVED {
        assert!(paths.contains_key(*route), "{route} is served but not documented");
    }
}

#[tokio::test]
async fn every_documented_operation_is_routed() {
    // A documented path or method that the router does not know would send generated
    // clients into 404/405s; call each one for real, as a signed-in owner.
    let app = TestApp::new().await;
    let spec = app.get("/api/v1/openapi.json").await.body;
    let owner = app.login("owner@northwind.test").await;

    let mut operations: Vec<(String, Method)> = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            operations.push((app.fill_path(path).await, method));
        }
    }
    assert!(operations.len() >= SERVED.len());
    // Deletes remove what later calls use (an org's things before the org): keep them last.
    operations.sort_by_key(|(path, method)| (method == Method::DELETE, std::cmp::Reverse(path.matches('/').count())));
    for (path, method) in operations {
        // Logout and "Log in as" end the session they are called in: give them their own;
        // signing out everywhere ends every session of its user: someone else's.
        let ends_session = path.ends_with("/logout") || path.ends_with("/impersonate");
        let own;
        let session = if path.ends_with("/sign-out-everywhere") {
            own = app.login("member@northwind.test").await;
            &own
        } else if ends_session {
            own = app.login("owner@northwind.test").await;
            &own
        } else {
            &owner
        };
        let reply = session.call(method.clone(), &path, None, true).await;
        assert!(![404, 405].contains(&reply.status.as_u16()), "{method} {path} answered {}", reply.status);
    }
}
