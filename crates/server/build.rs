//! `sqlx::migrate!` embeds the migrations at compile time but cannot tell cargo to watch
//! them; without this a new migration file would not rebuild the server.

fn main() {
    println!("cargo:rerun-if-changed=migrations");
    println!("cargo:rerun-if-changed=migrations/sqlite");
    println!("cargo:rerun-if-changed=migrations/postgres");
}
