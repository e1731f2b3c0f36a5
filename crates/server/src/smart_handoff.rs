//! Smart handoff's judgement of a visitor's words: do they ask for a person (in any of the
//! dashboard languages), and does the text name one of the org's teams?
//!
//! Matching is on a folded form of the text: lower case, diacritics and punctuation
//! removed, Arabic letter variants unified. This way "Parler à un humain", "parler a un
//! HUMAIN !" and "parler a un humain" are the same request, since visitors type fast and
//! often without accents.

use atrium_api::HandoffRule;
use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

mod languages;

use languages::LANGUAGES;

/// How many other words may stand between a way of asking and a person.
const NEAR: usize = 3;

/// A language's lists, folded and split into words once.
struct Folded {
    code: &'static str,
    people: Vec<Pattern>,
    asks: Vec<Pattern>,
    contacts: Vec<Pattern>,
    others: Vec<Pattern>,
    requests: Vec<Pattern>,
    vetoes: Vec<Pattern>,
}

/// A folded phrase, word by word; `~` in the source stands for up to `NEAR` other words.
struct Pattern {
    words: Vec<Token>,
    slips: Slips,
}

/// Which typing slips a pattern forgives. A word for a person may have any one slip; a
/// verb only swapped or doubled letters, since one letter more, less or different is often
/// another form of it ("parlez", "parlé" are not "parler": a statement, not a request);
/// vetoes and words for the bot none ("keinem" is no "einem").
#[derive(Clone, Copy, PartialEq)]
enum Slips {
    None,
    SwapsOnly,
    Any,
}

enum Token {
    Word(PatternWord),
    Gap,
}

struct PatternWord {
    text: String,
    chars: Vec<char>,
    /// Matches a word's beginning (`*` in the source list).
    stem: bool,
}

/// A word of the visitor's folded text.
struct Word {
    text: String,
    chars: Vec<char>,
    /// Which sentence or clause of the text it is in (punctuation splits them).
    clause: usize,
}

impl Pattern {
    fn new(source: &str, slips: Slips) -> Self {
        let mut words = Vec::new();
        for token in source.split_whitespace() {
            if token == "~" {
                words.push(Token::Gap);
                continue;
            }
            let stem = token.ends_with('*');
            let folded = fold(token.trim_end_matches('*'));
            let mut parts = folded.split(' ').filter(|w| !w.is_empty()).peekable();
            while let Some(w) = parts.next() {
                let stem = stem && parts.peek().is_none();
                words.push(Token::Word(PatternWord { text: w.to_string(), chars: w.chars().collect(), stem }));
            }
        }
        Pattern { words, slips }
    }

    /// Where it occurs in `text`: the word ranges `(start, end)` it covers (the shortest from
    /// each start).
    fn spans<'a>(&'a self, text: &'a [Word], arabic: bool) -> impl Iterator<Item = (usize, usize)> + 'a {
        (0..text.len()).filter_map(move |start| self.end_of(&self.words, text, start, arabic).map(|end| (start, end)))
    }

    /// Where `tokens` matched from `at` end, if they do.
    fn end_of(&self, tokens: &[Token], text: &[Word], at: usize, arabic: bool) -> Option<usize> {
        let Some((first, rest)) = tokens.split_first() else { return Some(at) };
        match first {
            Token::Gap => (at..=(at + NEAR).min(text.len())).find_map(|next| self.end_of(rest, text, next, arabic)),
            Token::Word(word) => text
                .get(at)
                .filter(|w| word.matches(w, arabic, self.slips))
                .and_then(|_| self.end_of(rest, text, at + 1, arabic)),
        }
    }

    fn found_in(&self, text: &[Word], arabic: bool) -> bool {
        self.spans(text, arabic).next().is_some()
    }
}

/// Arabic prefixes (conjunctions, prepositions, the article) written as part of a word.
const ARABIC_PREFIXES: &[&str] = &["وال", "بال", "فال", "كال", "لل", "ال", "و", "ف", "ب", "ل", "ك"];

impl PatternWord {
    fn matches(&self, word: &Word, arabic: bool, slips: Slips) -> bool {
        if self.matches_exactly(&word.text) {
            return true;
        }
        if arabic {
            return ARABIC_PREFIXES
                .iter()
                .any(|p| word.text.strip_prefix(p).is_some_and(|rest| self.matches_exactly(rest)));
        }
        slips != Slips::None && !self.stem && is_typo_of(&word.chars, &self.chars, slips)
    }

