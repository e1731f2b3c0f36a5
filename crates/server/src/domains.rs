//! Proving that an agency owns a custom domain: a DNS TXT record `_atrium.<host>` that
//! holds `atrium-verify=<the agency's token>`. Until it is seen, a hostname is pending and
//! counts for nothing: it brands no page and is no CORS origin. Checked when the agency
//! asks and every `--domain-check-minutes`; a record that disappears fails the domain
//! again, a DNS that does not answer changes nothing.

use crate::state::AppState;
use crate::store::{self, domains::CheckOutcome};
use std::collections::HashMap;
use std::future::Future;
use std::pin::Pin;
use std::sync::Mutex;

/// What a TXT lookup found.
pub enum TxtAnswer {
    /// The records' texts (each record's strings joined), possibly none.
    Records(Vec<String>),
    /// DNS could not be asked or did not answer.
    Failed,
}

/// Looks up TXT records; the system resolver in production, [`StubResolver`] in tests.
pub trait TxtResolver: Send + Sync {
    fn txt<'a>(&'a self, name: &'a str) -> Pin<Box<dyn Future<Output = TxtAnswer> + Send + 'a>>;
}

/// The machine's own resolver configuration (`/etc/resolv.conf`).
pub struct SystemResolver(Option<hickory_resolver::TokioResolver>);

impl SystemResolver {
    pub fn new() -> Self {
        match hickory_resolver::TokioResolver::builder_tokio() {
            Ok(builder) => SystemResolver(Some(builder.build())),
            Err(e) => {
                tracing::warn!(error = %e, "no DNS resolver configured: custom domains stay pending");
                SystemResolver(None)
            }
        }
    }
}

impl Default for SystemResolver {
    fn default() -> Self {
        Self::new()
    }
}

impl TxtResolver for SystemResolver {
    fn txt<'a>(&'a self, name: &'a str) -> Pin<Box<dyn Future<Output = TxtAnswer> + Send + 'a>> {
        Box::pin(async move {
            let Some(resolver) = &self.0 else {
                return TxtAnswer::Failed;
            };
            // Fully qualified: the search domains of resolv.conf must not be tried.
            match resolver.txt_lookup(format!("{name}.")).await {
                Ok(found) => TxtAnswer::Records(
                    found
                        .iter()
                        .map(|txt| txt.txt_data().iter().map(|s| String::from_utf8_lossy(s)).collect())
                        .collect(),
                ),
                Err(e) if e.is_no_records_found() || e.is_nx_domain() => TxtAnswer::Records(Vec::new()),
                Err(e) => {
                    tracing::info!(error = %e, name, "TXT lookup failed");
                    TxtAnswer::Failed
                }
            }
        })
    }
}

/// Records set by the test itself; a name set to `None` fails to resolve.
#[derive(Default)]
pub struct StubResolver(Mutex<HashMap<String, Option<Vec<String>>>>);

impl StubResolver {
    pub fn set(&self, name: &str, records: Option<Vec<String>>) {
        self.0.lock().unwrap_or_else(|p| p.into_inner()).insert(name.to_string(), records);
    }
}

impl TxtResolver for StubResolver {
    fn txt<'a>(&'a self, name: &'a str) -> Pin<Box<dyn Future<Output = TxtAnswer> + Send + 'a>> {
        let answer = match self.0.lock().unwrap_or_else(|p| p.into_inner()).get(name) {
            Some(Some(records)) => TxtAnswer::Records(records.clone()),
            Some(None) => TxtAnswer::Failed,
            None => TxtAnswer::Records(Vec::new()),
        };
        Box::pin(async move { answer })
    }
}

/// Checks the domains of `agency_id` (or of every agency) and stores what was found.
pub async fn check_domains(state: &AppState, agency_id: Option<i64>) -> Result<(), sqlx::Error> {
    for domain in store::domains::domains_to_check(&state.db, agency_id).await? {
        // Only the seed makes `.localhost` names (the demo's); no DNS can speak for them.
        if domain.hostname.ends_with(".localhost") {
            continue;
        }
        let (name, value) = atrium_api::agency::verification_record(&domain.hostname, &domain.token);
        let outcome = match state.dns.txt(&name).await {
            TxtAnswer::Records(texts) if texts.iter().any(|t| t.trim() == value) => CheckOutcome::RecordFound,
            TxtAnswer::Records(_) => CheckOutcome::RecordMissing,
            TxtAnswer::Failed => CheckOutcome::LookupFailed,
        };
        store::domains::record_check(&state.db, domain.agency_id, &domain.hostname, outcome).await?;
    }
    Ok(())
}

/// Re-checks every domain every `every`, for as long as the server runs.
pub fn spawn_periodic_checks(state: AppState, every: std::time::Duration) {
    tokio::spawn(async move {
        let mut ticks = tokio::time::interval(every);
        ticks.tick().await;
        loop {
            ticks.tick().await;
            if let Err(e) = check_domains(&state, None).await {
                tracing::warn!(error = %e, "periodic domain check failed");
            }
        }
    });
}
