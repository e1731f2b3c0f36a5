//! `GET /api/v1/openapi.json`: the published description must match what is served.

mod common;

use axum::http::Method;
use common::TestApp;

/// Every route the router serves under `/api/v1` (other than the document itself).
const SERVED: &[&str] = &[
    "/api/v1/branding",
    "/api/v1/auth/login",
    "/api/v1/auth/logout",
    "/api/v1/me",
    "/api/v1/orgs",
    "/api/v1/orgs/{org}",
    "/api/v1/orgs/{org}/agents",
    "/api/v1/orgs/{org}/activity",
    "/api/v1/agents",
    "/api/v1/agents/{id}",
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
    let acme = app.org_id("Acme Dental").await.to_string();
    let agent = app.agent_id("Support Bot").await.to_string();
    let owner = app.login("owner@northwind.test").await;

    let mut operations: Vec<(String, Method)> = Vec::new();
    for (path, item) in spec["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let method = Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            operations.push((path.replace("{org}", &acme).replace("{id}", &agent), method));
        }
    }
    assert!(operations.len() >= SERVED.len());
    // Deletes remove what later calls use, and logout ends their session: keep them last.
    operations.sort_by_key(|(path, method)| (path.ends_with("/logout"), method == Method::DELETE));
    for (path, method) in operations {
        let reply = owner.call(method.clone(), &path, None, true).await;
        assert!(![404, 405].contains(&reply.status.as_u16()), "{method} {path} answered {}", reply.status);
    }
}
