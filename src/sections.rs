//! Which dashboard sections a client user sees: their permissions, and for the gated
//! sections the org's settings too. A hidden section has no link, and its URL shows
//! "not available".

use atrium_api::{Me, Permission};

/// The dashboard's sections, in navigation order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Section {
    Home,
    Conversations,
    Analytics,
    CannedResponses,
    Team,
    Billing,
}

impl Section {
    pub const ALL: [Section; 6] = [
        Section::Home,
        Section::Conversations,
        Section::Analytics,
        Section::CannedResponses,
        Section::Team,
        Section::Billing,
    ];

    pub fn permission(self) -> Permission {
        match self {
            Section::Home => Permission::Home,
            Section::Conversations => Permission::Conversations,
            Section::Analytics => Permission::Analytics,
            Section::CannedResponses => Permission::CannedResponses,
            Section::Team => Permission::Team,
            Section::Billing => Permission::Billing,
        }
    }

    pub fn path(self) -> &'static str {
        match self {
            Section::Home => "/app",
            Section::Conversations => "/app/conversations",
            Section::Analytics => "/app/analytics",
            Section::CannedResponses => "/app/canned",
            Section::Team => "/app/team",
            Section::Billing => "/app/billing",
        }
    }

    /// The section a dashboard path (without the base path) is in: its own path or below it
    /// (`/app/conversations/42`); `None` for the pages every user has (`/app/account`).
    pub fn at(path: &str) -> Option<Section> {
        Section::ALL.into_iter().find(|s| match path.strip_prefix(s.path()) {
            Some(rest) => rest.is_empty() || (*s != Section::Home && rest.starts_with('/')),
            None => false,
        })
    }

    /// May `me` open this section?
    pub fn allowed(self, me: &Me) -> bool {
        let settings_allow = match self {
            Section::CannedResponses => me.org.as_ref().is_some_and(|o| o.settings.canned_responses_enabled),
            Section::Billing => me.org.as_ref().is_some_and(|o| o.settings.billing_enabled),
            _ => true,
        };
        settings_allow && me.permissions.contains(&self.permission())
    }
}

pub fn visible_sections(me: &Me) -> Vec<Section> {
    Section::ALL.into_iter().filter(|s| s.allowed(me)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use atrium_api::{AgencyRef, OrgSettings, OrgSummary, Role, UserKind, UserSummary};

    fn me(permissions: Vec<Permission>, settings: OrgSettings) -> Me {
        Me {
            user: UserSummary { id: 1, email: "a@b.co".into(), name: "A".into() },
            kind: UserKind::Client,
            role: Role::ClientUser,
            agency: AgencyRef { id: 1, name: "N".into() },
            org: Some(OrgSummary { id: 1, name: "Acme".into(), logo_url: None, settings }),
            permissions,
            agents: vec![],
            impersonated_by: None,
            session_token: None,
        }
    }

    #[test]
    fn a_path_is_in_the_section_it_starts_with() {
        assert_eq!(Section::at("/app"), Some(Section::Home));
        assert_eq!(Section::at("/app/conversations"), Some(Section::Conversations));
        assert_eq!(Section::at("/app/conversations/42"), Some(Section::Conversations));
        assert_eq!(Section::at("/app/canned"), Some(Section::CannedResponses));
        assert_eq!(Section::at("/app/cannedx"), None, "a whole segment, not a prefix of one");
        assert_eq!(Section::at("/app/account"), None);
        assert_eq!(Section::at("/agency/orgs"), None);
    }

    #[test]
    fn sections_follow_permissions() {
        let m = me(vec![Permission::Conversations], OrgSettings::default());
        assert_eq!(visible_sections(&m), vec![Section::Conversations]);
        let everything = OrgSettings { billing_enabled: true, ..OrgSettings::default() };
        let all = me(Permission::ALL.to_vec(), everything);
        assert_eq!(visible_sections(&all), Section::ALL.to_vec());
    }

    #[test]
    fn billing_needs_the_setting_and_the_permission() {
        let on = OrgSettings { billing_enabled: true, ..OrgSettings::default() };
        assert!(Section::Billing.allowed(&me(vec![Permission::Billing], on.clone())));
        assert!(!Section::Billing.allowed(&me(vec![Permission::Billing], OrgSettings::default())));
        assert!(!Section::Billing.allowed(&me(vec![Permission::Home], on)));
    }

    #[test]
    fn canned_responses_need_the_setting_too() {
        let off = OrgSettings { canned_responses_enabled: false, ..OrgSettings::default() };
        let m = me(Permission::ALL.to_vec(), off);
        assert!(!visible_sections(&m).contains(&Section::CannedResponses));
        assert!(!Section::CannedResponses.allowed(&m));
    }
}
