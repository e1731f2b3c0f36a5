//! Embedding the client dashboard in an agency's own site: which origins may frame it, and
//! the secrets the agency's backend signs embed links with.

use crate::validate::{FieldError, FieldErrors};
use serde::{Deserialize, Serialize};

/// The longest an embed link may live: its `exp` at most this far ahead.
pub const EMBED_MAX_SECS: i64 = 300;
pub const FRAME_ORIGINS_MAX: usize = 20;

/// `GET /api/v1/agency/embedding`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedSettings {
    /// Origins (`https://www.agency.example`) whose pages may frame the client dashboard.
    pub frame_origins: Vec<String>,
    /// Signing secrets, newest first; their values are shown only when created.
    pub secrets: Vec<EmbedSecret>,
}

/// `PUT /api/v1/agency/embedding`: the whole list of origins allowed to frame.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FrameOrigins {
    #[serde(default)]
    pub frame_origins: Vec<String>,
}

impl FrameOrigins {
    pub fn validate(&self) -> Result<(), FieldErrors> {
        let mut errors = FieldErrors::default();
        if self.frame_origins.len() > FRAME_ORIGINS_MAX {
            errors.check("frame_origins", Err(FieldError::TooLong(FRAME_ORIGINS_MAX)));
        }
        for origin in &self.frame_origins {
            errors.check("frame_origins", frame_origin(origin));
        }
        errors.into_result()
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EmbedSecret {
    pub id: i64,
    /// The secret's first characters, to tell secrets apart.
    pub prefix: String,
    pub created_at: String,
    #[serde(default)]
    pub revoked_at: Option<String>,
}

/// `POST /api/v1/agency/embed-secrets`: the new secret, whole, this once.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CreatedEmbedSecret {
    pub id: i64,
    pub prefix: String,
    pub secret: String,
}

/// `POST /api/v1/auth/embed`: an embed link's token, `<payload>.<signature>` where the
/// payload is base64url JSON `{"agency": 1, "email": "…", "exp": <unix seconds>,
/// "nonce": "…"}` and the signature the hex HMAC-SHA256 of the payload text.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct EmbedSignIn {
    pub token: String,
}

/// An origin as browsers send it: `http(s)://host[:port]`, lowercase, nothing after.
pub fn frame_origin(value: &str) -> Result<(), FieldError> {
    let rest = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    let ok = rest.is_some_and(|authority| {
        let (host, port) = match authority.rsplit_once(':') {
            Some((host, port)) => (host, Some(port)),
            None => (authority, None),
        };
        let port_ok = port.is_none_or(|p| !p.is_empty() && p.len() <= 5 && p.chars().all(|c| c.is_ascii_digit()));
        let host_ok = !host.is_empty()
            && host.split('.').all(|label| {
                !label.is_empty() && label.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            });
        port_ok && host_ok
    });
    if ok {
        Ok(())
    } else {
        Err(FieldError::InvalidOrigin)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins() {
        for good in ["https://www.agency.example", "http://127.0.0.1:9300", "https://a-b.example:8443"] {
            assert_eq!(frame_origin(good), Ok(()), "{good}");
        }
        for bad in [
            "www.agency.example",
            "https://a.example/",
            "https://a.example/path",
            "ftp://a.example",
            "*",
            "https://A.example",
            "https://a.example:",
            "https://:80",
            "'none'",
            "https://a.example; script-src *",
        ] {
            assert_eq!(frame_origin(bad), Err(FieldError::InvalidOrigin), "{bad}");
        }
    }
}
