//! Every endpoint's path under [`API_PREFIX`](crate::API_PREFIX), written once: the server
//! routes and documents these (`#[utoipa::path(path = paths::TEAMS)]`), the client fills
//! them in with [`fill`]. `{org}` and `{id}` are the ids, in the order they appear.

pub const ME: &str = "/me";
pub const ME_BRANDING: &str = "/me/branding";
pub const ME_PASSWORD: &str = "/me/password";

pub const LOGIN: &str = "/auth/login";
pub const LOGOUT: &str = "/auth/logout";
pub const SIGN_OUT_EVERYWHERE: &str = "/auth/sign-out-everywhere";
pub const PASSWORD_RESET: &str = "/auth/password-reset";
pub const PASSWORD_RESET_CONFIRM: &str = "/auth/password-reset/confirm";
pub const EMBED_SIGN_IN: &str = "/auth/embed";
pub const STOP_IMPERSONATING: &str = "/auth/stop-impersonating";

pub const AGENCY: &str = "/agency";
pub const DOMAINS_CHECK: &str = "/agency/domains/check";
pub const EMBEDDING: &str = "/agency/embedding";
pub const EMBED_SECRETS: &str = "/agency/embed-secrets";
pub const EMBED_SECRET: &str = "/agency/embed-secrets/{id}";
pub const BRANDING: &str = "/branding";
pub const AGENTS: &str = "/agents";
pub const AGENT: &str = "/agents/{id}";
pub const API_KEYS: &str = "/api-keys";
pub const API_KEY: &str = "/api-keys/{id}";
pub const PLANS: &str = "/plans";
pub const PLAN: &str = "/plans/{id}";
pub const STAFF: &str = "/staff";
pub const STAFF_USER: &str = "/staff/{id}";
pub const EVENT_TICKETS: &str = "/events/tickets";
pub const INGEST_MESSAGES: &str = "/ingest/messages";
pub const OPENAPI: &str = "/openapi.json";

pub const ORGS: &str = "/orgs";
pub const ORG: &str = "/orgs/{org}";
pub const ORG_ACTIVITY: &str = "/orgs/{org}/activity";
pub const ORG_AGENTS: &str = "/orgs/{org}/agents";
pub const ORG_ANALYTICS: &str = "/orgs/{org}/analytics";
pub const ORG_EVENTS: &str = "/orgs/{org}/events";
pub const BILLING: &str = "/orgs/{org}/billing";
pub const SUBSCRIPTION: &str = "/orgs/{org}/billing/subscription";
pub const SUBSCRIPTION_RESUME: &str = "/orgs/{org}/billing/subscription/resume";
pub const INVOICES: &str = "/orgs/{org}/invoices";
pub const INVOICE_PAY: &str = "/orgs/{org}/invoices/{id}/pay";
pub const CANNED_RESPONSES: &str = "/orgs/{org}/canned-responses";
pub const CANNED_RESPONSE: &str = "/orgs/{org}/canned-responses/{id}";
pub const HANDOFF_RULES: &str = "/orgs/{org}/handoff-rules";
pub const HANDOFF_RULE: &str = "/orgs/{org}/handoff-rules/{id}";
pub const USERS: &str = "/orgs/{org}/users";
pub const USER: &str = "/orgs/{org}/users/{id}";
pub const IMPERSONATE: &str = "/orgs/{org}/users/{id}/impersonate";
pub const TEAMS: &str = "/orgs/{org}/teams";
pub const TEAM: &str = "/orgs/{org}/teams/{id}";
pub const CONVERSATIONS: &str = "/orgs/{org}/conversations";
pub const CONVERSATION: &str = "/orgs/{org}/conversations/{id}";
pub const CONVERSATION_MESSAGES: &str = "/orgs/{org}/conversations/{id}/messages";
pub const CONVERSATION_ASSIGN: &str = "/orgs/{org}/conversations/{id}/assign";
/// The [`Transition`](crate::Transition)s' endpoints (see `Transition::path`).
pub const TAKE_OVER: &str = "/orgs/{org}/conversations/{id}/take-over";
pub const PASS_TO_AI: &str = "/orgs/{org}/conversations/{id}/pass-to-ai";
pub const CLOSE: &str = "/orgs/{org}/conversations/{id}/close";

/// `path` as served, under [`API_PREFIX`](crate::API_PREFIX): a `Location` header, a
/// cookie's path, the OpenAPI document's keys.
pub fn full(path: &str) -> String {
    format!("{}{path}", crate::API_PREFIX)
}

/// `template` with each `{…}` replaced by the next of `ids`: `fill(TEAM, &[3, 7])` is
/// `/orgs/3/teams/7`. Ids that do not match the template are a caller's mistake: debug
/// builds (every test) stop on it; a release build sends the path as far as it got, which
/// the server answers with 404, rather than crash the page.
pub fn fill(template: &str, ids: &[i64]) -> String {
    let mut path = String::with_capacity(template.len() + 8);
    let mut ids = ids.iter();
    let mut rest = template;
    while let (Some(open), Some(close)) = (rest.find('{'), rest.find('}')) {
        path.push_str(&rest[..open]);
        match ids.next() {
            Some(id) => path.push_str(&id.to_string()),
            None => {
                if cfg!(debug_assertions) {
                    panic!("no id for {} in {template}", &rest[open..=close]);
                }
                path.push_str(&rest[open..=close]);
            }
        }
        rest = &rest[close + 1..];
    }
    path.push_str(rest);
    debug_assert!(ids.next().is_none(), "more ids than places in {template}");
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_go_into_their_places_in_order() {
        assert_eq!(fill(ORGS, &[]), "/orgs");
        assert_eq!(fill(ORG, &[12]), "/orgs/12");
        assert_eq!(fill(INVOICE_PAY, &[3, 41]), "/orgs/3/invoices/41/pay");
        assert_eq!(full(&fill(TEAM, &[3, 7])), "/api/v1/orgs/3/teams/7");
    }

    #[test]
    #[should_panic(expected = "no id for {id}")]
    fn a_missing_id_is_a_mistake_not_a_wrong_path() {
        fill(TEAM, &[3]);
    }
}
