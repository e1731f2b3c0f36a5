//! Timestamps as the stored RFC 3339 text every timestamp column holds.

use std::time::Duration;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

/// Now, as the RFC 3339 UTC text every timestamp column holds (see [`timestamp`]).
pub fn now() -> String {
    stored(OffsetDateTime::now_utc())
}

/// The stored form of `seconds` from now.
pub fn seconds_from_now(seconds: i64) -> String {
    stored(OffsetDateTime::now_utc() + time::Duration::seconds(seconds))
}

/// `rfc3339` (any offset, any number of fractional digits) in the form the timestamp
/// columns hold, so that it compares with them as text; `None` when it does not parse.
/// Beyond the stored microseconds it rounds up: `>=` it then keeps only what is at or after
/// the instant given.
pub fn timestamp(rfc3339: &str) -> Option<String> {
    let t = OffsetDateTime::parse(rfc3339, &Rfc3339).ok()?.to_offset(time::UtcOffset::UTC);
    let t = if t.nanosecond() % 1_000 == 0 {
        t
    } else {
        t + Duration::from_nanos(1_000 - u64::from(t.nanosecond() % 1_000))
    };
    // The columns' text sorts as the times do only within four-digit years.
    (0..=9999).contains(&t.year()).then(|| stored(t))
}

/// UTC text always with six fractional digits: text of one width sorts as the times do,
/// which `ORDER BY` and comparisons on these columns rely on (the `time` crate's own
/// RFC 3339 output drops trailing zeros, so `…05.1Z` would sort after `…05.12Z`).
fn stored(t: OffsetDateTime) -> String {
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:06}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second(),
        t.microsecond()
    )
}

/// Whether the stored time `rfc3339` has come (an unreadable one counts as passed).
pub fn has_passed(rfc3339: &str) -> bool {
    seconds_since(rfc3339).is_none_or(|past| past >= 0)
}

/// Seconds since `rfc3339`, or `None` when it does not parse.
pub fn seconds_since(rfc3339: &str) -> Option<i64> {
    let then = OffsetDateTime::parse(rfc3339, &Rfc3339).ok()?;
    Some((OffsetDateTime::now_utc() - then).whole_seconds())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn given_timestamps_take_the_stored_form() {
        assert_eq!(timestamp("2024-05-01T00:00:00Z").as_deref(), Some("2024-05-01T00:00:00.000000Z"));
        assert_eq!(timestamp("2024-05-01T02:30:00.5+02:00").as_deref(), Some("2024-05-01T00:30:00.500000Z"));
        // Nanoseconds round up to the next stored microsecond, never down to an earlier one.
        assert_eq!(timestamp("2024-05-01T00:00:00.123456001Z").as_deref(), Some("2024-05-01T00:00:00.123457Z"));
        assert_eq!(timestamp("2024-12-31T23:59:59.9999999Z").as_deref(), Some("2025-01-01T00:00:00.000000Z"));
        for bad in ["", "yesterday", "2024-05-01", "2024-05-01 00:00:00", "2024-13-01T00:00:00Z", "2024-05-01T00:00:00"]
        {
            assert_eq!(timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn timestamps_are_rfc3339_of_one_width() {
        let a = now();
        assert_eq!(a.len(), "2024-01-02T03:04:05.123456Z".len(), "{a}");
        assert!(OffsetDateTime::parse(&a, &Rfc3339).is_ok(), "{a}");
        assert!(seconds_since(&a).is_some_and(|s| (0..5).contains(&s)));
        assert!(now() >= a, "later text sorts later");
    }
}
