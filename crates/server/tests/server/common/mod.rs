//! Shared test harness: the whole router over a fresh, demo-seeded database, driven
//! with `oneshot` the way a browser would (cookies, CSRF header, JSON bodies).
//!
//! The database is a temporary SQLite file, or, when `ATRIUM_TEST_DATABASE_URL` names a
//! PostgreSQL server (`make test` starts one: scripts/pg-cluster.sh), a database of its
//! own created there for the test and dropped after it.

// Not every helper is used on both database engines.
#![allow(dead_code)]

use atrium_api::{CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE};
use atrium_server::seed::{seed_demo, DEMO_PASSWORD};
use atrium_server::state::{AppState, Settings};
use atrium_server::store::{self, Db};
use axum::body::{Body, Bytes};
use axum::http::header::{CONTENT_TYPE, COOKIE, HOST, SET_COOKIE};
use axum::http::{HeaderMap, Method, Request, StatusCode};
use axum::Router;
use http_body_util::BodyExt;
use serde_json::Value;
use sqlx::Connection;
use std::path::{Path, PathBuf};
use tempfile::TempDir;
use tower::ServiceExt;

pub struct TestApp {
    /// Holds the database file (and any dist dir); removed when the test ends.
    pub dir: TempDir,
    pub db: Db,
    router: Router,
    /// The PostgreSQL database of this app, when tests run on PostgreSQL.
    pg: Option<PgDatabase>,
    /// What the app mailed (password reset links).
    pub mail: std::sync::Arc<atrium_server::mail::RecordedMail>,
    /// The DNS the app asks to prove custom domains: records the test sets.
    pub dns: std::sync::Arc<atrium_server::domains::StubResolver>,
    /// The state behind `router`, for what the server runs outside requests (timers).
    pub state: AppState,
}

type Fakes =
    (std::sync::Arc<atrium_server::mail::RecordedMail>, std::sync::Arc<atrium_server::domains::StubResolver>, AppState);

/// The app's router over `db` with `settings`, mailing into a recorder and asking a stub DNS.
fn app_with_mail(db: &Db, settings: Settings) -> (Router, Fakes) {
    let mut state = AppState::new(db.clone(), settings);
    let mail = std::sync::Arc::new(atrium_server::mail::RecordedMail::default());
    state.mail = mail.clone();
    let dns = std::sync::Arc::new(atrium_server::domains::StubResolver::default());
    state.dns = dns.clone();
    (atrium_server::app(state.clone()), (mail, dns, state))
}

/// The PostgreSQL server the tests use, if any (`ATRIUM_TEST_DATABASE_URL`, a URL of a
/// database on it such as `postgres://postgres@127.0.0.1:5439/postgres`).
pub fn postgres_url() -> Option<String> {
    std::env::var("ATRIUM_TEST_DATABASE_URL").ok().filter(|u| u.starts_with("postgres"))
}

/// A database created for one test on the test PostgreSQL server; dropped with it.
pub struct PgDatabase {
    admin_url: String,
    pub name: String,
}

impl PgDatabase {
    /// A new empty database (or a copy of `template`).
    pub async fn create(admin_url: &str, template: Option<&str>) -> PgDatabase {
        use rand::Rng;
        let name = format!("atrium_test_{:016x}", rand::thread_rng().gen::<u64>());
        let template = template.map(|t| format!(" TEMPLATE \"{t}\"")).unwrap_or_default();
        let mut admin = sqlx::postgres::PgConnection::connect(admin_url).await.expect("test PostgreSQL server");
        sqlx::query(&format!("CREATE DATABASE \"{name}\"{template}")).execute(&mut admin).await.unwrap();
        PgDatabase { admin_url: admin_url.to_string(), name }
    }

    /// The URL of this database.
    pub fn url(&self) -> String {
        let base = self.admin_url.rsplit_once('/').map(|(base, _)| base).unwrap_or(&self.admin_url);
        format!("{base}/{}", self.name)
    }

