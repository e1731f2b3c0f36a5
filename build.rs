//! Generates the typed i18n module from `locales/*.json` (leptos_i18n).
//!
//! With the `lazy-locales` feature (the shipped client), only English stays in the wasm:
//! every other language's strings are written to `<code>-<hash>.json` tables the client
//! fetches when that language is first shown (`src/locale_strings.rs`), and the generated
//! module reads them from there. Ten languages of strings were ~40 KB (brotli) that every
//! visitor downloaded to see one.

use leptos_i18n_build::{Config, ParseOptions, TranslationsInfos};
use std::error::Error;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Every locale the client ships; `en` is the reference the others must match.
const LOCALES: &[&str] = &["es", "fr", "de", "it", "pt", "nl", "pl", "tr", "ar"];
/// The locale compiled into the wasm: the default, and the fallback when a table fails.
const DEFAULT: &str = "en";

fn main() -> Result<(), Box<dyn Error>> {
    println!("cargo::rerun-if-changed=build.rs");
    let out_dir = PathBuf::from(std::env::var_os("OUT_DIR").ok_or("OUT_DIR unset")?);
    let out = out_dir.join("i18n");
    // interpolate_display: strings with {{ vars }} are also needed as plain text (titles, labels).
    let mut cfg = Config::new(DEFAULT)?.parse_options(ParseOptions::new().interpolate_display(true));
    for locale in LOCALES {
        cfg = cfg.add_locale(locale)?;
    }
    let infos = TranslationsInfos::parse(cfg)?;
    infos.emit_diagnostics();
    infos.rerun_if_locales_changed();
    infos.generate_i18n_module(out.clone())?;

    let order: Vec<&str> = std::iter::once(DEFAULT).chain(LOCALES.iter().copied()).collect();
    let files = if std::env::var_os("CARGO_FEATURE_LAZY_LOCALES").is_some() {
        let module = out.join("mod.rs");
        let code = std::fs::read_to_string(&module)?;
        let tables = tables_dir(&out_dir)?;
        let files = write_tables(&code, &order, &tables)?;
        std::fs::write(&module, write_as_data(&read_lazily(&code, &order)?)?)?;
        files
    } else {
        Vec::new()
    };
    std::fs::write(out_dir.join("locale_files.rs"), files_const(&order, &files))?;
    Ok(())
}

/// Where the tables go for `scripts/build-client.sh` to copy into `dist/i18n/`: beside the
/// build's own output (`<target>/<triple>/<profile>/atrium-locales`), emptied first so only
/// this build's tables are there.
fn tables_dir(out_dir: &Path) -> Result<PathBuf, Box<dyn Error>> {
    // OUT_DIR is <profile dir>/build/<package>-<hash>/out.
    let profile_dir = out_dir.ancestors().nth(3).ok_or("unexpected OUT_DIR layout")?;
    let dir = profile_dir.join("atrium-locales");
    if dir.exists() {
        std::fs::remove_dir_all(&dir)?;
    }
    std::fs::create_dir_all(&dir)?;
    Ok(dir)
}

/// Writes each non-default locale's strings, in the generated module's order, as a JSON
/// array named by its content; returns `(file name, string count)` in `order`.
fn write_tables(code: &str, order: &[&str], dir: &Path) -> Result<Vec<(String, usize)>, Box<dyn Error>> {
    let mut files = Vec::new();
    for locale in order {
        if *locale == DEFAULT {
            files.push((String::new(), 0));
            continue;
        }
        let strings = strings_of(code, locale)?;
        let json = serde_json::to_string(&strings)?;
        let name = format!("{locale}-{:016x}.json", fnv1a(json.as_bytes()));
        std::fs::write(dir.join(&name), json)?;
        files.push((name, strings.len()));
    }
    Ok(files)
}

