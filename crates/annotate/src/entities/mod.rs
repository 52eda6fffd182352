//! Recognition and linking of entity mentions: people, organisations, countries, cities,
//! regions and nationalities, with char offsets, roles and CAMEO actor codes.
//!
//! Method (rule-based, measured in docs/EVALUATION.md):
//! 1. Gazetteer matches (one Aho-Corasick pass, word boundaries, case rules, longest match).
//! 2. Capitalised sequences (with name particles "bin", "al-", "of the"…) are split into a
//!    leading nationality/country, role titles ("Defense Minister", "Secretary of the Security
//!    Council") and the name; names no list holds are typed by cue words (titles, organisation
//!    heads such as "Party" or "Ministry") and a token lexicon learned from NER training splits.
//! 3. Linking within the document: a surname alone or a partial name joins the full person
//!    named earlier or later; "the sultanate"/"the emirate" joins the country with that state
//!    form; "the Emir", "the Security Council secretary" join the person last named with that
//!    title; capitals and demonyms resolve to their country, and a capital used as a political
//!    actor (not after "in", "to", "from"…) gets the government's actor code (`RUSGOV`).
//! 4. Roles come from premodifiers ("Egyptian Defense Minister X"), appositions ("X, Secretary
//!    of the Security Council of the Russian Federation"; "the Emir of Qatar, X") and monarch
//!    titles; the sector comes from the Phoenix/PLOVER agent tables (defense minister → GOVMIL),
//!    giving actor codes such as `EGYGOVMIL`. People of the Phoenix dictionaries get the role
//!    valid on the document date when the text gives none.
//!
//! Entity ids are `stable_id([type, normalised canonical name])`, the same in every document.

mod tokens;

use std::collections::HashMap;
use std::time::{Duration, Instant};

use attache_model::hash::stable_id;
use attache_model::{ActorCode, Entity, Mention, MentionType, Role, Span};

use crate::gazetteer::{Entry, Gazetteer, GazetteerError};
use tokens::{Tok, tokenize};

/// Words that start sentences or headlines but are not names.
const STOP: &[&str] = &[
    "the",
    "a",
    "an",
    "in",
    "on",
    "at",
    "but",
    "and",
    "or",
    "this",
    "that",
    "these",
    "those",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "his",
    "her",
    "its",
    "their",
    "our",
    "my",
    "after",
    "before",
    "during",
    "while",
    "when",
    "as",
    "if",
    "for",
    "from",
    "with",
    "under",
    "by",
    "some",
    "many",
    "most",
    "both",
    "there",
    "what",
    "why",
    "how",
    "who",
    "which",
    "despite",
    "notably",
    "meanwhile",
    "however",
    "today",
    "yesterday",
    "also",
    "another",
    "one",
    "each",
    "every",
    "all",
    "no",
    "not",
    "among",
    "against",
    "following",
    "according",
    "special",
    "cultural",
    "naturally",
    "beyond",
    "into",
    "to",
    "of",
    "is",
    "was",
    "are",
    "were",
    "has",
    "have",
    "had",
    "will",
    "would",
    "can",
    "could",
    "should",
    "may",
    "might",
    "such",
    "other",
    "new",
    "last",
    "next",
    "first",
    "second",
    "several",
    "few",
    "more",
    "less",
    "over",
    "about",
    "around",
    "through",
    "since",
    "until",
    "though",
    "although",
    "because",
    "so",
    "then",
    "thus",
    "yet",
    "still",
    "even",
    "just",
    "only",
    "here",
    "now",
    "mr",
    "mrs",
    "ms",
    "dr",
    "sir",
    "said",
    "says",
    "read",
    "see",
    "view",
    "views",
    "world",
    "news",
    "analysis",
    "opinion",
    "update",
    "breaking",
    "source",
    "link",
    "photo",
    "video",
    "share",
    "follow",
    "subscribe",
    "join",
    "click",
    "home",
    "guests",
    "another",
    "so-called",
    "western",
    "eastern",
    "northern",
    "southern",
    "central",
    "global",
    "international",
    "national",
    "regional",
    "official",
    "officials",
    "state",
    "states",
    "government",
    "president",
    "minister",
    "sultan",
    "emir",
    "king",
    "general",
    "secretary",
    "council",
];

const MONTHS_DAYS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

/// Particles inside names ("bin", "al", "de") and organisations ("of", "the", "for", "and").
const PARTICLES: &[&str] = &[
    "bin", "ibn", "bint", "al", "el", "de", "da", "del", "der", "van", "von", "du", "di", "la",
    "le", "dos", "das", "y", "of", "the", "for", "&",
];

/// Last words that make a name an organisation.
const ORG_HEADS: &[&str] = &[
    "party",
    "union",
    "council",
    "ministry",
    "bank",
    "company",
    "corporation",
    "corp",
    "inc",
    "ltd",
    "plc",
    "group",
    "university",
    "college",
    "institute",
    "organization",
    "organisation",
    "association",
    "agency",
    "commission",
    "committee",
    "forum",
    "fund",
    "foundation",
    "front",
    "movement",
    "army",
    "forces",
    "force",
    "navy",
    "police",
    "court",
    "office",
    "league",
    "alliance",
    "congress",
    "assembly",
    "parliament",
    "senate",
    "airways",
    "airlines",
    "times",
    "post",
    "news",
    "press",
    "tv",
    "radio",
    "network",
    "brigade",
    "brigades",
    "militia",
    "guard",
    "guards",
    "corps",
    "service",
    "services",
    "department",
    "bureau",
    "authority",
    "board",
    "federation",
    "coalition",
    "club",
    "team",
    "church",
    "school",
    "hospital",
    "center",
    "centre",
    "society",
    "trust",
    "exchange",
    "administration",
    "government",
    "cabinet",
    "command",
    "directorate",
    "secretariat",
    "tribunal",
    "mission",
    "industries",
    "holdings",
    "motors",
    "systems",
    "technologies",
    "group",
    "media",
    "journal",
    "herald",
    "tribune",
    "gazette",
    "telegraph",
    "daily",
    "consulate",
    "embassy",
    "airplanes",
    "aircraft",
    "aerospace",
    "automotive",
    "auto",
    "computer",
    "computers",
    "electronics",
    "petroleum",
    "pharmaceuticals",
    "telecom",
    "communications",
    "partners",
    "investments",
    "securities",
    "insurance",
    "entertainment",
    "studios",
    "records",
    "labs",
    "software",
    "co",
    "ag",
    "sa",
    "nv",
    "gmbh",
    "llc",
    "lp",
    "llp",
    "bv",
    "spa",
    "asa",
];

/// Last words that make a name a place or facility ("Changi International Airport").
const LOC_HEADS: &[&str] = &[
    "airport",
    "airbase",
    "harbour",
    "harbor",
    "station",
    "bridge",
    "square",
    "street",
    "avenue",
    "boulevard",
    "road",
    "highway",
    "stadium",
    "arena",
    "mountains",
    "mountain",
    "river",
    "lake",
    "island",
    "islands",
    "valley",
    "desert",
    "ocean",
    "bay",
    "canal",
    "coast",
    "peninsula",
    "strait",
    "county",
    "province",
    "district",
    "prefecture",
];

/// Last words of names that are neither people, organisations nor places: indices, events,
/// products, programmes ("Dow Jones Industrial Average", "Worldwide Developers Conference").
const OTHER_HEADS: &[&str] = &[
    "average",
    "index",
    "indices",
    "composite",
    "conference",
    "expo",
    "convention",
    "program",
    "programme",
    "store",
    "flight",
    "award",
    "awards",
    "prize",
    "cup",
    "championship",
    "festival",
    "act",
    "bill",
    "disclaimer",
    "treaty",
    "accord",
    "doctrine",
    "plan",
    "initiative",
    "war",
    "crisis",
    "day",
    "week",
    "season",
    "seasons",
];

/// Acronyms and codes that name no entity: time zones, currencies, units, job titles.
const NOT_NAMES: &[&str] = &[
    "UTC", "GMT", "EST", "EDT", "PST", "PDT", "CET", "CEST", "BST", "IST", "MSK", "USD", "EUR",
    "GBP", "JPY", "CNY", "RUB", "CHF", "GHz", "MHz", "GB", "MB", "TB", "KB", "SDK", "API", "CEO",
    "CFO", "COO", "CTO", "TV", "AM", "PM", "AD", "BC", "ID", "OK", "PC", "PDF", "GDP", "IPO", "Q1",
    "Q2", "Q3", "Q4", "RSS", "FAQ", "URL", "HTML", "ETA",
];

/// Common nouns that, right before a name, say it is an organisation ("automaker Ford",
/// "low-cost airline Ryanair", "the search giant Google").
const ORG_DESCRIPTORS: &[&str] = &[
    "manufacturer",
    "maker",
    "automaker",
    "carmaker",
    "airframer",
    "planemaker",
    "company",
    "firm",
    "airline",
    "carrier",
    "bank",
    "lender",
    "insurer",
    "retailer",
    "giant",
    "rival",
    "conglomerate",
    "subsidiary",
    "operator",
    "producer",
    "supplier",
    "broadcaster",
    "newspaper",
    "daily",
    "agency",
    "brand",
    "startup",
    "start-up",
    "chain",
    "regulator",
    "watchdog",
    "exporter",
    "distributor",
    "automobile",
    "contractor",
    "shipbuilder",
    "miner",
    "publisher",
    "website",
    "outlet",
];

/// Financial market indices, named in news like companies but neither a company, person nor
/// place.
const INDICES: &[&str] = &[
    "Dow Jones",
    "Dow",
    "FTSE",
    "Nikkei",
    "Nasdaq",
    "NASDAQ",
    "DAX",
    "Hang Seng",
    "S&P",
    "DJIA",
    "CAC",
    "Sensex",
    "Kospi",
    "KOSPI",
    "Euro Stoxx",
    "Topix",
    "TOPIX",
];

/// Adjectives of regions and peoples that no country table holds: nationality mentions
/// without a country.
const PEOPLE_ADJECTIVES: &[&str] = &[
    "European",
    "Europeans",
    "African",
    "Africans",
    "Asian",
    "Asians",
    "Arab",
    "Arabs",
    "Latin American",
    "Middle Eastern",
    "North American",
    "South American",
    "Central American",
    "East African",
    "West African",
    "North African",
    "Southeast Asian",
    "Central Asian",
    "Scandinavian",
    "Nordic",
    "Balkan",
    "Caribbean",
    "Kurdish",
    "Kurd",
    "Kurds",
    "Tamil",
    "Tamils",
    "Uyghur",
    "Uyghurs",
    "Pashtun",
    "Pashtuns",
    "Baloch",
    "Druze",
    "Yazidi",
    "Yazidis",
    "Berber",
    "Berbers",
    "Tuareg",
    "Hazara",
    "Rohingya",
    "Basque",
    "Catalan",
];

