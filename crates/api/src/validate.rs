//! Validation rules that the client runs before sending and the server runs again.
//! Each rule answers a [`FieldError`]; the client translates it, the server sends
//! its English message in the error body's `fields`.

use std::collections::BTreeMap;

pub const ORG_NAME_MAX: usize = 120;
pub const EMAIL_MAX: usize = 254;
pub const URL_MAX: usize = 2048;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FieldError {
    Required,
    TooLong(usize),
    InvalidEmail,
    InvalidUrl,
    /// Not one of the accepted values.
    Unknown,
    /// Already used by another record where it must be unique.
    Taken,
    TooShort(usize),
    /// Not lowercase letters, digits and underscores starting with a letter.
    InvalidKey,
    /// Not a `#rrggbb` colour.
    InvalidColour,
    InvalidHostname,
    /// Below zero where only zero or more makes sense (prices, counts).
    Negative,
}

impl FieldError {
    /// Stable key; the client's locale files hold one string per key.
    pub fn key(self) -> &'static str {
        match self {
            FieldError::Required => "required",
            FieldError::TooLong(_) => "too_long",
            FieldError::InvalidEmail => "invalid_email",
            FieldError::InvalidUrl => "invalid_url",
            FieldError::Unknown => "unknown",
            FieldError::Taken => "taken",
            FieldError::TooShort(_) => "too_short",
            FieldError::InvalidKey => "invalid_key",
            FieldError::InvalidColour => "invalid_colour",
            FieldError::InvalidHostname => "invalid_hostname",
            FieldError::Negative => "negative",
        }
    }

    /// The rule behind a [`FieldError::key`]; lengths are not carried.
    pub fn from_key(key: &str) -> Option<FieldError> {
        Some(match key {
            "required" => FieldError::Required,
            "too_long" => FieldError::TooLong(0),
            "invalid_email" => FieldError::InvalidEmail,
            "invalid_url" => FieldError::InvalidUrl,
            "unknown" => FieldError::Unknown,
            "taken" => FieldError::Taken,
            "too_short" => FieldError::TooShort(0),
            "invalid_key" => FieldError::InvalidKey,
            "invalid_colour" => FieldError::InvalidColour,
            "invalid_hostname" => FieldError::InvalidHostname,
            "negative" => FieldError::Negative,
            _ => return None,
        })
    }

    pub fn message(self) -> String {
        match self {
            FieldError::Required => "This field is required.".into(),
            FieldError::TooLong(max) => format!("At most {max} characters."),
            FieldError::InvalidEmail => "Enter an email address like name@example.com.".into(),
            FieldError::InvalidUrl => "Enter a web address starting with https:// or http://.".into(),
            FieldError::Unknown => "This value is not one of the accepted ones.".into(),
            FieldError::Taken => "This is already in use.".into(),
            FieldError::TooShort(min) => format!("At least {min} characters."),
            FieldError::InvalidKey => "Use lowercase letters, digits and underscores, starting with a letter.".into(),
            FieldError::InvalidColour => "Enter a colour like #1d4ed8.".into(),
            FieldError::InvalidHostname => "Enter host names like app.agency.example (lowercase, no port).".into(),
            FieldError::Negative => "This cannot be negative.".into(),
        }
    }
}

/// Errors by field name, in a stable order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FieldErrors(pub BTreeMap<String, FieldError>);

impl FieldErrors {
    pub fn check(&mut self, field: &str, result: Result<(), FieldError>) {
        if let Err(e) = result {
            self.0.entry(field.to_string()).or_insert(e);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn get(&self, field: &str) -> Option<FieldError> {
        self.0.get(field).copied()
    }

    pub fn into_result(self) -> Result<(), FieldErrors> {
        if self.is_empty() {
            Ok(())
        } else {
            Err(self)
        }
    }
}

pub fn required(value: &str) -> Result<(), FieldError> {
    if value.trim().is_empty() {
        Err(FieldError::Required)
    } else {
        Ok(())
    }
}

pub fn max_chars(value: &str, max: usize) -> Result<(), FieldError> {
    if value.chars().count() > max {
        Err(FieldError::TooLong(max))
    } else {
        Ok(())
    }
}

/// A deliberately plain check: one `@`, something before it, a dotted domain after it,
/// no spaces. Deliverability is the mail server's business.
pub fn email(value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    max_chars(value, EMAIL_MAX)?;
    let Some((local, domain)) = value.split_once('@') else {
        return Err(FieldError::InvalidEmail);
    };
    let ok = !local.is_empty()
        && !domain.contains('@')
        && !value.chars().any(char::is_whitespace)
        && domain.split('.').count() >= 2
        && domain.split('.').all(|part| !part.is_empty());
    if ok {
        Ok(())
    } else {
        Err(FieldError::InvalidEmail)
    }
}

pub fn http_url(value: &str) -> Result<(), FieldError> {
    let value = value.trim();
    max_chars(value, URL_MAX).map_err(|_| FieldError::InvalidUrl)?;
    let rest =
        value.strip_prefix("https://").or_else(|| value.strip_prefix("http://")).ok_or(FieldError::InvalidUrl)?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() || value.chars().any(char::is_whitespace) {
        Err(FieldError::InvalidUrl)
    } else {
        Ok(())
    }
}

/// Login form: both fields present.
pub fn login(email_value: &str, password: &str) -> Result<(), FieldErrors> {
    let mut errors = FieldErrors::default();
    errors.check("email", required(email_value));
    errors.check("password", required(password));
    errors.into_result()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn required_ignores_whitespace_only() {
        assert_eq!(required("  \t"), Err(FieldError::Required));
        assert_eq!(required(" a "), Ok(()));
    }

    #[test]
    fn max_chars_counts_characters_not_bytes() {
        let name = "é".repeat(ORG_NAME_MAX);
        assert_eq!(max_chars(&name, ORG_NAME_MAX), Ok(()));
        assert_eq!(max_chars(&format!("{name}e"), ORG_NAME_MAX), Err(FieldError::TooLong(ORG_NAME_MAX)));
    }

    #[test]
    fn emails() {
        for good in ["a@b.co", "owner@northwind.test", " x.y+z@sub.example.org "] {
            assert_eq!(email(good), Ok(()), "{good}");
        }
        for bad in ["", "a", "a@", "@b.co", "a@b", "a@@b.co", "a b@c.de", "a@b..co", "a@.co"] {
            assert_eq!(email(bad), Err(FieldError::InvalidEmail), "{bad}");
        }
    }

    #[test]
    fn urls() {
        assert_eq!(http_url("https://cdn.example.com/logo.png"), Ok(()));
        assert_eq!(http_url("http://localhost:8080/x"), Ok(()));
        for bad in ["", "ftp://x.y", "https://", "javascript:alert(1)", "https://a b.c"] {
            assert_eq!(http_url(bad), Err(FieldError::InvalidUrl), "{bad}");
        }
    }

    #[test]
    fn login_names_each_missing_field() {
        let errors = login("", " ").unwrap_err();
        assert_eq!(errors.get("email"), Some(FieldError::Required));
        assert_eq!(errors.get("password"), Some(FieldError::Required));
        assert!(login("a@b.co", "pw").is_ok());
    }
}
