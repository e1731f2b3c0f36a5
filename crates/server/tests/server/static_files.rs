//! The built client served next to the API: deep links, precompressed assets, config.

use crate::common::{request, TestApp};
use axum::http::Method;
use serde_json::json;

const INDEX: &[u8] = b"<!doctype html><title>Atrium</title>";
const WASM: &[u8] = b"\0asm-plain-bytes";
const WASM_BR: &[u8] = b"brotli-bytes";

async fn app() -> TestApp {
    TestApp::with_dist(&[
        ("index.html", INDEX),
        ("app-0123456789abcdef_bg.wasm", WASM),
        ("app-0123456789abcdef_bg.wasm.br", WASM_BR),
        ("i18n/es-fedcba9876543210.json", b"[\"Hola\"]"),
        ("unhashed.js", b"export {}"),
        // Trunk writes a u64 in hex without leading zeros: 15 digits one build in sixteen.
        ("main-217767fe66e071c.css", b"body{}"),
    ])
    .await
}

#[tokio::test]
async fn a_deep_link_answers_index_html_revalidated() {
    // A reload on a client-side route must boot the app, and never a stale one.
    let app = app().await;
    let reply = app.get("/agency/orgs").await;
    assert_eq!(reply.status, 200);
    assert_eq!(&reply.bytes[..], INDEX);
    assert!(reply.header("content-type").is_some_and(|ct| ct.starts_with("text/html")));
    assert_eq!(reply.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn a_missing_file_is_404_not_the_app() {
    let app = app().await;
    let reply = app.get("/missing.js").await;
    assert_eq!(reply.status, 404);
    assert_ne!(&reply.bytes[..], INDEX);
}

#[tokio::test]
async fn hashed_assets_are_served_precompressed_when_accepted() {
    let app = app().await;
    let mut req = request(Method::GET, "/app-0123456789abcdef_bg.wasm", None);
    req.headers_mut().insert("accept-encoding", "br".parse().unwrap());
    let reply = app.send(req).await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.header("content-encoding"), Some("br"));
    assert_eq!(&reply.bytes[..], WASM_BR);
    assert!(reply.header("content-type").is_some_and(|ct| ct.starts_with("application/wasm")));
    // The name carries a content hash, so the browser may keep it for good.
    assert!(reply.header("cache-control").is_some_and(|cc| cc.contains("immutable")));

    let plain = app.get("/app-0123456789abcdef_bg.wasm").await;
    assert_eq!(plain.status, 200);
    assert_eq!(plain.header("content-encoding"), None);
    assert_eq!(&plain.bytes[..], WASM);
}

/// Only a name that changes with the content may be kept for good: a language's string
/// table is; a file without a hash in its name, like config.json, is revalidated.
#[tokio::test]
async fn only_content_hashed_files_are_immutable() {
    let app = app().await;
    let table = app.get("/i18n/es-fedcba9876543210.json").await;
    assert_eq!(table.status, 200);
    assert_eq!(table.header("cache-control"), Some("public, max-age=31536000, immutable"));
    let short = app.get("/main-217767fe66e071c.css").await;
    assert_eq!(short.header("cache-control"), Some("public, max-age=31536000, immutable"));
    let unhashed = app.get("/unhashed.js").await;
    assert_eq!(unhashed.status, 200);
    assert_eq!(unhashed.header("cache-control"), Some("no-cache"));
    assert_eq!(app.get("/config.json").await.header("cache-control"), Some("no-cache"));
}

#[tokio::test]
async fn config_json_points_the_client_at_this_origin() {
    let app = app().await;
    let reply = app.get("/config.json").await;
    assert_eq!(reply.status, 200);
    assert_eq!(reply.body, json!({ "api_base": "" }));
}

#[tokio::test]
async fn unknown_api_paths_stay_json_404s() {
    // The SPA fallback must not swallow API typos: the client expects an error body.
    let app = app().await;
    let reply = app.get("/api/v1/nope").await;
    reply.assert_error(404, "not_found");
    assert_ne!(&reply.bytes[..], INDEX);
}

/// The page carries a CSP that allows its own inline loader by hash and nothing else
/// inline, and the usual hardening; a deep link gets the same.
#[tokio::test]
async fn the_page_carries_its_security_headers() {
    let html = "<html><head><script type=\"module\">import init from '/a.js'; await init();</script></head></html>";
    let app = TestApp::with_dist(&[("index.html", html.as_bytes())]).await;
    for path in ["/", "/agency/orgs"] {
        let reply = app.get(path).await;
        assert_eq!(reply.status, 200);
        let csp = reply.header("content-security-policy").expect("a CSP");
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval' 'sha256-"), "{csp}");
        assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
        assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
        assert_eq!(reply.header("x-content-type-options"), Some("nosniff"));
        assert_eq!(reply.header("referrer-policy"), Some("no-referrer"));
        assert!(reply.header("permissions-policy").is_some());
        assert_eq!(reply.header("strict-transport-security"), None, "not over plain HTTP");
    }
}

#[tokio::test]
async fn api_answers_are_not_stored_and_the_brand_varies_by_host() {
    let app = TestApp::new().await;
    let owner = app.login("owner@northwind.test").await;
    assert_eq!(owner.get("/api/v1/orgs").await.header("cache-control"), Some("no-store"));
    assert_eq!(owner.get("/api/v1/me").await.header("cache-control"), Some("no-store"));
    let brand = app.get("/api/v1/branding").await;
    assert_eq!(brand.header("cache-control"), Some("no-cache"));
    let vary: Vec<String> = brand.headers.get_all("vary").iter().map(|v| v.to_str().unwrap().to_string()).collect();
    assert!(vary.iter().any(|v| v.contains("Host")), "{vary:?}");
    assert!(vary.iter().any(|v| v.contains("Origin")), "{vary:?}");
}