/// Endings of surnames (Slavic, Romanian, Turkish, Armenian, Greek, Georgian) that type a lone
/// unknown word as a person ("Gorbachev", "Lukashenko").
const SURNAME_ENDINGS: &[&str] = &[
    "ov", "ev", "ova", "eva", "sky", "ski", "vich", "enko", "escu", "oglu", "yan", "poulos",
    "shvili", "dze",
];

/// Heads of job titles that separate an organisation from a person's name inside one
/// capitalised run ("Apple Computer CEO Steve Jobs").
const JOB_TITLES: &[&str] = &[
    "ceo",
    "executive",
    "chairman",
    "chairwoman",
    "president",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "analyst",
    "founder",
    "officer",
    "minister",
    "secretary",
    "governor",
    "senator",
    "commander",
    "chief",
];

/// First words that make "X of Y" an organisation ("Bank of England").
const ORG_STARTS: &[&str] = &[
    "air",
    "university",
    "bank",
    "ministry",
    "department",
    "council",
    "institute",
    "church",
    "party",
    "league",
    "organization",
    "organisation",
    "federation",
    "union",
    "house",
    "office",
    "court",
    "board",
    "academy",
    "school",
    "college",
    "association",
    "commission",
    "committee",
    "consulate",
    "embassy",
];

/// Prepositions after which a capital is a place, not an actor.
const LOCATIVE: &[&str] = &[
    "in", "at", "near", "outside", "to", "from", "into", "across", "inside", "around", "via",
    "toward", "towards", "through", "of", "reached", "visited", "hosted", "arrived",
];

/// Words before a titled name that make the person the other party of the sentence ("met
/// President X", "a meeting with President X", "welcomed President X's statement"): a country
/// named earlier in the sentence is then more likely the first party's than the person's.
const COUNTERPART_CUES: &[&str] = &[
    "with",
    "to",
    "against",
    "met",
    "meet",
    "meets",
    "meeting",
    "welcomed",
    "welcomes",
    "welcome",
    "received",
    "receives",
    "receive",
    "hosted",
    "hosts",
    "host",
    "visited",
    "visits",
    "visit",
    "called",
    "calls",
    "call",
    "urged",
    "urges",
    "urge",
    "told",
    "tells",
    "tell",
    "invited",
    "invites",
    "invite",
    "thanked",
    "thanks",
    "praised",
    "praises",
    "criticised",
    "criticized",
    "criticises",
    "criticizes",
    "condemned",
    "condemns",
    "accused",
    "accuses",
    "congratulated",
    "congratulates",
    "greeted",
    "greets",
    "warned",
    "warns",
    "asked",
    "asks",
    "sued",
    "sues",
];

/// Words before "to" that make a titled person the head of the first party's own side
/// ("forces loyal to President X", "an adviser to the President").
const SIDE_BEFORE_TO: &[&str] = &[
    "loyal",
    "close",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "aide",
    "aides",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "successor",
    "secretary",
    "assistant",
    "deputy",
    "counsellor",
    "counselor",
    "opposed",
    "allied",
    "linked",
    "related",
    "answerable",
    "subordinate",
    "according",
    "due",
    "thanks",
];

/// Words before "with" that put a titled person on the first party's side ("officials
/// travelling with the Finance Minister", "together with President X").
const SIDE_BEFORE_WITH: &[&str] = &[
    "travelling",
    "traveling",
    "travelled",
    "traveled",
    "along",
    "together",
    "accompanying",
    "alongside",
    "joined",
    "sided",
    "siding",
    "allied",
];

/// Nouns of those who act for a country abroad ("Moroccan diplomats", "Russia's delegation"): a
/// titled person named after them is their host or counterpart, not their compatriot. Groups at
/// home ("Rwandan rebels", "the Syrian parliament") share their president's country and are not
/// here; "government" or "officials" are not either, unless the person is in counterpart position.
const ENVOY_NOUNS: &[&str] = &[
    "diplomat",
    "diplomats",
    "delegation",
    "delegations",
    "delegate",
    "delegates",
    "envoy",
    "envoys",
    "emissary",
    "emissaries",
    "ambassador",
    "ambassadors",
    "embassy",
    "negotiator",
    "negotiators",
    "counterpart",
    "counterparts",
    "visitors",
];

/// The recogniser and linker; build once with [`EntityRecognizer::new`] and share.
pub struct EntityRecognizer {
    gaz: Gazetteer,
    load_time: Duration,
}

/// A role cue found next to a name.
#[derive(Debug, Clone, Default)]
struct Cue {
    title: String,
    sector: Option<String>,
    country: Option<String>,
    /// An actor code given outright (the code of the group a person commands).
    code: Option<String>,
}

#[derive(Debug, Clone)]
enum Src {
    Gaz(Entry),
    /// A name no list holds; `None` when the type is still open (a bare capitalised word).
    New(Option<MentionType>),
    /// "the sultanate": the country with that state form.
    StateWord(String),
    /// "the Emir": the person last named with that title.
    TitleRef(String),
    /// A body named by a title word after a country ("Egyptian Defense Ministry").
    Body(Option<String>, Option<String>),
}

#[derive(Debug, Clone)]
struct Cand {
    s: usize,
    e: usize,
    src: Src,
    cue: Option<Cue>,
    sent: usize,
    /// Index of the first token of the candidate in the document token list.
    tok: usize,
}

impl EntityRecognizer {
    /// Load the compiled-in gazetteer (tens of milliseconds in a release build: the name index
    /// is compiled into the binary; see [`EntityRecognizer::load_time`]).
    pub fn new() -> Result<Self, GazetteerError> {
        let t0 = Instant::now();
        let gaz = Gazetteer::load()?;
        Ok(EntityRecognizer {
            gaz,
            load_time: t0.elapsed(),
        })
    }

    /// How long [`EntityRecognizer::new`] took.
    pub fn load_time(&self) -> Duration {
        self.load_time
    }

    pub fn gazetteer(&self) -> &Gazetteer {
        &self.gaz
    }

    /// Find and link the entity mentions of `text`. `sentences` are char spans (from
    /// [`crate::sentences::split`]); an empty slice treats the text as one sentence.
    /// `doc_date` (ISO `YYYY-MM-DD` or a prefix) dates learned roles and picks the valid
    /// role of known people. Mentions come sorted by offset.
    pub fn annotate(
        &self,
        text: &str,
        sentences: &[Span],
        doc_date: Option<&str>,
    ) -> (Vec<Mention>, Vec<Entity>) {
        // char index -> byte offset
        let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
        byte_of.push(text.len());
        let nchars = byte_of.len() - 1;
        let whole = [Span {
            start: 0,
            end: nchars,
        }];
        let sentences = if sentences.is_empty() {
            &whole[..]
        } else {
            sentences
        };
        let mut toks: Vec<Tok> = Vec::new();
        let mut sent_of_tok: Vec<usize> = Vec::new();
        let mut sent_first: Vec<usize> = Vec::new();
        for (si, sp) in sentences.iter().enumerate() {
            let (a, b) = (sp.start.min(nchars), sp.end.min(nchars));
            sent_first.push(toks.len());
            if a >= b {
                continue;
            }
            let before = toks.len();
            tokenize(text, byte_of[a], byte_of[b], &mut toks);
            sent_of_tok.extend(std::iter::repeat_n(si, toks.len() - before));
        }
        sent_first.push(toks.len());
        let matches = self.gaz.find(text);
        // Map gazetteer matches to token ranges.
        let mut gaz_at: HashMap<usize, (usize, usize)> = HashMap::new(); // tok start -> (tok end, match idx)
        {
            let mut ti = 0;
            for (mi, m) in matches.iter().enumerate() {
                while ti < toks.len() && toks[ti].s < m.start {
                    ti += 1;
                }
                if ti >= toks.len() || toks[ti].s != m.start {
                    continue;
                }
                let mut tj = ti;
                while tj < toks.len() && toks[tj].e < m.end {
                    tj += 1;
                }
                if tj < toks.len() && toks[tj].e == m.end && sent_of_tok[tj] == sent_of_tok[ti] {
                    gaz_at.insert(ti, (tj + 1, mi));
                }
            }
        }
        let ctx = Ctx {
            text,
            toks: &toks,
            sent_of_tok: &sent_of_tok,
            sent_first: &sent_first,
        };
        let mut cands: Vec<Cand> = Vec::new();
        for si in 0..sent_first.len() - 1 {
            self.recognize_sentence(&ctx, si, &gaz_at, &matches, &mut cands);
        }
        self.state_and_title_refs(&ctx, &mut cands);
        // "US$ 40 billion", "AU$ 52.5 million": a currency, not a country.
        cands.retain(|c| !text[c.e..].starts_with('$'));
        cands.sort_by_key(|c| (c.s, std::cmp::Reverse(c.e)));
        cands.dedup_by(|b, a| b.s < a.e); // drop overlaps, keep the earlier/longer
        self.org_by_descriptor(&ctx, &mut cands);
        self.surnames_over_towns(&ctx, &mut cands);
        let mut char_of = HashMap::new();
        for c in &cands {
            char_of.insert(c.s, 0);
            char_of.insert(c.e, 0);
        }
        for (ci, (b, _)) in text.char_indices().enumerate() {
            if let Some(v) = char_of.get_mut(&b) {
                *v = ci;
            }
        }
        char_of.insert(text.len(), nchars);
        self.link(&ctx, cands, &char_of, doc_date)
    }

    fn lex_class(&self, word: &str) -> Option<(MentionType, u32, u32)> {
        let c = self.gaz.lexicon(word)?;
        let (best, n) = [
            (MentionType::Person, c[0]),
            (MentionType::Org, c[1]),
            (MentionType::Location, c[2]),
        ]
        .into_iter()
        .max_by_key(|x| x.1)?;
        Some((best, n, c[3] + c[4]))
    }

