//! Atrium's client: the agency console and the client dashboard in one Leptos app.

pub mod api;
pub mod app;
pub mod components;
pub mod i18n;
pub mod layouts;
pub mod pages;
pub mod state;
