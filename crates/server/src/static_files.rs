//! Serves the built client: precompressed files when the browser accepts them, and
//! `index.html` for every client-side route so deep links survive a reload.

use axum::extract::Request;
use axum::http::header::CACHE_CONTROL;
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, Router};
use std::convert::Infallible;
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};

pub fn router<S: Clone + Send + Sync + 'static>(dist: &Path) -> Router<S> {
    let index = dist.join("index.html");
    let files = ServeDir::new(dist)
        .precompressed_br()
        .precompressed_gzip()
        .fallback(tower::service_fn(move |req: Request| spa_fallback(index.clone(), req)));
    Router::new()
        // The server serving the client is its backend too: same origin, no base URL.
        .route("/config.json", get(|| async { axum::Json(serde_json::json!({ "api_base": "" })) }))
        .fallback_service(files)
        .layer(axum::middleware::map_response(cache_headers))
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

/// Trunk puts a content hash in asset names, so those may be cached for ever;
/// everything else (index.html, config.json) is revalidated.
async fn cache_headers(mut response: Response) -> Response {
    let immutable =
        response.headers().get(axum::http::header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|ct| {
            ct.starts_with("application/wasm") || ct.starts_with("text/javascript") || ct.starts_with("text/css")
        });
    let value =
        if immutable && response.status().is_success() { "public, max-age=31536000, immutable" } else { "no-cache" };
    response.headers_mut().insert(CACHE_CONTROL, HeaderValue::from_static(value));
    response
}
