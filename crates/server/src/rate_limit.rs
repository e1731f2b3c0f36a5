//! Login throttling that slows a guesser without locking the owner out, after OWASP's
//! "Slow Down Online Guessing Attacks with Device Cookies": a browser that signed in to an
//! account before carries a device cookie, and its attempts count only against that
//! device; any other attempt counts against its (account, address) pair, its address, and
//! the account as a whole. So a stranger's wrong guesses never lock the owner's own
//! browser, nor the owner on another network, and only a guessing campaign spread over
//! many addresses (the account-wide limit) reaches an owner on a new device.
//!
//! An attempt is recorded before its password is checked, counted together with the
//! attempts before it in one serialized transaction: parallel requests cannot all slip
//! through under the limit. A successful sign-in forgets its device's and its pair's
//! attempts. The attempts live in the database (`login_failures`), so every replica
//! counts the same ones.

use crate::store::{self, Db};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

#[derive(Clone, Debug)]
pub struct LoginLimits {
    pub window: Duration,
    /// Attempts of one (account, address) pair, or of one known device.
    pub per_pair: i64,
    /// Attempts from one address, any accounts (unknown devices only).
    pub per_address: i64,
    /// Attempts on one account from anywhere (unknown devices only).
    pub per_account: i64,
}

impl Default for LoginLimits {
    fn default() -> Self {
        LoginLimits { window: Duration::from_secs(15 * 60), per_pair: 10, per_address: 50, per_account: 100 }
    }
}

/// Who is trying: the account, the client's address and, when its browser carries a
/// device cookie known for that account, the cookie's hash.
pub struct Attempt<'a> {
    pub account: &'a str,
    pub address: Option<&'a str>,
    pub known_device: Option<&'a str>,
}

pub struct LoginLimiter {
    limits: LoginLimits,
}

/// An attempt on the books, until it proves to be the owner's.
#[must_use]
pub struct Recorded {
    ids: Vec<i64>,
    /// Its device's or pair's key.
    key: String,
}

impl LoginLimiter {
    pub fn new(limits: LoginLimits) -> Self {
        LoginLimiter { limits }
    }

    /// Records `attempt`, answering `Ok(Recorded)`, unless one of its keys is at its limit;
    /// then answers `Err(seconds to wait)` and records nothing.
    pub async fn attempt(&self, db: &Db, attempt: &Attempt<'_>) -> Result<Result<Recorded, u64>, sqlx::Error> {
        let (now, since) = self.window_from_now();
        let keys = self.keys(attempt);
        Ok(match store::login_failures::record_login_attempt(db, &keys, now, since).await? {
            Ok(ids) => Ok(Recorded { ids, key: keys.into_iter().next().map(|(k, _)| k).unwrap_or_default() }),
            Err(oldest) => Err(self.wait_secs(oldest, now)),
        })
    }

    /// [`LoginLimiter::attempt`] as a handler needs it: over a limit is 429 with `Retry-After`.
    pub async fn admit(&self, db: &Db, attempt: &Attempt<'_>) -> crate::error::AppResult<Recorded> {
        self.attempt(db, attempt)
            .await?
            .map_err(|retry_after_secs| crate::error::AppError::RateLimited { retry_after_secs })
    }

    /// Admits `attempt`, then checks `password` against `hash` (`None`: an unknown
    /// account, checked against a dummy all the same). Answers whether it matched, with the
    /// attempt on the books for [`LoginLimiter::succeeded`]. When the password could not be
    /// checked at all (the server was busy or failed), the attempt is forgotten: it counts
    /// against no one.
    pub async fn check_password(
        &self,
        db: &Db,
        attempt: &Attempt<'_>,
        password: String,
        hash: Option<String>,
    ) -> crate::error::AppResult<(bool, Recorded)> {
        let recorded = self.admit(db, attempt).await?;
        match crate::password::verify_password_off_thread(password, hash).await {
            Ok(verified) => Ok((verified, recorded)),
            Err(e) => {
                store::login_failures::forget_login_attempts(db, &recorded.ids).await?;
                Err(e)
            }
        }
    }

    /// The attempt was the right password: it and its device's or pair's earlier attempts
    /// are forgotten, so the owner's sign-ins never count against anyone.
    pub async fn succeeded(&self, db: &Db, recorded: Recorded) -> Result<(), sqlx::Error> {
        store::login_failures::clear_login_failures(db, &recorded.ids, &recorded.key).await
    }

    /// Emails are everyone's sign-in name, unique across agencies, so "this email is
    /// taken" tells whoever creates a user that an account exists somewhere. Nobody may
    /// ask in bulk: after `per_pair` such answers in a window, every user write of `asker`
    /// waits (`Some(seconds)`) until the window has passed, whether its email is taken or not.
    pub async fn email_probes_blocked(&self, db: &Db, asker: i64) -> Result<Option<u64>, sqlx::Error> {
        let (now, since) = self.window_from_now();
        let (count, oldest) = store::login_failures::login_failures_since(db, &probe_key(asker), since).await?;
        Ok((count >= self.limits.per_pair).then(|| self.wait_secs(oldest.unwrap_or(now), now)))
    }

    /// Counts one "taken" answer to `asker`.
    pub async fn email_probe_answered(&self, db: &Db, asker: i64) -> Result<(), sqlx::Error> {
        let (now, since) = self.window_from_now();
        let keys = [(probe_key(asker), i64::MAX)];
        store::login_failures::record_login_attempt(db, &keys, now, since).await.map(|_| ())
    }

