//! Atrium's wire types: every request and response body, named once and shared by
//! the Leptos client and the axum server, with the validation rules both apply.

pub mod activity;
pub mod agency;
pub mod agent;
pub mod auth;
pub mod billing;
pub mod branding;
pub mod colour;
pub mod conversation;
pub mod embedding;
pub mod error;
pub mod integration;
pub mod list;
pub mod org;
pub mod org_input;
pub mod paths;
pub mod people;
pub mod validate;
pub mod wire_enum;

#[doc(hidden)]
pub use serde as __serde;

pub use activity::ActivityEntry;
pub use agency::{AgencyBranding, AgencyProfile};
pub use agent::{Agent, AgentInput, AgentKind, AgentListQuery, AgentStatus};
pub use auth::{
    AgencyRef, LoginRequest, Me, PasswordChange, PasswordReset, PasswordResetRequest, Permission, Role,
    SessionTransport, StreamTicket, UserKind, UserSummary, RETURN_TOKEN_HEADER, STREAM_TICKET_SECS,
};
pub use billing::{
    BillingOverview, ChoosePlan, Invoice, InvoiceLine, InvoiceStatus, NewPlan, Plan, PlanInterval, PlanPatch,
    Subscription, SubscriptionStatus,
};
pub use branding::Branding;
pub use conversation::{
    Analytics, AnalyticsQuery, Assignment, CannedResponse, CannedResponsePatch, Conversation, ConversationListQuery,
    ConversationStatus, ConversationSummary, DayStats, IngestAuthor, IngestMessage, IngestResult, Message,
    MessageAuthor, NewCannedResponse, OrgEvent, Reply, SystemNote, Transition,
};
pub use embedding::{CreatedEmbedSecret, EmbedSecret, EmbedSettings, EmbedSignIn, FrameOrigins};
pub use error::{ErrorBody, ErrorCode, ErrorDetail};
pub use integration::{ApiKey, CreatedApiKey, HandoffRule, NewHandoffRule};
pub use list::{ListQuery, ListResponse, Total, MAX_SEARCH_MATCHES};
pub use org::{Layout, OrgListQuery, OrgSettings, OrgSummary, Organization};
pub use org_input::{AgentAssignment, NewOrganization, OrganizationUpdate};
pub use people::{
    ClientUser, ClientUserPatch, NewClientUser, NewStaffUser, NewTeam, StaffRoleChange, StaffUser, Team, TeamPatch,
};
pub use validate::FieldErrors;

/// Every path of the JSON API starts with this.
pub const API_PREFIX: &str = "/api/v1";
/// Readable cookie holding the CSRF token; its value goes back in [`CSRF_HEADER`].
pub const CSRF_COOKIE: &str = "atrium_csrf";
/// Header that every mutating request (other than login) must carry.
pub const CSRF_HEADER: &str = "X-CSRF-Token";
/// HttpOnly session cookie.
pub const SESSION_COOKIE: &str = "atrium_session";
/// HttpOnly, long-lived: marks a browser that signed in before (see the login throttle).
pub const DEVICE_COOKIE: &str = "atrium_device";
