//! App-wide state as typed contexts, each with `provide_*` and `use_*`.

pub mod branding;
pub mod current_org;
pub mod dashboard;
pub mod language;
pub mod live;
pub mod session;
