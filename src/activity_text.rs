//! The activity log in words: each stored entry (a field, its old and new values as text,
//! see the server's `changes.rs`) as one sentence in the reader's language, with agents
//! named rather than numbered.

use crate::components::billing_view::status_label;
use crate::components::permission_label::{client_role_label, permission_label};
use crate::i18n::*;
use atrium_api::{ActivityEntry, Permission, Role, SubscriptionStatus};

type I18n = leptos_i18n::I18nContext<Locale>;

/// `entry` as a sentence; `agent` names an agent id (an agent deleted since: `#id`).
pub fn describe(i18n: I18n, entry: &ActivityEntry, agent: &dyn Fn(i64) -> String) -> String {
    let old = entry.old_value.clone().unwrap_or_default();
    let new = entry.new_value.clone().unwrap_or_default();
    let on = new == "true";
    match entry.field.as_str() {
        "created" => t_string!(i18n, activity.created, name = new).to_string(),
        "name" => t_string!(i18n, activity.renamed, old = old, new = new).to_string(),
        "contact_email" if new.is_empty() => t_string!(i18n, activity.contact_email_removed).to_string(),
        "contact_email" => t_string!(i18n, activity.contact_email, new = new).to_string(),
        "logo_url" => t_string!(i18n, activity.logo).to_string(),
        "archived" if on => t_string!(i18n, activity.archived).to_string(),
        "archived" => t_string!(i18n, activity.restored).to_string(),
        "settings.dashboard_language" => t_string!(
            i18n,
            activity.language,
            old = atrium_api::org::language_name(&old),
            new = atrium_api::org::language_name(&new)
        )
        .to_string(),
        "settings.dashboard_layout" if new == "horizontal" => t_string!(i18n, activity.layout_horizontal).to_string(),
        "settings.dashboard_layout" => t_string!(i18n, activity.layout_vertical).to_string(),
        field @ ("settings.handoff_enabled"
        | "settings.smart_handoff_enabled"
        | "settings.show_handoff_messages"
        | "settings.canned_responses_enabled"
        | "settings.billing_enabled") => {
            let setting = match field {
                "settings.handoff_enabled" => t_string!(i18n, settings.handoff_enabled),
                "settings.smart_handoff_enabled" => t_string!(i18n, settings.smart_handoff),
                "settings.show_handoff_messages" => t_string!(i18n, settings.show_handoff_messages),
                "settings.canned_responses_enabled" => t_string!(i18n, settings.canned),
                _ => t_string!(i18n, settings.billing),
            };
            if on {
                t_string!(i18n, activity.turned_on, setting = setting).to_string()
            } else {
                t_string!(i18n, activity.turned_off, setting = setting).to_string()
            }
        }
        "agents" => agents_sentence(i18n, &ids(&old), &ids(&new), agent),
        "user.created" => t_string!(i18n, activity.user_created, email = new).to_string(),
        "user.deleted" => t_string!(i18n, activity.user_deleted, email = old).to_string(),
        "user.email" => t_string!(i18n, activity.user_email, old = old, new = new).to_string(),
        "user.password" => t_string!(i18n, activity.user_password, who = new).to_string(),
        "user.disabled" => t_string!(i18n, activity.user_disabled, who = new).to_string(),
        "user.enabled" => t_string!(i18n, activity.user_enabled, who = new).to_string(),
        "impersonation" => t_string!(i18n, activity.impersonation, who = new).to_string(),
        "team.created" => t_string!(i18n, activity.team_created, key = new).to_string(),
        "team.deleted" => t_string!(i18n, activity.team_deleted, key = old).to_string(),
        "team.key" => t_string!(i18n, activity.team_key, old = old, new = new).to_string(),
        "billing.plan" if old.is_empty() => t_string!(i18n, activity.plan_chosen, new = new).to_string(),
        "billing.plan" => t_string!(i18n, activity.plan_changed, old = old, new = new).to_string(),
        "billing.cancel_at_period_end" if on => t_string!(i18n, activity.cancel_at_end).to_string(),
        "billing.cancel_at_period_end" => t_string!(i18n, activity.renews_again).to_string(),
        "billing.status" => {
            t_string!(i18n, activity.subscription_status, old = status(i18n, &old), new = status(i18n, &new))
                .to_string()
        }
        "billing.invoice_paid" => t_string!(i18n, activity.invoice_paid, number = new).to_string(),
        field => match (about(&old), about(&new)) {
            // `who: value` on both sides: a user's or a team's field.
            (Some((who, old)), Some((_, new))) => per_subject(i18n, field, who, old, new, agent),
            _ => t_string!(i18n, activity.other, field = field.to_string(), old = old, new = new).to_string(),
        },
    }
}