    /// A copy of this database as it is now: its connections (the app's pool and event
    /// listener) are ended first, as PostgreSQL copies only a database nobody uses; the
    /// pool opens new ones when next used.
    async fn copy(&self) -> PgDatabase {
        let mut admin = sqlx::postgres::PgConnection::connect(&self.admin_url).await.unwrap();
        for attempt in 0.. {
            sqlx::query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1")
                .bind(&self.name)
                .execute(&mut admin)
                .await
                .unwrap();
            use rand::Rng;
            let name = format!("atrium_test_{:016x}", rand::thread_rng().gen::<u64>());
            let sql = format!("CREATE DATABASE \"{name}\" TEMPLATE \"{}\"", self.name);
            match sqlx::query(&sql).execute(&mut admin).await {
                Ok(_) => return PgDatabase { admin_url: self.admin_url.clone(), name },
                Err(e) if attempt < 20 => {
                    eprintln!("copying {}: {e}; again", self.name);
                    tokio::time::sleep(std::time::Duration::from_millis(100)).await;
                }
                Err(e) => panic!("copying {}: {e}", self.name),
            }
        }
        unreachable!()
    }
}

impl Drop for PgDatabase {
    fn drop(&mut self) {
        let (admin_url, name) = (self.admin_url.clone(), self.name.clone());
        // Drop is not async: a thread of its own with a small runtime does the work.
        let _ = std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
            runtime.block_on(async {
                if let Ok(mut admin) = sqlx::postgres::PgConnection::connect(&admin_url).await {
                    let sql = format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
                    let _ = sqlx::query(&sql).execute(&mut admin).await;
                }
            })
        })
        .join();
    }
}

/// What came back: status, headers, the raw body, and the body as JSON
/// (`Value::Null` when it is empty or not JSON).
pub struct Reply {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub bytes: Bytes,
    pub body: Value,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }

    /// Asserts the contract's error body: `{"error": {"code", "message", ...}}`.
    #[track_caller]
    pub fn assert_error(&self, status: u16, code: &str) {
        assert_eq!(self.status, status, "body: {}", self.body);
        assert_eq!(self.body["error"]["code"], code, "body: {}", self.body);
        assert!(self.body["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "body: {}", self.body);
    }

    /// Every `Set-Cookie` of the answer, parsed.
    pub fn set_cookies(&self) -> Vec<cookie::Cookie<'static>> {
        self.headers
            .get_all(SET_COOKIE)
            .iter()
            .filter_map(|v| v.to_str().ok())
            .filter_map(|v| cookie::Cookie::parse(v.to_owned()).ok())
            .collect()
    }

    pub fn cookie(&self, name: &str) -> Option<cookie::Cookie<'static>> {
        self.set_cookies().into_iter().find(|c| c.name() == name)
    }
}

impl TestApp {
    /// The app over the demo seed, not serving a client.
    pub async fn new() -> Self {
        Self::build(|_| Settings::default()).await
    }

    /// The app over the demo seed on SQLite whatever engine the run uses: for tests of
    /// SQLite's own file behaviour (read-only file, full disk, WAL).
    pub async fn new_sqlite() -> Self {
        Self::build_on(false, |_| Settings::default()).await
    }

    /// The app serving a built client made of `files` (path inside dist, contents).
    pub async fn with_dist(files: &[(&str, &[u8])]) -> Self {
        Self::build(|dir| {
            let dist = dir.join("dist");
            std::fs::create_dir_all(&dist).unwrap();
            for (name, contents) in files {
                let path = dist.join(name);
                std::fs::create_dir_all(path.parent().unwrap()).unwrap();
                std::fs::write(path, contents).unwrap();
            }
            Settings { dist_dir: Some(dist), ..Settings::default() }
        })
        .await
    }

    /// The app over the demo seed with `settings` (say, a tiny `session_idle`).
    pub async fn with_settings(settings: Settings) -> Self {
        Self::build(|_| settings).await
    }

    /// The app over the demo seed with billing's clock frozen at `at` (UTC); move it
    /// with the clock answered, never by sleeping.
    pub async fn with_clock(at: time::OffsetDateTime) -> (Self, atrium_server::clock::Clock) {
        let clock = atrium_server::clock::Clock::default();
        clock.set(at);
        let app = Self::with_settings(Settings { clock: clock.clone(), ..Settings::default() }).await;
        (app, clock)
    }

