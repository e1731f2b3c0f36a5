//! Generates the typed i18n module from `locales/*.json` (leptos_i18n).

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::path::PathBuf;

/// Every locale the client ships; `en` is the reference the others must match.
const LOCALES: &[&str] = &["es", "fr", "de", "it", "pt", "nl", "pl", "tr", "ar"];

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR unset")?).join("i18n");
    // interpolate_display: strings with {{ vars }} are also needed as plain text (titles, labels).
    let mut cfg = Config::new("en")?.parse_options(ParseOptions::new().interpolate_display(true));
    for locale in LOCALES {
        cfg = cfg.add_locale(locale)?;
    }
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out)?;
    Ok(())
}