    /// Longest title phrase starting at token `i` (lower-cased words joined by spaces).
    fn title_at(&self, ctx: &Ctx, i: usize, end: usize) -> Option<(usize, String)> {
        let mut best = None;
        let mut phrase = String::new();
        let mut j = i;
        let mut words = 0;
        while j < end && words < self.gaz.max_title_words() {
            let t = ctx.toks[j];
            if !t.word && ctx.word(j) != "-" && ctx.word(j) != "." {
                break;
            }
            let w = ctx.word(j).to_lowercase();
            if t.word {
                if !phrase.is_empty() && !t.hyphen_before {
                    phrase.push(' ');
                }
                phrase.push_str(&w);
                words += 1;
            } else {
                phrase.push_str(&w);
            }
            if self.gaz.title(&phrase).is_some_and(|t| {
                // "company", "group": sector words of the agent tables that end names of
                // organisations ("Ford Motor Company"), not titles of people.
                !(t.person
                    && (ORG_HEADS.contains(&phrase.as_str())
                        || ORG_DESCRIPTORS.contains(&phrase.as_str())))
            }) {
                best = Some((j + 1, phrase.clone()));
            }
            j += 1;
        }
        best
    }

    fn is_cap(&self, ctx: &Ctx, i: usize) -> bool {
        let t = ctx.toks[i];
        if t.cap {
            return true;
        }
        // "al-Sharaa", "el-Sisi": a particle joined by a hyphen to a capitalised word.
        let w = ctx.word(i);
        (w == "al" || w == "el" || w == "bin")
            && i + 2 < ctx.toks.len()
            && ctx.word(i + 1) == "-"
            && ctx.toks[i + 2].cap
    }

    fn recognize_sentence(
        &self,
        ctx: &Ctx,
        si: usize,
        gaz_at: &HashMap<usize, (usize, usize)>,
        matches: &[crate::gazetteer::Match],
        out: &mut Vec<Cand>,
    ) {
        let (a, b) = (ctx.sent_first[si], ctx.sent_first[si + 1]);
        if a >= b {
            return;
        }
        // A headline in capitals carries no case signal: gazetteer only.
        let words: Vec<usize> = (a..b).filter(|&i| ctx.toks[i].word).collect();
        let caps = words.iter().filter(|&&i| ctx.toks[i].cap).count();
        let upper = words
            .iter()
            .filter(|&&i| ctx.word(i).chars().all(|c| !c.is_lowercase()))
            .count();
        let headline = words.len() >= 4 && (upper * 10 >= words.len() * 8);
        let title_case = words.len() >= 4 && caps * 10 >= words.len() * 7;
        let mut i = a;
        while i < b {
            if !self.is_cap(ctx, i) {
                i += 1;
                continue;
            }
            // Extend the capitalised sequence through particles and hyphens.
            let mut j = i + 1;
            loop {
                if j < b
                    && (self.is_cap(ctx, j)
                        || (ctx.toks[j].word
                            && ctx.word(j).chars().all(|c| c.is_ascii_digit())
                            && ctx.toks[j].hyphen_before))
                {
                    j += 1;
                    continue;
                }
                if j + 1 < b && ctx.word(j) == "-" && self.is_cap(ctx, j + 1) {
                    j += 2;
                    continue;
                }
                // "St. Louis", "Mt. Kenya", "Ft. Worth": an abbreviation's dot inside a name.
                if j + 1 < b
                    && ctx.word(j) == "."
                    && matches!(ctx.word(j - 1), "St" | "Mt" | "Ft" | "Pt")
                    && self.is_cap(ctx, j + 1)
                {
                    j += 2;
                    continue;
                }
                // particles: one or two ("of the") followed by a capitalised token
                let mut k = j;
                if k < b
                    && (PARTICLES.contains(&ctx.word(k)) || ctx.word(k) == "and")
                    && ctx.word(k) != "the"
                {
                    k += 1;
                    if k < b && matches!(ctx.word(k), "the" | "al" | "el") {
                        k += 1;
                    }
                }
                if k > j && k < b && self.is_cap(ctx, k) {
                    j = k + 1;
                    continue;
                }
                break;
            }
            if headline || title_case {
                // Only gazetteer names in headlines.
                let mut p = i;
                while p < j {
                    if let Some(&(q, mi)) = gaz_at.get(&p) {
                        let q = q.min(j);
                        for &e in matches[mi].entries.iter().take(1) {
                            out.push(self.cand(ctx, p, q, Src::Gaz(e), None));
                        }
                        p = q;
                    } else {
                        p += 1;
                    }
                }
                i = j;
                continue;
            }
            self.segment(ctx, i, j, gaz_at, matches, out);
            i = j;
        }
    }

    fn cand(&self, ctx: &Ctx, p: usize, q: usize, src: Src, cue: Option<Cue>) -> Cand {
        // "Apple Inc." keeps its abbreviation dot.
        let mut e = ctx.toks[q - 1].e;
        if matches!(
            ctx.word(q - 1),
            "Inc" | "Corp" | "Ltd" | "Co" | "Jr" | "Sr" | "Bros"
        ) && ctx.text[e..].starts_with('.')
        {
            e += 1;
        }
        Cand {
            s: ctx.toks[p].s,
            e,
            src,
            cue,
            sent: ctx.sent_of_tok[p],
            tok: p,
        }
    }

    fn best_entry(&self, entries: &[Entry]) -> Entry {
        // Countries and demonyms first, then orgs, people, regions, cities (most populous).
        let rank = |e: &Entry| match e {
            Entry::Country(_) => 0,
            Entry::Demonym(_) => 1,
            Entry::Org(_) => 2,
            Entry::Region(_) => 3,
            Entry::Person(_) => 4,
            Entry::City(_) => 5,
        };
        let mut best = entries[0];
        for &e in entries {
            let better = match (e, best) {
                (Entry::City(x), Entry::City(y)) => {
                    self.gaz.cities[x as usize].population > self.gaz.cities[y as usize].population
                }
                _ => rank(&e) < rank(&best),
            };
            if better {
                best = e;
            }
        }
        best
    }

