//! The Org Info draft: an [`OrganizationUpdate`] edited locally and sent only by Save.

use atrium_api::{Organization, OrganizationUpdate};
use serde::{Deserialize, Serialize};

/// The editable fields, in the order the form shows them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum DraftField {
    Name,
    ContactEmail,
    LogoUrl,
    Language,
    Layout,
    Handoff,
    SmartHandoff,
    ShowHandoffMessages,
    CannedResponses,
    Billing,
}

impl DraftField {
    pub const ALL: [DraftField; 10] = [
        DraftField::Name,
        DraftField::ContactEmail,
        DraftField::LogoUrl,
        DraftField::Language,
        DraftField::Layout,
        DraftField::Handoff,
        DraftField::SmartHandoff,
        DraftField::ShowHandoffMessages,
        DraftField::CannedResponses,
        DraftField::Billing,
    ];

    /// The field's value as text, for comparing and for showing in a conflict.
    pub fn value(self, d: &OrganizationUpdate) -> String {
        let s = &d.settings;
        match self {
            DraftField::Name => d.name.clone(),
            DraftField::ContactEmail => d.contact_email.clone().unwrap_or_default(),
            DraftField::LogoUrl => d.logo_url.clone().unwrap_or_default(),
            DraftField::Language => s.dashboard_language.clone(),
            DraftField::Layout => s.dashboard_layout.as_str().to_string(),
            DraftField::Handoff => s.handoff_enabled.to_string(),
            DraftField::SmartHandoff => s.smart_handoff_enabled.to_string(),
            DraftField::ShowHandoffMessages => s.show_handoff_messages.to_string(),
            DraftField::CannedResponses => s.canned_responses_enabled.to_string(),
            DraftField::Billing => s.billing_enabled.to_string(),
        }
    }

    /// Copies this field from `from` into `to`.
    pub fn copy(self, from: &OrganizationUpdate, to: &mut OrganizationUpdate) {
        let (f, t) = (&from.settings, &mut to.settings);
        match self {
            DraftField::Name => to.name = from.name.clone(),
            DraftField::ContactEmail => to.contact_email = from.contact_email.clone(),
            DraftField::LogoUrl => to.logo_url = from.logo_url.clone(),
            DraftField::Language => t.dashboard_language = f.dashboard_language.clone(),
            DraftField::Layout => t.dashboard_layout = f.dashboard_layout,
            DraftField::Handoff => t.handoff_enabled = f.handoff_enabled,
            DraftField::SmartHandoff => t.smart_handoff_enabled = f.smart_handoff_enabled,
            DraftField::ShowHandoffMessages => t.show_handoff_messages = f.show_handoff_messages,
            DraftField::CannedResponses => t.canned_responses_enabled = f.canned_responses_enabled,
            DraftField::Billing => t.billing_enabled = f.billing_enabled,
        }
    }
}

/// The draft a saved organization starts from. `archived` is not part of it: archiving
/// is its own action, never a side effect of saving settings.
pub fn draft_of(org: &Organization) -> OrganizationUpdate {
    OrganizationUpdate {
        name: org.name.clone(),
        contact_email: org.contact_email.clone(),
        logo_url: org.logo_url.clone(),
        archived: None,
        settings: org.settings.clone(),
        version: org.version,
    }
}

/// Fields where `draft` differs from `base`.
pub fn changed_fields(base: &OrganizationUpdate, draft: &OrganizationUpdate) -> Vec<DraftField> {
    DraftField::ALL.into_iter().filter(|f| f.value(base) != f.value(draft)).collect()
}

/// Which side a conflicting field takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Side {
    Mine,
    Theirs,
}

/// After a 409: `base` is what my draft started from, `theirs` what is saved now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Conflict {
    pub base: OrganizationUpdate,
    pub mine: OrganizationUpdate,
    pub theirs: OrganizationUpdate,
}

impl Conflict {
    /// Fields both of us changed, to different values: the admin must choose.
    pub fn contested(&self) -> Vec<DraftField> {
        DraftField::ALL
            .into_iter()
            .filter(|f| {
                let (b, m, t) = (f.value(&self.base), f.value(&self.mine), f.value(&self.theirs));
                m != b && t != b && m != t
            })
            .collect()
    }

    /// A new draft on top of `theirs`: my other changes kept, contested fields as chosen
    /// (unchosen ones keep mine), and their version so the next Save goes through.
    pub fn resolve(&self, choose: impl Fn(DraftField) -> Side) -> OrganizationUpdate {
        let mut next = self.theirs.clone();
        let contested = self.contested();
        for field in changed_fields(&self.base, &self.mine) {
            if !contested.contains(&field) || choose(field) == Side::Mine {
                field.copy(&self.mine, &mut next);
            }
        }
        next.version = self.theirs.version;
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use atrium_api::{Layout, OrgSettings};

    fn base() -> OrganizationUpdate {
        OrganizationUpdate {
            name: "Acme".into(),
            contact_email: None,
            logo_url: None,
            archived: None,
            settings: OrgSettings::default(),
            version: 3,
        }
    }

    #[test]
    fn counts_only_fields_that_differ() {
        let mut d = base();
        assert!(changed_fields(&base(), &d).is_empty());
        d.settings.dashboard_language = "es".into();
        d.settings.billing_enabled = true;
        d.contact_email = Some(String::new()); // empty equals none: not a change
        assert_eq!(changed_fields(&base(), &d), vec![DraftField::Language, DraftField::Billing]);
    }

    #[test]
    fn only_fields_changed_differently_on_both_sides_are_contested() {
        let mut mine = base();
        mine.settings.dashboard_language = "es".into();
        mine.settings.dashboard_layout = Layout::Horizontal;
        mine.name = "Acme Dental".into();
        let mut theirs = base();
        theirs.version = 4;
        theirs.settings.dashboard_language = "en".into(); // unchanged by them
        theirs.settings.dashboard_layout = Layout::Horizontal; // same change as mine
        theirs.name = "Acme Inc".into(); // a real clash
        theirs.settings.billing_enabled = true; // only theirs
        let c = Conflict { base: base(), mine, theirs };
        assert_eq!(c.contested(), vec![DraftField::Name]);
    }

    #[test]
    fn resolving_keeps_both_sides_work_and_takes_their_version() {
        let mut mine = base();
        mine.name = "Mine".into();
        mine.settings.dashboard_language = "es".into();
        let mut theirs = base();
        theirs.version = 7;
        theirs.name = "Theirs".into();
        theirs.settings.billing_enabled = true;
        let c = Conflict { base: base(), mine, theirs };

        let keep_theirs = c.resolve(|_| Side::Theirs);
        assert_eq!(keep_theirs.name, "Theirs");
        assert_eq!(keep_theirs.settings.dashboard_language, "es", "my uncontested change is kept");
        assert!(keep_theirs.settings.billing_enabled, "their uncontested change is kept");
        assert_eq!(keep_theirs.version, 7);

        let keep_mine = c.resolve(|_| Side::Mine);
        assert_eq!(keep_mine.name, "Mine");
        assert!(keep_mine.settings.billing_enabled);
    }
}
