//! Atrium's reference backend: the JSON API under `/api/v1`, and the built client.

pub mod access;
pub mod billing;
pub mod changes;
pub mod client_address;
pub mod clock;
pub mod confusable;
pub mod cors;
pub mod csrf;
pub mod domains;
pub mod embed;
pub mod error;
pub mod events;
pub mod extract;
pub mod ingest_limit;
pub mod limits;
pub mod mail;
pub mod page_headers;
pub mod password;
pub mod payments;
pub mod rate_limit;
pub mod routes;
pub mod seed;
pub mod session;
pub mod simulator;
pub mod smart_handoff;
pub mod state;
pub mod static_files;
pub mod store;

use axum::http::Uri;
use axum::Router;
use error::AppError;
use state::AppState;
use tower_http::trace::TraceLayer;

/// The whole server as one router; `main` serves it, tests call it with `oneshot`.
pub fn app(state: AppState) -> Router {
    let (api, _) = routes::api().split_for_parts();
    let api = api
        .fallback(api_not_found)
        .layer(axum::middleware::from_fn_with_state(state.clone(), limits::request_limits))
        .layer(axum::middleware::from_fn(api_cache_headers));
    let mut router = Router::new().nest(atrium_api::API_PREFIX, api);
    if let Some(dist) = &state.settings.dist_dir {
        let pages = static_files::router(dist, state.settings.secure_cookies)
            .layer(axum::middleware::from_fn_with_state(state.clone(), embed::frame_ancestors));
        router = router.merge(pages);
    }
    router
        .layer(axum::middleware::from_fn_with_state(state.clone(), csrf::csrf_guard))
        // Outside the CSRF guard, so that its refusals reach an allowed page readable.
        .layer(axum::middleware::from_fn_with_state(state.clone(), cors::cors))
        .layer(TraceLayer::new_for_http())
        .with_state(state)
}

/// API answers hold private data: never stored by a browser or a shared cache. The brand
/// (public, per hostname) and the OpenAPI document are revalidated instead.
async fn api_cache_headers(request: axum::extract::Request, next: axum::middleware::Next) -> axum::response::Response {
    use axum::http::header::{CACHE_CONTROL, VARY};
    use axum::http::HeaderValue;
    // Inside the nested API router the path has lost its `/api/v1` prefix.
    let path = request.uri().path().trim_start_matches(atrium_api::API_PREFIX);
    let public = matches!(path, "/branding" | "/openapi.json");
    let branding = path == "/branding";
    let mut response = next.run(request).await;
    let headers = response.headers_mut();
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(if public { "no-cache" } else { "no-store" }));
    if branding {
        headers.append(VARY, HeaderValue::from_static("Host, Origin"));
    }
    response
}

async fn api_not_found(_uri: Uri) -> AppError {
    AppError::NotFound
}
