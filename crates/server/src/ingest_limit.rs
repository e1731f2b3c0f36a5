//! A token bucket per agency API key for `POST /ingest/messages`: a runaway or stolen key
//! cannot flood an agency's inboxes or the database. Per server process: behind N
//! replicas a key may send N times the rate, which bounds each replica's work, the point.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

pub struct IngestLimiter {
    per_second: f64,
    burst: f64,
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

impl IngestLimiter {
    /// `per_second` messages a second, with a burst of twice that.
    pub fn new(per_second: u32) -> Self {
        let per_second = f64::from(per_second.max(1));
        IngestLimiter { per_second, burst: per_second * 2.0, buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one message's token for the key whose hash is `key`; `Err(seconds to wait)`
    /// when its bucket is empty.
    pub fn take(&self, key: &str) -> Result<(), u64> {
        let now = Instant::now();
        let mut buckets = self.buckets.lock().unwrap_or_else(|p| p.into_inner());
        let (tokens, since) = buckets.entry(key.to_string()).or_insert((self.burst, now));
        *tokens = (*tokens + now.duration_since(*since).as_secs_f64() * self.per_second).min(self.burst);
        *since = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / self.per_second).ceil().max(1.0) as u64)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_key_gets_its_burst_then_waits_and_others_are_not_affected() {
        let limiter = IngestLimiter::new(5);
        for _ in 0..10 {
            assert_eq!(limiter.take("a"), Ok(()));
        }
        assert_eq!(limiter.take("a"), Err(1));
        assert_eq!(limiter.take("b"), Ok(()), "another key has its own bucket");
    }
}