    /// A frozen copy of the database as it is now, sessions included, from which
    /// [`TestApp::from_snapshot`] makes fresh apps in milliseconds (no seeding, no Argon2).
    pub async fn snapshot(&self) -> Snapshot {
        let dir = tempfile::tempdir().unwrap();
        if let Some(pg) = &self.pg {
            let copy = pg.copy().await;
            return Snapshot { _dir: dir, path: PathBuf::new(), pg: Some(copy) };
        }
        let path = dir.path().join("snapshot.db");
        // One self-contained file, whatever is still in the write-ahead log.
        sqlx::query("VACUUM INTO $1").bind(path.to_str().unwrap()).execute(&self.db).await.unwrap();
        Snapshot { _dir: dir, path, pg: None }
    }

    /// A fresh app over a private copy of `snapshot`: what one test case may wreck.
    pub async fn from_snapshot(snapshot: &Snapshot) -> Self {
        let dir = tempfile::tempdir().unwrap();
        if let Some(pg) = &snapshot.pg {
            let copy = PgDatabase::create(&pg.admin_url, Some(&pg.name)).await;
            let db = store::connect(&copy.url()).await.unwrap();
            let (router, (mail, dns, state)) = app_with_mail(&db, Settings::default());
            return TestApp { dir, db, router, pg: Some(copy), mail, dns, state };
        }
        let file = dir.path().join("atrium.db");
        std::fs::copy(&snapshot.path, &file).unwrap();
        Self::open(dir, &file, Settings::default()).await
    }

    /// The database file this app was built over.
    pub fn db_path(&self) -> PathBuf {
        self.dir.path().join("atrium.db")
    }

    /// A second app (as a second server process would be) over `url`, usually this
    /// app's own file opened another way (`?mode=ro`, a second pool).
    pub async fn sibling(&self, url: &str) -> Result<TestApp, sqlx::Error> {
        let db = store::connect(url).await?;
        let (router, (mail, dns, state)) = app_with_mail(&db, Settings::default());
        Ok(TestApp { dir: tempfile::tempdir().unwrap(), db, router, pg: None, mail, dns, state })
    }

    async fn open(dir: TempDir, file: &Path, settings: Settings) -> Self {
        let db = store::connect(&format!("sqlite://{}", file.display())).await.unwrap();
        let (router, (mail, dns, state)) = app_with_mail(&db, settings);
        TestApp { dir, db, router, pg: None, mail, dns, state }
    }

    async fn build(settings: impl FnOnce(&PathBuf) -> Settings) -> Self {
        Self::build_on(true, settings).await
    }

    async fn build_on(postgres_if_set: bool, settings: impl FnOnce(&PathBuf) -> Settings) -> Self {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().to_path_buf();
        let pg = match postgres_url().filter(|_| postgres_if_set) {
            Some(admin_url) => Some(PgDatabase::create(&admin_url, None).await),
            None => None,
        };
        let url = match &pg {
            Some(pg) => pg.url(),
            None => format!("sqlite://{}", root.join("atrium.db").display()),
        };
        let db = store::connect(&url).await.unwrap();
        assert!(seed_demo(&db, false).await.unwrap(), "a fresh database takes the demo seed");
        let (router, (mail, dns, state)) = app_with_mail(&db, settings(&root));
        TestApp { dir, db, router, pg, mail, dns, state }
    }

    /// The URL of this app's database: what a second replica of the server would be given.
    pub fn database_url(&self) -> String {
        self.db.connect_options().database_url.to_string()
    }

    /// Sends one request through the whole router, middleware included.
    /// Checks every agency's custom domains, as the server's timer does.
    pub async fn check_all_domains(&self) {
        atrium_server::domains::check_domains(&self.state, None).await.unwrap();
    }

    pub async fn send(&self, request: Request<Body>) -> Reply {
        let response = self.router.clone().oneshot(request).await.unwrap();
        let (parts, body) = response.into_parts();
        // A server-sent event stream never ends: its head is the answer (see `stream`).
        let streaming = parts.headers.get(CONTENT_TYPE).is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"));
        let bytes = if streaming { Bytes::new() } else { body.collect().await.unwrap().to_bytes() };
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply { status: parts.status, headers: parts.headers, bytes, body }
    }

    /// The app's router, sharing this app's state: what a test serves on a real socket.
    pub fn router(&self) -> Router {
        self.router.clone()
    }