fn per_subject(i18n: I18n, field: &str, who: &str, old: &str, new: &str, agent: &dyn Fn(i64) -> String) -> String {
    let who = who.to_string();
    let (old_text, new_text) = (old.to_string(), new.to_string());
    match field {
        "user.name" => t_string!(i18n, activity.user_name, who = who, old = old_text, new = new_text).to_string(),
        "user.role" => {
            t_string!(i18n, activity.user_role, who = who, old = role(i18n, old), new = role(i18n, new)).to_string()
        }
        "user.permissions" => t_string!(i18n, activity.user_sections, who = who, new = sections(i18n, new)).to_string(),
        "user.agent_ids" => {
            let names = names(i18n, &ids(new), agent);
            t_string!(i18n, activity.user_agents, who = who, names = names).to_string()
        }
        "team.label" => t_string!(i18n, activity.team_label, who = who, old = old_text, new = new_text).to_string(),
        "team.description" => t_string!(i18n, activity.team_description, who = who).to_string(),
        "team.members" => t_string!(i18n, activity.team_members, who = who).to_string(),
        field => t_string!(i18n, activity.other, field = field.to_string(), old = old_text, new = new_text).to_string(),
    }
}

/// "Agents assigned: A, B. Agents unassigned: C."
fn agents_sentence(i18n: I18n, old: &[i64], new: &[i64], agent: &dyn Fn(i64) -> String) -> String {
    let added: Vec<i64> = new.iter().copied().filter(|id| !old.contains(id)).collect();
    let removed: Vec<i64> = old.iter().copied().filter(|id| !new.contains(id)).collect();
    let mut parts = Vec::new();
    if !added.is_empty() {
        parts.push(t_string!(i18n, activity.agents_assigned, names = names(i18n, &added, agent)).to_string());
    }
    if !removed.is_empty() {
        parts.push(t_string!(i18n, activity.agents_unassigned, names = names(i18n, &removed, agent)).to_string());
    }
    parts.join(" ")
}

fn names(i18n: I18n, ids: &[i64], agent: &dyn Fn(i64) -> String) -> String {
    if ids.is_empty() {
        return t_string!(i18n, activity.none).to_string();
    }
    ids.iter().map(|id| agent(*id)).collect::<Vec<_>>().join(", ")
}

/// A stored name (`org_admin`, `home`, `past_due`) in the reader's language, through the
/// label the rest of the app shows for it; a name the client does not know, as stored.
fn role(i18n: I18n, role: &str) -> String {
    Role::parse(role).map_or_else(|| role.to_string(), |r| client_role_label(i18n, r).to_string())
}

/// `home,team` → the sections' names in the reader's language.
fn sections(i18n: I18n, list: &str) -> String {
    let names: Vec<String> = list
        .split(',')
        .filter(|s| !s.is_empty())
        .map(|p| Permission::parse(p).map_or_else(|| p.to_string(), |p| permission_label(i18n, p).to_string()))
        .collect();
    if names.is_empty() {
        t_string!(i18n, activity.none).to_string()
    } else {
        names.join(", ")
    }
}

fn status(i18n: I18n, status: &str) -> String {
    SubscriptionStatus::parse(status).map_or_else(|| status.to_string(), |s| status_label(i18n, s).to_string())
}

/// `[1,3]` → `[1, 3]`; anything else → nothing.
pub fn ids(text: &str) -> Vec<i64> {
    text.trim().trim_start_matches('[').trim_end_matches(']').split(',').filter_map(|s| s.trim().parse().ok()).collect()
}

/// `andy@acme.test: Andy` → (`andy@acme.test`, `Andy`).
pub fn about(text: &str) -> Option<(&str, &str)> {
    text.split_once(": ")
}

#[cfg(test)]
mod tests {
    use super::{about, ids};

    #[test]
    fn reads_the_stored_forms() {
        assert_eq!(ids("[1,3]"), vec![1, 3]);
        assert_eq!(ids("[]"), Vec::<i64>::new());
        assert_eq!(about("andy@acme.test: [4,2]"), Some(("andy@acme.test", "[4,2]")));
        assert_eq!(about("front_desk: Front: Desk"), Some(("front_desk", "Front: Desk")));
        assert_eq!(about("plain"), None);
    }
}