    /// Split one capitalised sequence `[i, j)` into mentions.
    fn segment(
        &self,
        ctx: &Ctx,
        i: usize,
        j: usize,
        gaz_at: &HashMap<usize, (usize, usize)>,
        matches: &[crate::gazetteer::Match],
        out: &mut Vec<Cand>,
    ) {
        // "and" joins only organisation names ("Social Democratic and Labour Party").
        if let Some(k) = (i..j).find(|&k| ctx.word(k) == "and") {
            let whole_gaz = gaz_at.get(&i).is_some_and(|&(q, _)| q == j);
            let org = ORG_HEADS.contains(&ctx.word(j - 1).to_lowercase().as_str());
            // "Toyota and General Motors": two names when one side is a whole known name.
            let side_known = gaz_at.get(&i).is_some_and(|&(q, _)| q == k)
                || gaz_at.get(&(k + 1)).is_some_and(|&(q, _)| q == j);
            if !whole_gaz && (!org || side_known) {
                self.segment(ctx, i, k, gaz_at, matches, out);
                if k + 1 < j {
                    self.segment(ctx, k + 1, j, gaz_at, matches, out);
                }
                return;
            }
        }
        let mut p = i;
        let sent_start = ctx.sent_first[ctx.sent_of_tok[i]];
        // Leading function words and sentence-initial capitals that are common words.
        while p < j && !gaz_at.contains_key(&p) {
            let w = ctx.word(p).to_lowercase();
            let initial = p == sent_start
                || (p > sent_start
                    && matches!(
                        ctx.word(p - 1),
                        "\"" | "“" | "‘" | "'" | "`" | "``" | ":" | "(" | "—" | "–"
                    ));
            // An everyday word opening a sentence ("Stock markets", "Young Algerians",
            // "Thousands of Iraqi Kurds") when nothing after it says it is part of a name.
            let everyday = initial
                && (self.gaz.is_common_word(&w) || ORG_DESCRIPTORS.contains(&w.as_str()))
                && (p + 1 == j
                    || PARTICLES.contains(&ctx.word(p + 1))
                    || gaz_at.contains_key(&(p + 1)));
            // A capitalised "The" inside a sentence belongs to the name ("The New York Times",
            // "The Hague").
            let inner_the = ctx.word(p) == "The" && !initial && p + 1 < j;
            let common = (STOP.contains(&w.as_str()) && !inner_the)
                || MONTHS_DAYS.contains(&w.as_str())
                || everyday
                || (initial
                    && self
                        .lex_class(ctx.word(p))
                        .is_some_and(|(_, ent, other)| other > ent * 2));
            if common
                && self
                    .title_at(ctx, p, j)
                    .is_none_or(|_| initial && p + 1 == j)
            {
                p += 1;
                // skip particles left dangling
                while p < j && PARTICLES.contains(&ctx.word(p)) {
                    p += 1;
                }
            } else {
                break;
            }
        }
        let mut cue: Option<Cue> = None;
        let mut lead_country: Option<String> = None;
        // First token of the leading nationality/country, when there is one.
        let mut lead_tok: Option<usize> = None;
        let first_name_tok = p;
        while p < j {
            if MONTHS_DAYS.contains(&ctx.word(p).to_lowercase().as_str())
                || (ctx.word(p) == "-" && p > first_name_tok)
            {
                // "Russian-Omani": the hyphen between two nationalities.
                p += 1;
                continue;
            }
            if let Some(&(q, mi)) = gaz_at.get(&p)
                && !self.surname_not_town(ctx, p, q, &matches[mi].entries)
            {
                let q = q.min(j);
                let e = self.best_entry(&matches[mi].entries);
                let rest_is_title = q < j && self.title_at(ctx, q, j).is_some();
                if q == j {
                    // The match ends the sequence.
                    out.push(self.cand(ctx, p, q, Src::Gaz(e), cue.take()));
                    return;
                }
                match e {
                    Entry::Country(_) if !rest_is_title => {
                        // "Jordan Peterson": a longer new name.
                        break;
                    }
                    Entry::Country(ci) | Entry::Demonym(ci) => {
                        // Org names that start with a country ("Egyptian Armed Forces").
                        let last = ctx.word(j - 1).to_lowercase();
                        if !rest_is_title && ORG_HEADS.contains(&last.as_str()) {
                            out.push(self.cand(ctx, p, j, Src::New(Some(MentionType::Org)), None));
                            return;
                        }
                        lead_country = Some(self.gaz.countries[ci as usize].iso3.clone());
                        lead_tok = Some(p);
                        out.push(self.cand(ctx, p, q, Src::Gaz(e), None));
                        p = q;
                        continue;
                    }
                    _ => {
                        if rest_is_title {
                            out.push(self.cand(ctx, p, q, Src::Gaz(e), None));
                            p = q;
                            continue;
                        }
                        // "Jordan Peterson", "Moscow State University": a longer new name.
                        break;
                    }
                }
            }
            if let Some((q, phrase)) = self.title_at(ctx, p, j) {
                // "the head of the Royal Office, Sultan al-Nuamani": after an apposition a
                // monarch's title before a lone "al-" name is the first name.
                let rest_words = (q..j).filter(|&x| ctx.toks[x].word).count();
                if is_monarch_title(&phrase).is_some()
                    && p == i
                    && i > sent_start
                    && ctx.word(i - 1) == ","
                    && rest_words == 2
                    && matches!(ctx.word(q).to_lowercase().as_str(), "al" | "el")
                {
                    out.push(self.cand(ctx, p, j, Src::New(Some(MentionType::Person)), None));
                    return;
                }
                let t = self.gaz.title(&phrase).cloned();
                let person_title = t.as_ref().is_some_and(|t| t.person);
                let mut c = Cue {
                    title: ctx.slice(p, q).to_string(),
                    sector: t.and_then(|t| t.sector),
                    country: lead_country.clone(),
                    code: None,
                };
                let mut r = q;
                // "of (the) Country"
                if r < j && ctx.word(r) == "of" {
                    let mut k = r + 1;
                    if k < j && ctx.word(k) == "the" && !gaz_at.contains_key(&k) {
                        k += 1;
                    }
                    if let Some(&(q2, mi)) = gaz_at.get(&k) {
                        let e = self.best_entry(&matches[mi].entries);
                        if let Entry::Country(ci) = e {
                            c.country = Some(self.gaz.countries[ci as usize].iso3.clone());
                            out.push(self.cand(ctx, k, q2.min(j), Src::Gaz(e), None));
                            r = q2.min(j);
                        } else if let Entry::Org(_) = e {
                            out.push(self.cand(ctx, k, q2.min(j), Src::Gaz(e), None));
                            r = q2.min(j);
                        }
                    }
                }
                if !person_title && r < j && ctx.word(r) == "of" {
                    // "Ministry of Tarbay Affairs", "Bank of Kestria": an office word heading
                    // an "of" name is one organisation.
                    let country = c.country.clone().or(lead_country.clone());
                    let src = if country.is_some() {
                        Src::Body(country, c.sector.clone())
                    } else {
                        Src::New(Some(MentionType::Org))
                    };
                    out.push(self.cand(ctx, p, j, src, None));
                    return;
                }
                if !person_title && r == j {
                    // A body: "Defense Ministry", "Security Council".
                    if lead_country.is_some() || c.country.is_some() {
                        let country = c.country.clone().or(lead_country.clone());
                        // "Egyptian Defense Ministry", "Swiss National Bank": one organisation
                        // with the country's name.
                        let from = match lead_tok {
                            Some(l) if out.last().is_some_and(|x| x.tok == l) => {
                                out.pop();
                                l
                            }
                            _ => p,
                        };
                        out.push(self.cand(
                            ctx,
                            from,
                            r,
                            Src::Body(country, c.sector.clone()),
                            None,
                        ));
                    }
                    return;
                }
                if r == j {
                    // A title with no name: a cue for an apposition or "the Emir".
                    ctx.pending_cue(p, q, c, out, self);
                    return;
                }
                cue = Some(c);
                p = r;
                continue;
            }
            break;
        }
        if p >= j {
            return;
        }
        // "Chief Executive Officer of Zorvex Motors": a title, then the body it heads.
        if cue.is_some() && ctx.word(p) == "of" {
            let mut k = p + 1;
            if k < j && ctx.word(k) == "the" {
                k += 1;
            }
            if k < j {
                self.segment(ctx, k, j, gaz_at, matches, out);
                return;
            }
        }
        // "Apple Computer CEO Steve Jobs", "Ryanair CEO Michael O'Leary": an organisation, then
        // a person's title and name.
        if cue.is_none() {
            let split = (p + 1..j).find(|&t| {
                ctx.toks[t].word
                    && self.title_at(ctx, t, j).is_some_and(|(q, ph)| {
                        let head = ph.rsplit(' ').next().unwrap_or(&ph);
                        let rest: Vec<usize> = (q..j).filter(|&x| ctx.toks[x].word).collect();
                        JOB_TITLES.contains(&head)
                            && (2..=4).contains(&rest.len())
                            && rest.iter().all(|&x| ctx.toks[x].cap)
                            && !ORG_HEADS.contains(&ctx.word(j - 1).to_lowercase().as_str())
                    })
            });
            if let Some(t) = split
                && (p..t).any(|x| ctx.toks[x].word)
            {
                self.segment(ctx, p, t, gaz_at, matches, out);
                self.segment(ctx, t, j, gaz_at, matches, out);
                return;
            }
        }
        // The rest is a name; "General Motors" is an organisation despite its title word.
        let last = ctx.word(j - 1).to_lowercase();
        if ORG_HEADS.contains(&last.as_str()) && gaz_at.get(&p).is_none_or(|&(q, _)| q != j) {
            let from = if cue.is_some() {
                i.max(first_name_tok)
            } else {
                p
            };
            out.push(self.cand(ctx, from, j, Src::New(Some(MentionType::Org)), None));
            return;
        }
        let kind = if cue.is_some() {
            Some(MentionType::Person)
        } else {
            self.classify(ctx, p, j, gaz_at, matches)
        };
        let src = if let (None, Some(&(q, mi))) = (kind, gaz_at.get(&p)) {
            if q == j {
                Src::Gaz(self.best_entry(&matches[mi].entries))
            } else {
                Src::New(None)
            }
        } else {
            Src::New(kind)
        };
        out.push(self.cand(ctx, p, j, src, cue));
    }

    /// "automaker Ford", "the airline Ryanair": a new name right after an organisation noun is
    /// an organisation, and so is every other mention of the same name in the document that no
    /// list or title typed.
    fn org_by_descriptor(&self, ctx: &Ctx, cands: &mut [Cand]) {
        let mut names: Vec<&str> = Vec::new();
        let retypable = |src: &Src| {
            matches!(
                src,
                Src::New(None | Some(MentionType::Person) | Some(MentionType::Org))
            )
        };
        for c in cands.iter_mut() {
            if !retypable(&c.src) || c.cue.is_some() || c.tok == 0 {
                continue;
            }
            let prev = ctx.word(c.tok - 1);
            let prev_l = prev.to_lowercase();
            if ctx.sent_of_tok[c.tok - 1] == c.sent
                && !ctx.toks[c.tok - 1].cap
                && ORG_DESCRIPTORS.contains(&prev_l.as_str())
            {
                c.src = Src::New(Some(MentionType::Org));
                names.push(&ctx.text[c.s..c.e]);
            }
        }
        if names.is_empty() {
            return;
        }
        for c in cands.iter_mut() {
            if retypable(&c.src) && c.cue.is_none() && names.contains(&&ctx.text[c.s..c.e]) {
                c.src = Src::New(Some(MentionType::Org));
            }
        }
    }

    /// "Bush", "Ford": a one-word match that only names small towns, while the NER corpora
    /// know the word mostly as a person's name, is taken for the name.
    fn surname_not_town(&self, ctx: &Ctx, p: usize, q: usize, entries: &[Entry]) -> bool {
        q == p + 1
            && entries.iter().all(|e| match e {
                Entry::City(x) => self.gaz.cities[*x as usize].population < 200_000,
                _ => false,
            })
            && self
                .gaz
                .lexicon(ctx.word(p))
                .is_some_and(|c| c[0] >= 3 && c[0] > 2 * c[2])
    }

    /// "Mary Barra … Barra said": a lone word that a list holds only as a town is the surname
    /// of a person named in full in the same document.
    fn surnames_over_towns(&self, ctx: &Ctx, cands: &mut [Cand]) {
        let mut surnames: Vec<String> = Vec::new();
        for c in cands.iter() {
            let text = &ctx.text[c.s..c.e];
            let person = matches!(c.src, Src::Gaz(Entry::Person(_)))
                || (matches!(c.src, Src::New(Some(MentionType::Person))) && text.contains(' '));
            if person && let Some(s) = surname(text) {
                surnames.push(s);
            }
        }
        if surnames.is_empty() {
            return;
        }
        for c in cands.iter_mut() {
            if let Src::Gaz(Entry::City(_)) = c.src {
                let text = &ctx.text[c.s..c.e];
                if !text.contains(' ') && surnames.contains(&norm(text)) {
                    c.src = Src::New(Some(MentionType::Person));
                }
            }
        }
    }

