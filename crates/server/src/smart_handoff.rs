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

/// How one language asks for a person. A request is a whole phrase, or a verb of
/// speaking together with a word for a person anywhere in the same text ("can I *talk
/// to* a real *person*?"). Words match at word starts; they match whole words unless they
/// end in `*`, which marks a stem (for languages that inflect by suffix: "temsilci*" takes
/// "temsilciyle"). Arabic attaches prepositions and articles to words, so its entries
/// match anywhere.
struct Language {
    code: &'static str,
    phrases: &'static [&'static str],
    verbs: &'static [&'static str],
    people: &'static [&'static str],
}

const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        phrases: &[
            "human",
            "agent please",
            "live agent",
            "live person",
            "live chat with",
            "real person",
            "real agent",
            "operator",
            "representative",
            "customer service",
            "transfer me",
        ],
        verbs: &[
            "talk to",
            "talk with",
            "speak to",
            "speak with",
            "chat with",
            "connect me",
            "get me",
            "need a",
            "want a",
        ],
        people: &["person", "someone", "somebody", "agent", "staff", "team member", "employee"],
    },
    Language {
        code: "es",
        phrases: &["persona real", "agente humano", "un humano", "atencion al cliente", "operador*", "asesor*"],
        verbs: &[
            "hablar con",
            "hable con",
            "comunicarme con",
            "pasame con",
            "contactar con",
            "quiero un",
            "necesito un",
        ],
        people: &["persona", "humano", "agente", "representante", "alguien"],
    },
    Language {
        code: "fr",
        phrases: &["un humain", "vraie personne", "personne reelle", "conseiller*", "service client", "operateur*"],
        verbs: &["parler a", "parler avec", "discuter avec", "joindre", "contacter", "passez moi", "je veux un"],
        people: &["humain", "personne", "agent", "quelqu un", "quelqu une"],
    },
    Language {
        code: "de",
        phrases: &["echten menschen", "echte person", "mitarbeiter bitte", "kundenservice", "kundendienst"],
        verbs: &["sprechen", "reden", "verbinden", "chatten", "sprechen mit", "mochte mit"],
        people: &["mensch*", "mitarbeiter*", "berater*", "person", "jemandem", "jemand"],
    },
    Language {
        code: "it",
        phrases: &["operatore*", "persona reale", "essere umano", "servizio clienti"],
        verbs: &["parlare con", "parlare", "passami", "mettermi in contatto", "voglio un", "vorrei"],
        people: &["persona", "umano", "qualcuno", "consulente", "agente"],
    },
    Language {
        code: "pt",
        phrases: &["atendente*", "atendimento humano", "pessoa real", "ser humano", "operador*"],
        verbs: &["falar com", "conversar com", "fale com", "transferir", "quero um", "preciso de um"],
        people: &["pessoa", "humano", "alguem", "agente", "consultor*"],
    },
    Language {
        code: "nl",
        phrases: &["met een medewerker", "echt persoon", "echte medewerker", "een mens", "klantenservice"],
        verbs: &["spreken", "praten", "doorverbinden", "contact met", "verbinden met"],
        people: &["medewerker*", "mens", "persoon", "iemand", "agent"],
    },
    Language {
        code: "pl",
        phrases: &["z konsultantem", "z czlowiekiem", "prawdziwa osoba", "obsluga klienta", "konsultant*"],
        verbs: &["rozmawiac", "porozmawiac", "polacz*", "chce mowic", "mowic z"],
        people: &["konsultant*", "czlowiek*", "osob*", "pracownik*", "agent*", "operator*"],
    },
    Language {
        code: "tr",
        phrases: &["canli destek", "musteri temsilci*", "musteri hizmetleri", "gercek bir kisi*", "yetkili*"],
        verbs: &["konusmak", "konusabilir*", "gorusmek", "baglan*", "istiyorum"],
        people: &["temsilci*", "insan*", "kisi*", "operator*"],
    },
    Language {
        code: "ar",
        phrases: &["موظف", "شخص حقيقي", "انسان", "بشري", "خدمه العملاء", "ممثل خدمه", "الدعم المباشر", "وكيل حقيقي"],
        verbs: &["التحدث مع", "اتحدث مع", "اكلم", "تحويلي", "اريد التحدث"],
        people: &["شخص", "احد", "مندوب", "ممثل"],
    },
];

/// The same lists, folded once.
struct Folded {
    code: &'static str,
    phrases: Vec<Pattern>,
    verbs: Vec<Pattern>,
    people: Vec<Pattern>,
}

struct Pattern {
    text: String,
    /// Matches a word's beginning only (`*` in the source list).
    stem: bool,
    /// Matches anywhere (Arabic).
    anywhere: bool,
}

impl Pattern {
    fn new(source: &str, anywhere: bool) -> Self {
        let stem = source.ends_with('*');
        Pattern { text: fold(source.trim_end_matches('*')), stem, anywhere }
    }

    /// Whether it occurs in `hay`, a folded text padded with one space on each side.
    fn found_in(&self, hay: &str) -> bool {
        if self.anywhere {
            return hay.contains(&self.text);
        }
        let needle = if self.stem { format!(" {}", self.text) } else { format!(" {} ", self.text) };
        hay.contains(&needle)
    }
}

static FOLDED: LazyLock<Vec<Folded>> = LazyLock::new(|| {
    LANGUAGES
        .iter()
        .map(|l| {
            let anywhere = l.code == "ar";
            let patterns = |list: &[&str]| list.iter().map(|s| Pattern::new(s, anywhere)).collect();
            Folded { code: l.code, phrases: patterns(l.phrases), verbs: patterns(l.verbs), people: patterns(l.people) }
        })
        .collect()
});

/// The language code in which `text` asks for a person, if it does.
pub fn asks_for_person(text: &str) -> Option<&'static str> {
    let hay = format!(" {} ", fold(text));
    let any = |patterns: &[Pattern]| patterns.iter().any(|p| p.found_in(&hay));
    FOLDED.iter().find(|l| any(&l.phrases) || (any(&l.verbs) && any(&l.people))).map(|l| l.code)
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