/// The `STRINGS` array leptos_i18n generated for `locale`, unescaped.
fn strings_of(code: &str, locale: &str) -> Result<Vec<String>, Box<dyn Error>> {
    let unit = format!("TranslationUnit for I18nKeys_{locale} {{");
    let at = code.find(&unit).ok_or_else(|| format!("no translation unit for {locale}"))?;
    let rest = &code[at..];
    let start = rest.find("const STRINGS").ok_or("no STRINGS")?;
    let rest = &rest[start..];
    let open = rest.find("= & [").ok_or("no STRINGS array")? + "= & [".len();
    let mut strings = Vec::new();
    let bytes = rest.as_bytes();
    let mut i = open;
    loop {
        match bytes.get(i) {
            Some(b']') => break,
            Some(b'"') => {
                let end = literal_end(bytes, i)?;
                strings.push(syn::parse_str::<syn::LitStr>(&rest[i..end])?.value());
                i = end;
            }
            Some(_) => i += 1,
            None => return Err("unterminated STRINGS array".into()),
        }
    }
    Ok(strings)
}

/// The index just past the string literal that opens at `start`.
fn literal_end(bytes: &[u8], start: usize) -> Result<usize, Box<dyn Error>> {
    let mut i = start + 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'\\' => i += 2,
            b'"' => return Ok(i + 1),
            _ => i += 1,
        }
    }
    Err("unterminated string literal".into())
}

const LOOKUP: &str = "{ const S : & str = l_i18n_crate :: __private :: index_translations :: < ";
const LOCALE_MARK: &str = "__get_";
const LOCALE_MARK_END: &str = "_translations__ ()";

/// The generated module with every non-default string read from the fetched tables: each
/// compile-time lookup `{ const S = index_translations::<N, I>(..); S }` in a locale's arm
/// becomes `crate::locale_strings::get(locale, I)`. The arm's locale is the one whose
/// `__get_<locale>_translations__()` it bound last. Functions that now read at run time
/// can no longer be `const`.
fn read_lazily(code: &str, order: &[&str]) -> Result<String, Box<dyn Error>> {
    let mut result = String::with_capacity(code.len());
    let mut rest = code;
    let mut locale: Option<usize> = None;
    let mut replaced = 0;
    loop {
        let next_mark = rest.find(LOCALE_MARK);
        let next_lookup = rest.find(LOOKUP);
        match (next_mark, next_lookup) {
            (Some(m), l) if l.is_none_or(|l| m < l) => {
                let after = &rest[m + LOCALE_MARK.len()..];
                if let Some(end) =
                    after.find(LOCALE_MARK_END).filter(|&e| after[..e].chars().all(|c| c.is_ascii_alphanumeric()))
                {
                    locale = order.iter().position(|l| *l == &after[..end]);
                }
                result.push_str(&rest[..m + LOCALE_MARK.len()]);
                rest = &rest[m + LOCALE_MARK.len()..];
            }
            (_, Some(l)) => {
                result.push_str(&rest[..l]);
                let tail = &rest[l + LOOKUP.len()..];
                let close = tail.find("; S }").ok_or("lookup without end")? + "; S }".len();
                let index = lookup_index(&tail[..close])?;
                match locale {
                    Some(0) => result.push_str(&rest[l..l + LOOKUP.len() + close]),
                    Some(locale) => {
                        write!(result, "crate :: locale_strings :: get ({locale}usize , {index}usize)")?;
                        replaced += 1;
                    }
                    None => return Err("string lookup outside a locale's arm".into()),
                }
                rest = &tail[close..];
            }
            (None, None) => break,
            (Some(_), None) => unreachable!("covered by the first arm"),
        }
    }
    result.push_str(rest);
    if replaced == 0 {
        return Err("no string lookups found: has leptos_i18n's generated code changed?".into());
    }
    Ok(result
        .replace("pub const fn ", "pub fn ")
        .replace("pub fn __get_", "pub const fn __get_")
        .replace("pub fn get_translations", "pub const fn get_translations"))
}

const WRITE: &str = "core :: fmt :: Display :: fmt (";
const WRITE_END: &str = " , __formatter) ? ; ";
const FETCHED: &str = "& crate :: locale_strings :: get (";

