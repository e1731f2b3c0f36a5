//! Dates and numbers in the reader's locale, through the browser's Intl.

// One date format and one date-and-time format for the whole app, each the locale's own
// "medium" style (`Nov 28, 2026`, `28 nov 2026`, `28.11.2026, 04:15`): spelled-out months
// are never ambiguous between day-first and month-first readers.

/// `2026-11-28T04:15:31Z` as a date in `locale` (`Nov 28, 2026`, `28 nov 2026`).
pub fn date(rfc3339: &str, locale: &str) -> String {
    local(rfc3339, locale, &[("dateStyle", "medium")], 10)
}

/// Date and time to the minute (`Nov 28, 2026, 4:15 AM`), for messages and logs.
pub fn date_time(rfc3339: &str, locale: &str) -> String {
    local(rfc3339, locale, &[("dateStyle", "medium"), ("timeStyle", "short")], 16)
}

/// Day and month only (`Nov 28`, `28. Nov.`), for a chart's axis.
pub fn short_date(rfc3339: &str, locale: &str) -> String {
    local(rfc3339, locale, &[("month", "short"), ("day", "numeric")], 10)
}

/// `toLocaleString(locale, options)`; off the browser, or when it cannot parse `rfc3339`,
/// the first `plain` characters of the timestamp with `T` as a space.
fn local(rfc3339: &str, locale: &str, options: &[(&str, &str)], plain: usize) -> String {
    let fallback = || rfc3339.replace('T', " ").chars().take(plain).collect();
    if !cfg!(target_arch = "wasm32") {
        return fallback();
    }
    let ms = js_sys::Date::parse(rfc3339);
    if ms.is_nan() {
        return fallback();
    }
    let intl_options = js_sys::Object::new();
    for (key, value) in options {
        let _ = js_sys::Reflect::set(&intl_options, &(*key).into(), &(*value).into());
    }
    js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms)).to_locale_string(locale, &intl_options).into()
}

/// An integer with the locale's digit grouping (`12,345`, `12.345`, `١٢٬٣٤٥`).
pub fn number(n: i64, locale: &str) -> String {
    if !cfg!(target_arch = "wasm32") {
        return n.to_string();
    }
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale));
    let format = js_sys::Intl::NumberFormat::new(&locales, &js_sys::Object::new());
    format
        .format()
        .call1(&format, &wasm_bindgen::JsValue::from_f64(n as f64))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| n.to_string())
}

/// An amount of minor units as money in `locale` (`$29.00`, `29,00 €`, `¥2,900`).
pub fn money(cents: i64, currency: &str, locale: &str) -> String {
    let digits = atrium_api::billing::minor_digits(currency).unwrap_or(2);
    let major = cents as f64 / 10f64.powi(digits as i32);
    let fallback = || format!("{major:.prec$} {currency}", prec = digits as usize);
    if !cfg!(target_arch = "wasm32") {
        return fallback();
    }
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale));
    let options = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&options, &"style".into(), &"currency".into());
    let _ = js_sys::Reflect::set(&options, &"currency".into(), &currency.into());
    let format = js_sys::Intl::NumberFormat::new(&locales, &options);
    format
        .format()
        .call1(&format, &wasm_bindgen::JsValue::from_f64(major))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(fallback)
}

/// The start of the reader's day (local midnight) as an RFC 3339 UTC timestamp: what
/// "today" means to them, in the form the API compares with.
pub fn local_midnight_utc() -> String {
    if !cfg!(target_arch = "wasm32") {
        return String::new();
    }
    let midnight = js_sys::Date::new_0();
    midnight.set_hours(0);
    midnight.set_minutes(0);
    midnight.set_seconds(0);
    midnight.set_milliseconds(0);
    String::from(midnight.to_iso_string())
}

/// A ratio such as a contrast, with one decimal in the locale's style (`4.5`, `4,5`).
pub fn one_decimal(x: f64, locale: &str) -> String {
    if !cfg!(target_arch = "wasm32") {
        return to_a_tenth(x);
    }
    let locales = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(locale));
    let options = js_sys::Object::new();
    for key in ["minimumFractionDigits", "maximumFractionDigits"] {
        let _ = js_sys::Reflect::set(&options, &key.into(), &1.into());
    }
    let format = js_sys::Intl::NumberFormat::new(&locales, &options);
    format
        .format()
        .call1(&format, &wasm_bindgen::JsValue::from_f64(x))
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_else(|| to_a_tenth(x))
}

/// `x` to one decimal, as `{:.1}` writes it but for halfway cases, rounded away from zero
/// (SVG coordinates, and the fallback above). By integers: formatting an `f64` would bring Rust's float printing (about 10 KB of wasm).
pub fn to_a_tenth(x: f64) -> String {
    let tenths = (x.abs() * 10.0).round() as u64;
    let sign = if x.is_sign_negative() { "-" } else { "" };
    format!("{sign}{}.{}", tenths / 10, tenths % 10)
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_tenth_is_written_as_the_standard_formatter_writes_it() {
        for x in [0.0, 44.0, 97.26, 170.04, 599.96, 4.5, 21.0, -3.27, -0.01, 12345.67] {
            assert_eq!(super::to_a_tenth(x), format!("{x:.1}"), "{x}");
        }
    }

    #[test]
    fn off_the_browser_dates_fall_back_to_their_date_part() {
        assert_eq!(super::date("2026-11-28T04:15:31Z", "en"), "2026-11-28");
        assert_eq!(super::date_time("2026-11-28T04:15:31Z", "en"), "2026-11-28 04:15");
        assert_eq!(super::number(12345, "en"), "12345");
        assert_eq!(super::money(2900, "USD", "en"), "29.00 USD");
        assert_eq!(super::money(2900, "JPY", "en"), "2900 JPY");
    }
}
