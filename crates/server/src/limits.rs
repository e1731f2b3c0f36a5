//! Limits on every API request: at most so many in flight (more answer 503 at once, not
//! after queueing), and an answer within `Settings::request_timeout` or 503 (an event
//! stream only has to start in time). Both say `Retry-After`.

use crate::error::AppError;
use crate::state::AppState;
use axum::extract::{Request, State};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// Requests one server works on at once; 2 cores answer a few thousand a second, so a
/// queue longer than this only adds waiting.
pub const IN_FLIGHT: usize = 1024;

pub async fn request_limits(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let Ok(_slot) = state.in_flight.clone().try_acquire_owned() else {
        return AppError::Busy { retry_after_secs: 1 }.into_response();
    };
    match tokio::time::timeout(state.settings.request_timeout, next.run(request)).await {
        Ok(response) => response,
        Err(_) => {
            tracing::warn!("request timed out");
            AppError::Busy { retry_after_secs: 5 }.into_response()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::Settings;
    use axum::body::Body;
    use axum::routing::get;
    use axum::Router;
    use std::time::Duration;
    use tower::ServiceExt;

    async fn with_timeout(request_timeout: Duration) -> (tempfile::TempDir, AppState) {
        let dir = tempfile::tempdir().unwrap();
        let db = crate::store::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
        (dir, AppState::new(db, Settings { request_timeout, ..Settings::default() }))
    }

    fn app(state: AppState) -> Router {
        let slow = || async {
            tokio::time::sleep(Duration::from_millis(300)).await;
            "done"
        };
        Router::new()
            .route("/slow", get(slow))
            .layer(axum::middleware::from_fn_with_state(state.clone(), request_limits))
            .with_state(state)
    }

    async fn status(router: Router) -> (u16, bool) {
        let response = router.oneshot(axum::http::Request::get("/slow").body(Body::empty()).unwrap()).await.unwrap();
        (response.status().as_u16(), response.headers().contains_key("retry-after"))
    }

    #[tokio::test]
    async fn a_request_over_its_time_is_503_with_retry_after() {
        let (_dir, state) = with_timeout(Duration::from_millis(20)).await;
        assert_eq!(status(app(state)).await, (503, true));
        let (_dir, state) = with_timeout(Duration::from_secs(5)).await;
        assert_eq!(status(app(state)).await, (200, false));
    }

    #[tokio::test]
    async fn requests_past_the_in_flight_limit_are_503_at_once() {
        let (_dir, state) = with_timeout(Duration::from_secs(5)).await;
        let held = state.in_flight.clone().acquire_many_owned(IN_FLIGHT as u32).await.unwrap();
        assert_eq!(status(app(state.clone())).await, (503, true));
        drop(held);
        assert_eq!(status(app(state)).await, (200, false));
    }
}
