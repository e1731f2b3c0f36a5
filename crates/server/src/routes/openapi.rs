//! `GET /api/v1/openapi.json`, generated from the handlers and the shared types.

use crate::state::AppState;
use atrium_api as api;
use atrium_api::paths;
use axum::Json;
use std::sync::OnceLock;
use utoipa::{Modify, OpenApi};
use utoipa_axum::{router::OpenApiRouter, routes};

#[derive(OpenApi)]
#[openapi(
    info(title = "Atrium API", description = "Agency console and client dashboard backend."),
    components(schemas(api::ErrorBody))
)]
struct ApiDoc;

/// The document: each route module's operations, registered with their routes through
/// `routes!` (so a served route is a documented one), under `/api/v1`, then finished by the
/// modifiers below, which need every operation in place.
pub fn document() -> &'static utoipa::openapi::OpenApi {
    static DOCUMENT: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOCUMENT.get_or_init(|| {
        let (_, mut doc) = OpenApiRouter::with_openapi(ApiDoc::openapi())
            .nest(api::API_PREFIX, crate::routes::api())
            .split_for_parts();
        let modifiers: [&dyn Modify; 5] = [&Security, &Servers, &ErrorAnswers, &RequestExamples, &DropUnusedSchemas];
        for modifier in modifiers {
            modifier.modify(&mut doc);
        }
        doc
    })
}

pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new().routes(routes!(openapi_json))
}

/// This document. Public, like the API's shape is.
#[utoipa::path(get, path = paths::OPENAPI, tag = "meta",
    responses((status = 200, description = "The OpenAPI 3 document of this API", content_type = "application/json"),
              (status = 400, description = "A query parameter holds control characters")))]
pub async fn openapi_json() -> Json<&'static utoipa::openapi::OpenApi> {
    Json(document())
}

/// Operations anyone may call, signed in or not (the authorization matrix's anonymous
/// column agrees: `crates/server/tests/server/authz_matrix.rs`). `POST /auth/logout` ends the
/// session there is, if any.
pub const PUBLIC: &[(&str, &str)] = &[
    ("get", paths::OPENAPI),
    ("get", paths::BRANDING),
    ("post", paths::LOGIN),
    ("post", paths::LOGOUT),
    ("post", paths::PASSWORD_RESET),
    ("post", paths::PASSWORD_RESET_CONFIRM),
    ("post", paths::EMBED_SIGN_IN),
];

/// How callers prove who they are, and which way each operation takes, as the server
/// enforces it (`session.rs`, `csrf.rs`): a browser session's cookie, with the CSRF token
/// on unsafe methods; or the same session as a bearer token (token mode); the agency API
/// key on ingest (declared by that handler); a stream ticket for event streams.
struct Security;

impl utoipa::Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{
            ApiKey, ApiKeyValue, Http, HttpAuthScheme, SecurityRequirement, SecurityScheme,
        };
        let components = openapi.components.get_or_insert_with(Default::default);
        let described = |text: &str| Some(text.to_string());
        let cookie = ApiKeyValue::with_description(
            atrium_api::SESSION_COOKIE,
            "The HttpOnly session cookie a sign-in sets (cookie mode)",
        );
        components.add_security_scheme("session_cookie", SecurityScheme::ApiKey(ApiKey::Cookie(cookie)));
        let csrf = ApiKeyValue::with_description(
            atrium_api::CSRF_HEADER,
            "The session's CSRF token (its readable cookie, or the header sign-in and /me answer), on every \
             unsafe method of a cookie session",
        );
        components.add_security_scheme("csrf_token", SecurityScheme::ApiKey(ApiKey::Header(csrf)));
        let mut token = Http::new(HttpAuthScheme::Bearer);
        token.description = described("A session token: `POST /api/v1/auth/login` with `\"session\": \"token\"` answers it (token mode); no CSRF token needed");
        components.add_security_scheme("session_token", SecurityScheme::Http(token));
        let mut key = Http::new(HttpAuthScheme::Bearer);
        key.description = described("An agency API key (Integrations), for the agent runtime");
        components.add_security_scheme("agency_api_key", SecurityScheme::Http(key));
        let ticket = ApiKeyValue::with_description(
            "ticket",
            "A single-use stream ticket (`POST /api/v1/events/tickets`), for an EventSource of a token session",
        );
        components.add_security_scheme("stream_ticket", SecurityScheme::ApiKey(ApiKey::Query(ticket)));

        let require = |names: &[&str]| {
            names.iter().fold(SecurityRequirement::default(), |req, name| req.add::<&str, [&str; 0], &str>(name, []))
        };
        for (full_path, item) in openapi.paths.paths.iter_mut() {
            let path = full_path.strip_prefix(api::API_PREFIX).unwrap_or(full_path);
            let operations = [
                ("get", &mut item.get),
                ("put", &mut item.put),
                ("post", &mut item.post),
                ("delete", &mut item.delete),
                ("patch", &mut item.patch),
            ];
            for (method, operation) in operations {
                let Some(operation) = operation else { continue };
                if operation.security.is_some() {
                    continue; // declared by its handler (ingest's API key)
                }
                let unsafe_method = method != "get";
                let cookie = if unsafe_method {
                    require(&["session_cookie", "csrf_token"])
                } else {
                    require(&["session_cookie"])
                };
                let mut ways = vec![cookie, require(&["session_token"])];
                if path == paths::ORG_EVENTS {
                    ways.push(require(&["stream_ticket"]));
                }
                if PUBLIC.contains(&(method, path)) {
                    ways = if path == paths::LOGOUT {
                        [vec![SecurityRequirement::default()], ways].concat()
                    } else {
                        vec![SecurityRequirement::default()]
                    };
                }
                operation.security = Some(ways);
            }
        }
    }
}

