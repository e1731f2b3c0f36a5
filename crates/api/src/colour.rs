//! Colours and their contrast (WCAG 2): the one place both the server (validating a brand
//! colour) and the client (deriving readable shades of it) take their rules from.

/// `#rgb` or `#rrggbb` → [r, g, b]; `None` for anything else (names, `rgb()`, CSS
/// injection): only such colours are stored or reach a style attribute.
pub fn parse_hex(s: &str) -> Option<[u8; 3]> {
    if !is_hex_colour(s) {
        return None;
    }
    let hex = &s[1..];
    let channel = |i: usize, len: usize| u8::from_str_radix(&hex[i * len..(i + 1) * len], 16).ok();
    if hex.len() == 3 {
        Some([channel(0, 1)? * 17, channel(1, 1)? * 17, channel(2, 1)? * 17])
    } else {
        Some([channel(0, 2)?, channel(1, 2)?, channel(2, 2)?])
    }
}

/// `#rgb` or `#rrggbb`.
pub fn is_hex_colour(s: &str) -> bool {
    let Some(hex) = s.strip_prefix('#') else {
        return false;
    };
    matches!(hex.len(), 3 | 6) && hex.chars().all(|c| c.is_ascii_hexdigit())
}

fn to_hex(c: [u8; 3]) -> String {
    format!("#{:02x}{:02x}{:02x}", c[0], c[1], c[2])
}

/// WCAG relative luminance.
fn luminance(c: [u8; 3]) -> f64 {
    let lin = |v: u8| {
        let v = f64::from(v) / 255.0;
        if v <= 0.04045 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        }
    };
    0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])
}

/// WCAG contrast ratio, 1 to 21.
pub fn contrast(a: [u8; 3], b: [u8; 3]) -> f64 {
    let (la, lb) = (luminance(a), luminance(b));
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The contrast ratio of two hex colours; `None` if either is not one.
pub fn contrast_ratio(a: &str, b: &str) -> Option<f64> {
    Some(contrast(parse_hex(a)?, parse_hex(b)?))
}

/// Any colour an agency picks stays readable (WCAG AA, 4.5:1): `text` is the brand
/// darkened as far as needed to be read on the light surfaces, `fill` is the brand as a
/// background (darkened only when neither white nor dark text can be read on it) and
/// `on_fill` the text colour drawn on it.
#[derive(Debug, PartialEq)]
pub struct BrandPalette {
    pub text: String,
    pub fill: String,
    pub on_fill: String,
}

const WHITE: [u8; 3] = [0xff, 0xff, 0xff];
/// `--text`, the dark text colour of the stylesheet.
const DARK_TEXT: [u8; 3] = [0x11, 0x18, 0x27];
/// The lightest tinted surface brand-coloured text sits on (`.author-human`, notices).
const LIGHTEST_TINT: [u8; 3] = [0xee, 0xf2, 0xff];
const AA: f64 = 4.5;

impl BrandPalette {
    pub fn from_hex(hex: &str) -> Option<BrandPalette> {
        let brand = parse_hex(hex)?;
        let text = darken_until(brand, |c| contrast(c, LIGHTEST_TINT) >= AA);
        let (fill, on_fill) = if contrast(brand, WHITE) >= AA {
            (brand, WHITE)
        } else if contrast(brand, DARK_TEXT) >= AA {
            (brand, DARK_TEXT)
        } else {
            (darken_until(brand, |c| contrast(c, WHITE) >= AA), WHITE)
        };
        Some(BrandPalette { text: to_hex(text), fill: to_hex(fill), on_fill: to_hex(on_fill) })
    }
}

/// The colour itself when it already passes, else the first of ever darker shades that
/// does (black passes every test used here).
fn darken_until(c: [u8; 3], ok: impl Fn([u8; 3]) -> bool) -> [u8; 3] {
    (0..=20)
        .map(|step| {
            let keep = 1.0 - f64::from(step) * 0.05;
            c.map(|v| (f64::from(v) * keep).round() as u8)
        })
        .find(|&shade| ok(shade))
        .unwrap_or([0, 0, 0])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_hex_colours_reach_the_style() {
        assert!(is_hex_colour("#1d4ed8"));
        assert!(is_hex_colour("#fff"));
        assert!(!is_hex_colour("red; background: url(x)"));
        assert!(!is_hex_colour("#12345g"));
        assert!(!is_hex_colour("1d4ed8"));
    }

    #[test]
    fn a_dark_brand_is_used_as_it_is() {
        let p = BrandPalette::from_hex("#1d4ed8").unwrap();
        assert_eq!(p, BrandPalette { text: "#1d4ed8".into(), fill: "#1d4ed8".into(), on_fill: "#ffffff".into() });
    }

    #[test]
    fn any_brand_colour_gives_readable_text_and_buttons() {
        for hex in ["#fff", "#ffff00", "#fbbf24", "#22c55e", "#808080", "#0ea5e9", "#f472b6", "#000000", "#1d4ed8"] {
            let p = BrandPalette::from_hex(hex).unwrap();
            let [text, fill, on_fill] = [&p.text, &p.fill, &p.on_fill].map(|c| parse_hex(c).unwrap());
            assert!(contrast(text, WHITE) >= 4.5 && contrast(text, LIGHTEST_TINT) >= 4.5, "{hex}: text {}", p.text);
            assert!(contrast(fill, on_fill) >= 4.5, "{hex}: {} on {}", p.on_fill, p.fill);
        }
        // A light brand keeps its colour as a fill, with dark text on it.
        assert_eq!(BrandPalette::from_hex("#ffff00").unwrap().fill, "#ffff00");
        assert_eq!(BrandPalette::from_hex("#ffff00").unwrap().on_fill, "#111827");
    }

    #[test]
    fn contrast_matches_wcag_reference_values() {
        assert!((contrast_ratio("#000000", "#ffffff").unwrap() - 21.0).abs() < 0.01);
        assert!((contrast_ratio("#ffffff", "#ffffff").unwrap() - 1.0).abs() < 0.01);
        // #767676 on white is the well-known AA threshold (4.54).
        assert!((contrast_ratio("#767676", "#ffffff").unwrap() - 4.54).abs() < 0.01);
        assert!(contrast_ratio("#1d4ed8", "#fff").unwrap() >= AA);
        assert!(contrast_ratio("#facc15", "#fff").unwrap() < AA, "yellow on white fails");
        assert_eq!(contrast_ratio("blue", "#ffffff"), None);
    }
}
