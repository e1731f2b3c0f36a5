//! `GET /api/v1/branding`: the brand of the agency that owns the requested hostname; and
//! `GET /api/v1/me/branding`: the signed-in user's own agency's, which the page wears once
//! someone is signed in (whatever hostname they signed in on).

use crate::access::AuthUser;
use crate::error::{AppError, AppResult};
use crate::state::AppState;
use crate::store;
use atrium_api::paths;
use atrium_api::Branding;
use axum::extract::State;
use axum::http::header::HOST;
use axum::http::HeaderMap;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_branding)).routes(routes!(my_branding))
}

/// Public: the login page shows it before anyone signs in.
#[utoipa::path(get, path = paths::BRANDING, tag = "branding",
    responses((status = 200, body = Branding), (status = 404)))]
pub async fn get_branding(State(state): State<AppState>, headers: HeaderMap) -> AppResult<Json<Branding>> {
    let host = headers.get(HOST).and_then(|h| h.to_str().ok()).unwrap_or("");
    let branding = store::agencies::branding_for_host(&state.db, hostname(host)).await?.ok_or(AppError::NotFound)?;
    Ok(Json(branding))
}

/// The brand of the signed-in user's agency: a page signed in on another agency's
/// hostname must not show that agency's name and colours around this user's data.
#[utoipa::path(get, path = paths::ME_BRANDING, tag = "branding",
    responses((status = 200, body = Branding), (status = 401)))]
pub async fn my_branding(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<Branding>> {
    let agency_id = user.signed_in().user.agency_id;
    Ok(Json(store::agencies::branding_of_agency(&state.db, agency_id).await?.ok_or(AppError::NotFound)?))
}

/// `example.com:8080` → `example.com`; `[::1]:8080` → `[::1]` (a `Host` header, or an
/// `Origin`'s authority).
pub(crate) fn hostname(host: &str) -> &str {
    if host.starts_with('[') {
        return host.split_inclusive(']').next().unwrap_or(host);
    }
    host.split(':').next().unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::hostname;

    #[test]
    fn strips_the_port() {
        assert_eq!(hostname("agency.example:8080"), "agency.example");
        assert_eq!(hostname("agency.example"), "agency.example");
        assert_eq!(hostname("[::1]:8080"), "[::1]");
    }
}