/// Each fetched locale's arm of a string with `{{ vars }}`, which leptos_i18n writes as one
/// `Display::fmt(piece, f)?` call per piece (`{ fmt(&get(3, 42), f)?; fmt(var_old, f)?; …;
/// Ok(()) }`), becomes one call that walks the pieces as data:
/// `write_pieces(f, 3, &[Text(42), Var(0), …], &[var_old, …])`. The same text, with a
/// fraction of the code: 9 locales times every such string was ~100 bytes of wasm each.
/// An arm of any other shape is left as it is.
fn write_as_data(code: &str) -> Result<String, Box<dyn Error>> {
    let block_start = format!("{{ {WRITE}");
    let mut result = String::with_capacity(code.len());
    let mut rest = code;
    let mut rewritten = 0;
    while let Some(at) = rest.find(&block_start) {
        result.push_str(&rest[..at]);
        match pieces_call(&rest[at + 2..]) {
            Some((call, used)) => {
                result.push_str(&call);
                rest = &rest[at + 2 + used..];
                rewritten += 1;
            }
            None => {
                result.push_str(&block_start);
                rest = &rest[at + block_start.len()..];
            }
        }
    }
    result.push_str(rest);
    if rewritten == 0 {
        return Err("no interpolated strings found: has leptos_i18n's generated code changed?".into());
    }
    Ok(result)
}

/// For `fmt(…, __formatter) ? ; … Ok (()) }` (the block's inside, from its first call), the
/// `write_pieces` call and how much of `code` the block took; `None` when a piece is neither
/// a fetched string nor a variable, or the pieces come from more than one locale.
fn pieces_call(code: &str) -> Option<(String, usize)> {
    let (mut pieces, mut vars, mut locale) = (Vec::new(), Vec::<&str>::new(), None);
    let mut rest = code;
    while let Some(after) = rest.strip_prefix(WRITE) {
        let end = after.find(WRITE_END)?;
        let arg = &after[..end];
        if let Some(lookup) = arg.strip_prefix(FETCHED) {
            let (l, i) = lookup.strip_suffix(')')?.split_once(" , ")?;
            if locale.is_some_and(|known| known != l) {
                return None;
            }
            locale = Some(l);
            pieces.push(format!("crate :: locale_strings :: Piece :: Text ({i})"));
        } else if arg.starts_with("var_") && arg.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            let n = vars.iter().position(|v| *v == arg).unwrap_or_else(|| {
                vars.push(arg);
                vars.len() - 1
            });
            pieces.push(format!("crate :: locale_strings :: Piece :: Var ({n})"));
        } else {
            return None;
        }
        rest = &after[end + WRITE_END.len()..];
    }
    let rest_after = rest.strip_prefix("Ok (()) }")?;
    let vars: Vec<String> = vars.iter().map(|v| format!("{v} as & dyn core :: fmt :: Display")).collect();
    let call = format!(
        "crate :: locale_strings :: write_pieces (__formatter , {} , & [{}] , & [{}])",
        locale?,
        pieces.join(" , "),
        vars.join(" , ")
    );
    Some((call, code.len() - rest_after.len()))
}

/// `I` from `Nusize , Iusize > (I18N_TRANSLATIONS) ; S }`.
fn lookup_index(lookup: &str) -> Result<usize, Box<dyn Error>> {
    let index = lookup.split(',').nth(1).and_then(|s| s.trim().split("usize").next()).ok_or("malformed lookup")?;
    Ok(index.trim().parse()?)
}

/// `pub const TABLES: [(&str, usize); N]`: each locale's table file (empty for the
/// compiled-in default, and for all of them without `lazy-locales`) and string count.
fn files_const(order: &[&str], files: &[(String, usize)]) -> String {
    let mut s = format!("pub const TABLES: [(&str, usize); {}] = [", order.len());
    for i in 0..order.len() {
        let (name, len) = files.get(i).cloned().unwrap_or_default();
        let _ = write!(s, "({name:?}, {len}),");
    }
    s.push_str("];\n");
    s
}

/// A stable 64-bit content hash for file names (FNV-1a).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
}