/// Examples of the request bodies a new integration sends first (the demo's values).
struct RequestExamples;

impl utoipa::Modify for RequestExamples {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use serde_json::json;
        let settings = json!({"dashboard_language": "en", "dashboard_layout": "vertical", "handoff_enabled": true,
            "smart_handoff_enabled": false, "show_handoff_messages": true, "canned_responses_enabled": true,
            "billing_enabled": false});
        let examples = [
            (
                "post",
                paths::LOGIN,
                json!({"email": "owner@agency.example", "password": "your-password", "session": "token"}),
            ),
            ("post", paths::ORGS, json!({"name": "Acme Dental", "contact_email": "office@acme.test"})),
            (
                "put",
                paths::ORG,
                json!({"name": "Acme Dental", "contact_email": "office@acme.test",
                "logo_url": null, "settings": settings, "version": 3}),
            ),
            (
                "post",
                paths::USERS,
                json!({"name": "Andy Agent", "email": "agent@acme.test",
                "password": "a-long-password", "role": "client_user", "permissions": ["home", "conversations"]}),
            ),
            (
                "post",
                paths::INGEST_MESSAGES,
                json!({"org_id": 1, "agent_id": 1, "external_id": "chat-42",
                "author": "visitor", "text": "Can I talk to a person?", "contact_name": "Tom Baker"}),
            ),
            ("post", paths::EMBED_SIGN_IN, json!({"token": "eyJhZ2VuY3kiOjF9.3f1c…"})),
        ];
        for (method, path, example) in examples {
            let Some(item) = openapi.paths.paths.get_mut(&paths::full(path)) else { continue };
            let operation = match method {
                "post" => item.post.as_mut(),
                "put" => item.put.as_mut(),
                _ => None,
            };
            let content =
                operation.and_then(|o| o.request_body.as_mut()).and_then(|b| b.content.get_mut("application/json"));
            if let Some(content) = content {
                content.example = Some(example);
            }
        }
    }
}

/// Generic lists (`ListResponse<T>`) inline their item's schema, yet the item is still
/// collected as a component of its own: components nothing refers to are left out.
struct DropUnusedSchemas;

impl utoipa::Modify for DropUnusedSchemas {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        loop {
            let text = serde_json::to_string(&*openapi).unwrap_or_default();
            let Some(components) = openapi.components.as_mut() else { return };
            let unused: Vec<String> = components
                .schemas
                .keys()
                .filter(|name| !text.contains(&format!("\"#/components/schemas/{name}\"")))
                .cloned()
                .collect();
            if unused.is_empty() {
                return;
            }
            for name in unused {
                components.schemas.remove(&name);
            }
        }
    }
}

/// Paths are absolute on the host that serves this document: the API is wherever it was
/// fetched from.
struct Servers;

impl utoipa::Modify for Servers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let mut here = utoipa::openapi::Server::new("/");
        here.description = Some("The host that serves this document".into());
        openapi.servers = Some(vec![here]);
    }
}

/// Every error answer has an `ErrorBody`: a handler lists the statuses it can answer
/// (`(status = 404)`), and the body is given to each here. Every operation that touches the
/// database may also meet a storage fault (see `error::storage_fault`): 503
/// `storage_unavailable` (read-only, I/O error, locked) and 507 `storage_full`, added once
/// here rather than on each handler; reads list them too, since a read may still write (a
/// session's last-seen time, removing a dead session).
struct ErrorAnswers;

impl utoipa::Modify for ErrorAnswers {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{Content, Ref, RefOr, ResponseBuilder};
        let error_body = || Content::new(Some(Ref::from_schema_name("ErrorBody")));
        let error = |description: &str| {
            ResponseBuilder::new().description(description).content("application/json", error_body()).build()
        };
        for (full_path, item) in openapi.paths.paths.iter_mut() {
            let path = full_path.strip_prefix(api::API_PREFIX).unwrap_or(full_path);
            let operations = [
                &mut item.get,
                &mut item.put,
                &mut item.post,
                &mut item.delete,
                &mut item.patch,
                &mut item.head,
                &mut item.options,
                &mut item.trace,
            ];
            for operation in operations.into_iter().flatten() {
                let errors =
                    operation.responses.responses.iter_mut().filter(|(status, _)| !status.starts_with(['1', '2', '3']));
                for (_, response) in errors {
                    if let RefOr::T(response) = response {
                        if response.content.is_empty() {
                            response.content.insert("application/json".into(), error_body());
                        }
                    }
                }
                if path == paths::OPENAPI {
                    continue;
                }
                let responses = &mut operation.responses.responses;
                responses.entry("503".into()).or_insert_with(|| {
                    error("storage_unavailable: the database is read-only or failing; nothing was saved").into()
                });
                responses
                    .entry("507".into())
                    .or_insert_with(|| error("storage_full: the database's disk is full; nothing was saved").into());
            }
        }
    }
}
