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
    /// Not a `#rrggbb` or `#rgb` colour.
    InvalidColour,
    InvalidHostname,
    /// A hostname no agency may claim: an IP address, `localhost`, or the platform's own
    /// domain.
    ReservedHostname,
    /// Not a web origin like `https://www.agency.example` (scheme, host, optional port).
    InvalidOrigin,
    /// Below zero where only zero or more makes sense (prices, counts).
    Negative,
    /// Not what was expected (a current password).
    Incorrect,
    /// A link that is not valid, or no longer (a password reset).
    ExpiredLink,
    /// Holds control or invisible formatting characters (NUL, zero-width spaces,
    /// right-to-left overrides), which make one name look like another.
    InvalidCharacters,
    /// Looks the same as another name in use here (e.g. Cyrillic "а" for Latin "a").
    Confusable,
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
            FieldError::ReservedHostname => "reserved_hostname",
            FieldError::InvalidOrigin => "invalid_origin",
            FieldError::Negative => "negative",
            FieldError::Incorrect => "incorrect",
            FieldError::ExpiredLink => "expired_link",
            FieldError::InvalidCharacters => "invalid_characters",
            FieldError::Confusable => "confusable",
        }
    }

    /// The length a `TooLong` or `TooShort` field must keep to; `None` for other rules.
    pub fn limit(self) -> Option<usize> {
        match self {
            FieldError::TooLong(n) | FieldError::TooShort(n) => Some(n),
            _ => None,
        }
    }

    /// The rule behind a [`FieldError::key`], with `limit` for the rules that have one
    /// (0 when the limit is not known).
    pub fn from_key(key: &str, limit: Option<usize>) -> Option<FieldError> {
        let limit = limit.unwrap_or(0);
        Some(match key {
            "required" => FieldError::Required,
            "too_long" => FieldError::TooLong(limit),
            "invalid_email" => FieldError::InvalidEmail,
            "invalid_url" => FieldError::InvalidUrl,
            "unknown" => FieldError::Unknown,
            "taken" => FieldError::Taken,
            "too_short" => FieldError::TooShort(limit),
            "invalid_key" => FieldError::InvalidKey,
            "invalid_colour" => FieldError::InvalidColour,
            "invalid_hostname" => FieldError::InvalidHostname,
            "reserved_hostname" => FieldError::ReservedHostname,
            "invalid_origin" => FieldError::InvalidOrigin,
            "negative" => FieldError::Negative,
            "incorrect" => FieldError::Incorrect,
            "expired_link" => FieldError::ExpiredLink,
            "invalid_characters" => FieldError::InvalidCharacters,
            "confusable" => FieldError::Confusable,
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
            FieldError::InvalidOrigin => "Enter an origin like https://www.agency.example (no path).".into(),
            FieldError::ReservedHostname => {
                "IP addresses, localhost and the platform's own domain cannot be used; use your own domain.".into()
            }
            FieldError::Negative => "This cannot be negative.".into(),
            FieldError::Incorrect => "This is not correct.".into(),
            FieldError::ExpiredLink => "This link is not valid or has expired: ask for a new one.".into(),
            FieldError::InvalidCharacters => "Remove control or invisible characters.".into(),
            FieldError::Confusable => "This looks the same as a name already in use.".into(),
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

/// Control characters and invisible formatting characters (Unicode category Cf) other
/// than the zero-width joiner that emoji sequences need: in a name or an email they only
/// serve to make one identity look like another, or to flip the text around it.
pub fn visible_text(value: &str) -> Result<(), FieldError> {
    if value.chars().any(|c| c.is_control() || (is_format_char(c) && c != '\u{200d}') || is_blank_filler(c)) {
        Err(FieldError::InvalidCharacters)
    } else {
        Ok(())
    }
}

/// Default-ignorable letters and marks that render as nothing (the combining grapheme
/// joiner, Hangul fillers, Khmer inherent vowels, Mongolian selectors). Variation
/// selectors stay: emoji need them.
fn is_blank_filler(c: char) -> bool {
    matches!(c as u32, 0x34F | 0x115F | 0x1160 | 0x17B4 | 0x17B5 | 0x180B..=0x180F | 0x3164 | 0xFFA0)
}

/// Unicode's format characters (general category Cf).
fn is_format_char(c: char) -> bool {
    matches!(c as u32,
        0xAD | 0x600..=0x605 | 0x61C | 0x6DD | 0x70F | 0x890..=0x891 | 0x8E2 | 0x180E
        | 0x200B..=0x200F | 0x202A..=0x202E | 0x2060..=0x2064 | 0x2066..=0x206F | 0xFEFF
        | 0xFFF9..=0xFFFB | 0x110BD | 0x110CD | 0x13430..=0x1343F | 0x1BCA0..=0x1BCA3
        | 0x1D173..=0x1D17A | 0xE0001 | 0xE0020..=0xE007F)
}

/// A name people read (of an org, a user, a team, an agent, an agency): present, at most
/// `max` characters, nothing invisible in it.
pub fn visible_name(value: &str, max: usize) -> Result<(), FieldError> {
    required(value)?;
    max_chars(value.trim(), max)?;
    visible_text(value)
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
    visible_text(value).map_err(|_| FieldError::InvalidEmail)?;
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
    errors.check("email", required(email_value).and_then(|()| max_chars(email_value, EMAIL_MAX)));
    errors.check("password", required(password).and_then(|()| max_chars(password, crate::people::PASSWORD_MAX)));
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
    fn invisible_and_control_characters_are_refused() {
        for bad in [
            "owner@northwind.test\u{200b}",
            "admin@acme.test\u{0}",
            "Acme Dental\u{200b}",
            "abc\u{202e}def",
            "a\u{2066}b",
            "Acme Dental\u{34f}",
            "Acme\u{3164}Dental",
        ] {
            assert_eq!(visible_text(bad), Err(FieldError::InvalidCharacters), "{bad:?}");
        }
        assert_eq!(email("owner@northwind.test\u{200b}"), Err(FieldError::InvalidEmail));
        for good in ["Acme Dental", "Zoë Ça", "مرحبا", "👩\u{200d}💻 team", "Ελληνικά", "❤\u{fe0f} Care"]
        {
            assert_eq!(visible_text(good), Ok(()), "{good:?}");
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
        let long = "a".repeat(EMAIL_MAX + 1);
        assert_eq!(login(&long, "pw").unwrap_err().get("email"), Some(FieldError::TooLong(EMAIL_MAX)));
    }
}
