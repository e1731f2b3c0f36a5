//! Atrium's client: the agency console and the client dashboard in one Leptos app.

pub mod activity_text;
pub mod api;
pub mod app;
pub mod components;
pub mod crash;
pub mod drafts;
pub mod focus;
pub mod form;
pub mod format;
pub mod layouts;
pub mod locale_strings;
pub mod page_title;
pub mod pages;
pub mod plural;
pub mod secrets;
pub mod sections;
pub mod slash;
pub mod sound;
pub mod state;
pub mod url_state;

// `pub mod i18n`: the typed translations build.rs generates from locales/*.json.
include!(concat!(env!("OUT_DIR"), "/i18n/mod.rs"));