    fn matches_exactly(&self, word: &str) -> bool {
        if self.stem {
            word.starts_with(&self.text)
        } else {
            word == self.text
        }
    }
}

/// Whether `word` is `intended` typed with one slip after a right first letter: for words
/// of six letters or more one letter wrong, missing, extra, doubled or two neighbours
/// swapped; for four or five letters only a swap or a doubled letter (a wrong letter there
/// too often makes another word: "staff", "stuff").
fn is_typo_of(word: &[char], intended: &[char], slips: Slips) -> bool {
    let (a, b) = (word, intended);
    if b.len() < 4 || a.len().abs_diff(b.len()) > 1 || a == b || a[0] != b[0] {
        return false;
    }
    let first = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    let same_after = |i: usize, j: usize| a.get(i..).unwrap_or_default() == b.get(j..).unwrap_or_default();
    let swapped = a.len() == b.len()
        && first + 1 < a.len()
        && a[first] == b[first + 1]
        && a[first + 1] == b[first]
        && same_after(first + 2, first + 2);
    // A letter typed twice ("cheff", "meddewerker").
    let doubled = a.len() == b.len() + 1 && a[first] == a[first - 1] && same_after(first + 1, first);
    if swapped || doubled || b.len() < 6 || slips != Slips::Any {
        return swapped || doubled;
    }
    // A last vowel changed is another form of the word, not a slip ("persone", "humana").
    let vowel = |c: char| "aeiou".contains(c);
    if a.len() == b.len() && first == a.len() - 1 && vowel(a[first]) && vowel(b[first]) {
        return false;
    }
    // One letter replaced, dropped or added at the first difference.
    same_after(first + 1, first + 1) || same_after(first, first + 1) || same_after(first + 1, first)
}

static FOLDED: LazyLock<Vec<Folded>> = LazyLock::new(|| {
    let patterns = |list: &[&str], slips| list.iter().map(|s| Pattern::new(s, slips)).collect();
    LANGUAGES
        .iter()
        .map(|l| Folded {
            code: l.code,
            people: patterns(l.people, Slips::Any),
            asks: patterns(l.asks, Slips::SwapsOnly),
            contacts: patterns(l.contacts, Slips::SwapsOnly),
            others: patterns(l.others, Slips::None),
            requests: patterns(l.requests, Slips::SwapsOnly),
            vetoes: patterns(l.vetoes, Slips::None),
        })
        .collect()
});

impl Folded {
    fn asks_for_person(&self, text: &[Word]) -> bool {
        let arabic = self.code == "ar";
        let any = |list: &[Pattern]| list.iter().any(|p| p.found_in(text, arabic));
        if any(&self.vetoes) {
            return false;
        }
        if any(&self.requests) {
            return true;
        }
        // "Talk to", "call me back": a person is implied, unless the words that follow in the
        // same clause name someone else ("talk to you", "talk to my boss").
        let about_others = |(start, end): (usize, usize)| {
            let clause = text[end - 1].clause;
            let rest = text[end..].iter().take(2).take_while(|w| w.clause == clause).count();
            self.others.iter().any(|o| o.found_in(&text[start..end + rest], arabic))
        };
        if self.contacts.iter().flat_map(|p| p.spans(text, arabic)).any(|span| !about_others(span)) {
            return true;
        }
        // A person of the visitor's own ("my boss", "mon chef") is not staff to be put through to.
        let theirs = |&(start, _): &(usize, usize)| {
            start > 0
                && text[start - 1].clause == text[start].clause
                && self.others.iter().any(|o| o.found_in(&text[start - 1..start], arabic))
        };
        let people: Vec<(usize, usize)> =
            self.people.iter().flat_map(|p| p.spans(text, arabic)).filter(|span| !theirs(span)).collect();
        // Nothing but a person: "Operator!", "Customer service."
        if people.iter().any(|&(start, end)| end - start == text.len()) {
            return true;
        }
        !people.is_empty()
            && self.asks.iter().flat_map(|p| p.spans(text, arabic)).any(|(a_start, a_end)| {
                people.iter().any(|&(p_start, p_end)| {
                    // Words between the two (none when they touch or overlap).
                    a_start.max(p_start).saturating_sub(a_end.min(p_end)) <= NEAR
                })
            })
    }
}

