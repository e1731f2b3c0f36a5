//! Shells around the routed pages; each renders `<Outlet/>`.

pub mod console;
pub mod dashboard;
pub mod guard;
pub mod section_gate;
pub mod sign_out;
pub mod skip_link;
