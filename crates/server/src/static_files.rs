//! Serves the built client: precompressed files when the browser accepts them, and
//! `index.html` for every client-side route so deep links survive a reload.

use axum::extract::Request;
use axum::http::header::{CACHE_CONTROL, CONTENT_TYPE};
use axum::http::{HeaderName, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, Router};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

/// `https`: the page is served over HTTPS (HSTS is sent).
pub fn router<S: Clone + Send + Sync + 'static>(dist: &Path, https: bool) -> Router<S> {
    let index = dist.join("index.html");
    // The page's own headers, from the index.html this server will answer with. Its API
    // is this very server (see config.json below), so connect-src is 'self'.
    let html = std::fs::read_to_string(&index).unwrap_or_default();
    let page = Arc::new(crate::page_headers::page_headers(&html, None, https));
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(tower::service_fn(move |req: Request| spa_fallback(index.clone(), req)));
    Router::new()
        // The server serving the client is its backend too: same origin, no base URL.
        .route("/config.json", get(|| async { axum::Json(serde_json::json!({ "api_base": "" })) }))
        .fallback_service(files)
        .layer(axum::middleware::from_fn(cache_headers))
        .layer(axum::middleware::map_response(move |response: Response| {
            let page = page.clone();
            async move { with_page_headers(response, &page) }
        }))
}

/// The security headers on the page itself (the HTML), whichever path answered it.
fn with_page_headers(mut response: Response, page: &[(HeaderName, HeaderValue)]) -> Response {
    if is_html(&response) {
        for (name, value) in page {
            response.headers_mut().insert(name.clone(), value.clone());
        }
    }
    response
}

/// Whether `response` is a page (the app's `index.html`), not an asset.
pub(crate) fn is_html(response: &Response) -> bool {
    response.headers().get(CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| ct.starts_with("text/html"))
}

async fn spa_fallback(index: PathBuf, req: Request) -> Result<Response, Infallible> {
    let last_segment = req.uri().path().rsplit('/').next().unwrap_or("");
    // A missing file is a 404; only route-like paths get the app.
    if last_segment.contains('.') {
        return Ok(StatusCode::NOT_FOUND.into_response());
    }
    let served = ServeFile::new(index).precompressed_br().precompressed_gzip().oneshot(req).await;
    Ok(match served {
        Ok(response) => response.into_response(),
        Err(never) => match never {},
    })
}

/// Files whose names carry a content hash (Trunk's wasm, JS and CSS; build.rs's string
/// tables) may be cached for ever; everything else (index.html, config.json) is revalidated.
async fn cache_headers(req: Request, next: axum::middleware::Next) -> Response {
    let hashed = has_content_hash(req.uri().path());
    let mut response = next.run(req).await;
    let value =
        if hashed && response.status().is_success() { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// `name-<hash>.ext`, or wasm-bindgen's `name-<hash>_bg.wasm`, the hash 8 to 16 hex digits
/// (Trunk writes a u64 without leading zeros, so 15 or fewer digits happen).
fn has_content_hash(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or_default();
    let Some((stem, _ext)) = file.split_once('.') else { return false };
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-')
        .is_some_and(|(_, hash)| (8..=16).contains(&hash.len()) && hash.bytes().all(|b| b.is_ascii_hexdigit()))
}
