//! What every handler shares: the database, the settings, the login limiter, live events.
//! Nothing here holds state that matters across requests beyond the database itself (the
//! login limiter's attempts and the sessions are rows; the event hub only relays), so any
//! replica serves any request.

use crate::clock::Clock;
use crate::events::EventHub;
use crate::mail::{ConsoleMail, MailSender};
use crate::payments::{ManualProvider, PaymentProvider};
use crate::rate_limit::{LoginLimiter, LoginLimits};
use crate::store::Db;
use std::net::IpAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    pub login_limiter: Arc<LoginLimiter>,
    /// Live events per org, for the dashboards' server-sent event streams.
    pub events: Arc<EventHub>,
    /// How invoices are paid: by hand in the console unless an adapter replaces it.
    pub payments: Arc<dyn PaymentProvider>,
    /// How password reset links are mailed: to the console unless a sender replaces it.
    pub mail: Arc<dyn MailSender>,
    /// Reported messages waiting to be written, in batches (`store/ingest_queue.rs`).
    pub ingest: crate::store::ingest_queue::IngestQueue,
    /// Ingested messages per agency API key, for `Settings::ingest_per_second`.
    pub ingest_limiter: Arc<crate::ingest_limit::IngestLimiter>,
    /// Places for requests in flight (`limits.rs`).
    pub in_flight: Arc<tokio::sync::Semaphore>,
    /// How custom domains are proven (`domains.rs`): the system resolver unless a test
    /// replaces it.
    pub dns: Arc<dyn crate::domains::TxtResolver>,
}

/// Behaviour that deployments tune; `main` fills it from flags and the environment.
#[derive(Clone, Debug)]
pub struct Settings {
    /// The built client to serve, if any.
    pub dist_dir: Option<PathBuf>,
    /// Mark cookies `Secure` (set when served over HTTPS).
    pub secure_cookies: bool,
    /// A session unused for this long is over.
    pub session_idle: Duration,
    /// A session this old is over, however much it is used.
    pub session_lifetime: Duration,
    /// Ingested messages per second one agency API key may send (with a burst of twice
    /// that); more get 429.
    pub ingest_per_second: u32,
    /// How long a request may take to answer (event streams only to start) before 503.
    pub request_timeout: Duration,
    /// Where the client is served (with its base path), for links in emails.
    pub public_url: String,
    /// Origins of pages on other origins that may call the API with credentials (CORS).
    pub allowed_origins: Vec<String>,
    /// The time billing reads (periods, due dates, renewals); tests set it.
    pub clock: Clock,
    /// Load balancers whose `X-Forwarded-For` names the client (see `client_address`).
    pub trusted_proxies: Vec<IpAddr>,
    /// The deployment's own domain (e.g. `atrium.example`): no agency may claim it or a
    /// name under it.
    pub platform_domain: Option<String>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dist_dir: None,
            secure_cookies: false,
            session_idle: Duration::from_secs(8 * 3600),
            session_lifetime: Duration::from_secs(7 * 24 * 3600),
            ingest_per_second: 5_000,
            request_timeout: Duration::from_secs(30),
            public_url: "http://127.0.0.1:8080".into(),
            allowed_origins: Vec::new(),
            clock: Clock::default(),
            trusted_proxies: Vec::new(),
            platform_domain: None,
        }
    }
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        let events = EventHub::for_db(&db);
        let settings_ingest = settings.ingest_per_second;
        AppState {
            ingest: crate::store::ingest_queue::IngestQueue::start(db.clone()),
            db,
            settings: Arc::new(settings),
            login_limiter: Arc::new(LoginLimiter::new(LoginLimits::default())),
            events,
            payments: Arc::new(ManualProvider),
            mail: Arc::new(ConsoleMail),
            ingest_limiter: Arc::new(crate::ingest_limit::IngestLimiter::new(settings_ingest)),
            in_flight: Arc::new(tokio::sync::Semaphore::new(crate::limits::IN_FLIGHT)),
            dns: Arc::new(crate::domains::SystemResolver::new()),
        }
    }
}
