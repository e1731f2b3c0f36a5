//! `atrium-server`: serves the API and the built client on one port.

use atrium_server::seed::{seed_demo, DEMO_LOGINS, DEMO_PASSWORD};
use atrium_server::state::{AppState, Settings};
use atrium_server::{app, simulator, store};
use clap::Parser;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;
use tracing_subscriber::EnvFilter;

#[derive(Parser, Debug)]
#[command(version, about = "Atrium reference backend")]
struct Args {
    /// Address to listen on.
    #[arg(long, env = "BIND", default_value = "127.0.0.1")]
    bind: String,
    /// Port to listen on (0 picks a free one and prints it).
    #[arg(long, env = "PORT", default_value_t = 8080)]
    port: u16,
    /// Database URL: `sqlite://FILE` (created if missing) or `postgres://...` (several
    /// replicas may share one); either is migrated at start.
    #[arg(long, env = "DATABASE_URL", default_value = "sqlite://atrium.db")]
    database_url: String,
    /// The built client (Trunk's `dist/`) to serve; not served when absent.
    #[arg(long, env = "ATRIUM_DIST")]
    dist: Option<PathBuf>,
    /// Load the demo data when the database is empty.
    #[arg(long, env = "ATRIUM_SEED_DEMO")]
    seed_demo: bool,
    /// Load the demo data even into a database that already has data.
    #[arg(long)]
    force_seed: bool,
    /// Mark cookies Secure (behind HTTPS).
    #[arg(long, env = "ATRIUM_SECURE_COOKIES")]
    secure_cookies: bool,
    /// A load balancer in front of this server (repeat for each; comma-separated in the
    /// environment): its `X-Forwarded-For` names the client, for the per-address login limit.
    #[arg(long = "trusted-proxy", env = "ATRIUM_TRUSTED_PROXIES", value_delimiter = ',')]
    trusted_proxies: Vec<std::net::IpAddr>,
    /// Minutes of inactivity after which a session ends.
    #[arg(long, env = "ATRIUM_SESSION_IDLE_MINUTES", default_value_t = 480)]
    session_idle_minutes: u64,
    /// Hours after which a session ends however much it is used.
    #[arg(long, env = "ATRIUM_SESSION_MAX_HOURS", default_value_t = 168)]
    session_max_hours: u64,
    /// Messages per second one agency API key may ingest (bursts of twice that).
    #[arg(long, env = "ATRIUM_INGEST_PER_SECOND", default_value_t = 5000)]
    ingest_per_second: u32,
    /// Seconds a request may take before it is answered 503.
    #[arg(long, env = "ATRIUM_REQUEST_TIMEOUT_SECS", default_value_t = 30)]
    request_timeout_secs: u64,
    /// Where people open the client, with its base path (e.g.
    /// `https://app.agency.example/dashboard`): links in emails point there. Default: this
    /// server's own address.
    #[arg(long, env = "ATRIUM_PUBLIC_URL")]
    public_url: Option<String>,
    /// The origin of a page on another origin that may call this API with credentials
    /// (CORS), e.g. `https://app.agency.example`; repeat for each (comma-separated in the
    /// environment).
    #[arg(long = "allowed-origin", env = "ATRIUM_ALLOWED_ORIGINS", value_delimiter = ',')]
    allowed_origins: Vec<String>,
    /// The deployment's own domain (e.g. `atrium.example`): agencies may not claim it or any
    /// name under it as a custom domain.
    #[arg(long, env = "ATRIUM_PLATFORM_DOMAIN")]
    platform_domain: Option<String>,
    /// Minutes between two checks of every custom domain's DNS record.
    #[arg(long, env = "ATRIUM_DOMAIN_CHECK_MINUTES", default_value_t = 60)]
    domain_check_minutes: u64,
    /// Keep the demo alive: scripted visitors talk to Acme Dental's and Globex Realty's
    /// bots (Northwind's demo orgs), sometimes asking for a person.
    #[arg(long, env = "ATRIUM_SIMULATE_DEMO")]
    simulate_demo: bool,
    /// Seconds between the simulator's rounds.
    #[arg(long, env = "ATRIUM_SIMULATE_EVERY_SECS", default_value_t = 20)]
    simulate_every_secs: u64,
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn")))
        .init();
    let args = Args::parse();

    let db = store::connect(&args.database_url).await?;
    if args.seed_demo || args.force_seed {
        if seed_demo(&db, args.force_seed).await? {
            tracing::info!("demo data loaded");
        } else {
            tracing::info!("database already has data; demo not loaded (use --force-seed)");
        }
    }
    if let Some(dist) = &args.dist {
        if !dist.join("index.html").exists() {
            return Err(format!("{} has no index.html: build the client first", dist.display()).into());
        }
    }
    let settings = Settings {
        dist_dir: args.dist.clone(),
        secure_cookies: args.secure_cookies,
        session_idle: Duration::from_secs(args.session_idle_minutes * 60),
        session_lifetime: Duration::from_secs(args.session_max_hours * 3600),
        ingest_per_second: args.ingest_per_second,
        request_timeout: Duration::from_secs(args.request_timeout_secs),
        clock: Default::default(),
        trusted_proxies: args.trusted_proxies.clone(),
        public_url: String::new(),
        allowed_origins: args.allowed_origins.clone(),
        platform_domain: args.platform_domain.clone(),
    };
    let listener = tokio::net::TcpListener::bind((args.bind.as_str(), args.port)).await?;
    let addr = listener.local_addr()?;
    let settings =
        Settings { public_url: args.public_url.clone().unwrap_or_else(|| format!("http://{addr}")), ..settings };
    let state = AppState::new(db, settings);
    let simulator =
        args.simulate_demo.then(|| simulator::spawn(state.clone(), Duration::from_secs(args.simulate_every_secs)));
    store::search_upkeep::spawn_search_upkeep(state.db.clone());
    atrium_server::domains::spawn_periodic_checks(
        state.clone(),
        Duration::from_secs(args.domain_check_minutes.max(1) * 60),
    );
    let router = app(state);

    // Scripts and tests read this line to find the port.
    println!("listening on http://{addr}");
    if args.seed_demo {
        println!("demo logins (password {DEMO_PASSWORD}):");
        for (email, who) in DEMO_LOGINS {
            println!("  {email:<24} {who}");
        }
    }
    axum::serve(listener, router.into_make_service_with_connect_info::<SocketAddr>())
        .with_graceful_shutdown(shutdown_signal())
        .await?;
    if let Some(simulator) = simulator {
        simulator.abort();
    }
    tracing::info!("stopped");
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = terminate => {} }
}
