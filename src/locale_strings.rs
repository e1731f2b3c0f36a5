//! Every language but English arrives when first shown: the wasm carries English only
//! (built with `lazy-locales`, see build.rs), and a locale is switched to once its strings
//! are here, so no view ever renders a missing string.

use crate::i18n::*;
use leptos::prelude::*;
use leptos_i18n::Locale as _;
use std::sync::OnceLock;

mod files {
    // `TABLES`: each locale's file and string count, in `Locale`'s order (build.rs).
    include!(concat!(env!("OUT_DIR"), "/locale_files.rs"));
}

static LOADED: [OnceLock<Vec<&'static str>>; files::TABLES.len()] = [const { OnceLock::new() }; files::TABLES.len()];

/// String `index` of locale number `locale`: what the generated i18n module reads for
/// every language that is not compiled in. Empty only if asked before [`load`], which
/// [`shown_once_loaded`] and [`keep_loaded`] prevent.
pub fn get(locale: usize, index: usize) -> &'static str {
    LOADED.get(locale).and_then(OnceLock::get).and_then(|t| t.get(index)).copied().unwrap_or_default()
}

/// A piece of a string with `{{ vars }}`: the fetched string `Text(index)`, or the
/// caller's variable `Var(n)`. build.rs writes each such string of a fetched locale as a
/// list of these (far less wasm than a call per piece).
pub enum Piece {
    Text(usize),
    Var(usize),
}

/// Writes `pieces` of locale number `locale`, with `vars` in their places.
pub fn write_pieces(
    f: &mut std::fmt::Formatter<'_>,
    locale: usize,
    pieces: &[Piece],
    vars: &[&dyn std::fmt::Display],
) -> std::fmt::Result {
    for piece in pieces {
        match *piece {
            Piece::Text(index) => f.write_str(get(locale, index))?,
            Piece::Var(n) => vars[n].fmt(f)?,
        }
    }
    Ok(())
}

/// Whether `locale`'s strings can be shown now.
pub fn is_loaded(locale: Locale) -> bool {
    let (file, _) = files::TABLES[locale as usize];
    file.is_empty() || LOADED[locale as usize].get().is_some()
}

/// Fetches `locale`'s strings (once; the file name carries its content hash).
pub async fn load(locale: Locale) -> Result<(), crate::api::ApiError> {
    if is_loaded(locale) {
        return Ok(());
    }
    let (file, count) = files::TABLES[locale as usize];
    let strings = crate::api::locales::strings(file).await?;
    if strings.len() != count {
        return Err(crate::api::ApiError::Server(format!("{file}: {} strings, expected {count}", strings.len())));
    }
    // Kept for the life of the page, like the compiled-in strings they stand beside.
    let strings = strings.into_iter().map(|s| &*Box::leak(s.into_boxed_str())).collect();
    let _ = LOADED[locale as usize].set(strings);
    Ok(())
}

/// The locale the browser's languages pick, as leptos_i18n's provider will start in.
pub fn browser_locale() -> Locale {
    let languages: Vec<String> = web_sys::window()
        .map(|w| w.navigator().languages().iter().filter_map(|l| l.as_string()).collect())
        .unwrap_or_default();
    Locale::find_locale(&languages)
}

/// `wanted`, but only once its strings are here; until then the locale the app shows now.
pub fn shown_once_loaded(wanted: Signal<Locale>) -> Signal<Locale> {
    let i18n = use_i18n();
    let start = wanted.get_untracked();
    let shown = RwSignal::new(if is_loaded(start) { start } else { i18n.get_locale_untracked() });
    Effect::new(move |_| {
        let locale = wanted.get();
        if is_loaded(locale) {
            shown.set(locale);
            return;
        }
        leptos::task::spawn_local(async move {
            match load(locale).await {
                // The strings may arrive after the caller is gone (the org page's preview
                // asks for the org's language; the user switches tab before it arrives):
                // its signals are disposed then, and reading one would panic.
                Ok(()) if wanted.try_get_untracked() == Some(locale) => {
                    let _ = shown.try_set(locale);
                }
                Ok(()) => {}
                Err(e) => leptos::logging::error!("strings for {}: {e:?}", locale.as_str()),
            }
        });
    });
    shown.into()
}

/// Shows the app in `wanted` from now on, each locale once its strings are here.
pub fn show(wanted: Signal<Locale>) {
    let i18n = use_i18n();
    let shown = shown_once_loaded(wanted);
    // In an effect: it must run after the i18n provider's start-up effect. Only a change is
    // set: every set redraws whatever reads the locale, this caller's parents included.
    Effect::new(move |_| {
        let locale = shown.get();
        if i18n.get_locale_untracked() != locale {
            i18n.set_locale(locale);
        }
    });
}

/// Whatever switches the app's locale without asking first (the browser's languages
/// changing): fetch its strings, then draw again; English if they cannot be fetched.
pub fn keep_loaded() {
    let i18n = use_i18n();
    Effect::new(move |_| {
        let locale = i18n.get_locale();
        if is_loaded(locale) {
            return;
        }
        leptos::task::spawn_local(async move {
            match load(locale).await {
                Ok(()) => i18n.set_locale(locale),
                Err(e) => {
                    leptos::logging::error!("strings for {}: {e:?}", locale.as_str());
                    i18n.set_locale(Locale::default());
                }
            }
        });
    });
}

#[cfg(test)]
mod tests {
    use super::{write_pieces, Piece, LOADED};
    use std::fmt;

    struct Sentence<'a>(&'a [Piece], &'a [&'a dyn fmt::Display]);

    impl fmt::Display for Sentence<'_> {
        fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write_pieces(f, 1, self.0, self.1)
        }
    }

    #[test]
    fn pieces_are_written_in_their_order_each_variable_in_its_place() {
        let _ = LOADED[1].set(vec!["Sie sehen ", " als ", "."]);
        let (org, user): (&dyn fmt::Display, &dyn fmt::Display) = (&"Acme", &"Alice");
        let pieces = [Piece::Text(0), Piece::Var(0), Piece::Text(1), Piece::Var(1), Piece::Text(2)];
        assert_eq!(Sentence(&pieces, &[org, user]).to_string(), "Sie sehen Acme als Alice.");
        // A language that names them the other way round.
        let swapped = [Piece::Var(1), Piece::Text(1), Piece::Var(0)];
        assert_eq!(Sentence(&swapped, &[org, user]).to_string(), "Alice als Acme");
    }
}
