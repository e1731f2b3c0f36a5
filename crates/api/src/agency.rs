//! The agency's own settings: its brand and the hostnames that serve it.

use crate::validate::{self, FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

pub const DISPLAY_NAME_MAX: usize = 120;
pub const HOSTNAMES_MAX: usize = 20;

/// `GET /api/v1/agency`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgencyProfile {
    pub id: i64,
    pub name: String,
    pub branding: AgencyBranding,
    /// Each of `branding.hostnames` with whether its ownership is proven (sorted alike).
    pub domains: Vec<CustomDomain>,
}

crate::wire_enum! {
    /// Whether an agency has proven that it owns a hostname. Only a verified hostname brands
    /// pages and may call the API from a browser (CORS).
    #[derive(Hash)]
    pub enum DomainStatus {
        /// Added, not checked yet (or the last check could not reach DNS).
        Pending = "pending",
        Verified = "verified",
        /// The last check found no matching record, or another agency verified it first.
        Failed = "failed",
    }
}

crate::wire_enum! {
    /// Why a check failed.
    pub enum DomainProblem {
        /// DNS answered, without the record below.
        RecordMissing = "record_missing",
        /// Another agency verified this hostname first.
        Taken = "taken",
    }
}

/// One custom domain and the DNS TXT record that proves it is the agency's.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CustomDomain {
    pub hostname: String,
    pub status: DomainStatus,
    #[serde(default)]
    pub problem: Option<DomainProblem>,
    /// The TXT record's name: `_atrium.<hostname>`.
    pub record_name: String,
    /// The TXT record's value: `atrium-verify=<the agency's token>`.
    pub record_value: String,
    /// When DNS was last asked (RFC 3339), if ever.
    #[serde(default)]
    pub checked_at: Option<String>,
}

/// The TXT record an agency creates to prove it owns `hostname`.
pub fn verification_record(hostname: &str, agency_token: &str) -> (String, String) {
    (format!("_atrium.{hostname}"), format!("atrium-verify={agency_token}"))
}

/// What the Branding page edits; `PUT /api/v1/agency` takes it whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AgencyBranding {
    pub display_name: String,
    /// `#rrggbb` or `#rgb`
    pub primary_color: String,
    #[serde(default)]
    pub logo_light_url: Option<String>,
    #[serde(default)]
    pub logo_dark_url: Option<String>,
    #[serde(default)]
    pub support_email: Option<String>,
    #[serde(default)]
    pub website_url: Option<String>,
    #[serde(default)]
    pub terms_url: Option<String>,
    #[serde(default)]
    pub privacy_url: Option<String>,
    /// Custom domains serving this agency's login page and dashboards, e.g. `app.agency.example`.
    #[serde(default)]
    pub hostnames: Vec<String>,
}

/// A DNS hostname: lowercase labels of letters, digits and hyphens, dot-separated.
pub fn hostname(value: &str) -> Result<(), FieldError> {
    let ok = !value.is_empty()
        && value.len() <= 253
        && value.split('.').all(|label| {
            !label.is_empty()
                && label.len() <= 63
                && !label.starts_with('-')
                && !label.ends_with('-')
                && label.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        });
    if !ok {
        return Err(FieldError::InvalidHostname);
    }
    // An address is not a name anybody can prove with DNS, and `169.254.169.254` or
    // `10.0.0.1` name machines inside the deployment: a last label of digits is an IPv4
    // literal (no top-level domain is numeric).
    let ip = value.rsplit('.').next().is_some_and(|tld| tld.chars().all(|c| c.is_ascii_digit()));
    if ip || value == "localhost" {
        return Err(FieldError::ReservedHostname);
    }
    Ok(())
}

/// Whether an agency may newly add `hostname`: not a `*.localhost` name (only the demo's,
/// which the seed verifies, exist) and not `platform` or a name under it (the deployment's
/// own domain, when it has one).
pub fn may_add_hostname(hostname: &str, platform: Option<&str>) -> Result<(), FieldError> {
    let platform = platform.map(|p| p.trim().trim_matches('.').to_ascii_lowercase()).filter(|p| !p.is_empty());
    let under = |domain: &str| hostname == domain || hostname.ends_with(&format!(".{domain}"));
    if under("localhost") || platform.as_deref().is_some_and(under) {
        return Err(FieldError::ReservedHostname);
    }
    Ok(())
}

impl AgencyBranding {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        errors.check("display_name", validate::visible_name(&self.display_name, DISPLAY_NAME_MAX));
        if crate::colour::parse_hex(&self.primary_color).is_none() {
            errors.check("primary_color", Err(FieldError::InvalidColour));
        }
        let urls = [
            ("logo_light_url", &self.logo_light_url),
            ("logo_dark_url", &self.logo_dark_url),
            ("website_url", &self.website_url),
            ("terms_url", &self.terms_url),
            ("privacy_url", &self.privacy_url),
        ];
        for (field, url) in urls {
            if let Some(url) = crate::org_input::blank_to_none(url) {
                errors.check(field, validate::http_url(&url));
            }
        }
        if let Some(email) = crate::org_input::blank_to_none(&self.support_email) {
            errors.check("support_email", validate::email(&email));
        }
        if self.hostnames.len() > HOSTNAMES_MAX {
            errors.check("hostnames", Err(FieldError::TooLong(HOSTNAMES_MAX)));
        }
        for h in &self.hostnames {
            errors.check("hostnames", hostname(h));
        }
        errors.into_result()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hostnames() {
        for good in ["app.agency.example", "a-b.c1.example", "10.example", "localhost.example"] {
            assert_eq!(hostname(good), Ok(()), "{good}");
        }
        for bad in ["", "App.Example", "-a.example", "a..b", "a_b.example", "a.example:8080", "ünï.example"] {
            assert_eq!(hostname(bad), Err(FieldError::InvalidHostname), "{bad}");
        }
        for reserved in ["169.254.169.254", "127.0.0.1", "10.0.0.1", "localhost", "1.2"] {
            assert_eq!(hostname(reserved), Err(FieldError::ReservedHostname), "{reserved}");
        }
        let refused = Err(FieldError::ReservedHostname);
        assert_eq!(may_add_hostname("contoso.localhost", None), refused);
        assert_eq!(may_add_hostname("atrium.example", Some("atrium.example")), refused);
        assert_eq!(may_add_hostname("acme.atrium.example", Some(".Atrium.example")), refused);
        assert_eq!(may_add_hostname("notatrium.example", Some("atrium.example")), Ok(()));
        assert_eq!(may_add_hostname("acme.example", Some("")), Ok(()));
    }

    #[test]
    fn branding_rules() {
        let mut b = AgencyBranding {
            display_name: "Northwind".into(),
            primary_color: "#1d4ed8".into(),
            logo_light_url: None,
            logo_dark_url: Some("".into()),
            support_email: Some("help@northwind.test".into()),
            website_url: None,
            terms_url: None,
            privacy_url: None,
            hostnames: vec!["app.northwind.test".into()],
        };
        assert!(b.validate().is_ok());
        // The short form the client's palette reads too: one rule for both sides.
        b.primary_color = "#14b".into();
        assert!(b.validate().is_ok());
        b.primary_color = "red".into();
        b.terms_url = Some("javascript:alert(1)".into());
        b.hostnames.push("Bad Host".into());
        let e = b.validate().unwrap_err();
        assert_eq!(e.get("primary_color"), Some(FieldError::InvalidColour));
        assert_eq!(e.get("terms_url"), Some(FieldError::InvalidUrl));
        assert_eq!(e.get("hostnames"), Some(FieldError::InvalidHostname));
    }
}
