//! `GET /api/v1/openapi.json`: the published description must match what is served.

use crate::common;

use crate::common::TestApp;
use atrium_api::Transition;
use axum::http::Method;

#[tokio::test]
async fn the_document_is_openapi_3_under_the_api_prefix() {
    // Routes are registered from their documentation (`routes!`), so what is served is what
    // is documented; `every_documented_operation_is_routed` calls each for real.
    let app = TestApp::new().await;
    let reply = app.get("/api/v1/openapi.json").await;
    assert_eq!(reply.status, 200);
    assert!(reply.header("content-type").is_some_and(|ct| ct.starts_with("application/json")));
    assert!(reply.body["openapi"].as_str().is_some_and(|v| v.starts_with("3.")), "{}", reply.body["openapi"]);
    let paths = reply.body["paths"].as_object().expect("paths object");
    assert!(paths.contains_key("/api/v1/openapi.json"));
    for path in paths.keys() {
        assert!(path.starts_with("/api/v1/"), "{path} is documented outside the API prefix");
    }
    // The client posts each transition to `Transition::path`.
    for transition in [Transition::TakeOver, Transition::PassToAi, Transition::Close] {
        let path = format!("/api/v1{}", transition.path());
        assert!(paths[&path]["post"].is_object(), "{path} is not documented");
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