    /// Sends one request and answers the response as it comes, its body unread: for
    /// streams such as server-sent events.
    pub async fn stream(&self, request: Request<Body>) -> axum::response::Response {
        self.router.clone().oneshot(request).await.unwrap()
    }

    /// `POST /api/v1/ingest/messages` as the agent runtime, with `key` as the bearer token.
    pub async fn ingest(&self, key: &str, body: Value) -> Reply {
        let mut req = request(Method::POST, "/api/v1/ingest/messages", Some(body));
        req.headers_mut().insert(axum::http::header::AUTHORIZATION, format!("Bearer {key}").parse().unwrap());
        self.send(req).await
    }

    pub async fn conversation_id(&self, external_id: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM conversations WHERE external_id = $1")
            .bind(external_id)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    pub async fn canned_id(&self, shortcode: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM canned_responses WHERE shortcode = $1")
            .bind(shortcode)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    /// Saves `changes` (settings field → value) into org `name`'s settings through the
    /// API, as Northwind's owner; answers the saved org.
    pub async fn change_settings(&self, name: &str, changes: Value) -> Value {
        let owner = self.login("owner@northwind.test").await;
        let path = format!("/api/v1/orgs/{}", self.org_id(name).await);
        let mut body = update_body(&owner.get(&path).await.body);
        for (field, value) in changes.as_object().expect("settings changes") {
            body["settings"][field] = value.clone();
        }
        let reply = owner.put(&path, body).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        reply.body
    }

    /// An anonymous request with an optional JSON body.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>) -> Reply {
        self.send(request(method, path, body)).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None).await
    }

    /// `GET` with a `Host` header, as a browser on that hostname sends it.
    pub async fn get_on_host(&self, path: &str, host: &str) -> Reply {
        let mut req = request(Method::GET, path, None);
        req.headers_mut().insert(HOST, host.parse().unwrap());
        self.send(req).await
    }

    pub async fn try_login(&self, email: &str, password: &str) -> Reply {
        let body = serde_json::json!({ "email": email, "password": password });
        self.call(Method::POST, "/api/v1/auth/login", Some(body)).await
    }

