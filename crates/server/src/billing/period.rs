//! Calendar arithmetic for billing periods, and the one timestamp format every billing
//! column holds (the same as `store::now`'s, so that text comparison is time comparison).

use atrium_api::PlanInterval;
use time::format_description::well_known::Rfc3339;
use time::{Date, Month, OffsetDateTime, UtcOffset};

/// One interval after `t`, by the calendar: the same day of the next month (or year),
/// clamped to that month's last day, so Jan 31 + 1 month is Feb 28 (29 in leap years)
/// and Feb 29 + 1 year is Feb 28.
pub fn add_interval(t: OffsetDateTime, interval: PlanInterval) -> OffsetDateTime {
    let (year, month) = match interval {
        PlanInterval::Month if t.month() == Month::December => (t.year() + 1, Month::January),
        PlanInterval::Month => (t.year(), t.month().next()),
        PlanInterval::Year => (t.year() + 1, t.month()),
    };
    let day = t.day().min(month.length(year));
    // The clamped day exists in that month, so this cannot fail; keep `t` if it somehow did.
    Date::from_calendar_date(year, month, day).map(|d| t.replace_date(d)).unwrap_or(t)
}

/// The calendar month holding `t`: what usage counts against without a subscription.
pub fn calendar_month(t: OffsetDateTime) -> (OffsetDateTime, OffsetDateTime) {
    let start = Date::from_calendar_date(t.year(), t.month(), 1).map(|d| d.midnight().assume_utc()).unwrap_or(t);
    (start, add_interval(start, PlanInterval::Month))
}

/// `t` as stored: RFC 3339 UTC with six fractional digits, one width for every value.
pub fn stamp(t: OffsetDateTime) -> String {
    let t = t.to_offset(UtcOffset::UTC);
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

/// A stored timestamp back as a time; `None` if it does not parse.
pub fn parse(stamp: &str) -> Option<OffsetDateTime> {
    OffsetDateTime::parse(stamp, &Rfc3339).ok()
}

/// `2024-01-31 to 2024-02-29`: how invoice lines name a period.
pub fn label(start: OffsetDateTime, end: OffsetDateTime) -> String {
    format!("{} to {}", start.date(), end.date())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: Month, d: u8) -> OffsetDateTime {
        Date::from_calendar_date(y, m, d).unwrap().with_hms(10, 30, 0).unwrap().assume_utc()
    }

    #[test]
    fn months_and_years_follow_the_calendar() {
        assert_eq!(add_interval(at(2024, Month::January, 15), PlanInterval::Month), at(2024, Month::February, 15));
        assert_eq!(add_interval(at(2024, Month::January, 31), PlanInterval::Month), at(2024, Month::February, 29));
        assert_eq!(add_interval(at(2023, Month::January, 31), PlanInterval::Month), at(2023, Month::February, 28));
        assert_eq!(add_interval(at(2024, Month::December, 31), PlanInterval::Month), at(2025, Month::January, 31));
        assert_eq!(add_interval(at(2024, Month::February, 29), PlanInterval::Year), at(2025, Month::February, 28));
        assert_eq!(add_interval(at(2024, Month::March, 1), PlanInterval::Year), at(2025, Month::March, 1));
    }

    #[test]
    fn stamps_round_trip_and_sort_as_times() {
        let t = at(2024, Month::March, 5);
        assert_eq!(stamp(t), "2024-03-05T10:30:00.000000Z");
        assert_eq!(parse(&stamp(t)), Some(t));
        assert!(stamp(t) < stamp(t + time::Duration::microseconds(1)));
        assert_eq!(label(t, add_interval(t, PlanInterval::Month)), "2024-03-05 to 2024-04-05");
        let (start, end) = calendar_month(t);
        assert_eq!(
            (stamp(start).as_str(), stamp(end).as_str()),
            ("2024-03-01T00:00:00.000000Z", "2024-04-01T00:00:00.000000Z")
        );
    }
}