/// The language code in which `text` asks for a person, if it does.
pub fn asks_for_person(text: &str) -> Option<&'static str> {
    let words: Vec<Word> = text
        .split(['.', '?', '!', ';', ',', '\n', '؟', '،', '؛'])
        .enumerate()
        .flat_map(|(clause, part)| {
            fold(part)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(|w| Word { text: w.to_string(), chars: w.chars().collect(), clause })
                .collect::<Vec<_>>()
        })
        .collect();
    FOLDED.iter().find(|l| l.asks_for_person(&words)).map(|l| l.code)
}

/// The team (`(id, key, label)`) whose key (underscores read as spaces) or label the
/// text names as whole words; the longest name wins ("front desk" over "desk").
pub fn route_team(text: &str, teams: &[(i64, String, String)]) -> Option<i64> {
    let hay = format!(" {} ", fold(text));
    teams
        .iter()
        .flat_map(|(id, key, label)| [(*id, fold(&key.replace('_', " "))), (*id, fold(label))])
        .filter(|(_, name)| !name.is_empty() && hay.contains(&format!(" {name} ")))
        .max_by_key(|(_, name)| name.len())
        .map(|(id, _)| id)
}

/// The keyword rule whose keyword the text contains as whole words, folded as above
/// ("REFUND!" and "réfund" match "refund"); the longest keyword wins.
pub fn matching_rule<'a>(text: &str, rules: &'a [HandoffRule]) -> Option<&'a HandoffRule> {
    let hay = format!(" {} ", fold(text));
    rules
        .iter()
        .map(|rule| (rule, fold(&rule.keyword)))
        .filter(|(_, keyword)| !keyword.is_empty() && hay.contains(&format!(" {keyword} ")))
        .max_by_key(|(_, keyword)| keyword.len())
        .map(|(rule, _)| rule)
}

