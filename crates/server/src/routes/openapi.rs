//! `GET /api/v1/openapi.json`, generated from the handlers and the shared types.

use crate::routes::{
    account, activity, agency, agents, auth, branding, impersonation, org_agents, orgs, staff, teams, users,
};
use crate::routes::{analytics, canned, conversations, embedding, events, handoff, ingest};
use crate::routes::{billing, integration, invoices, plans};
use crate::state::AppState;
use atrium_api as api;
use axum::routing::get;
use axum::{Json, Router};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(title = "Atrium API", description = "Agency console and client dashboard backend."),
    paths(
        openapi_json,
        branding::get_branding,
        auth::login,
        auth::logout,
        auth::me,
        impersonation::stop_impersonating,
        account::change_password,
        account::sign_out_everywhere,
        account::request_password_reset,
        account::reset_password,
        orgs::list_orgs,
        orgs::create_org,
        orgs::get_org,
        orgs::update_org,
        orgs::delete_org,
        org_agents::assign_agents,
        activity::list_activity,
        agency::get_agency,
        agency::update_agency,
        agency::check_domains,
        embedding::get_embedding,
        embedding::update_embedding,
        embedding::create_secret,
        embedding::revoke_secret,
        embedding::embed_sign_in,
        agents::list_agents,
        agents::create_agent,
        agents::get_agent,
        agents::update_agent,
        agents::delete_agent,
        staff::list_staff,
        staff::create_staff,
        staff::change_role,
        staff::remove_staff,
        users::list_users,
        users::create_user,
        users::get_user,
        users::update_user,
        users::delete_user,
        impersonation::impersonate,
        teams::list_teams,
        teams::create_team,
        teams::get_team,
        teams::update_team,
        teams::delete_team,
        ingest::ingest_message,
        conversations::list_conversations,
        conversations::get_conversation,
        handoff::take_over,
        handoff::pass_to_ai,
        handoff::close,
        handoff::assign,
        handoff::reply,
        events::org_events,
        events::create_ticket,
        canned::list_canned,
        canned::create_canned,
        canned::update_canned,
        canned::delete_canned,
        analytics::get_analytics,
        plans::list_plans,
        plans::create_plan,
        plans::update_plan,
        billing::get_billing,
        billing::choose_plan,
        billing::cancel_subscription,
        billing::resume_subscription,
        invoices::list_invoices,
        invoices::pay_invoice,
        integration::list_api_keys,
        integration::create_api_key,
        integration::revoke_api_key,
        integration::list_handoff_rules,
        integration::create_handoff_rule,
        integration::delete_handoff_rule,
    ),
    components(schemas(
        api::ErrorBody,
        api::ErrorDetail,
        api::ErrorCode,
        api::Branding,
        api::AgencyProfile,
        api::agency::CustomDomain,
        api::agency::DomainStatus,
        api::agency::DomainProblem,
        api::AgencyBranding,
        api::LoginRequest,
        api::PasswordChange,
        api::PasswordResetRequest,
        api::PasswordReset,
        api::Me,
        api::SignedIn,
        api::SessionTransport,
        api::StreamTicket,
        api::EmbedSettings,
        api::EmbedSecret,
        api::CreatedEmbedSecret,
        api::EmbedSignIn,
        api::FrameOrigins,
        api::UserSummary,
        api::AgencyRef,
        api::UserKind,
        api::Role,
        api::Permission,
        api::Agent,
        api::AgentKind,
        api::AgentStatus,
        api::AgentInput,
        api::Organization,
        api::OrgSummary,
        api::OrgSettings,
        api::Layout,
        api::NewOrganization,
        api::OrganizationUpdate,
        api::AgentAssignment,
        api::ActivityEntry,
        api::ClientUser,
        api::NewClientUser,
        api::ClientUserPatch,
        api::Team,
        api::NewTeam,
        api::TeamPatch,
        api::ConversationStatus,
        api::MessageAuthor,
        api::Message,
        api::Conversation,
        api::ConversationSummary,
        api::Reply,
        api::Assignment,
        api::IngestAuthor,
        api::IngestMessage,
        api::IngestResult,
        api::CannedResponse,
        api::NewCannedResponse,
        api::CannedResponsePatch,
        api::OrgEvent,
        api::Analytics,
        api::DayStats,
        api::StaffUser,
        api::NewStaffUser,
        api::StaffRoleChange,
        api::Plan,
        api::PlanInterval,
        api::NewPlan,
        api::PlanPatch,
        api::Subscription,
        api::SubscriptionStatus,
        api::BillingOverview,
        api::ChoosePlan,
        api::Invoice,
        api::InvoiceLine,
        api::InvoiceStatus,
        api::ApiKey,
        api::CreatedApiKey,
        api::HandoffRule,
        api::NewHandoffRule,
    )),
    modifiers(&IngestKeyScheme, &StorageErrors)
)]
pub struct ApiDoc;

pub fn router() -> Router<AppState> {
    Router::new().route("/openapi.json", get(openapi_json))
}

/// This document. Public, like the API's shape is.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI 3 document of this API", content_type = "application/json")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

/// The agency API key that `POST /api/v1/ingest/messages` takes as a bearer token.
struct IngestKeyScheme;

impl utoipa::Modify for IngestKeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("agency_api_key", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// Every operation that touches the database may meet a storage fault (see
/// `error::storage_fault`): 503 `storage_unavailable` (read-only, I/O error, locked) and
/// 507 `storage_full`. Added here once rather than on each handler; reads list them too,
/// since a read may still write (a session's last-seen time, removing a dead session).
struct StorageErrors;

impl utoipa::Modify for StorageErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::{Content, Ref, ResponseBuilder};
        let error = |description: &str| {
            ResponseBuilder::new()
                .description(description)
                .content("application/json", Content::new(Some(Ref::from_schema_name("ErrorBody"))))
                .build()
        };
        for (path, item) in openapi.paths.paths.iter_mut() {
            if path == "/api/v1/openapi.json" {
                continue;
            }
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
