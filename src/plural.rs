//! Counted phrases in the reader's language ("1 unsaved change", "2 niezapisane zmiany",
//! "٣ تغييرات"). Each such string carries the six CLDR plural forms as keys (`zero`, `one`,
//! `two`, `few`, `many`, `other`: a language fills those it uses, the rest repeat `other`),
//! and the browser's `Intl.PluralRules` (the CLDR rules every browser ships) picks the
//! form. leptos_i18n's own plurals would put ICU's rule data into the wasm every visitor
//! downloads.

/// A CLDR plural category.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Plural {
    Zero,
    One,
    Two,
    Few,
    Many,
    Other,
}

/// The plural category of `n` in `locale`; off the browser, English's (one for 1).
pub fn category(n: i64, locale: &str) -> Plural {
    if !cfg!(target_arch = "wasm32") {
        return if n == 1 { Plural::One } else { Plural::Other };
    }
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale));
    let rules = js_sys::Intl::PluralRules::new(&locales, &js_sys::Object::new());
    match String::from(rules.select(n as f64)).as_str() {
        "zero" => Plural::Zero,
        "one" => Plural::One,
        "two" => Plural::Two,
        "few" => Plural::Few,
        "many" => Plural::Many,
        _ => Plural::Other,
    }
}

/// `counted!(i18n, save_bar.changes, n, count = shown)`: the form of the counted string
/// `save_bar.changes` that the reader's language uses for `n`, with `{{ count }}` as
/// `shown` (`n` in the locale's digits).
#[macro_export]
macro_rules! counted {
    ($i18n:expr, $($key:ident).+, $n:expr, count = $count:expr) => {{
        let count = $count;
        match $crate::plural::category($n, leptos_i18n::Locale::as_str($i18n.get_locale())) {
            $crate::plural::Plural::Zero => t_string!($i18n, $($key).+.zero, count = count).to_string(),
            $crate::plural::Plural::One => t_string!($i18n, $($key).+.one, count = count).to_string(),
            $crate::plural::Plural::Two => t_string!($i18n, $($key).+.two, count = count).to_string(),
            $crate::plural::Plural::Few => t_string!($i18n, $($key).+.few, count = count).to_string(),
            $crate::plural::Plural::Many => t_string!($i18n, $($key).+.many, count = count).to_string(),
            $crate::plural::Plural::Other => t_string!($i18n, $($key).+.other, count = count).to_string(),
        }
    }};
}
