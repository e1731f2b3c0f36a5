//! The caller's own agency: `GET|PUT /api/v1/agency`, what the console's Branding page
//! reads and saves. No id in the path: every staff member has exactly one agency, so
//! there is no other agency's to name.

use crate::access::AuthUser;
use crate::error::{AppError, AppResult};
use crate::extract::ApiJson;
use crate::state::AppState;
use crate::store::{self, agencies::AgencySaved};
use atrium_api::org_input::blank_to_none;
use atrium_api::paths;
use atrium_api::validate::FieldError;
use atrium_api::{AgencyBranding, AgencyProfile};
use axum::extract::State;
use axum::Json;
use utoipa_axum::{router::OpenApiRouter, routes};

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(get_agency, update_agency)).routes(routes!(check_domains))
}

/// The agency's brand and hostnames (sorted). Agency staff only.
#[utoipa::path(get, path = paths::AGENCY, tag = "agency",
    responses((status = 200, body = AgencyProfile), (status = 401),
              (status = 403)))]
pub async fn get_agency(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<AgencyProfile>> {
    let staff = user.require_staff()?;
    Ok(Json(store::agencies::get_agency(&state.db, staff.agency_id).await?.ok_or(AppError::NotFound)?))
}

/// Replaces the agency's brand and its whole list of hostnames; `GET /api/v1/branding`
/// follows at once for the brand. A new hostname is pending until its DNS record is seen
/// (`POST /api/v1/agency/domains/check`). A hostname another agency has verified is 422
/// (`hostnames`: `taken`); an address, `localhost` or the platform's own domain is 422
/// (`reserved_hostname`); either changes nothing. Agency owners and admins only.
#[utoipa::path(put, path = paths::AGENCY, tag = "agency", request_body = AgencyBranding,
    responses((status = 200, body = AgencyProfile), (status = 400),
              (status = 401), (status = 403), (status = 422)))]
pub async fn update_agency(
    State(state): State<AppState>,
    user: AuthUser,
    ApiJson(body): ApiJson<AgencyBranding>,
) -> AppResult<Json<AgencyProfile>> {
    let admin = user.require_agency_admin()?;
    body.validate()?;
    let held = store::domains::agency_hostnames(&state.db, admin.agency_id).await?;
    let platform = state.settings.platform_domain.as_deref();
    for new in body.hostnames.iter().filter(|h| !held.contains(h)) {
        atrium_api::agency::may_add_hostname(new, platform).map_err(|e| AppError::field("hostnames", e))?;
    }
    match store::agencies::update_agency(&state.db, admin.agency_id, &cleaned(body)).await? {
        AgencySaved::Saved(profile) => Ok(Json(*profile)),
        AgencySaved::NotFound => Err(AppError::NotFound),
        AgencySaved::HostnameTaken => Err(AppError::field("hostnames", FieldError::Taken)),
    }
}

/// Asks DNS now for the record of each of the agency's domains and answers what it found
/// (the same check runs periodically). Agency owners and admins only.
#[utoipa::path(post, path = paths::DOMAINS_CHECK, tag = "agency",
    responses((status = 200, body = AgencyProfile), (status = 401),
              (status = 403)))]
pub async fn check_domains(State(state): State<AppState>, user: AuthUser) -> AppResult<Json<AgencyProfile>> {
    let admin = user.require_agency_admin()?;
    crate::domains::check_domains(&state, Some(admin.agency_id)).await?;
    Ok(Json(store::agencies::get_agency(&state.db, admin.agency_id).await?.ok_or(AppError::NotFound)?))
}

/// The input as stored: surrounding whitespace is never meant, a blank optional field
/// means "none" (NULL, which `/branding` answers as absent rather than as ""), and a
/// hostname listed twice is one hostname (inserting it twice would read as "taken").
fn cleaned(input: AgencyBranding) -> AgencyBranding {
    let mut hostnames = input.hostnames;
    hostnames.sort_unstable();
    hostnames.dedup();
    AgencyBranding {
        display_name: input.display_name.trim().to_string(),
        primary_color: input.primary_color,
        logo_light_url: blank_to_none(&input.logo_light_url),
        logo_dark_url: blank_to_none(&input.logo_dark_url),
        support_email: blank_to_none(&input.support_email),
        website_url: blank_to_none(&input.website_url),
        terms_url: blank_to_none(&input.terms_url),
        privacy_url: blank_to_none(&input.privacy_url),
        hostnames,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_trims_nulls_blanks_and_drops_repeated_hostnames() {
        let input = AgencyBranding {
            display_name: "  Northwind ".into(),
            primary_color: "#1d4ed8".into(),
            logo_light_url: Some("  ".into()),
            logo_dark_url: None,
            support_email: Some(" help@northwind.test ".into()),
            website_url: Some(String::new()),
            terms_url: None,
            privacy_url: None,
            hostnames: vec!["b.example".into(), "a.example".into(), "b.example".into()],
        };
        let out = cleaned(input);
        assert_eq!(out.display_name, "Northwind");
        assert_eq!(out.logo_light_url, None);
        assert_eq!(out.website_url, None);
        assert_eq!(out.support_email.as_deref(), Some("help@northwind.test"));
        assert_eq!(out.hostnames, ["a.example", "b.example"]);
    }
}
