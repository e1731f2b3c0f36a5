//! All SQL lives under this module: the pool and migrations (`pool`), what queries share
//! (`sql`, `timestamps`, `paging`, `write`), and one module per resource.

pub mod activity;
pub mod agencies;
pub mod agents;
pub mod analytics;
pub mod canned;
pub mod client_users;
mod columns;
pub mod conversations;
pub mod domains;
pub mod embedding;
pub mod handoff;
pub mod ingest;
pub mod ingest_queue;
pub mod integration;
pub mod invoices;
pub mod login_failures;
pub mod org_agents;
pub mod orgs;
mod paging;
pub mod plans;
mod pool;
pub mod search_upkeep;
pub mod sessions;
mod sql;
pub mod staff;
pub mod subscriptions;
pub mod teams;
mod timestamps;
pub mod users;
mod write;

pub use pool::{connect, is_empty, notify, with_startup_lock, Db, Dialect};
pub use sql::Flag;
use sql::{all_ids_in, distinct, fts_query, json_ids, like_pattern, parse_ids, trigram_searchable};
pub use timestamps::{has_passed, now, seconds_from_now, seconds_since, timestamp};
use write::{begin_write, begin_write_on};