    /// Type of a name no list holds, or `None` when the evidence is too thin.
    fn classify(
        &self,
        ctx: &Ctx,
        p: usize,
        j: usize,
        gaz_at: &HashMap<usize, (usize, usize)>,
        matches: &[crate::gazetteer::Match],
    ) -> Option<MentionType> {
        let words: Vec<&str> = (p..j)
            .filter(|&k| ctx.toks[k].word)
            .map(|k| ctx.word(k))
            .collect();
        let last = words.last()?.to_lowercase();
        let first = words[0].to_lowercase();
        if PEOPLE_ADJECTIVES.contains(&ctx.slice(p, j)) {
            return Some(MentionType::Nationality);
        }
        if OTHER_HEADS.contains(&last.as_str())
            || words
                .iter()
                .any(|w| MONTHS_DAYS.contains(&w.to_lowercase().as_str()))
            || (words.len() == 1 && NOT_NAMES.contains(&words[0]))
        {
            return None;
        }
        if words.len() > 1
            && j - p >= 2
            && gaz_at.get(&(j - 1)).is_some_and(|&(q, mi)| {
                q == j && matches!(self.best_entry(&matches[mi].entries), Entry::Country(_))
            })
            && !gaz_at.contains_key(&p)
        {
            // "Ford Australia", "GM Europe": a company's national branch.
            return Some(MentionType::Org);
        }
        if words.len() > 1
            && !ORG_HEADS.contains(&last.as_str())
            && gaz_at.get(&p).is_some_and(|&(q, mi)| {
                q < j
                    && matches!(self.best_entry(&matches[mi].entries), Entry::Org(_))
                    && self.gaz.lexicon(ctx.word(q)).is_none_or(|c| c[1] == 0)
            })
        {
            // "Ford Taurus", "Chrysler Aspen": a company's name before a model's is a product.
            return None;
        }
        if words.len() > 1 && LOC_HEADS.contains(&last.as_str()) {
            return Some(MentionType::Location);
        }
        if ORG_HEADS.contains(&last.as_str()) {
            return Some(MentionType::Org);
        }
        if words.iter().any(|w| w.chars().any(|c| c.is_ascii_digit())) {
            // Model numbers and codes ("A380", "G20" when unlisted) name no entity we type.
            return None;
        }
        {
            let name = ctx.slice(p, j);
            if INDICES
                .iter()
                .any(|x| name == *x || name.strip_prefix(x).is_some_and(|r| r.starts_with(' ')))
            {
                return None;
            }
        }
        if words.len() > 1 && ORG_STARTS.contains(&first.as_str()) {
            return Some(MentionType::Org);
        }
        if words.iter().all(|w| {
            w.chars()
                .filter(|c| c.is_alphabetic())
                .all(|c| c.is_uppercase())
        }) && words.len() == 1
            && words[0].chars().count() >= 2
        {
            // An acronym nobody listed: most are organisations.
            return self
                .lex_class(words[0])
                .map(|(k, _, _)| k)
                .or(Some(MentionType::Org));
        }
        let mut score = [0f32; 3];
        for (n, w) in words.iter().enumerate() {
            if let Some(c) = self.gaz.lexicon(w) {
                let tot = (c[0] + c[1] + c[2] + c[3] + c[4]) as f32 + 1.0;
                let wt = if n == 0 { 1.5 } else { 1.0 };
                score[0] += wt * c[0] as f32 / tot;
                score[1] += c[1] as f32 / tot * if n + 1 == words.len() { 1.5 } else { 1.0 };
                score[2] += c[2] as f32 / tot;
            }
        }
        let has_of = words
            .iter()
            .any(|w| *w == "of" || *w == "for" || *w == "and");
        let particles_only_name = words.iter().all(|w| {
            w.chars().next().is_some_and(|c| c.is_uppercase())
                || ["bin", "ibn", "al", "el", "de", "van", "von", "da"].contains(w)
        });
        if words.len() == 1 {
            let initial = p == ctx.sent_first[ctx.sent_of_tok[p]];
            if !initial && ctx.word(p - 1).chars().any(|c| c.is_ascii_digit()) {
                // "the 787 Dreamliner": a product's name after its model number.
                return None;
            }
            return match self.lex_class(words[0]) {
                Some((k, ent, other)) => (ent > other && ent >= 2).then_some(k),
                None if SURNAME_ENDINGS.iter().any(|e| words[0].ends_with(e))
                    && words[0].chars().count() >= 5 =>
                {
                    Some(MentionType::Person)
                }
                None if !self.gaz.is_common_word(words[0])
                    && !initial
                    && words[0].chars().count() >= 3 =>
                {
                    Some(MentionType::Org)
                }
                None => None,
            };
        }
        let best = (0..3).max_by(|&a, &b| score[a].total_cmp(&score[b]))?;
        if score[best] > 0.3 {
            return Some([MentionType::Person, MentionType::Org, MentionType::Location][best]);
        }
        if has_of {
            return Some(MentionType::Org);
        }
        if (p + 1..j).any(|x| {
            ctx.word(x) == "-"
                && ctx.toks[x - 1].cap
                && !matches!(
                    ctx.word(x - 1).to_lowercase().as_str(),
                    "al" | "el" | "bin" | "ibn"
                )
        }) {
            // "Wal-Mart", "Rolls-Royce": a hyphenated name the lexicon does not know as a
            // person's is a brand.
            return Some(MentionType::Org);
        }
        if particles_only_name && words.len() <= 4 {
            return Some(MentionType::Person);
        }
        None
    }

    /// "the sultanate" → the country with that state form; "the Emir" → that person.
    fn state_and_title_refs(&self, ctx: &Ctx, out: &mut Vec<Cand>) {
        let n = ctx.toks.len();
        for i in 0..n.saturating_sub(1) {
            if !ctx.word(i).eq_ignore_ascii_case("the") {
                continue;
            }
            let w = ctx.word(i + 1).to_lowercase();
            if matches!(
                w.as_str(),
                "sultanate" | "emirate" | "kingdom" | "principality"
            ) {
                out.push(Cand {
                    s: ctx.toks[i].s,
                    e: ctx.toks[i + 1].e,
                    src: Src::StateWord(w),
                    cue: None,
                    sent: ctx.sent_of_tok[i],
                    tok: i + 1,
                });
                continue;
            }
            let end = (i + 1 + self.gaz.max_title_words()).min(n);
            if let Some((q, phrase)) = self.title_at(ctx, i + 1, end) {
                let is_person = self.gaz.title(&phrase).is_some_and(|t| t.person);
                let next_cap = q < n && (ctx.toks[q].cap || ctx.word(q) == "of");
                if is_person && !next_cap && phrase.split(' ').count() <= 4 {
                    out.push(Cand {
                        s: ctx.toks[i].s,
                        e: ctx.toks[q - 1].e,
                        src: Src::TitleRef(phrase),
                        cue: None,
                        sent: ctx.sent_of_tok[i],
                        tok: i + 1,
                    });
                }
            }
        }
    }

    /// Roles from the context of a person mention: apposition after ("X, Secretary of the
    /// Security Council of Russia"; "X, the commander of the Syrian Democratic Forces"), a
    /// title before ("foreign minister, X"; "the country's prime minister and foreign minister,
    /// Sheikh X"; "the head of the Royal Office, X") or "the Syrian leadership under X".
    fn appositions(
        &self,
        ctx: &Ctx,
        c: &Cand,
        seen: &[(usize, String)],
        seen_tok: &[usize],
    ) -> Vec<Cue> {
        let mut out = Vec::new();
        let toks = ctx.toks;
        // token index after the mention
        let mut k = c.tok;
        while k < toks.len() && toks[k].e <= c.e {
            k += 1;
        }
        let sent_start = ctx.sent_first[c.sent];
        let sent_end = ctx.sent_first[c.sent + 1];
        let country_of = |ci: u32| self.gaz.countries[ci as usize].iso3.clone();
        // The country last named before token `t` ("the country's", "the kingdom's").
        let last_country_before = |t: usize| {
            seen.iter()
                .zip(seen_tok)
                .rev()
                .find(|(_, st)| **st < t)
                .map(|(x, _)| x.1.clone())
        };
        if k < sent_end && ctx.word(k) == "," {
            let mut p = k + 1;
            if p < sent_end && ctx.word(p).eq_ignore_ascii_case("the") {
                p += 1;
            }
            // Nationality before the title ("the Iranian foreign minister").
            let mut country = None;
            if p < sent_end
                && let Some(e) = self.gaz_entry_at(ctx, p)
                && let Entry::Demonym(ci) | Entry::Country(ci) = e.0
            {
                country = Some(country_of(ci));
                p = e.1;
            }
            if let Some((q, phrase)) = self.title_at(ctx, p, sent_end)
                && let Some(t) = self.gaz.title(&phrase)
                && t.person
            {
                let mut cue = Cue {
                    title: ctx.slice(p, q).to_string(),
                    sector: t.sector.clone(),
                    country,
                    code: None,
                };
                let mut r = q;
                if r < sent_end && ctx.word(r) == "of" {
                    r += 1;
                    if r < sent_end && ctx.word(r) == "the" {
                        r += 1;
                    }
                    match self.gaz_entry_at(ctx, r) {
                        Some((Entry::Country(ci) | Entry::Demonym(ci), _)) => {
                            cue.country = Some(country_of(ci));
                        }
                        Some((Entry::Org(x), _)) => {
                            // "the commander of the Syrian Democratic Forces": the group's
                            // country and actor code.
                            let o = &self.gaz.orgs[x as usize];
                            if let Some(co) = o.country {
                                cue.country = Some(co.to_string());
                            }
                            cue.code = valid_code(o.code);
                        }
                        _ => {
                            // "co-chair of the Democratic Autonomous Administration": the
                            // body no list holds is part of the title.
                            let mut e = r;
                            while e < sent_end
                                && (toks[e].cap || matches!(ctx.word(e), "of" | "the" | "-"))
                            {
                                e += 1;
                            }
                            while e > r && !toks[e - 1].cap {
                                e -= 1;
                            }
                            if e > r {
                                cue.title = ctx.slice(p, e).to_string();
                            }
                        }
                    }
                }
                out.push(cue);
            }
        }
        // Before: "... foreign minister, X" / "his Turkish counterpart, X" / "the head of the
        // Royal Office, X". A title premodifier of the name itself ("Sheikh") is stepped over.
        let mut start = c.tok;
        while start > sent_start + 1
            && toks[start - 1].cap
            && self.title_at(ctx, start - 1, start).is_some()
        {
            start -= 1;
        }
        if start >= sent_start + 2 && ctx.word(start - 1) == "," {
            let comma = start - 1;
            let lo = start
                .saturating_sub(4 + self.gaz.max_title_words())
                .max(sent_start);
            for p in lo..comma {
                let Some((q, phrase)) = self.title_at(ctx, p, comma) else {
                    continue;
                };
                // "head of the Royal Office": a title with the body it heads.
                let of_body = q < comma
                    && ctx.word(q) == "of"
                    && (q + 1..comma)
                        .all(|x| toks[x].cap || matches!(ctx.word(x), "the" | "of" | "'s" | "’s"));
                if q != comma && !of_body {
                    continue;
                }
                let Some(t) = self.gaz.title(&phrase).filter(|t| t.person) else {
                    continue;
                };
                let mut country = None;
                for back in p.saturating_sub(3).max(sent_start)..p {
                    if let Some((Entry::Demonym(ci) | Entry::Country(ci), _)) =
                        self.gaz_entry_at(ctx, back)
                    {
                        country = Some(country_of(ci));
                    }
                    // "the country's prime minister": the country named last.
                    if matches!(
                        ctx.word(back).to_lowercase().as_str(),
                        "country" | "kingdom" | "sultanate" | "emirate" | "nation" | "state"
                    ) && back + 1 < p
                        && matches!(ctx.word(back + 1), "'s" | "’s" | "’" | "'")
                    {
                        country = last_country_before(back);
                    }
                }
                // Two coordinated titles: "prime minister and foreign minister".
                let mut first = None;
                if p >= 2 && ctx.word(p - 1) == "and" {
                    for p0 in p
                        .saturating_sub(1 + self.gaz.max_title_words())
                        .max(sent_start)..p - 1
                    {
                        if let Some((q0, ph0)) = self.title_at(ctx, p0, p - 1)
                            && q0 == p - 1
                            && let Some(t0) = self.gaz.title(&ph0)
                        {
                            first = Some(Cue {
                                title: ctx.slice(p0, q0).to_string(),
                                sector: t0.sector.clone(),
                                country: None,
                                code: None,
                            });
                            for back in p0.saturating_sub(3).max(sent_start)..p0 {
                                if let Some((Entry::Demonym(ci) | Entry::Country(ci), _)) =
                                    self.gaz_entry_at(ctx, back)
                                {
                                    country = Some(country_of(ci));
                                }
                                if matches!(
                                    ctx.word(back).to_lowercase().as_str(),
                                    "country"
                                        | "kingdom"
                                        | "sultanate"
                                        | "emirate"
                                        | "nation"
                                        | "state"
                                ) && back + 1 < p0
                                    && matches!(ctx.word(back + 1), "'s" | "’s" | "’" | "'")
                                {
                                    country = last_country_before(back);
                                }
                            }
                            break;
                        }
                    }
                }
                if let Some(mut f) = first {
                    f.country = country.clone();
                    out.push(f);
                }
                out.push(Cue {
                    title: ctx.slice(p, comma).to_string(),
                    sector: t.sector.clone(),
                    country,
                    code: None,
                });
                break;
            }
        }
        // "South African leader F.W. de Klerk": a lower-case title between a nationality and
        // the name. Only for a name no list holds: a listed person keeps the listed code.
        if out.is_empty() && c.cue.is_none() && matches!(c.src, Src::New(_)) {
            let from = c
                .tok
                .saturating_sub(self.gaz.max_title_words())
                .max(sent_start);
            for p in from..c.tok {
                if !toks[p].word || (p..c.tok).any(|x| toks[x].cap) {
                    continue;
                }
                let Some((q, phrase)) = self.title_at(ctx, p, c.tok) else {
                    continue;
                };
                let Some(t) = self.gaz.title(&phrase) else {
                    continue;
                };
                if q != c.tok || !t.person {
                    continue;
                }
                let country = (p.saturating_sub(3).max(sent_start)..p).find_map(|back| match self
                    .gaz_entry_at(ctx, back)
                {
                    Some((Entry::Demonym(ci) | Entry::Country(ci), end)) if end == p => {
                        Some(country_of(ci))
                    }
                    _ => None,
                });
                if country.is_some() {
                    out.push(Cue {
                        title: ctx.slice(p, q).to_string(),
                        sector: t.sector.clone(),
                        country,
                        code: None,
                    });
                }
                break;
            }
        }
        // "the new Syrian leadership under X", "a new administration under X".
        if out.is_empty() && c.tok >= sent_start + 2 && ctx.word(c.tok - 1) == "under" {
            let head = ctx.word(c.tok - 2).to_lowercase();
            if matches!(
                head.as_str(),
                "leadership" | "government" | "administration" | "regime" | "authorities" | "rule"
            ) {
                let mut country = None;
                for back in (c.tok - 2).saturating_sub(3).max(sent_start)..c.tok - 2 {
                    if let Some((Entry::Demonym(ci) | Entry::Country(ci), _)) =
                        self.gaz_entry_at(ctx, back)
                    {
                        country = Some(country_of(ci));
                    }
                }
                out.push(Cue {
                    title: "leader".to_string(),
                    sector: Some("GOV".to_string()),
                    country,
                    code: None,
                });
            }
        }
        out
    }

