//! What the console sends to create and change organizations, and the rules both sides apply.

use crate::org::SUPPORTED_LANGUAGES;
use crate::validate::{self, FieldError, FieldErrors, ORG_NAME_MAX};
use crate::OrgSettings;
use serde::{Deserialize, Serialize};

/// `POST /api/v1/orgs`: a new organization gets the default settings.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewOrganization {
    pub name: String,
    #[serde(default)]
    pub contact_email: Option<String>,
    #[serde(default)]
    pub logo_url: Option<String>,
}

/// `PUT /api/v1/orgs/{org}`: the whole editable state, and the `version` it was based on.
/// A stale `version` gets 409 and changes nothing.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrganizationUpdate {
    pub name: String,
    #[serde(default)]
    pub contact_email: Option<String>,
    #[serde(default)]
    pub logo_url: Option<String>,
    /// Archive (`true`) or restore (`false`); absent leaves it as it is.
    #[serde(default)]
    pub archived: Option<bool>,
    pub settings: OrgSettings,
    pub version: i64,
}

/// `PUT /api/v1/orgs/{org}/agents`: the complete set of agents the org holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AgentAssignment {
    pub agent_ids: Vec<i64>,
}

/// Blank optional text means "none".
pub fn blank_to_none(value: &Option<String>) -> Option<String> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
}

fn check_identity(errors: &mut FieldErrors, name: &str, contact_email: &Option<String>, logo_url: &Option<String>) {
    errors.check("name", validate::visible_name(name, ORG_NAME_MAX));
    if let Some(email) = blank_to_none(contact_email) {
        errors.check("contact_email", validate::email(&email));
    }
    if let Some(url) = blank_to_none(logo_url) {
        errors.check("logo_url", validate::http_url(&url));
    }
}

pub fn check_settings(errors: &mut FieldErrors, settings: &OrgSettings) {
    if !SUPPORTED_LANGUAGES.contains(&settings.dashboard_language.as_str()) {
        errors.check("settings.dashboard_language", Err(FieldError::Unknown));
    }
}

impl NewOrganization {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        check_identity(&mut errors, &self.name, &self.contact_email, &self.logo_url);
        errors.into_result()
    }
}

impl OrganizationUpdate {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        check_identity(&mut errors, &self.name, &self.contact_email, &self.logo_url);
        check_settings(&mut errors, &self.settings);
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update() -> OrganizationUpdate {
        OrganizationUpdate {
            name: "Acme".into(),
            contact_email: None,
            logo_url: None,
            archived: None,
            settings: OrgSettings::default(),
            version: 1,
        }
    }

    #[test]
    fn names_are_required_trimmed_and_bounded() {
        let new = |name: &str| NewOrganization { name: name.into(), ..Default::default() };
        assert_eq!(new("  ").validate().unwrap_err().get("name"), Some(FieldError::Required));
        assert!(new(&format!("  {}  ", "a".repeat(ORG_NAME_MAX))).validate().is_ok());
        assert_eq!(
            new(&"a".repeat(ORG_NAME_MAX + 1)).validate().unwrap_err().get("name"),
            Some(FieldError::TooLong(ORG_NAME_MAX))
        );
    }

    #[test]
    fn optional_contact_fields_are_checked_only_when_given() {
        let mut org =
            NewOrganization { name: "Acme".into(), contact_email: Some(" ".into()), logo_url: Some("".into()) };
        assert!(org.validate().is_ok());
        org.contact_email = Some("not-an-email".into());
        org.logo_url = Some("ftp://x".into());
        let errors = org.validate().unwrap_err();
        assert_eq!(errors.get("contact_email"), Some(FieldError::InvalidEmail));
        assert_eq!(errors.get("logo_url"), Some(FieldError::InvalidUrl));
    }

    #[test]
    fn unknown_languages_are_rejected() {
        let mut u = update();
        assert!(u.validate().is_ok());
        u.settings.dashboard_language = "xx".into();
        assert_eq!(u.validate().unwrap_err().get("settings.dashboard_language"), Some(FieldError::Unknown));
    }

    #[test]
    fn updates_reject_unknown_fields_and_need_a_version() {
        let mut json = serde_json::to_value(update()).unwrap();
        json["colour"] = "red".into();
        assert!(serde_json::from_value::<OrganizationUpdate>(json).is_err());
        let mut json = serde_json::to_value(update()).unwrap();
        json.as_object_mut().unwrap().remove("version");
        assert!(serde_json::from_value::<OrganizationUpdate>(json).is_err());
    }
}
