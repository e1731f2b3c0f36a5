//! Login throttling: failed attempts per account and per client address in a sliding
//! window. The attempts live in the database (`login_failures`), so every replica of the
//! server counts the same ones; this module holds only the limits.

use crate::store::{self, Db};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

pub struct LoginLimiter {
    window: Duration,
    per_account: i64,
    per_address: i64,
}

impl LoginLimiter {
    pub fn new(window: Duration, per_account: usize, per_address: usize) -> Self {
        LoginLimiter { window, per_account: per_account as i64, per_address: per_address as i64 }
    }

    /// `Some(seconds to wait)` when the account or the address has failed too often.
    pub async fn check(&self, db: &Db, account: &str, address: Option<&str>) -> Result<Option<u64>, sqlx::Error> {
        let now = now_ms();
        let window = self.window.as_millis() as i64;
        let mut wait = 0;
        for (key, limit) in self.keys(account, address) {
            let (failures, oldest) = store::login_failures_since(db, &key, now - window).await?;
            if failures >= limit {
                let left_ms = (oldest.unwrap_or(now) + window - now).max(0);
                wait = wait.max((left_ms as u64).div_ceil(1000).max(1));
            }
        }
        Ok((wait > 0).then_some(wait))
    }

    pub async fn record_failure(&self, db: &Db, account: &str, address: Option<&str>) -> Result<(), sqlx::Error> {
        let keys: Vec<String> = self.keys(account, address).map(|(key, _)| key).collect();
        let now = now_ms();
        store::record_login_failure(db, &keys, now, now - self.window.as_millis() as i64).await
    }

    pub async fn clear_account(&self, db: &Db, account: &str) -> Result<(), sqlx::Error> {
        store::clear_login_failures(db, &format!("account:{account}")).await
    }

    fn keys(&self, account: &str, address: Option<&str>) -> impl Iterator<Item = (String, i64)> {
        [(format!("account:{account}"), self.per_account)]
            .into_iter()
            .chain(address.map(|a| (format!("address:{a}"), self.per_address)))
    }
}

fn now_ms() -> i64 {
    SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as i64).unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn db() -> (tempfile::TempDir, Db) {
        let dir = tempfile::tempdir().unwrap();
        let db = store::connect(&format!("sqlite://{}", dir.path().join("t.db").display())).await.unwrap();
        (dir, db)
    }

    #[tokio::test]
    async fn blocks_after_the_limit_and_clears_on_success() {
        let (_dir, db) = db().await;
        let limiter = LoginLimiter::new(Duration::from_secs(60), 3, 100);
        for _ in 0..3 {
            assert_eq!(limiter.check(&db, "a@b.co", Some("1.2.3.4")).await.unwrap(), None);
            limiter.record_failure(&db, "a@b.co", Some("1.2.3.4")).await.unwrap();
        }
        let wait = limiter.check(&db, "a@b.co", Some("1.2.3.4")).await.unwrap().expect("blocked");
        assert!((1..=60).contains(&wait));
        assert_eq!(limiter.check(&db, "other@b.co", Some("1.2.3.4")).await.unwrap(), None, "other accounts");
        limiter.clear_account(&db, "a@b.co").await.unwrap();
        assert_eq!(limiter.check(&db, "a@b.co", Some("1.2.3.4")).await.unwrap(), None);
    }

    #[tokio::test]
    async fn blocks_an_address_trying_many_accounts() {
        let (_dir, db) = db().await;
        let limiter = LoginLimiter::new(Duration::from_secs(60), 100, 2);
        limiter.record_failure(&db, "a@b.co", Some("9.9.9.9")).await.unwrap();
        limiter.record_failure(&db, "c@d.co", Some("9.9.9.9")).await.unwrap();
        assert!(limiter.check(&db, "e@f.co", Some("9.9.9.9")).await.unwrap().is_some());
        assert_eq!(limiter.check(&db, "e@f.co", Some("8.8.8.8")).await.unwrap(), None);
    }

    #[tokio::test]
    async fn two_limiters_on_one_database_count_the_same_failures() {
        let (_dir, db) = db().await;
        let (a, b) =
            (LoginLimiter::new(Duration::from_secs(60), 2, 100), LoginLimiter::new(Duration::from_secs(60), 2, 100));
        a.record_failure(&db, "x@y.co", None).await.unwrap();
        b.record_failure(&db, "x@y.co", None).await.unwrap();
        assert!(a.check(&db, "x@y.co", None).await.unwrap().is_some(), "replica A sees B's failure");
    }
}
