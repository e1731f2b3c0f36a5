//! Smart handoff against a labelled corpus: for each dashboard language, visitor messages
//! written by hand (`+ ` asks for a person, `- ` does not), never derived from the matcher's
//! word lists, in three sets written at different times (see `tests/handoff_corpus/README.md`).
//! The negatives are the hard ones a business chat sees: bookings "for one person", praise
//! of "customer service", questions about staff, "no need for a human". A false alarm costs
//! a client's staff time, a miss loses a customer, so each language must keep precision
//! ≥ 0.95 and recall ≥ 0.90 over all its messages.
//! `cargo test -p atrium-server --test server handoff_corpus -- --nocapture` prints the table (each
//! set's figures too) and every message judged wrongly; `make bench` prints the table.

use atrium_server::smart_handoff::asks_for_person;
use std::path::Path;

const LANGUAGES: [&str; 10] = ["en", "es", "fr", "de", "it", "pt", "nl", "pl", "tr", "ar"];
/// The sets, oldest first: `""` holds `<code>.txt` at the corpus's top.
const SETS: [&str; 3] = ["", "heldout", "unseen"];
const MIN_PRECISION: f64 = 0.95;
const MIN_RECALL: f64 = 0.90;
/// Enough messages of each kind that one wrong judgement moves a figure by ≤ 2.5 points.
const MIN_EACH: usize = 40;

struct Score {
    code: &'static str,
    positives: usize,
    negatives: usize,
    missed: Vec<String>,
    false_alarms: Vec<String>,
}

impl Score {
    /// One set of one language, each message judged.
    fn of(code: &'static str, set: &str) -> Score {
        let path =
            Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/handoff_corpus").join(set).join(format!("{code}.txt"));
        let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut score = Score { code, positives: 0, negatives: 0, missed: Vec::new(), false_alarms: Vec::new() };
        for (n, line) in text.lines().enumerate() {
            let (wants_person, message) = match line.split_at_checked(2) {
                Some(("+ ", message)) => (true, message),
                Some(("- ", message)) => (false, message),
                _ if line.is_empty() || line.starts_with('#') => continue,
                _ => panic!("{}:{}: a line starts with '+ ', '- ' or '#': {line:?}", path.display(), n + 1),
            };
            let judged = asks_for_person(message).is_some();
            if wants_person {
                score.positives += 1;
                if !judged {
                    score.missed.push(message.to_string());
                }
            } else {
                score.negatives += 1;
                if judged {
                    score.false_alarms.push(message.to_string());
                }
            }
        }
        score
    }

    /// Several sets of one language as one.
    fn merged(sets: &[Score]) -> Score {
        Score {
            code: sets[0].code,
            positives: sets.iter().map(|s| s.positives).sum(),
            negatives: sets.iter().map(|s| s.negatives).sum(),
            missed: sets.iter().flat_map(|s| s.missed.clone()).collect(),
            false_alarms: sets.iter().flat_map(|s| s.false_alarms.clone()).collect(),
        }
    }

    fn precision(&self) -> f64 {
        let flagged = self.positives - self.missed.len() + self.false_alarms.len();
        if flagged == 0 {
            return 0.0;
        }
        (self.positives - self.missed.len()) as f64 / flagged as f64
    }

    fn recall(&self) -> f64 {
        (self.positives - self.missed.len()) as f64 / self.positives as f64
    }
}

#[test]
fn every_language_finds_requests_for_a_person_without_false_alarms() {
    let per_set: Vec<[Score; 3]> = LANGUAGES.into_iter().map(|code| SETS.map(|set| Score::of(code, set))).collect();
    let scores: Vec<Score> = per_set.iter().map(|sets| Score::merged(sets)).collect();
    println!(
        "language  asks  other  precision  recall   per set (precision/recall): {}",
        SETS.map(|s| if s.is_empty() { "first" } else { s }).join(", ")
    );
    for (s, sets) in scores.iter().zip(&per_set) {
        let per_set: Vec<String> =
            sets.iter().map(|one| format!("{:.2}/{:.2}", one.precision(), one.recall())).collect();
        println!(
            "{:<8}  {:>4}  {:>5}  {:>9.3}  {:>6.3}   {}",
            s.code,
            s.positives,
            s.negatives,
            s.precision(),
            s.recall(),
            per_set.join("  ")
        );
    }
    let mut failures = Vec::new();
    for s in &scores {
        for message in &s.missed {
            println!("{} missed: {message}", s.code);
        }
        for message in &s.false_alarms {
            println!("{} false alarm: {message}", s.code);
        }
        if s.positives < MIN_EACH || s.negatives < MIN_EACH {
            failures
                .push(format!("{}: {} + / {} - messages, at least {MIN_EACH} each", s.code, s.positives, s.negatives));
        }
        if s.precision() < MIN_PRECISION || s.recall() < MIN_RECALL {
            failures.push(format!("{}: precision {:.3}, recall {:.3}", s.code, s.precision(), s.recall()));
        }
    }
    assert!(failures.is_empty(), "below precision {MIN_PRECISION} / recall {MIN_RECALL}:\n{}", failures.join("\n"));
}