    fn gaz_entry_at(&self, ctx: &Ctx, p: usize) -> Option<(Entry, usize)> {
        let t = ctx.toks.get(p)?;
        let mut end = ctx.text.len().min(t.s + 64).max(t.e);
        while !ctx.text.is_char_boundary(end) {
            end += 1;
        }
        let m = self.gaz.find(&ctx.text[t.s..end]);
        let m = m.into_iter().find(|m| m.start == 0)?;
        let end = t.s + m.end;
        let mut q = p;
        while q < ctx.toks.len() && ctx.toks[q].e <= end {
            q += 1;
        }
        Some((self.best_entry(&m.entries), q))
    }
}

/// Shared view of one document's tokens.
struct Ctx<'a> {
    text: &'a str,
    toks: &'a [Tok],
    sent_of_tok: &'a [usize],
    sent_first: &'a [usize],
}

impl<'a> Ctx<'a> {
    fn word(&self, i: usize) -> &'a str {
        let t = self.toks[i];
        &self.text[t.s..t.e]
    }

    fn slice(&self, i: usize, j: usize) -> &'a str {
        &self.text[self.toks[i].s..self.toks[j - 1].e]
    }

    /// A title with no name after it in its capitalised run ("the Emir of Qatar, Sheikh X"):
    /// record it as a cue-only candidate that linking hands to the next person after a comma.
    fn pending_cue(&self, p: usize, j: usize, cue: Cue, out: &mut Vec<Cand>, r: &EntityRecognizer) {
        let _ = r;
        out.push(Cand {
            s: self.toks[p].s,
            e: self.toks[j - 1].e,
            src: Src::TitleRef(cue.title.to_lowercase()),
            cue: Some(cue),
            sent: self.sent_of_tok[p],
            tok: p,
        });
    }
}

/// First token of a person's phrase: the title when it comes right before the name
/// ("President Obama"), else the name.
fn title_start(ctx: &Ctx, c: &Cand, title: &str) -> usize {
    let first = ctx.sent_first[c.sent];
    let title = title.trim();
    if title.is_empty() {
        return c.tok;
    }
    (first..c.tok)
        .rev()
        .take(8)
        .find(|&k| ctx.slice(k, c.tok).trim_end() == title)
        .unwrap_or(c.tok)
}

/// Normalised key of a name: lower case, single spaces, no dots.
fn norm(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s.split(|c: char| c.is_whitespace() || c == '-' || c == '.') {
        if w.is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&w.to_lowercase());
    }
    out
}

/// Surname key of a person name: its last word, without "al-"/"el-".
fn surname(name: &str) -> Option<String> {
    let n = norm(name);
    let last = n.rsplit(' ').next()?;
    (last.chars().count() >= 3).then(|| last.to_string())
}

struct Building {
    entity: Entity,
    last_sent: usize,
    titles: Vec<String>,
}

fn entity_id(kind: MentionType, name: &str) -> String {
    stable_id(&[kind.as_str(), &norm(name)])
}

fn valid_code(s: &str) -> Option<String> {
    s.parse::<ActorCode>().ok().map(|c| c.to_string())
}

/// "his Turkish counterpart, X": X holds the title of the person last named with a role
/// (the foreign minister's counterpart is a foreign minister), in the counterpart's country.
fn counterparts(ents: &[Building], this: usize, sent: usize, cues: Vec<Cue>) -> Vec<Cue> {
    cues.into_iter()
        .map(|mut cue| {
            if !cue.title.to_lowercase().ends_with("counterpart") {
                return cue;
            }
            let other = ents
                .iter()
                .enumerate()
                .filter(|(i, b)| {
                    *i != this
                        && b.entity.kind == MentionType::Person
                        && b.last_sent <= sent
                        && !b.entity.roles.is_empty()
                })
                .max_by_key(|(_, b)| b.last_sent)
                .and_then(|(_, b)| b.entity.roles.last());
            if let Some(r) = other {
                cue.title = r.title.clone();
                cue.sector = r.sector.clone();
            }
            cue
        })
        .collect()
}

fn is_monarch_title(t: &str) -> Option<&'static str> {
    let t = t.to_lowercase();
    if t.contains("sultan") {
        Some("sultanate")
    } else if t.contains("emir") || t.contains("amir") {
        Some("emirate")
    } else if t.contains("king") || t.contains("queen") {
        Some("kingdom")
    } else {
        None
    }
}

