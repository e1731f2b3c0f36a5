//! Login throttling: failed attempts per account and per client address in a sliding window.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

pub struct LoginLimiter {
    window: Duration,
    per_account: usize,
    per_address: usize,
    failures: Mutex<HashMap<String, Vec<Instant>>>,
}

impl LoginLimiter {
    pub fn new(window: Duration, per_account: usize, per_address: usize) -> Self {
        LoginLimiter { window, per_account, per_address, failures: Mutex::new(HashMap::new()) }
    }

    /// `Err(seconds to wait)` when the account or the address has failed too often.
    pub fn check(&self, account: &str, address: Option<&str>) -> Result<(), u64> {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        let mut wait = 0;
        let keys = [(format!("account:{account}"), self.per_account)]
            .into_iter()
            .chain(address.map(|a| (format!("address:{a}"), self.per_address)));
        for (key, limit) in keys {
            if let Some(times) = failures.get_mut(&key) {
                times.retain(|t| now.duration_since(*t) < self.window);
                if times.len() >= limit {
                    let oldest = times[0];
                    let left = self.window.saturating_sub(now.duration_since(oldest));
                    wait = wait.max(left.as_secs().max(1));
                }
            }
        }
        if wait > 0 {
            Err(wait)
        } else {
            Ok(())
        }
    }

    pub fn record_failure(&self, account: &str, address: Option<&str>) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        let now = Instant::now();
        failures.entry(format!("account:{account}")).or_default().push(now);
        if let Some(a) = address {
            failures.entry(format!("address:{a}")).or_default().push(now);
        }
    }

    pub fn clear_account(&self, account: &str) {
        let mut failures = self.failures.lock().unwrap_or_else(|e| e.into_inner());
        failures.remove(&format!("account:{account}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_after_the_limit_and_clears_on_success() {
        let limiter = LoginLimiter::new(Duration::from_secs(60), 3, 100);
        for _ in 0..3 {
            assert!(limiter.check("a@b.co", Some("1.2.3.4")).is_ok());
            limiter.record_failure("a@b.co", Some("1.2.3.4"));
        }
        let wait = limiter.check("a@b.co", Some("1.2.3.4")).unwrap_err();
        assert!((1..=60).contains(&wait));
        assert!(limiter.check("other@b.co", Some("1.2.3.4")).is_ok(), "other accounts are not blocked");
        limiter.clear_account("a@b.co");
        assert!(limiter.check("a@b.co", Some("1.2.3.4")).is_ok());
    }

    #[test]
    fn blocks_an_address_trying_many_accounts() {
        let limiter = LoginLimiter::new(Duration::from_secs(60), 100, 2);
        limiter.record_failure("a@b.co", Some("9.9.9.9"));
        limiter.record_failure("c@d.co", Some("9.9.9.9"));
        assert!(limiter.check("e@f.co", Some("9.9.9.9")).is_err());
        assert!(limiter.check("e@f.co", Some("8.8.8.8")).is_ok());
    }
}
