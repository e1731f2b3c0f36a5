//! One router per resource, each registering its handlers with their OpenAPI operation
//! (`utoipa_axum::routes!`), merged here; [`crate::app`] serves them and
//! [`openapi::document`] documents the same set.

use crate::state::AppState;
use utoipa_axum::router::OpenApiRouter;

pub mod account;
pub mod activity;
pub mod agency;
pub mod agents;
pub mod analytics;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod canned;
pub mod conversations;
pub mod embedding;
pub mod events;
pub mod handoff;
pub mod impersonation;
pub mod ingest;
pub mod integration;
pub mod invoices;
pub mod openapi;
pub mod org_agents;
pub mod orgs;
pub mod plans;
pub mod staff;
pub mod teams;
pub mod users;

/// Every API route, relative to `/api/v1`.
pub fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .merge(branding::router())
        .merge(auth::router())
        .merge(account::router())
        .merge(agency::router())
        .merge(embedding::router())
        .merge(orgs::router())
        .merge(org_agents::router())
        .merge(activity::router())
        .merge(agents::router())
        .merge(staff::router())
        .merge(users::router())
        .merge(impersonation::router())
        .merge(teams::router())
        .merge(ingest::router())
        .merge(integration::router())
        .merge(conversations::router())
        .merge(handoff::router())
        .merge(canned::router())
        .merge(events::router())
        .merge(analytics::router())
        .merge(plans::router())
        .merge(billing::router())
        .merge(invoices::router())
        .merge(openapi::router())
}