    /// Signs `email` in with the demo password; panics unless that works.
    pub async fn login(&self, email: &str) -> Session<'_> {
        let reply = self.try_login(email, DEMO_PASSWORD).await;
        assert_eq!(reply.status, 200, "login {email}: {}", reply.body);
        Session::from_reply(self, &reply)
    }

    pub async fn org_id(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM orgs WHERE name = $1").bind(name).fetch_one(&self.db).await.unwrap()
    }

    pub async fn agent_id(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM agents WHERE name = $1").bind(name).fetch_one(&self.db).await.unwrap()
    }

    pub async fn user_id(&self, email: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM users WHERE email = $1").bind(email).fetch_one(&self.db).await.unwrap()
    }

    /// Rows of `table` whose `column` is `id`: what a delete left behind.
    pub async fn count_where(&self, table: &str, column: &str, id: i64) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1"))
            .bind(id)
            .fetch_one(&self.db)
            .await
            .unwrap()
    }

    pub async fn agency_id(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM agencies WHERE name = $1").bind(name).fetch_one(&self.db).await.unwrap()
    }

    pub async fn team_id(&self, key: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM teams WHERE key = $1").bind(key).fetch_one(&self.db).await.unwrap()
    }

    /// An OpenAPI path with its parameters filled in with Northwind and Acme Dental's
    /// things: `{org}` is Acme Dental, and `{id}` whatever the path names: the agent
    /// Support Bot, the staff member member@northwind.test, the user agent@acme.test or
    /// the team `front_desk`. Panics on a parameter it does not know, so that a new route
    /// gets a deliberate choice here.
    pub async fn fill_path(&self, path: &str) -> String {
        let mut filled = path.replace("{org}", &self.org_id("Acme Dental").await.to_string());
        if filled.contains("{id}") {
            let id = if path.starts_with("/api/v1/agents/") {
                self.agent_id("Support Bot").await
            } else if path.starts_with("/api/v1/staff/") {
                self.user_id("member@northwind.test").await
            } else if path.contains("/users/{id}") {
                self.user_id("agent@acme.test").await
            } else if path.contains("/teams/{id}") {
                self.team_id("front_desk").await
            } else if path.ends_with("/conversations/{id}/messages") {
                // Replies need a conversation a person holds.
                self.conversation_id("acme-3").await
            } else if path.contains("/conversations/{id}") {
                // Waiting: it can be taken over, passed back, assigned and closed.
                self.conversation_id("acme-2").await
            } else if path.contains("/canned-responses/{id}") {
                self.canned_id("greeting").await
            } else if path.starts_with("/api/v1/plans/") {
                self.plan_id("Starter").await
            } else if path.starts_with("/api/v1/agency/embed-secrets/") {
                // Northwind's demo embed secret.
                sqlx::query_scalar("SELECT id FROM embed_secrets WHERE prefix = 'emb_demo-nor'")
                    .fetch_one(&self.db)
                    .await
                    .unwrap()
            } else if path.starts_with("/api/v1/api-keys/") {
                // Northwind's demo key.
                sqlx::query_scalar("SELECT id FROM api_keys WHERE prefix = 'northwind'")
                    .fetch_one(&self.db)
                    .await
                    .unwrap()
            } else if path.contains("/handoff-rules/{id}") {
                // Acme Dental's demo rule.
                sqlx::query_scalar("SELECT id FROM handoff_rules WHERE keyword = 'emergency'")
                    .fetch_one(&self.db)
                    .await
                    .unwrap()
            } else if path.contains("/invoices/{id}") {
                self.sample_invoice_id().await
            } else {
                panic!("no sample id for {path}: add one to common::TestApp::fill_path")
            };
            filled = filled.replace("{id}", &id.to_string());
        }
        assert!(!filled.contains('{'), "unknown path parameter in {path}: add it to common::TestApp::fill_path");
        filled
    }

    /// Northwind's plan `name` (the demo has Starter and Growth).
    pub async fn plan_id(&self, name: &str) -> i64 {
        sqlx::query_scalar("SELECT id FROM plans WHERE name = $1").bind(name).fetch_one(&self.db).await.unwrap()
    }

    /// Acme Dental's newest invoice. The demo has none (Acme has billing off), so when
    /// there is none yet one is issued first: Acme subscribed to Starter, by the store
    /// itself (the API would refuse while billing is off).
    pub async fn sample_invoice_id(&self) -> i64 {
        let acme = self.org_id("Acme Dental").await;
        let newest: Option<i64> = sqlx::query_scalar("SELECT MAX(id) FROM invoices WHERE org_id = $1")
            .bind(acme)
            .fetch_one(&self.db)
            .await
            .unwrap();
        if let Some(id) = newest {
            return id;
        }
        let agency_id = self.agency_id("Northwind Agency").await;
        let plan = store::plans::get_plan(&self.db, agency_id, self.plan_id("Starter").await).await.unwrap().unwrap();
        let org = store::subscriptions::OrgRef { agency_id, org_id: acme };
        let owner = self.user_id("owner@northwind.test").await;
        match store::subscriptions::choose_plan(
            &self.db,
            org,
            store::activity::By { user_id: owner, impersonator_id: None },
            &plan,
            time::OffsetDateTime::now_utc(),
        )
        .await
        .unwrap()
        {
            store::subscriptions::Choice::Started(_, invoice) => invoice.id,
            _ => panic!("Acme Dental had a subscription but no invoice"),
        }
    }

    /// Every row of every table as text: equal fingerprints, equal data. What a refused
    /// request must leave as it found.
    pub async fn fingerprint(&self) -> String {
        if self.pg.is_some() {
            return self.fingerprint_postgres().await;
        }
        let tables: Vec<String> =
            sqlx::query_scalar("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")
                .fetch_all(&self.db)
                .await
                .unwrap();
        let mut print = String::new();
        for table in tables {
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                .bind(&table)
                .fetch_all(&self.db)
                .await
                .unwrap();
            let row = columns
                .iter()
                .filter(|c| fingerprinted(&table, c))
                .map(|c| format!("quote(\"{c}\")"))
                .collect::<Vec<_>>()
                .join(" || ',' || ");
            if row.is_empty() {
                continue;
            }
            let sql = format!("SELECT group_concat(r, char(10)) FROM (SELECT {row} AS r FROM \"{table}\" ORDER BY 1)");
            let rows: Option<String> = sqlx::query_scalar(&sql).fetch_one(&self.db).await.unwrap();
            print.push_str(&format!("[{table}]\n{}\n", rows.unwrap_or_default()));
        }
        print
    }

    /// [`TestApp::fingerprint`] leaving out `table` (e.g. a log of used nonces, which a
    /// refused request may rightly add to).
    pub async fn fingerprint_without(&self, table: &str) -> String {
        let print = self.fingerprint().await;
        let header = format!("[{table}]\n");
        let Some(start) = print.find(&header) else {
            return print;
        };
        let rest = &print[start + header.len()..];
        let end = rest.find("\n[").map_or(print.len(), |i| start + header.len() + i + 1);
        format!("{}{}", &print[..start], &print[end..])
    }

    /// [`TestApp::fingerprint`] on PostgreSQL: a row cast to text is its values.
    async fn fingerprint_postgres(&self) -> String {
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT CAST(table_name AS TEXT) FROM information_schema.tables WHERE table_schema = 'public' \
             ORDER BY table_name",
        )
        .fetch_all(&self.db)
        .await
        .unwrap();
        let mut print = String::new();
        for table in tables {
            let columns: Vec<String> = sqlx::query_scalar(
                "SELECT CAST(column_name AS TEXT) FROM information_schema.columns \
                 WHERE table_schema = 'public' AND table_name = $1 ORDER BY ordinal_position",
            )
            .bind(&table)
            .fetch_all(&self.db)
            .await
            .unwrap();
            let row = columns
                .iter()
                .filter(|c| fingerprinted(&table, c))
                .map(|c| format!("\"{c}\""))
                .collect::<Vec<_>>()
                .join(", ");
            if row.is_empty() {
                continue;
            }
            let sql = format!(
                "SELECT string_agg(r, E'\\n' ORDER BY r) FROM (SELECT CAST(ROW({row}) AS TEXT) AS r FROM \"{table}\") t"
            );
            let rows: Option<String> = sqlx::query_scalar(&sql).fetch_one(&self.db).await.unwrap();
            print.push_str(&format!("[{table}]\n{}\n", rows.unwrap_or_default()));
        }
        print
    }

    /// Rows in `table`.
    pub async fn count(&self, table: &str) -> i64 {
        sqlx::query_scalar(&format!("SELECT COUNT(*) FROM {table}")).fetch_one(&self.db).await.unwrap()
    }
}

