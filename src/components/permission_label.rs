//! A dashboard section's name, as permissions are shown to people, and a client user's
//! role.

use crate::i18n::*;
use atrium_api::{Permission, Role};
use leptos_i18n::I18nContext;

pub fn permission_label(i18n: I18nContext<Locale>, p: Permission) -> &'static str {
    match p {
        Permission::Home => t_string!(i18n, permissions.home),
        Permission::Conversations => t_string!(i18n, permissions.conversations),
        Permission::Analytics => t_string!(i18n, permissions.analytics),
        Permission::CannedResponses => t_string!(i18n, permissions.canned_responses),
        Permission::Team => t_string!(i18n, permissions.team),
        Permission::Billing => t_string!(i18n, permissions.billing),
    }
}

/// A client user's role: org admin, or user with chosen sections.
pub fn client_role_label(i18n: I18nContext<Locale>, r: Role) -> &'static str {
    match r {
        Role::OrgAdmin => t_string!(i18n, users.role_org_admin),
        _ => t_string!(i18n, users.role_client_user),
    }
}