/// Lower case, no diacritics, letters and digits only, single spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.nfkd().flat_map(char::to_lowercase) {
        if is_combining_mark(c) || c == '\u{0640}' {
            // Accents, Arabic vowel marks and tatweel (the stretching stroke).
            continue;
        }
        match c {
            // Letters that do not decompose into a base letter and a mark.
            'ł' => out.push('l'),
            'ı' => out.push('i'),
            'ø' => out.push('o'),
            'đ' => out.push('d'),
            'ß' => out.push_str("ss"),
            'æ' => out.push_str("ae"),
            'œ' => out.push_str("oe"),
            // Arabic variants visitors use interchangeably.
            'ى' => out.push('ي'),
            'ة' => out.push('ه'),
            c if c.is_alphanumeric() => out.push(c),
            _ => {
                if !out.ends_with(' ') {
                    out.push(' ');
                }
            }
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[track_caller]
    fn asks(lang: &str, texts: &[&str]) {
        for text in texts {
            assert_eq!(asks_for_person(text), Some(lang), "{text:?} should ask for a person in {lang}");
        }
    }

    #[track_caller]
    fn does_not_ask(texts: &[&str]) {
        for text in texts {
            assert_eq!(asks_for_person(text), None, "{text:?} does not ask for a person");
        }
    }

    #[test]
    fn folding_drops_case_accents_and_punctuation() {
        assert_eq!(fold("Parler à un HUMAIN !"), "parler a un humain");
        assert_eq!(fold("Rozmawiać z człowiekiem"), "rozmawiac z czlowiekiem");
        assert_eq!(fold("CANLI DESTEK İstiyorum"), "canli destek istiyorum");
        assert_eq!(fold("Straße"), "strasse");
        assert_eq!(fold("أُريدُ التحدّث"), "اريد التحدث");
    }

    #[test]
    fn english() {
        asks("en", &["Can I talk to a person?", "HUMAN", "agent please", "I want to speak with someone", "live agent"]);
        does_not_ask(&["What are your opening hours?", "Thanks, that helps", "Is parking available?"]);
    }

    #[test]
    fn spanish() {
        asks("es", &["Quiero hablar con una persona", "¿Puedo hablar con un agente?", "pásame con un humano"]);
        does_not_ask(&["¿Cuál es el horario?"]);
    }

    #[test]
    fn french() {
        asks("fr", &["Je veux parler à un humain", "parler a un humain", "Puis-je parler avec quelqu'un ?"]);
        does_not_ask(&["Quels sont vos horaires ?"]);
    }

    #[test]
    fn german() {
        asks("de", &["Ich möchte mit einem Menschen sprechen", "Kann ich mit einem Mitarbeiter reden?"]);
        does_not_ask(&["Wann haben Sie geöffnet?"]);
    }

    #[test]
    fn italian() {
        asks("it", &["Vorrei parlare con un operatore", "posso parlare con una persona?"]);
        does_not_ask(&["Quali sono gli orari?"]);
    }

    #[test]
    fn portuguese() {
        asks("pt", &["Quero falar com uma pessoa", "Posso falar com um atendente?"]);
        does_not_ask(&["Qual é o horário?"]);
    }

    #[test]
    fn dutch() {
        asks("nl", &["Mag ik met een medewerker spreken?", "met een medewerker graag"]);
        does_not_ask(&["Wat zijn de openingstijden?"]);
    }

    #[test]
    fn polish() {
        asks("pl", &["Chcę rozmawiać z konsultantem", "Czy mogę porozmawiać z człowiekiem?"]);
        does_not_ask(&["Jakie są godziny otwarcia?"]);
    }

    #[test]
    fn turkish() {
        asks("tr", &["Canlı destek istiyorum", "Müşteri temsilcisiyle görüşmek istiyorum", "bir insanla konuşmak"]);
        does_not_ask(&["Çalışma saatleriniz nedir?"]);
    }

    #[test]
    fn arabic() {
        asks("ar", &["أريد التحدث مع موظف", "التحدث مع موظف", "هل يمكنني التحدث مع شخص حقيقي؟"]);
        does_not_ask(&["ما هي ساعات العمل؟"]);
    }

    #[test]
    fn typing_slips_match_but_other_words_do_not() {
        let chars = |s: &str| s.chars().collect::<Vec<char>>();
        for (typed, intended) in [
            ("persn", "person"),
            ("persom", "person"),
            ("tlak", "talk"),
            ("humna", "human"),
            ("cheff", "chef"),
            ("meddewerker", "medewerker"),
        ] {
            assert!(is_typo_of(&chars(typed), &chars(intended), Slips::Any), "{typed} for {intended}");
        }
        // A wrong letter in a short word, another form of the word, two slips, the word itself,
        // a wrong first letter.
        for (typed, intended) in [
            ("stuff", "staff"),
            ("persone", "persona"),
            ("prson", "persons"),
            ("person", "person"),
            ("jerson", "person"),
        ] {
            assert!(!is_typo_of(&chars(typed), &chars(intended), Slips::Any), "{typed} is not {intended}");
        }
    }

    #[test]
    fn a_person_mentioned_far_from_the_ask_is_no_request() {
        does_not_ask(&[
            "I need a cleaning for one person",
            "Vorrei prenotare una visita per una persona",
            "I need a gift for a person who likes wine.",
            "No need for a human, you answered it.",
        ]);
        asks("en", &["Could the lawyer handling my case give me a call?", "Operator!"]);
    }

    #[test]
    fn keyword_rules_match_whole_words_in_any_case_and_accent() {
        let rule = |id, keyword: &str| HandoffRule { id, keyword: keyword.into(), team_id: Some(id) };
        let rules = vec![rule(1, "refund"), rule(2, "Remboursement"), rule(3, "money back")];
        assert_eq!(matching_rule("I want a REFUND!", &rules).map(|r| r.id), Some(1));
        assert_eq!(matching_rule("un rémboursement svp", &rules).map(|r| r.id), Some(2));
        assert_eq!(matching_rule("my Money-Back please", &rules).map(|r| r.id), Some(3));
        assert_eq!(matching_rule("refunded already", &rules), None);
        assert_eq!(matching_rule("hello", &rules), None);
    }

    #[test]
    fn teams_are_found_by_key_or_label() {
        let teams = vec![
            (1, "billing".to_string(), "Billing".to_string()),
            (2, "front_desk".to_string(), "Reception".to_string()),
            (3, "desk".to_string(), "Desk".to_string()),
        ];
        assert_eq!(route_team("I have a BILLING question", &teams), Some(1));
        assert_eq!(route_team("the front desk please", &teams), Some(2));
        assert_eq!(route_team("reception!", &teams), Some(2));
        assert_eq!(route_team("my desk is broken", &teams), Some(3));
        assert_eq!(route_team("billings are fine", &teams), None);
        assert_eq!(route_team("hello", &teams), None);
    }
}
