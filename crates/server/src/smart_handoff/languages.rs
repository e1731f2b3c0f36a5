//! The words each dashboard language asks for a person with, for `smart_handoff`.
//! Measured against `tests/handoff_corpus/` (`cargo test -p atrium-server --test
//! server handoff_corpus -- --nocapture` lists what each change wins or loses).

/// How one language asks for a person. A message asks for one when, and no `vetoes` phrase
/// is in it (the visitor declines a person, "no need for a human"; applies for a job; uses
/// a word in another sense, "human resources"):
/// - a `requests` phrase is in it, which only a request uses ("transfer me", "live agent");
/// - or a `contacts` phrase, which asks for contact and so implies a person ("talk to",
///   "call me back", "put me through"), unless the next words of its clause name someone
///   else, from `others`: the bot itself ("talk to you", "a bot") or the visitor's own
///   people ("talk to my boss");
/// - or a word for a person the visitor could be put in touch with (`people`: "a human",
///   "the manager", "someone") within `super::NEAR` words of a way of asking (`asks`: "I
///   want", "please", "is there"), in either order, so "could the lawyer handling my case
///   give me a call" counts and "I need a gift for a person who likes wine" does not;
/// - or nothing but a person ("Operator!").
///
/// Words match whole words, or word beginnings when they end in `*` (a stem, for languages
/// that inflect by suffix: "temsilci*" takes "temsilciyle"); `~` stands for up to
/// `super::NEAR` other words ("hablar ~ con" takes "hablar directamente con"). Typing slips
/// are forgiven as `super::Slips` says. Arabic attaches prepositions and articles to words,
/// so its words also match after one such prefix.
pub(super) struct Language {
    pub code: &'static str,
    pub people: &'static [&'static str],
    pub asks: &'static [&'static str],
    pub contacts: &'static [&'static str],
    pub others: &'static [&'static str],
    pub requests: &'static [&'static str],
    pub vetoes: &'static [&'static str],
}

