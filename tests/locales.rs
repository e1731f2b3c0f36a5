//! Every locale carries every key English has, with the same `{{ variables }}`.

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

/// key path → variables used in the string
fn flatten(prefix: &str, value: &Value, out: &mut BTreeMap<String, Vec<String>>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                let path = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                flatten(&path, v, out);
            }
        }
        Value::String(s) => {
            let mut vars: Vec<String> = s
                .split("{{")
                .skip(1)
                .filter_map(|rest| rest.split("}}").next())
                .map(|v| v.trim().to_string())
                .collect();
            vars.sort();
            out.insert(prefix.to_string(), vars);
        }
        other => panic!("{prefix}: only strings and objects are expected, found {other}"),
    }
}

fn keys(file: &Path) -> BTreeMap<String, Vec<String>> {
    let text = fs::read_to_string(file).unwrap();
    let json: Value = serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut out = BTreeMap::new();
    flatten("", &json, &mut out);
    out
}

#[test]
fn every_locale_has_every_english_key_and_variable() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let english = keys(&dir.join("en.json"));
    let mut checked = 0;
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") || path.ends_with("en.json") {
            continue;
        }
        let other = keys(&path);
        let missing: Vec<_> = english.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !english.contains_key(*k)).collect();
        assert!(missing.is_empty(), "{} lacks {missing:?}", path.display());
        assert!(extra.is_empty(), "{} has keys English lacks: {extra:?}", path.display());
        for (key, vars) in &english {
            assert_eq!(&other[key], vars, "{}: {key} must use the variables {vars:?}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 1, "no locale besides English was checked");
}

/// The compiled app offers exactly the languages `locales/` holds: a file build.rs forgot
/// would be silently missing from the language menus, a code without a file a broken one.
#[test]
fn the_app_offers_exactly_the_locale_files() {
    use leptos_i18n::Locale as _;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let files: BTreeSet<String> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some("json"))
        .map(|p| p.file_stem().unwrap().to_str().unwrap().to_string())
        .collect();
    let compiled: BTreeSet<String> = atrium::i18n::Locale::get_all().iter().map(|l| l.as_str().to_string()).collect();
    assert_eq!(compiled, files);
}

/// The words of a string, its `{{ variables }}` left out: runs of two letters or more.
fn words(text: &str) -> Vec<String> {
    let mut plain = String::new();
    for (i, part) in text.split("{{").enumerate() {
        plain.push(' ');
        plain.push_str(if i == 0 { part } else { part.split_once("}}").map_or("", |(_, rest)| rest) });
    }
    plain.split(|c: char| !c.is_alphabetic()).filter(|w| w.chars().count() >= 2).map(str::to_string).collect()
}

/// key path → the string, for every string of a locale file.
fn strings_of(path: &Path) -> BTreeMap<String, String> {
    fn strings(prefix: &str, value: &Value, out: &mut BTreeMap<String, String>) {
        match value {
            Value::Object(map) => {
                for (k, v) in map {
                    strings(&if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") }, v, out);
                }
            }
            Value::String(s) => {
                out.insert(prefix.to_string(), s.clone());
            }
            _ => {}
        }
    }
    let json: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let mut out = BTreeMap::new();
    strings("", &json, &mut out);
    out
}

/// A row's buttons show a short verb ("Disable") and are named in full for assistive
/// technology ("Disable Ines Moreau"): the visible words must be inside the full name, in
/// every language, or a person who says what they see to voice control cannot press it
/// (WCAG 2.5.3, label in name).
#[test]
fn every_short_row_button_is_inside_its_full_name() {
    const PAIRS: &[(&str, &[&str])] = &[
        ("row.edit", &["users.edit"]),
        ("row.disable", &["users.disable"]),
        ("row.enable", &["users.enable"]),
        ("row.delete", &["users.delete", "teams.delete", "canned.delete", "integrations.delete_rule"]),
        ("row.remove", &["staff.remove"]),
        ("row.log_in_as", &["users.log_in_as"]),
        ("row.pause", &["agents.pause"]),
        ("row.resume", &["agents.resume"]),
        ("row.retire", &["billing.retire"]),
        ("row.revoke", &["integrations.revoke", "embedding.revoke"]),
        ("row.actions", &["row.actions_for"]),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let mut wrong = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") {
            continue;
        }
        let strings = strings_of(&path);
        for (short, fulls) in PAIRS {
            for full in *fulls {
                let (s, f) = (&strings[*short], &strings[*full]);
                // Without the dot that lowercasing Turkish "İ" leaves behind.
                let lower = |t: &str| t.to_lowercase().replace('\u{307}', "");
                if !lower(f).contains(&lower(s)) {
                    wrong.push(format!(
                        "{}: {short} {s:?} is not in {full} {f:?}",
                        path.file_name().unwrap().to_string_lossy()
                    ));
                }
            }
        }
    }
    assert!(wrong.is_empty(), "short labels missing from their full names:\n{}", wrong.join("\n"));
}

/// A string left in English is a string nobody translated: only labels of one or two
/// words may read the same in another language ("Chat", "Status", "Website (URL)"),
/// never a phrase or a sentence.
#[test]
fn no_phrase_is_left_in_english() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("locales");
    let english = strings_of(&dir.join("en.json"));
    let mut untranslated = Vec::new();
    for entry in fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("json") || path.ends_with("en.json") {
            continue;
        }
        for (key, value) in strings_of(&path) {
            if english.get(&key) == Some(&value) && words(&value).len() > 2 {
                untranslated.push(format!("{}: {key} = {value:?}", path.file_name().unwrap().to_string_lossy()));
            }
        }
    }
    assert!(untranslated.is_empty(), "left in English:\n{}", untranslated.join("\n"));
    assert_eq!(words("{{ minutes }} min"), ["min"]);
    assert_eq!(words("Name (A–Z)"), ["Name"]);
    assert_eq!(words("You are viewing {{ org }}."), ["You", "are", "viewing"]);
}
