//! The time as billing reads it. Periods, due dates and renewals all hang on "now"; a
//! clock that tests can set makes them deterministic without ever sleeping.

use std::sync::{Arc, Mutex};
use time::OffsetDateTime;

/// The real UTC time, unless [`Clock::set`] froze it. Clones share one setting, so a test
/// keeps a clone of the clock it put in `Settings` and moves the server's time with it.
#[derive(Clone, Debug, Default)]
pub struct Clock {
    frozen: Arc<Mutex<Option<OffsetDateTime>>>,
}

impl Clock {
    pub fn now(&self) -> OffsetDateTime {
        self.frozen.lock().map(|f| *f).unwrap_or(None).unwrap_or_else(OffsetDateTime::now_utc)
    }

    /// Stops the clock at `at` (UTC): every later `now` answers it until the next `set`.
    pub fn set(&self, at: OffsetDateTime) {
        if let Ok(mut frozen) = self.frozen.lock() {
            *frozen = Some(at.to_offset(time::UtcOffset::UTC));
        }
    }

    /// Moves a frozen clock on by `by` (freezing it at the real time first if needed).
    pub fn advance(&self, by: time::Duration) {
        self.set(self.now() + by);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_set_clock_stays_put_and_clones_share_it() {
        let clock = Clock::default();
        let copy = clock.clone();
        let at = OffsetDateTime::from_unix_timestamp(1_700_000_000).unwrap();
        clock.set(at);
        assert_eq!(copy.now(), at);
        copy.advance(time::Duration::days(1));
        assert_eq!(clock.now(), at + time::Duration::days(1));
    }
}
