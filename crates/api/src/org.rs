//! Client organizations and the settings that shape their dashboard.

use serde::{Deserialize, Serialize};

use crate::ListQuery;

/// Dashboard languages the client ships strings for (ISO 639-1).
pub const SUPPORTED_LANGUAGES: &[&str] = &["en", "es", "fr", "de", "it", "pt", "nl", "pl", "tr", "ar"];

/// Each supported language's name in itself, so a reader finds their own whatever the UI language.
pub fn language_name(code: &str) -> &str {
    match code {
        "en" => "English",
        "es" => "Español",
        "fr" => "Français",
        "de" => "Deutsch",
        "it" => "Italiano",
        "pt" => "Português",
        "nl" => "Nederlands",
        "pl" => "Polski",
        "tr" => "Türkçe",
        "ar" => "العربية",
        other => other,
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Organization {
    pub id: i64,
    pub name: String,
    pub contact_email: Option<String>,
    pub logo_url: Option<String>,
    pub archived: bool,
    /// Bumped on every save; a `PUT` based on an older one gets 409.
    pub version: i64,
    pub agent_ids: Vec<i64>,
    pub settings: OrgSettings,
    pub created_at: String,
    pub updated_at: String,
    pub user_count: i64,
    pub agent_count: i64,
}

/// What a client user's `/me` carries of their organization.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OrgSummary {
    pub id: i64,
    pub name: String,
    pub logo_url: Option<String>,
    pub settings: OrgSettings,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OrgSettings {
    /// ISO 639-1 code of the client dashboard's UI language.
    pub dashboard_language: String,
    pub dashboard_layout: Layout,
    pub handoff_enabled: bool,
    pub smart_handoff_enabled: bool,
    pub show_handoff_messages: bool,
    pub canned_responses_enabled: bool,
    pub billing_enabled: bool,
}

impl Default for OrgSettings {
    fn default() -> Self {
        OrgSettings {
            dashboard_language: "en".into(),
            dashboard_layout: Layout::Vertical,
            handoff_enabled: true,
            smart_handoff_enabled: false,
            show_handoff_messages: true,
            canned_responses_enabled: true,
            billing_enabled: false,
        }
    }
}

crate::wire_enum! {
    #[derive(Default)]
    pub enum Layout {
        #[default]
        Vertical = "vertical",
        Horizontal = "horizontal",
    }
}

/// `sort` values the organization list accepts; a leading `-` sorts descending.
pub const ORG_SORTS: &[&str] = &["name", "-name", "created", "-created", "updated", "-updated"];

/// Query of `GET /api/v1/orgs`: a page of the list, active or archived orgs.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
#[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
pub struct OrgListQuery {
    pub page: Option<u32>,
    pub per_page: Option<u32>,
    /// Part of the name, any case.
    pub q: Option<String>,
    /// One of [`ORG_SORTS`]; `name` when absent.
    pub sort: Option<String>,
    /// `true` lists archived orgs instead of active ones.
    pub archived: Option<bool>,
}

impl OrgListQuery {
    pub fn list(&self) -> ListQuery {
        ListQuery { page: self.page, per_page: self.per_page, q: self.q.clone(), sort: self.sort.clone() }
    }

    pub fn validate(&self) -> Result<(), crate::FieldErrors> {
        let mut errors = crate::FieldErrors::default();
        if let Some(sort) = &self.sort {
            if !ORG_SORTS.contains(&sort.as_str()) {
                errors.check("sort", Err(crate::validate::FieldError::Unknown));
            }
        }
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_use_the_contract_field_names() {
        let json = serde_json::to_value(OrgSettings::default()).unwrap();
        let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        for key in [
            "dashboard_language",
            "dashboard_layout",
            "handoff_enabled",
            "smart_handoff_enabled",
            "show_handoff_messages",
            "canned_responses_enabled",
            "billing_enabled",
        ] {
            assert!(keys.contains(&key), "missing {key}");
        }
        assert_eq!(json["dashboard_layout"], "vertical");
    }

    #[test]
    fn unknown_layout_is_rejected() {
        let mut json = serde_json::to_value(OrgSettings::default()).unwrap();
        json["dashboard_layout"] = "diagonal".into();
        assert!(serde_json::from_value::<OrgSettings>(json).is_err());
    }

    #[test]
    fn every_supported_language_has_its_own_name() {
        for code in SUPPORTED_LANGUAGES {
            assert_ne!(language_name(code), *code, "{code}");
        }
    }

    #[test]
    fn org_list_accepts_only_known_sorts() {
        for sort in ORG_SORTS {
            let q = OrgListQuery { sort: Some(sort.to_string()), ..Default::default() };
            assert!(q.validate().is_ok(), "{sort}");
        }
        let q = OrgListQuery { sort: Some("name; DROP TABLE orgs".into()), ..Default::default() };
        assert!(q.validate().unwrap_err().get("sort").is_some());
    }
}
