//! One module per routed page; a page fetches its data and hands it to components.

pub mod account;
pub mod console;
pub mod dashboard;
pub mod embed;
pub mod login;
pub mod not_found;
pub mod password_reset;
pub mod people;
pub mod start;