#[rustfmt::skip]
pub(super) const LANGUAGES: &[Language] = &[
    Language {
        code: "en",
        people: &[
            "human", "humans", "human being", "person", "real one", "someone", "somebody", "sumone", "anyone",
            "anybody", "staff", "staff member", "member of staff", "member of your team", "one of your team",
            "employee*", "colleague*", "team", "manager", "receptionist", "front desk", "reception", "office",
            "agent", "operator", "representative", "rep", "customer service", "customer support", "mechanic",
            "vet", "nurse", "plumber", "lawyer", "doctor", "dentist", "who works there", "works there", "owner",
            "boss", "pharmacist", "chemist", "instructor", "teacher", "trainer", "coach", "porter",
            "night porter", "concierge", "advisor", "adviser", "consultant", "salesperson", "sales", "stylist",
            "hairdresser", "barber", "therapist", "hygienist", "solicitor", "attorney", "accountant",
            "estate agent", "broker", "technician", "electrician", "supervisor", "director", "department",
            "booking team", "reservations", "support team", "in charge", "human please", "real human",
        ],
        asks: &[
            "sort this out with", "explain it to", "pass me", "pass me over to", "passing me over to",
            "transfer", "get me", "give me", "let me talk", "lemme talk", "can i get", "could i get",
            "take over", "tag in", "is there", "is anyone", "please", "pls", "plz", "now", "available", "need",
            "want", "jump in", "step in",
        ],
        contacts: &[
            "talking to", "speak w", "speaking to", "chat with", "deal with", "put me through", "transfer me",
            "connect me", "pass me over", "passing me over", "hand me over", "call me", "call me back",
            "ring me", "phone me", "contact me", "get in touch with me", "reach me", "message me", "text me",
            "get back to me", "give me a call", "escalate", "chat live with", "talk ~ to", "talk ~ with",
            "speak ~ to", "speak ~ with",
        ],
        others: &[
            "you", "u", "ya", "yourself", "bot", "chatbot", "robot", "ai", "machine", "it", "my", "mine",
            "taxi", "cab",
        ],
        requests: &["transfer me", "live agent", "callback", "is anyone there", "any humans"],
        vetoes: &[
            "no need", "don t want", "dont want", "do not want", "don t transfer", "dont transfer",
            "rather not", "human resources", "human hair", "human grade", "don t need", "dont need",
            "do not need", "taxi",
        ],
    },
    Language {
        code: "es",
        people: &[
            "persona", "humano", "umano", "alguien", "personal", "encargado", "encargada", "agente",
            "recepcion", "gerente", "asesor*", "equipo", "empleado*", "compañeros", "compañeras", "responsable",
            "mecanico", "veterinario", "veterinaria", "fontanero", "abogado", "abogada", "operador*",
            "representante", "atencion al cliente", "soporte", "carne y hueso", "alguien real", "de verdad",
            "oficina", "dueño", "dueña", "jefe", "jefa", "farmaceutico", "farmaceutica", "instructor",
            "instructora", "profesor", "profesora", "entrenador", "entrenadora", "monitor", "monitora",
            "conserje", "recepcionista", "asesor", "asesora", "comercial", "vendedor", "vendedora", "peluquero",
            "peluquera", "estilista", "medico", "medica", "doctor", "doctora", "dentista", "higienista",
            "enfermero", "enfermera", "contable", "gestor", "gestora", "tecnico", "tecnica", "electricista",
            "supervisor", "supervisora", "director", "directora", "departamento", "a cargo", "al cargo",
            "equipo de reservas", "trabajador", "trabajadora",
        ],
        asks: &[
            "pasas con", "pasame", "pasarme", "me comunicas", "comunicarme", "me atiende", "me atienda",
            "me pueda atender", "me puede atender", "me podria atender", "hay alguien", "no hay nadie",
            "hay algun", "explicarselo", "explicarselo a", "hay ningun", "seguir la conversacion", "llame",
            "deriva", "quiero", "kiero", "quisiera", "necesito", "prefiero", "preferiria", "por favor", "porfa",
            "xfa", "ya", "porfavor", "encargarse",
        ],
        contacts: &[
            "ablar con", "platicar con", "charlar con", "comunicarme con", "me comunicas con",
            "me comunica con", "pasame con", "pasarme con", "me pasas con", "me pasa con", "ponme con",
            "me pones con", "me pone con", "transfiereme", "transferirme", "llamame", "llameme", "me llame",
            "me llamen", "devolver la llamada", "devuelva la llamada", "devuelvan la llamada", "contactarme",
            "contacteme", "contactenme", "me contacte", "me contacten", "ponerme en contacto", "derivame",
            "tratar esto con", "hablarlo con", "hablarlo directamente con", "pongame con", "poneme con",
            "me contact*", "transferir a", "transferirme a", "chatear con", "me escriba", "me escriban",
            "llamarme", "me podria llamar", "me puede llamar", "hablar ~ con", "comunicame con",
            "en contacto con", "entrar en el chat", "lo hablo ~ con", "hablarlo ~ con",
        ],
        others: &["contigo", "ti", "usted", "bot", "robot", "maquina", "chatbot", "ia", "mi", "mis", "taxi"],
        requests: &["transfiereme"],
        vetoes: &[
            "no quiero hablar", "no me pases", "no hace falta", "recursos humanos", "pelo humano",
            "consumo humano", "taxi",
        ],
    },
    Language {
        code: "fr",
        people: &[
            "humain", "etre humain", "quelqu un", "qqn", "qq1", "personne", "vraie personne", "conseiller*",
            "membre", "equipe", "agent", "employe", "responsable", "gerant", "standard", "secretaire",
            "reception", "assistante", "collaborateur", "collaboratrice", "service apres vente",
            "service client", "patron", "vrai mec", "interlocuteur", "chef d atelier", "plombier",
            "veterinaire", "comptabilite", "avocat", "coach", "directeur", "directrice", "chair et en os",
            "staff", "operateur", "proprietaire", "gerante", "patronne", "pharmacien", "pharmacienne",
            "moniteur", "monitrice", "professeur", "prof", "formateur", "formatrice", "entraineur",
            "veilleur de nuit", "concierge", "receptionniste", "vendeur", "vendeuse", "commercial", "coiffeur",
            "coiffeuse", "medecin", "docteur", "dentiste", "infirmier", "infirmiere", "comptable", "technicien",
            "electricien", "superviseur", "chef", "service", "reservations", "personne en charge",
            "un des coachs",
        ],
        asks: &[
            "mettez moi", "en lien avec", "en contact", "en ligne avec", "parler directement", "transferer",
            "transferez", "joindre", "file moi", "filez moi", "trouvez moi", "donnez moi", "pourrait reprendre",
            "rappeler", "rappelez", "recontacte", "voir ca avec", "il y a", "y a t il", "ya", "y a", "je veux",
            "jveux", "je voudrais", "je prefere", "je demande", "disponible", "avoir", "repondre", "svp", "stp",
            "s il vous plait", "maintenant", "tout de suite",
        ],
        contacts: &[
            "parler ~ a", "parler ~ au", "parler ~ aux", "parler ~ avec", "discuter ~ avec", "echanger ~ avec",
            "causer ~ a", "causer ~ avec", "m adresser a", "passez moi", "passe moi", "me passer",
            "mettre en relation", "mettez moi en relation", "mis en relation", "me mettre en contact",
            "en contact avec", "mettre en ligne avec", "transferez moi", "transfere moi", "me transferer",
            "me rappeler", "rappelez moi", "me faire rappeler", "me recontacter", "me recontacte",
            "me contacter", "me contacte", "me joindre", "m appeler", "appelez moi", "me telephoner",
            "m ecrire", "prendre le relais", "reprendre la conversation", "me rappelle", "m appelle", "parle a",
            "parle au",
        ],
        others: &["vous", "toi", "bot", "robot", "machine", "chatbot", "ia", "mon", "ma", "mes", "un taxi"],
        requests: &["rappelez moi", "de vive voix"],
        vetoes: &[
            "pas besoin", "inutile de", "ne veux pas", "on dirait", "n y a personne", "personne ne",
            "personne chez", "table pour", "pas envie", "veux pas", "postuler", "recrutez", "embauchez",
            "candidature", "cv", "taxi",
        ],
    },
    Language {
        code: "de",
        people: &[
            "mensch*", "mitarbeiter*", "person", "personal", "jemand*", "jmd", "wem", "chef", "rezeption",
            "kundenberater*", "kundenservice", "kundendienst", "ansprechpartner*", "kollege*", "kollegin*",
            "geschaftsfuhrer*", "agent*", "sprechstundenhilfe", "anwalt*", "anwalte*", "sachbearbeiter*",
            "verantwortlich*", "vorgesetzte*", "werkstattmeister", "reale person", "tierarzt*", "tierarztin",
            "installateur", "trainer", "team", "operator", "fleisch und blut", "inhaber*", "eigentumer*",
            "apotheker*", "fahrlehrer*", "lehrer*", "trainerin", "nachtportier", "portier", "concierge",
            "berater*", "verkaufer*", "friseur*", "arzt", "arztin", "zahnarzt*", "krankenschwester", "pfleger*",
            "steuerberater*", "techniker*", "elektriker*", "klempner*", "leiter*", "filialleiter*", "abteilung",
            "buchung*", "zustandig*", "echte person",
        ],
        asks: &[
            "sprechen", "reden", "verbinden", "verbinden sie mich mit", "verbinde", "weiter", "weiterleiten",
            "weitergeben", "durch", "chatten", "schreiben", "ubernehmen", "ubergeben", "hol", "holen",
            "gib mir", "anrufen", "meldet", "melden", "besprechen", "quatschen", "schick mir", "ist da",
            "gibt es", "gibts", "gibt s", "antworten", "ist gerade", "hatte gern", "sitzt da", "ich will",
            "bitte", "verlange", "jetzt", "sofort", "geben sie mir", "anruft", "kontaktiert",
        ],
        contacts: &[
            "zuruckrufen", "zurueckrufen", "zuruckruf", "ruckruf", "ruf mich", "rufen sie mich", "ruft mich",
            "mich anrufen", "mich ~ anrufen", "mich ~ zuruckrufen", "verbinden sie mich", "verbinde mich",
            "verbindet mich", "durchstellen", "durchgestellt", "stellen sie mich", "leiten sie mich",
            "mich weiterleiten", "mich kontaktieren", "mich kontaktiert", "kontaktieren sie mich",
            "bei mir melden", "bei mir meldet", "mich ~ schreiben", "mir ~ schreiben", "mit ~ sprechen",
            "mit ~ reden", "mit ~ chatten", "mit ~ schreiben", "mit ~ quatschen", "mit ~ besprechen",
            "mit ~ klaren", "mit ~ zu tun", "mich an ~ wenden", "sprechen mit", "reden mit",
        ],
        others: &[
            "ihnen", "dir", "euch", "bot", "chatbot", "dem bot", "maschine", "ki", "roboter", "meinem",
            "meiner", "meinen", "mein", "meine", "taxi",
        ],
        requests: &["rufen sie mich", "ruf mich", "ruft mich"],
        vetoes: &[
            "niemand*", "keinem", "kein mensch", "nicht storen", "brauchen mich nicht", "bewerben", "bewerbung",
            "stellen sie ein", "aushilfe*", "taxi",
        ],
    },
    Language {
        code: "it",
        people: &[
            "persona", "umano", "essere umano", "qualcuno", "qlcn", "qlc1", "staff", "segreteria", "titolare",
            "responsabile", "receptionist", "reception", "dentista", "operatore", "servizio clienti",
            "assistenza", "carne e ossa", "addetto", "collaboratore", "consulente", "capo", "meccanico",
            "veterinario", "idraulico", "avvocato", "collega", "cristiano", "signora", "direttore", "personale",
            "nessuno del personale", "proprietario", "proprietaria", "farmacista", "istruttore", "istruttrice",
            "insegnante", "allenatore", "personal trainer", "portiere", "portiere di notte", "concierge",
            "consulente vendite", "commesso", "commessa", "venditore", "parrucchiere", "parrucchiera", "medico",
            "dottore", "dottoressa", "infermiere", "infermiera", "commercialista", "tecnico", "elettricista",
            "supervisore", "ufficio", "prenotazioni", "incaricato",
        ],
        asks: &[
            "passi", "passa", "passare", "in contatto", "sentire", "risponde", "rispondere", "risponda",
            "fammi parlare", "fai parlare", "fa parlare", "trasferire", "inoltra", "richiamare", "richiamato",
            "chiamare", "telefonare", "chiama", "serve", "voglio", "esigo", "preferirei", "preferisco",
            "avere un contatto", "per favore", "x favore", "subito", "adesso", "subentrare",
        ],
        contacts: &[
            "parlare ~ con", "parlare ~ col", "parlare ~ cn", "parlare direttamente", "mettermi in contatto",
            "metterti in contatto", "mettete in contatto", "mette in contatto", "in contatto con", "passarmi",
            "mi passi", "mi passa", "passami", "trasferiscimi", "trasferirmi", "trasferire a", "richiamarmi",
            "richiamami", "mi richiami", "mi richiamate", "farmi richiamare", "essere richiamato",
            "essere richiamata", "ricontattarmi", "ricontattato", "ricontattata", "contattarmi", "contattatemi",
            "mi contatti", "mi contatta", "mi chiami", "chiamatemi", "telefonarmi", "mi telefoni",
            "rivolgermi a", "scrivermi", "mi scriva", "mi puo scrivere", "conferire con", "fatemi contattare",
            "scrivere ~ con", "avere a che fare con", "mi puo richiamare", "mi contattasse", "mi chiamasse",
            "parlarne ~ col", "parlarne ~ con", "prendere in mano la chat",
        ],
        others: &[
            "te", "voi", "bot", "robot", "macchina", "chatbot", "computer", "mio", "mia", "miei", "taxi",
        ],
        requests: &["c e qualcuno", "c e un essere umano", "c e un umano", "non c e nessuno"],
        vetoes: &[
            "non serve", "con nessuno", "non c e bisogno", "capelli umani", "di persona", "assumendo",
            "lavorare come", "candidatura", "posizioni aperte", "taxi",
        ],
    },
    Language {
        code: "pt",
        people: &[
            "atendente*", "pessoa", "humano", "ser humano", "gerente", "recepcao", "rececao", "responsavel",
            "funcionario*", "alguem", "atendimento", "dono", "operador", "colaborador*", "chefe", "moca",
            "mecanico", "veterinario", "veterinaria", "canalizador", "advogado", "advogada", "equipe", "equipa",
            "suporte", "sac", "diretor", "personal", "carne e osso", "pessoa real", "proprietario",
            "farmaceutico", "farmaceutica", "instrutor", "instrutora", "professor", "professora", "treinador",
            "personal trainer", "porteiro", "porteiro da noite", "rececionista", "recepcionista", "consultor",
            "consultora", "vendedor", "vendedora", "cabeleireiro", "cabeleireira", "medico", "medica", "doutor",
            "doutora", "dentista", "enfermeiro", "enfermeira", "contador", "contabilista", "tecnico",
            "eletricista", "encanador", "supervisor", "departamento", "imobiliaria", "equipe de reservas",
            "equipa de reservas",
        ],
        asks: &[
            "passa pra", "passa p", "me passa", "encaminha", "atendida", "atendido", "chama", "chamar", "ligar",
            "ligue", "telefonar", "retornar", "transfere", "transferir*", "preciso", "quero", "qro", "prefiro",
            "exijo", "responder", "tem como", "tem alguem", "ha alguma", "por favor", "pfv", "por gentileza",
            "agora", "logo", "tem algum", "tem alguma", "ha alguem", "me possa atender",
        ],
        contacts: &[
            "falar ~ com", "falar c", "falar cm", "falar diretamente", "conversar ~ com", "tratar ~ com",
            "me passa pra", "me passa para", "me passa p", "passar para", "passe para", "me coloca com",
            "me coloque com", "me transfere", "transferir me", "me transferir", "encaminhar", "encaminhe",
            "me ligar", "me liga", "me ligue", "liguem me", "ligue me", "ligar de volta", "me retornar",
            "me retorne", "me telefonar", "telefonar me", "me chamar", "em contacto", "em contato",
            "me contactar", "me contatar", "entrar em contato", "entrar em contacto", "trocar uma ideia com",
            "me atender", "falar comigo", "conversar comigo",
        ],
        others: &[
            "voce", "vc", "contigo", "bot", "robo", "maquina", "chatbot", "voces", "meu", "minha", "taxi",
        ],
        requests: &["nao tem ninguem"],
        vetoes: &[
            "nao preciso", "com ninguem", "a ninguem", "ninguem precisa", "trabalhar", "cabelo humano",
            "curriculo", "contratando", "vaga", "recrutar", "nao e preciso", "ninguem me", "taxi",
        ],
    },
    Language {
        code: "nl",
        people: &[
            "medewerker", "medewerkers", "medewerkster", "mens", "persoon", "echt persoon", "iemand",
            "echt iemand", "receptie", "eigenaar", "manager", "baliemedewerker", "collega*", "klantenservice",
            "advocaat", "kapster", "loodgieter", "monteur", "dierenarts", "assistente", "baas", "chef",
            "operator", "agent", "personeel", "verantwoordelijk", "vlees en bloed", "apotheker",
            "rijinstructeur", "instructeur", "docent", "leraar", "trainer", "trainers", "coach", "nachtportier",
            "portier", "conciërge", "adviseur", "verkoper", "verkoop", "makelaar", "kapper", "arts", "dokter",
            "tandarts", "verpleegkundige", "boekhouder", "technicus", "elektricien", "leidinggevende",
            "afdeling", "boekingsafdeling", "reserveringen",
        ],
        asks: &[
            "spreken", "praten", "doorverbinden met", "door naar", "doorgeven", "verbind*", "doorzetten",
            "zet me", "schakel me", "aan de lijn", "contact met", "in contact", "door met", "bellen",
            "bespreken", "appen", "geef me", "ik wil", "wil", "graag", "aub", "ajb", "alsjeblieft",
            "alstublieft", "pls", "krijgen", "inspringen", "haal er", "is er", "zit er", "mag ik", "kan ik",
            "naar kijken", "klacht indienen bij", "nu", "meteen", "bereikbaar",
        ],
        contacts: &[
            "doorverbinden", "doorschakelen", "verbind me", "verbind mij", "verbinden met", "zet me door",
            "zet mij door", "schakel me door", "terugbellen", "terugbelt", "teruggebeld", "mij ~ bellen",
            "me ~ bellen", "bel me", "bel mij", "contact met mij", "contact met me", "contact ~ opnemen",
            "in contact brengen", "mij appen", "me appen", "mij mailen", "met ~ praten", "met ~ spreken",
            "met ~ overleggen", "met ~ bespreken", "terugmailen", "mij ~ mailen",
        ],
        others: &["jou", "je", "u", "jullie", "bot", "chatbot", "computer", "robot", "mijn", "taxi"],
        requests: &[],
        vetoes: &[
            "geen medewerker", "geen mens", "geen persoon", "hoef", "hoeft", "niet bellen", "solliciteren",
            "sollicitatie", "vacature", "bijbaan*", "taxi",
        ],
    },
    Language {
        code: "pl",
        people: &[
            "czlowiek*", "konsultant", "konsultant*", "osoba", "prawdziwa osoba", "kogos", "kims", "ktos",
            "obslug*", "pracownik*", "recepcj*", "kierownik*", "kierowniczk*", "wlasciciel*", "szef*",
            "lekarz*", "przedstawiciel*", "personel*", "ekip*", "mechanik", "hydraulik", "fryzjerk*",
            "weterynarz*", "operator*", "agent*", "zywy", "zywego", "z was", "farmaceut*", "instruktor*",
            "nauczyciel*", "trener*", "portier*", "recepcjonist*", "doradc*", "doradca", "sprzedawc*",
            "handlowc*", "mecenas*", "adwokat*", "prawnik*", "fryzjer*", "dentyst*", "pielegniar*", "ksiegow*",
            "technik*", "elektryk*", "dzial*", "odpowiedzialn*",
        ],
        asks: &[
            "rozmawiac", "porozmawiac", "siedzi tam", "do mnie", "pogadac", "gadac", "rozmowy", "rozmowa",
            "polaczenie", "polacz*", "przelacz*", "przerzucic", "przekieruj*", "daj", "dajcie", "dawaj",
            "zawolaj", "poprosze", "prosze", "chce z", "chce", "wolalbym z", "kontakt*", "oddzwon*",
            "zadzwonil*", "zadzwoni", "telefon od", "odpisac", "skontaktowal*", "skontaktuje", "transfer",
            "jest tam", "czy jest", "jest ktos", "omowic", "reklamacje u", "do rozmowy", "potrzebuje", "teraz",
            "plz", "natychmiast", "jest tu",
        ],
        contacts: &[
            "porozmawiac z", "rozmawiac z", "pogadac z", "gadac z", "rozmowa z", "rozmowy z", "rozmowie z",
            "polacz mnie", "polaczyc mnie", "polaczenie z", "przelacz mnie", "przelaczyc mnie", "przelaczenie",
            "przekieruj mnie", "przekierowac", "zadzwoni do mnie", "zadzwonil do mnie", "do mnie zadzwoni",
            "do mnie zadzwonil", "oddzwonic", "oddzwoni", "oddzwoncie", "skontaktowac sie ze mna",
            "skontaktuje sie ze mna", "sie ze mna skontaktuje", "sie ze mna skontaktowal", "kontakt z",
            "odezwac sie do mnie", "do mnie odezwac", "odezwie", "omowic ~ z", "wyjasnic ~ z",
            "napisze do mnie", "napisac do mnie", "do mnie napisze", "ze mna skontakt*",
        ],
        others: &[
            "toba", "botem", "bot", "automatem", "maszyna", "programem", "czatbotem", "moim", "moja",
            "taksowke",
        ],
        requests: &[],
        vetoes: &[
            "nikim", "nie trzeba", "nie przelacz*", "nie dzwonic", "pracowac jako", "szukam pracy", "cv",
            "praktykant*",
        ],
    },
    Language {
        code: "tr",
        people: &[
            "insan*", "kisi", "kisiyle", "kisiye", "biri", "birini", "biriyle", "birine", "birisi", "yetkili*",
            "temsilci*", "operator*", "mudur*", "resepsiyon*", "sekreter*", "personel*", "sorumlu", "sahibi*",
            "calisan*", "musteri hizmet*", "muhasebe*", "usta*", "veteriner*", "avukat*", "canli destek",
            "eczaci*", "hoca*", "ogretmen*", "egitmen*", "antrenor*", "danisman*", "satis*", "emlak*",
            "kuafor*", "doktor*", "hekim*", "hemsire*", "teknisyen*", "elektrikci*", "tesisatci*", "ekip*",
            "ekibi*", "departman*",
        ],
        asks: &[
            "gorus*", "yazis*", "bagla*", "aktar*", "devret*", "transfer*", "arayabilir*", "arayin", "donus",
            "istiyorum", "isterim", "lazim", "ihtiyacim", "versene", "lutfen", "hemen", "konusmak",
            "konusabilir*", "konusmam", "konusayim", "konuscam", "konusmamiz", "konusmak istiyorum",
            "gorusmek istiyorum",
        ],
        contacts: &[
            "gorusebilir miyim", "gorusmem lazim", "gorusmem gerekiyor", "konusabilir miyim", "konusmam lazim",
            "baglar misiniz", "baglar misin", "baglayin", "baglayabilir*", "beni ~ bagla*", "aktarin",
            "aktarir misiniz", "beni ~ aktar*", "yonlendir*", "geri ara*", "beni ara*", "arayabilir mi",
            "arasin", "arasa", "iletisime gec*", "benimle iletisim*", "bana ~ yazabilir*", "bana ~ yazsin",
            "donus yap*", "benimle ~ gorus*", "benimle ~ konus*",
        ],
        others: &["seninle", "sizinle", "bot*", "robot*", "makine*"],
        requests: &[
            "biri var mi", "biri yok mu", "insan yok mu", "canli destek", "canli biri*", "canli temsilci*",
            "kimse var mi", "kimse yok mu",
        ],
        vetoes: &[
            "gerek yok", "aramayin", "kisilik", "kisi basi", "eleman", "cv", "staj", "calismak istiyorum",
            "is basvuru*", "kimseyle", "kimse ile", "kimsenin", "kimseye",
        ],
    },
    Language {
        code: "ar",
        people: &[
            "موظف*", "شخص", "شخصا", "انسان", "انسانا", "بشري", "احد", "حد", "حدا", "مدير", "مسؤول", "سكرتير*",
            "ممثل", "خدمه العملاء", "خدمه عملاء", "استقبال", "فريق*", "اداره", "حسابات", "بني ادم", "طبيب",
            "محامي", "سنترال", "دعم", "صاحب", "صيدلي", "مدرب", "مدربه", "معلم", "استاذ", "حارس", "مستشار",
            "مندوب", "بائع", "وسيط", "حلاق", "دكتور", "طبيبه", "ممرض*", "محاسب", "فني", "كهربائي", "سباك",
            "مشرف", "قسم", "حجوزات",
        ],
        asks: &[
            "اريد", "التحدث", "اتحدث", "كلم*", "اتكلم", "احكي", "يحكي", "حول", "التواصل", "اتواصل", "يرد",
            "يتصل", "الاتصال", "اتصلوا", "ابي", "ابغى", "ابغي", "عايز", "عاوز", "بدي", "احتاج", "ارغب", "اود",
            "وديني", "خلي", "خلوا", "ممكن", "هل يوجد",
        ],
        contacts: &[
            "اكلم*", "اتكلم مع", "التحدث مع", "التحدث الي", "اتحدث مع", "احكي مع", "تحويلي", "حولني", "حولوني",
            "تحولني", "وصلني", "انقلني", "يتصل بي", "يتصل فيني", "يتصل علي", "اتصلوا بي", "اتصلوا علي",
            "يكلمني", "يرن علي", "يرد علي", "التواصل مع", "اتواصل مع", "يتواصل معي", "تواصلوا معي",
        ],
        others: &["اكلمك", "معك", "معاك", "بوت", "روبوت"],
        requests: &["في حد", "فيه حد", "في حدا"],
        vetoes: &[
            "لا احتاج", "ما ابي", "لا داعي", "لا تتصلوا", "اريد العمل", "وظايف", "سيره ذاتيه", "اشتغل عندكم",
            "مش عايز اكلم", "مش عايز حد",
        ],
    },
];