/// Whether [`TestApp::fingerprint`] compares `column` of `table`: all but a session's
/// last-seen time, which any request of the session moves (at most once a minute, so
/// only on a run slower than that), whether or not the request was allowed.
/// What a fingerprint leaves out: a session's last-seen time, and the throttle's record of
/// attempts (`login_failures`), which refused requests write by design (a wrong password,
/// an "email taken" answer): it is the throttle's memory, not anyone's data.
fn fingerprinted(table: &str, column: &str) -> bool {
    !(table == "sessions" && column == "last_seen_at") && table != "login_failures"
}

/// A database file frozen by [`TestApp::snapshot`]; removed when dropped.
pub struct Snapshot {
    _dir: TempDir,
    path: PathBuf,
    /// The frozen copy, when tests run on PostgreSQL.
    pg: Option<PgDatabase>,
}

/// The `PUT /api/v1/orgs/{org}` body that saves `org` (as read from the API) unchanged.
pub fn update_body(org: &Value) -> Value {
    serde_json::json!({
        "name": org["name"],
        "contact_email": org["contact_email"],
        "logo_url": org["logo_url"],
        "settings": org["settings"],
        "version": org["version"],
    })
}

/// `y-m-d` at `h:00` UTC: a billing test's instant.
pub fn utc(y: i32, m: u8, d: u8, h: u8) -> time::OffsetDateTime {
    let month = time::Month::try_from(m).unwrap();
    time::Date::from_calendar_date(y, month, d).unwrap().with_hms(h, 0, 0).unwrap().assume_utc()
}