impl EntityRecognizer {
    fn link(
        &self,
        ctx: &Ctx,
        cands: Vec<Cand>,
        char_of: &HashMap<usize, usize>,
        doc_date: Option<&str>,
    ) -> (Vec<Mention>, Vec<Entity>) {
        let mut ents: Vec<Building> = Vec::new();
        let mut by_id: HashMap<String, usize> = HashMap::new();
        let mut surnames: HashMap<String, usize> = HashMap::new();
        let mut mentions: Vec<(Mention, usize)> = Vec::new();
        // Countries named in the document, in order, for context.
        let mut countries_seen: Vec<(usize, String)> = Vec::new(); // (sent, iso3)
        let mut country_tok: Vec<usize> = Vec::new();
        for c in &cands {
            if let Src::Gaz(Entry::Country(ci) | Entry::Demonym(ci)) = c.src {
                countries_seen.push((c.sent, self.gaz.countries[ci as usize].iso3.clone()));
                country_tok.push(c.tok);
            }
            if let Src::Gaz(Entry::City(x)) = c.src {
                let city = &self.gaz.cities[x as usize];
                if let Some(co) = self.gaz.country_by_iso3(city.country)
                    && co.capital == city.name
                {
                    countries_seen.push((c.sent, co.iso3.clone()));
                    country_tok.push(c.tok);
                }
            }
        }
        let get = |ents: &mut Vec<Building>,
                   by_id: &mut HashMap<String, usize>,
                   kind: MentionType,
                   name: &str,
                   country: Option<String>,
                   code: Option<String>|
         -> usize {
            let id = entity_id(kind, name);
            if let Some(&i) = by_id.get(&id) {
                return i;
            }
            ents.push(Building {
                entity: Entity {
                    id: id.clone(),
                    name: name.to_string(),
                    kind,
                    country,
                    actor_code: code,
                    aliases: Vec::new(),
                    roles: Vec::new(),
                },
                last_sent: 0,
                titles: Vec::new(),
            });
            by_id.insert(id, ents.len() - 1);
            ents.len() - 1
        };
        let country_entity =
            |ents: &mut Vec<Building>, by_id: &mut HashMap<String, usize>, ci: u32| {
                let co = &self.gaz.countries[ci as usize];
                get(
                    ents,
                    by_id,
                    MentionType::Country,
                    &co.name,
                    Some(co.iso3.clone()),
                    valid_code(&co.cameo),
                )
            };
        // Pass 1: full person names (two words or more) so that surnames can find them.
        let mut pending: Option<(Cue, usize)> = None; // title-only cue waiting for a name
        let mut deferred: Vec<&Cand> = Vec::new();
        for c in &cands {
            let text = &ctx.text[c.s..c.e];
            match &c.src {
                Src::Gaz(e) => {
                    let (kind, ei, country, code) = match *e {
                        Entry::Country(ci) => {
                            let co = &self.gaz.countries[ci as usize];
                            (
                                MentionType::Country,
                                country_entity(&mut ents, &mut by_id, ci),
                                Some(co.iso3.clone()),
                                valid_code(&co.cameo),
                            )
                        }
                        Entry::Demonym(ci) => {
                            let co = &self.gaz.countries[ci as usize];
                            (
                                MentionType::Nationality,
                                country_entity(&mut ents, &mut by_id, ci),
                                Some(co.iso3.clone()),
                                valid_code(&co.cameo),
                            )
                        }
                        Entry::City(x) => {
                            let city = &self.gaz.cities[x as usize];
                            let co = self.gaz.country_by_iso3(city.country);
                            let capital = co.is_some_and(|co| co.capital == city.name);
                            if capital && self.political_use(ctx, c) {
                                let ci = self.gaz.country_index(city.country).unwrap_or(0);
                                let co = &self.gaz.countries[ci as usize];
                                let code = valid_code(&format!("{}GOV", co.cameo));
                                (
                                    MentionType::City,
                                    country_entity(&mut ents, &mut by_id, ci),
                                    Some(co.iso3.clone()),
                                    code,
                                )
                            } else {
                                let name = format!("{}, {}", city.name, city.country);
                                let ei = get(
                                    &mut ents,
                                    &mut by_id,
                                    MentionType::City,
                                    &name,
                                    Some(city.country.to_string()),
                                    None,
                                );
                                ents[ei].entity.name = city.name.to_string();
                                (MentionType::City, ei, Some(city.country.to_string()), None)
                            }
                        }
                        Entry::Region(x) => {
                            let r = &self.gaz.regions[x as usize];
                            let ei = get(
                                &mut ents,
                                &mut by_id,
                                MentionType::Location,
                                r.name,
                                r.country.map(String::from),
                                None,
                            );
                            (MentionType::Location, ei, r.country.map(String::from), None)
                        }
                        Entry::Org(x) => {
                            let o = &self.gaz.orgs[x as usize];
                            let code = valid_code(o.code);
                            let ei = get(
                                &mut ents,
                                &mut by_id,
                                MentionType::Org,
                                o.name,
                                o.country.map(String::from),
                                code.clone(),
                            );
                            (MentionType::Org, ei, o.country.map(String::from), code)
                        }
                        Entry::Person(x) => {
                            let p = &self.gaz.people[x as usize];
                            let role = p.role_at(doc_date);
                            let code = role.and_then(|r| valid_code(r.code));
                            let country = code
                                .as_deref()
                                .and_then(|c| c.parse::<ActorCode>().ok())
                                .and_then(|c| c.country_code().map(String::from));
                            // A known person may still be introduced with a role in this text.
                            let ei = get(
                                &mut ents,
                                &mut by_id,
                                MentionType::Person,
                                p.name,
                                country.clone(),
                                code.clone(),
                            );
                            if let Some(s) = surname(p.name) {
                                surnames.insert(s, ei);
                            }
                            self.apply_person_cues(
                                ctx,
                                c,
                                &mut ents,
                                ei,
                                pending.take().filter(|p| p.1 == c.sent).map(|p| p.0),
                                (&countries_seen, &country_tok),
                                doc_date,
                            );
                            let b = &ents[ei];
                            (
                                MentionType::Person,
                                ei,
                                b.entity.country.clone(),
                                b.entity.actor_code.clone(),
                            )
                        }
                    };
                    mentions.push((
                        self.mention(ctx, c, kind, &ents[ei].entity.id, country, code, char_of),
                        ei,
                    ));
                    ents[ei].last_sent = c.sent;
                    add_alias(&mut ents[ei].entity, text);
                }
                Src::New(Some(MentionType::Person))
                    if text.split_whitespace().count() >= 2 || c.cue.is_some() =>
                {
                    let ei = get(&mut ents, &mut by_id, MentionType::Person, text, None, None);
                    self.apply_person_cues(
                        ctx,
                        c,
                        &mut ents,
                        ei,
                        pending.take().filter(|p| p.1 == c.sent).map(|p| p.0),
                        (&countries_seen, &country_tok),
                        doc_date,
                    );
                    if let Some(s) = surname(text) {
                        surnames.insert(s, ei);
                    }
                    let m =
                        self.entity_mention(ctx, c, MentionType::Person, &ents[ei].entity, char_of);
                    mentions.push((m, ei));
                    ents[ei].last_sent = c.sent;
                    add_alias(&mut ents[ei].entity, text);
                }
                Src::TitleRef(_) if c.cue.is_some() => {
                    pending = c.cue.clone().map(|cue| (cue, c.sent));
                }
                _ => deferred.push(c),
            }
        }
        // Pass 2: surnames, bare names, state words, title references, new orgs/places; names
        // whose type is still open come last, to take the type of the same name elsewhere.
        // Organisations named in full come first, so that a short form ("Ford" after "Ford
        // Motor Company") takes their type rather than a person's.
        deferred.sort_by_key(|c| match c.src {
            Src::New(Some(MentionType::Org)) => 0,
            Src::New(None) => 2,
            _ => 1,
        });
        for c in deferred {
            let text = &ctx.text[c.s..c.e];
            match &c.src {
                Src::New(kind) => {
                    // One sense per document: a single word that starts the name of an
                    // organisation of this document is that organisation.
                    if !text.contains(' ')
                        && matches!(kind, None | Some(MentionType::Person))
                        && let Some(ei) = ents.iter().position(|b| {
                            b.entity.kind == MentionType::Org
                                && b.entity.aliases.iter().chain([&b.entity.name]).any(|a| {
                                    a.len() > text.len()
                                        && a.starts_with(text)
                                        && a[text.len()..].starts_with(' ')
                                })
                        })
                    {
                        let b = &ents[ei].entity;
                        let m = self.entity_mention(ctx, c, MentionType::Org, b, char_of);
                        mentions.push((m, ei));
                        add_alias(&mut ents[ei].entity, text);
                        continue;
                    }
                    if let Some(&ei) = surname(text).and_then(|s| surnames.get(&s)) {
                        let m = self.entity_mention(
                            ctx,
                            c,
                            MentionType::Person,
                            &ents[ei].entity,
                            char_of,
                        );
                        mentions.push((m, ei));
                        add_alias(&mut ents[ei].entity, text);
                        ents[ei].last_sent = ents[ei].last_sent.max(c.sent);
                        continue;
                    }
                    let kind = match *kind {
                        // A bare word typed a person only by its letters, in an article that
                        // never names that person in full: articles introduce people by full
                        // name, so it is rather a company or brand ("Ford", "Boeing").
                        Some(MentionType::Person)
                            if !text.contains(' ')
                                && ctx.sent_first.len() > 3
                                && self
                                    .gaz
                                    .lexicon(text)
                                    .is_some_and(|c| (c[1] + c[2]) * 3 >= c[0]) =>
                        {
                            MentionType::Org
                        }
                        Some(k) => k,
                        None => {
                            // The same name typed elsewhere in the document ("GM" at the start
                            // of a sentence after "GM" in the middle of one).
                            let hit = ents.iter().position(|b| {
                                b.entity.kind != MentionType::Person
                                    && b.entity.aliases.iter().any(|a| a == text)
                            });
                            let Some(ei) = hit else { continue };
                            let b = &ents[ei].entity;
                            let kind = mentions
                                .iter()
                                .find(|m| m.1 == ei)
                                .map(|m| m.0.kind)
                                .unwrap_or(b.kind);
                            let m = self.entity_mention(ctx, c, kind, b, char_of);
                            mentions.push((m, ei));
                            continue;
                        }
                    };
                    let ei = get(&mut ents, &mut by_id, kind, text, None, None);
                    let id = ents[ei].entity.id.clone();
                    mentions.push((self.mention(ctx, c, kind, &id, None, None, char_of), ei));
                    add_alias(&mut ents[ei].entity, text);
                }
                Src::Body(country, sector) => {
                    let code = country.as_ref().and_then(|co| {
                        let cameo = self.gaz.country_by_iso3(co).map(|c| c.cameo.clone())?;
                        valid_code(&format!("{cameo}{}", sector.clone().unwrap_or_default()))
                    });
                    let ei = get(
                        &mut ents,
                        &mut by_id,
                        MentionType::Org,
                        text,
                        country.clone(),
                        code.clone(),
                    );
                    let id = ents[ei].entity.id.clone();
                    mentions.push((
                        self.mention(
                            ctx,
                            c,
                            MentionType::Org,
                            &id,
                            country.clone(),
                            code,
                            char_of,
                        ),
                        ei,
                    ));
                }
                Src::StateWord(w) => {
                    // The country with that state form named most recently.
                    let hit = countries_seen
                        .iter()
                        .rev()
                        .filter(|(s, _)| *s <= c.sent)
                        .chain(countries_seen.iter())
                        .find(|(_, iso)| {
                            self.gaz
                                .country_by_iso3(iso)
                                .is_some_and(|co| co.kind_words.iter().any(|k| k == w))
                        })
                        .map(|x| x.1.clone());
                    if let Some(iso) = hit
                        && let Some(ci) = self.gaz.country_index(&iso)
                    {
                        let ei = country_entity(&mut ents, &mut by_id, ci);
                        let b = &ents[ei].entity;
                        let m = self.entity_mention(ctx, c, MentionType::Country, b, char_of);
                        mentions.push((m, ei));
                        add_alias(&mut ents[ei].entity, text);
                    }
                }
                Src::TitleRef(phrase) => {
                    // The person last named (up to this sentence) holding that title.
                    let head = phrase.rsplit(' ').next().unwrap_or(phrase).to_string();
                    let mut best: Option<usize> = None;
                    for (ei, b) in ents.iter().enumerate() {
                        if b.entity.kind != MentionType::Person {
                            continue;
                        }
                        let fits = b.titles.iter().any(|t| {
                            let t = norm(t);
                            let words: Vec<&str> = t.split(' ').collect();
                            t == *phrase
                                || t.ends_with(&head)
                                || norm(phrase)
                                    .split(' ')
                                    .filter(|w| !matches!(*w, "of" | "the"))
                                    .all(|w| words.contains(&w))
                        });
                        if fits && best.is_none_or(|x| ents[x].last_sent <= b.last_sent) {
                            best = Some(ei);
                        }
                    }
                    if let Some(ei) = best {
                        let b = &ents[ei].entity;
                        let m = self.entity_mention(ctx, c, MentionType::Person, b, char_of);
                        mentions.push((m, ei));
                        add_alias(&mut ents[ei].entity, text);
                    }
                }
                Src::Gaz(_) => {}
            }
        }
        mentions.sort_by_key(|m| m.0.start);
        mentions.dedup_by(|b, a| b.0.start < a.0.end);
        let used: std::collections::HashSet<usize> = mentions.iter().map(|m| m.1).collect();
        let entities = ents
            .into_iter()
            .enumerate()
            .filter(|(i, _)| used.contains(i))
            .map(|(_, b)| b.entity)
            .collect();
        (mentions.into_iter().map(|m| m.0).collect(), entities)
    }

