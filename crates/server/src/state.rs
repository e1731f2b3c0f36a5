//! What every handler shares: the database, the settings, the login limiter, live events.
//! Nothing here holds state that matters across requests beyond the database itself (the
//! login limiter's attempts and the sessions are rows; the event hub only relays), so any
//! replica serves any request.

use crate::clock::Clock;
use crate::events::EventHub;
use crate::payments::{ManualProvider, PaymentProvider};
use crate::rate_limit::LoginLimiter;
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
    /// The time billing reads (periods, due dates, renewals); tests set it.
    pub clock: Clock,
    /// Load balancers whose `X-Forwarded-For` names the client (see `client_address`).
    pub trusted_proxies: Vec<IpAddr>,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            dist_dir: None,
            secure_cookies: false,
            session_idle: Duration::from_secs(8 * 3600),
            clock: Clock::default(),
            trusted_proxies: Vec::new(),
        }
    }
}

impl AppState {
    pub fn new(db: Db, settings: Settings) -> Self {
        let events = EventHub::for_db(&db);
        AppState {
            db,
            settings: Arc::new(settings),
            login_limiter: Arc::new(LoginLimiter::new(Duration::from_secs(15 * 60), 10, 50)),
            events,
            payments: Arc::new(ManualProvider),
        }
    }
}
