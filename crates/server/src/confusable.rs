//! Names that look alike: "Acme Dental" and "Acme Dеntal" (a Cyrillic "е") are different
//! text but the same to a reader, which is how a look-alike org or user passes for the
//! real one. A name's skeleton (after Unicode TR 39: compatibility-normalized, lower
//! case, letters that look like Latin ones mapped to them, spacing collapsed) is what a
//! reader sees; a new name whose skeleton equals another's in the same scope is refused.

use unicode_normalization::UnicodeNormalization;

use crate::error::{AppError, AppResult};
use atrium_api::validate::FieldError;

/// 422 `confusable` on `field` when `name` looks like one of `existing` without being it.
pub fn refuse_look_alike(field: &str, name: &str, existing: &[String]) -> AppResult<()> {
    if is_confusable(name, existing.iter().map(String::as_str)) {
        return Err(AppError::field(field, FieldError::Confusable));
    }
    Ok(())
}

/// 422 `confusable` on `field` when `name` looks like one of `existing`, the same text
/// included: a client user may not carry a staff member's name.
pub fn refuse_same_look(field: &str, name: &str, existing: &[String]) -> AppResult<()> {
    let shape = skeleton(name);
    if existing.iter().any(|other| skeleton(other) == shape) {
        return Err(AppError::field(field, FieldError::Confusable));
    }
    Ok(())
}

/// What `name` looks like.
pub fn skeleton(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    let mut space = false;
    // A capital I is a lower-case l to the eye; lower-cased first, it would be an i.
    let lowered = name.nfkc().map(|c| if c == 'I' { 'l' } else { c }).flat_map(char::to_lowercase);
    for c in lowered {
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if space {
            out.push(' ');
            space = false;
        }
        out.push(looks_like(c));
    }
    out
}

/// Whether `name` looks like one of `existing` without being the same text (the same
/// text, in any case, is for the unique indexes to refuse as taken).
pub fn is_confusable<'a>(name: &str, existing: impl IntoIterator<Item = &'a str>) -> bool {
    let (plain, shape) = (name.trim().to_lowercase(), skeleton(name));
    existing.into_iter().any(|other| other.trim().to_lowercase() != plain && skeleton(other) == shape)
}

/// The Latin letter or digit a character is commonly mistaken for (Cyrillic, Greek and
/// a few others from TR 39's confusables), else itself.
fn looks_like(c: char) -> char {
    match c {
        'а' | 'α' => 'a',
        'в' | 'β' => 'b',
        'с' | 'ϲ' => 'c',
        'ԁ' => 'd',
        'е' | 'ε' | 'ё' => 'e',
        'ɡ' => 'g',
        'һ' | 'η' => 'h',
        'і' | 'ι' | 'ı' | 'ӏ' | '1' | '|' | 'l' => 'l',
        'ј' | 'ϳ' => 'j',
        'κ' | 'к' => 'k',
        'м' => 'm',
        'п' | 'ո' => 'n',
        'о' | 'ο' | 'σ' | '0' => 'o',
        'р' | 'ρ' => 'p',
        'ԛ' => 'q',
        'ѕ' => 's',
        'т' | 'τ' => 't',
        'υ' | 'ս' => 'u',
        'ν' | 'ѵ' => 'v',
        'ԝ' | 'ω' => 'w',
        'х' | 'χ' => 'x',
        'у' | 'γ' => 'y',
        'ᴢ' => 'z',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn look_alikes_share_a_skeleton() {
        assert_eq!(skeleton("Acme Dental"), skeleton("Acme D\u{0435}ntal"));
        assert_eq!(skeleton("Acme  Dental "), skeleton("acme dental"));
        assert_eq!(skeleton("ＡＣＭＥ"), skeleton("acme"), "fullwidth letters");
        assert_eq!(skeleton("Paypal"), skeleton("PayPaI"), "capital I for l");
        assert_ne!(skeleton("Acme Dental"), skeleton("Acme Dentist"));
    }

    #[test]
    fn only_a_different_text_with_the_same_look_is_confusable() {
        let existing = ["Acme Dental", "Globex Realty"];
        assert!(is_confusable("Acme D\u{0435}ntal", existing));
        assert!(is_confusable("Gl\u{043e}bex Realty", existing));
        assert!(!is_confusable("acme dental", existing), "the same name: the unique index's business");
        assert!(!is_confusable("Initech", existing));
        assert!(!is_confusable("Café Olé", ["Cafe Ole"]), "accents are visible");
    }
}
