//! `GET /api/v1/openapi.json`: the published description must match what is served.

use crate::common;

use crate::common::TestApp;
use axum::http::Method;

/// Every route the router serves under `/api/v1` (other than the document itself).
const SERVED: &[&str] = &[
    "/api/v1/api-keys",
    "/api/v1/api-keys/{id}",
    "/api/v1/orgs/{org}/handoff-rules",
    "/api/v1/orgs/{org}/handoff-rules/{id}",
    "/api/v1/branding",
    "/api/v1/me/branding",
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

/// Each request example in the document is a body the server's own types accept, so a
/// developer who copies one gets past the parser.
#[tokio::test]
async fn the_request_examples_are_bodies_the_server_takes() {
    use atrium_api::{EmbedSignIn, IngestMessage, LoginRequest, NewClientUser, NewOrganization, OrganizationUpdate};
    fn parses<T: serde::de::DeserializeOwned>(example: &serde_json::Value) -> Result<(), String> {
        serde_json::from_value::<T>(example.clone()).map(|_| ()).map_err(|e| e.to_string())
    }
    let app = TestApp::new().await;
    let spec = app.get("/api/v1/openapi.json").await.body;
    let mut seen = 0;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let example = &operation["requestBody"]["content"]["application/json"]["example"];
            if example.is_null() {
                continue;
            }
            seen += 1;
            let parsed = match (method.as_str(), path.as_str()) {
                ("post", "/api/v1/auth/login") => parses::<LoginRequest>(example),
                ("post", "/api/v1/orgs") => parses::<NewOrganization>(example),
                ("put", "/api/v1/orgs/{org}") => parses::<OrganizationUpdate>(example),
                ("post", "/api/v1/orgs/{org}/users") => parses::<NewClientUser>(example),
                ("post", "/api/v1/ingest/messages") => parses::<IngestMessage>(example),
                ("post", "/api/v1/auth/embed") => parses::<EmbedSignIn>(example),
                other => Err(format!("no type known for the example of {other:?}")),
            };
            assert_eq!(parsed, Ok(()), "{method} {path}: {example}");
        }
    }
    assert_eq!(seen, 6, "the main request bodies carry examples");
}

/// What the document says about signing in agrees with the server: an operation the
/// anonymous caller may use declares the empty requirement; every other one the cookie
/// session (with the CSRF token when unsafe) or the bearer session token, or, for
/// ingest, the agency API key alone.
#[tokio::test]
async fn every_operation_declares_how_to_sign_in() {
    let app = TestApp::new().await;
    let spec = app.get("/api/v1/openapi.json").await.body;
    for (path, item) in spec["paths"].as_object().unwrap() {
        for (method, operation) in item.as_object().unwrap() {
            let ways: Vec<Vec<String>> = operation["security"]
                .as_array()
                .unwrap_or_else(|| panic!("{method} {path} declares no security"))
                .iter()
                .map(|req| req.as_object().unwrap().keys().cloned().collect())
                .collect();
            let public = ways.iter().any(Vec::is_empty);
            let filled = app.fill_path(path).await;
            // Anonymous, with a CSRF cookie and header that match but belong to no session:
            // what is answered is the sign-in rule, not the CSRF one.
            let mut req = common::request(Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(), &filled, None);
            req.headers_mut().insert("cookie", format!("{}=anonymous", atrium_api::CSRF_COOKIE).parse().unwrap());
            req.headers_mut().insert(atrium_api::CSRF_HEADER, "anonymous".parse().unwrap());
            let anonymous = app.send(req).await;
            if path == "/api/v1/ingest/messages" {
                assert_eq!(ways, [vec!["agency_api_key".to_string()]]);
            } else if public {
                assert_ne!(anonymous.status, 401, "{method} {path} is declared public");
            } else {
                assert_eq!(anonymous.status, 401, "{method} {path} is declared signed-in only");
                assert!(ways.contains(&vec!["session_token".to_string()]), "{method} {path}: {ways:?}");
                let cookie =
                    if method == "get" { vec!["session_cookie"] } else { vec!["csrf_token", "session_cookie"] };
                assert!(ways.contains(&cookie.iter().map(|s| s.to_string()).collect()), "{method} {path}: {ways:?}");
            }
        }
    }
}