    /// Now, and the start of the window that ends now (Unix milliseconds).
    fn window_from_now(&self) -> (i64, i64) {
        let now = now_ms();
        (now, now - self.limits.window.as_millis() as i64)
    }

    /// Whole seconds (at least one) until an attempt made at `oldest` leaves the window.
    fn wait_secs(&self, oldest: i64, now: i64) -> u64 {
        let left_ms = (oldest + self.limits.window.as_millis() as i64 - now).max(0) as u64;
        left_ms.div_ceil(1000).max(1)
    }

    /// The keys an attempt counts under, with their limits; the first is the one a
    /// success clears.
    fn keys(&self, a: &Attempt<'_>) -> Vec<(String, i64)> {
        let l = &self.limits;
        match a.known_device {
            Some(device) => vec![(format!("device:{device}"), l.per_pair)],
            None => {
                let address = a.address.unwrap_or("unknown");
                vec![
                    (format!("pair:{}|{address}", a.account), l.per_pair),
                    (format!("address:{address}"), l.per_address),
                    (format!("account:{}", a.account), l.per_account),
                ]
            }
        }
    }
}

fn probe_key(asker: i64) -> String {
    format!("email-probe:{asker}")
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

    fn limiter(per_pair: i64, per_address: i64, per_account: i64) -> LoginLimiter {
        LoginLimiter::new(LoginLimits { window: Duration::from_secs(60), per_pair, per_address, per_account })
    }

    fn from<'a>(account: &'a str, address: &'a str) -> Attempt<'a> {
        Attempt { account, address: Some(address), known_device: None }
    }

    #[tokio::test]
    async fn a_pair_is_limited_and_a_success_clears_it() {
        let (_dir, db) = db().await;
        let limiter = limiter(3, 100, 100);
        for _ in 0..3 {
            assert!(passes(&limiter, &db, &from("a@b.co", "1.2.3.4")).await);
        }
        let wait = limiter.attempt(&db, &from("a@b.co", "1.2.3.4")).await.unwrap().err().expect("limited");
        assert!((1..=60).contains(&wait));
        let owner = limiter.attempt(&db, &from("a@b.co", "5.6.7.8")).await.unwrap().expect("the owner elsewhere");
        limiter.succeeded(&db, owner).await.unwrap();
        assert!(passes(&limiter, &db, &from("a@b.co", "5.6.7.8")).await);
    }

    async fn passes(limiter: &LoginLimiter, db: &Db, attempt: &Attempt<'_>) -> bool {
        limiter.attempt(db, attempt).await.unwrap().is_ok()
    }

    #[tokio::test]
    async fn successful_sign_ins_never_count() {
        let (_dir, db) = db().await;
        let limiter = limiter(2, 2, 2);
        for _ in 0..5 {
            let recorded = limiter.attempt(&db, &from("a@b.co", "1.2.3.4")).await.unwrap().expect("passes");
            limiter.succeeded(&db, recorded).await.unwrap();
        }
    }

    #[tokio::test]
    async fn a_known_device_passes_the_account_and_address_limits() {
        let (_dir, db) = db().await;
        let limiter = limiter(10, 2, 2);
        assert!(passes(&limiter, &db, &from("a@b.co", "9.9.9.9")).await);
        assert!(passes(&limiter, &db, &from("c@d.co", "9.9.9.9")).await);
        assert!(!passes(&limiter, &db, &from("e@f.co", "9.9.9.9")).await, "the address");
        assert!(passes(&limiter, &db, &from("a@b.co", "8.8.8.8")).await);
        assert!(!passes(&limiter, &db, &from("a@b.co", "7.7.7.7")).await, "the account");
        let device = Attempt { account: "a@b.co", address: Some("9.9.9.9"), known_device: Some("d1") };
        assert!(passes(&limiter, &db, &device).await, "the owner's own browser");
    }

    #[tokio::test]
    async fn taken_emails_cannot_be_probed_in_bulk() {
        let (_dir, db) = db().await;
        let limiter = limiter(3, 100, 100);
        for _ in 0..3 {
            assert_eq!(limiter.email_probes_blocked(&db, 7).await.unwrap(), None);
            limiter.email_probe_answered(&db, 7).await.unwrap();
        }
        assert!(limiter.email_probes_blocked(&db, 7).await.unwrap().is_some_and(|s| (1..=60).contains(&s)));
        assert_eq!(limiter.email_probes_blocked(&db, 8).await.unwrap(), None, "another asker");
    }

    #[tokio::test]
    async fn two_limiters_on_one_database_count_the_same_attempts() {
        let (_dir, db) = db().await;
        let (a, b) = (limiter(2, 100, 100), limiter(2, 100, 100));
        assert!(passes(&a, &db, &from("x@y.co", "1.1.1.1")).await);
        assert!(passes(&b, &db, &from("x@y.co", "1.1.1.1")).await);
        assert!(!passes(&a, &db, &from("x@y.co", "1.1.1.1")).await, "replica A sees B's attempt");
    }

    #[tokio::test]
    async fn parallel_attempts_cannot_pass_the_limit_together() {
        let (_dir, db) = db().await;
        let limiter = std::sync::Arc::new(limiter(10, 1000, 1000));
        let tasks: Vec<_> = (0..40)
            .map(|_| {
                let (limiter, db) = (limiter.clone(), db.clone());
                tokio::spawn(async move { limiter.attempt(&db, &from("p@q.co", "1.1.1.1")).await.unwrap().is_ok() })
            })
            .collect();
        let mut passed = 0;
        for t in tasks {
            passed += usize::from(t.await.unwrap());
        }
        assert_eq!(passed, 10);
    }
}