/// The `name` of every item of a list answer, in order.
pub fn item_names(list: &Value) -> Vec<String> {
    list["items"].as_array().expect("items").iter().map(|o| o["name"].as_str().unwrap().to_string()).collect()
}

/// A request with a JSON body when one is given.
pub fn request(method: Method, path: &str, body: Option<Value>) -> Request<Body> {
    let builder = Request::builder().method(method).uri(path);
    match body {
        Some(json) => builder.header(CONTENT_TYPE, "application/json").body(Body::from(json.to_string())),
        None => builder.body(Body::empty()),
    }
    .unwrap()
}

/// A signed-in browser: it sends both cookies it got at login, and the CSRF header on
/// mutating requests. It keeps those cookies even after logout clears them, so tests see
/// whether the server really forgot the session.
pub struct Session<'a> {
    pub app: &'a TestApp,
    pub token: String,
    pub csrf: String,
    /// The login answer.
    pub me: Value,
    /// During "Log in as": the HttpOnly cookie holding the staff member's parked session.
    pub return_token: Option<String>,
}

impl Session<'_> {
    /// The same browser (the same cookies) talking to `app`, such as a copy of a
    /// snapshot taken while this session was live.
    pub fn on<'b>(&self, app: &'b TestApp) -> Session<'b> {
        Session {
            app,
            token: self.token.clone(),
            csrf: self.csrf.clone(),
            me: self.me.clone(),
            return_token: self.return_token.clone(),
        }
    }

    /// A session started by an answer's `Set-Cookie`s (such as "Log in as"), in the same app.
    pub fn from_reply<'b>(app: &'b TestApp, reply: &Reply) -> Session<'b> {
        let token = reply.cookie(SESSION_COOKIE).expect("session cookie").value().to_string();
        let csrf = reply.cookie(CSRF_COOKIE).expect("csrf cookie").value().to_string();
        let return_token = reply.cookie("atrium_return").map(|c| c.value().to_string()).filter(|v| !v.is_empty());
        Session { app, token, csrf, me: reply.body.clone(), return_token }
    }

    pub fn cookie_header(&self) -> String {
        let parked = self.return_token.as_ref().map(|t| format!("; atrium_return={t}")).unwrap_or_default();
        format!("{SESSION_COOKIE}={}; {CSRF_COOKIE}={}{parked}", self.token, self.csrf)
    }

    /// Sends with the session cookies; `csrf` adds the `X-CSRF-Token` header.
    pub async fn call(&self, method: Method, path: &str, body: Option<Value>, csrf: bool) -> Reply {
        let mut req = request(method, path, body);
        req.headers_mut().insert(COOKIE, self.cookie_header().parse().unwrap());
        if csrf {
            req.headers_mut().insert(CSRF_HEADER, self.csrf.parse().unwrap());
        }
        self.app.send(req).await
    }

    pub async fn get(&self, path: &str) -> Reply {
        self.call(Method::GET, path, None, false).await
    }

    pub async fn post(&self, path: &str, body: Option<Value>) -> Reply {
        self.call(Method::POST, path, body, true).await
    }

    pub async fn put(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PUT, path, Some(body), true).await
    }

    pub async fn patch(&self, path: &str, body: Value) -> Reply {
        self.call(Method::PATCH, path, Some(body), true).await
    }

    pub async fn delete(&self, path: &str) -> Reply {
        self.call(Method::DELETE, path, None, true).await
    }
}

/// How long a test waits for a live event: long enough for any machine; a test that
/// needs it has failed anyway.
pub const PATIENCE: std::time::Duration = std::time::Duration::from_secs(10);

/// Reads an event stream's socket into `seen` until it holds `needle`; answers all read so far.
pub async fn read_until(stream: &mut tokio::net::TcpStream, seen: &mut String, needle: &str) -> String {
    use tokio::io::AsyncReadExt;
    let mut buffer = [0u8; 4096];
    tokio::time::timeout(PATIENCE, async {
        while !seen.contains(needle) {
            let n = stream.read(&mut buffer).await.unwrap();
            assert!(n > 0, "the server closed the stream: {seen}");
            seen.push_str(&String::from_utf8_lossy(&buffer[..n]));
        }
    })
    .await
    .unwrap_or_else(|_| panic!("{needle:?} did not arrive; got {seen}"));
    seen.clone()
}