    /// A mention of entity `e`, with its country and actor code.
    fn entity_mention(
        &self,
        ctx: &Ctx,
        c: &Cand,
        kind: MentionType,
        e: &Entity,
        char_of: &HashMap<usize, usize>,
    ) -> Mention {
        let (country, code) = (e.country.clone(), e.actor_code.clone());
        self.mention(ctx, c, kind, &e.id, country, code, char_of)
    }

    #[allow(clippy::too_many_arguments)]
    fn mention(
        &self,
        ctx: &Ctx,
        c: &Cand,
        kind: MentionType,
        id: &str,
        country: Option<String>,
        code: Option<String>,
        char_of: &HashMap<usize, usize>,
    ) -> Mention {
        Mention {
            start: char_of.get(&c.s).copied().unwrap_or(0),
            end: char_of.get(&c.e).copied().unwrap_or(0),
            text: ctx.text[c.s..c.e].to_string(),
            kind,
            entity: Some(id.to_string()),
            country,
            actor_code: code,
        }
    }

    /// Give a person the role of a cue: title, country (explicit, from a monarch title and the
    /// document's monarchies, or the nearest country named in the sentence), sector, code.
    /// The role cues of a person mention (its own, its appositions, a title-only cue waiting
    /// in the same sentence), "counterpart" resolved, applied to entity `ei`.
    #[allow(clippy::too_many_arguments)]
    fn apply_person_cues(
        &self,
        ctx: &Ctx,
        c: &Cand,
        ents: &mut [Building],
        ei: usize,
        waiting: Option<Cue>,
        (seen, seen_tok): (&[(usize, String)], &[usize]),
        doc_date: Option<&str>,
    ) {
        let mut cues: Vec<Cue> = c.cue.iter().cloned().collect();
        cues.extend(self.appositions(ctx, c, seen, seen_tok));
        cues.extend(waiting);
        for cue in counterparts(ents, ei, c.sent, cues) {
            self.apply_cue(ctx, &mut ents[ei], cue, c, (seen, seen_tok), doc_date);
        }
    }

    fn apply_cue(
        &self,
        ctx: &Ctx,
        b: &mut Building,
        cue: Cue,
        c: &Cand,
        (seen, seen_tok): (&[(usize, String)], &[usize]),
        doc_date: Option<&str>,
    ) {
        let mut country = cue.country.clone();
        if country.is_none()
            && let Some(kind) = is_monarch_title(&cue.title)
        {
            country = seen
                .iter()
                .rev()
                .filter(|(s, _)| *s <= c.sent)
                .chain(seen.iter())
                .find(|(_, iso)| {
                    self.gaz
                        .country_by_iso3(iso)
                        .is_some_and(|co| co.kind_words.iter().any(|k| k == kind))
                })
                .map(|x| x.1.clone());
        }
        if country.is_none() {
            country = b.entity.country.clone();
        }
        if country.is_none() {
            // The nearest country named before the mention in its sentence, else in the two
            // sentences before it; none when the person is the other party of the sentence.
            let counterpart = self.counterpart_position(ctx, c, &cue.title);
            country = seen
                .iter()
                .zip(seen_tok)
                .rev()
                .find(|((s, _), t)| *s == c.sent && **t < c.tok)
                .filter(|(_, t)| {
                    !(counterpart || self.heads_envoys(ctx, **t, title_start(ctx, c, &cue.title)))
                        || self.place_or_object(ctx, **t, c.sent)
                })
                .or_else(|| {
                    // Only for a title with the body it heads ("head of the Royal Office").
                    if !cue.title.contains(" of ") {
                        return None;
                    }
                    seen.iter()
                        .zip(seen_tok)
                        .rev()
                        .find(|((s, _), _)| *s < c.sent && *s + 2 >= c.sent)
                })
                .map(|x| x.0.1.clone());
        }
        let sector = cue.sector.clone().filter(|s| !s.trim().is_empty());
        if let Some(co) = &country {
            let cameo = self
                .gaz
                .country_by_iso3(co)
                .map(|c| c.cameo.clone())
                .unwrap_or_else(|| co.clone());
            if let Some(code) =
                valid_code(&format!("{cameo}{}", sector.clone().unwrap_or_default()))
            {
                b.entity.actor_code = Some(code);
            }
            b.entity.country = Some(co.clone());
        }
        if let Some(code) = cue.code.clone() {
            b.entity.actor_code = Some(code);
        }
        let title = cue.title.trim().to_string();
        if title.is_empty() || title.ends_with('.') || title.eq_ignore_ascii_case("counterpart") {
            return;
        }
        if !b.titles.contains(&title) {
            b.titles.push(title.clone());
        }
        let role = Role {
            title,
            country,
            sector,
            since: doc_date.map(String::from),
            until: None,
        };
        if !b.entity.roles.contains(&role) {
            b.entity.roles.push(role);
        }
    }

    /// Whether a titled person stands where the sentence's other party does: right after a
    /// preposition or verb of meeting, hosting, addressing or opposing ("a meeting with
    /// President X", "welcomed President X's statement", "called on President X").
    fn counterpart_position(&self, ctx: &Ctx, c: &Cand, title: &str) -> bool {
        let first = ctx.sent_first[c.sent];
        let mut start = title_start(ctx, c, title);
        // "met the President", "with Kenyan President X" (the country is then explicit).
        while start > first
            && matches!(
                ctx.word(start - 1).to_lowercase().as_str(),
                "the" | "a" | "an" | "new" | "former" | "visiting"
            )
        {
            start -= 1;
        }
        if start <= first {
            return false;
        }
        let prev = ctx.word(start - 1).to_lowercase();
        let before = if start >= first + 2 {
            ctx.word(start - 2).to_lowercase()
        } else {
            String::new()
        };
        // "forces loyal to President X", "an adviser to President X": the person's own side.
        if prev == "to" && SIDE_BEFORE_TO.contains(&before.as_str()) {
            return false;
        }
        // "officials travelling with Finance Minister X", "together with President X".
        if prev == "with" && SIDE_BEFORE_WITH.contains(&before.as_str()) {
            return false;
        }
        if COUNTERPART_CUES.contains(&prev.as_str()) {
            return true;
        }
        // "called on President X", "met with President X" are caught above through "with";
        // "calls on" needs the word before "on".
        prev == "on" && matches!(before.as_str(), "called" | "calls" | "call" | "calling")
    }

    /// Whether the country word at token `t` names a place or another party of the sentence
    /// rather than its subject ("in Kenya", "met with Iranian Foreign Minister X", "Tehran,
    /// where"): then it is no first party's country that a counterpart must not take.
    fn place_or_object(&self, ctx: &Ctx, t: usize, sent: usize) -> bool {
        let first = ctx.sent_first[sent];
        // A dateline ("FREETOWN, March 23 -") names the place of the report.
        let w = ctx.word(t);
        if t == first && w.len() > 2 && w.chars().all(|ch| !ch.is_lowercase()) {
            return true;
        }
        if let Some((_, end)) = self.gaz_entry_at(ctx, t)
            && end + 1 < ctx.toks.len()
            && ctx.word(end) == ","
            && ctx.word(end + 1).eq_ignore_ascii_case("where")
        {
            return true;
        }
        let mut k = t;
        while k > first && matches!(ctx.word(k - 1).to_lowercase().as_str(), "the" | "a" | "an") {
            k -= 1;
        }
        if k <= first {
            return false;
        }
        let prev = ctx.word(k - 1).to_lowercase();
        prev != "of"
            && prev != "from"
            && (COUNTERPART_CUES.contains(&prev.as_str()) || LOCATIVE.contains(&prev.as_str()))
    }

    /// Whether the country word at token `t` heads a group that acts for it abroad, before
    /// token `limit` ("Moroccan diplomats", "Russia's delegation").
    fn heads_envoys(&self, ctx: &Ctx, t: usize, limit: usize) -> bool {
        let Some((_, mut end)) = self.gaz_entry_at(ctx, t) else {
            return false;
        };
        if end < limit && matches!(ctx.word(end), "'s" | "’s" | "’" | "'") {
            end += 1;
        }
        end < limit && ENVOY_NOUNS.contains(&ctx.word(end).to_lowercase().as_str())
    }

    /// A capital used as a political actor: not after a locative preposition (or a list that
    /// follows one: "in Moscow and Muscat").
    fn political_use(&self, ctx: &Ctx, c: &Cand) -> bool {
        let first = ctx.sent_first[c.sent];
        let mut k = c.tok;
        loop {
            if k <= first {
                return true;
            }
            let prev = ctx.word(k - 1).to_lowercase();
            if LOCATIVE.contains(&prev.as_str()) {
                return false;
            }
            if (prev == "and" || prev == "or" || prev == ",")
                && k >= first + 2
                && ctx.toks[k - 2].cap
            {
                // walk back over the previous conjunct
                let mut j = k - 2;
                while j > first && ctx.toks[j - 1].cap {
                    j -= 1;
                }
                k = j;
                continue;
            }
            return true;
        }
    }
}

#[cfg(test)]
mod tests;

/// Records `text` as one of the names `e` goes by.
fn add_alias(e: &mut Entity, text: &str) {
    if !e.aliases.iter().any(|a| a == text) {
        e.aliases.push(text.to_string());
    }
}
