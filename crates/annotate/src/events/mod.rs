//! Event coding: who did what to whom, when and where, as CAMEO and PLOVER codes with evidence.
//!
//! [`EventCoder::code`] reads one document's text with the annotations other steps made
//! ([`CoderInput`]: sentences, actor mentions, entities, time expressions, document date) and
//! returns [`Event`]s. It works clause by clause:
//!
//! 0. **Actors the mentions leave uncoded.** [`EventCoder::new`] keeps the Phoenix/NGEC
//!    dictionaries ([`fallback_actors::FallbackActors`]) to fill in, for the clause only, what
//!    the given mentions leave without a code: a mention with neither code nor country takes
//!    the code of a dictionary phrase it overlaps ("the United States" read as a bare place),
//!    a dictionary phrase no mention covers is added (a demonym inside a group noun: "Iraqi
//!    Kurds" → IRQ, "Young Algerians" → DZA); lone dictionary surnames are not used. Role and
//!    group words no mention covers ("the rebels", "Judge X", "opposition groups in Zimbabwe")
//!    become actors with the country a CAMEO coder gives a domestic agent: the demonym or
//!    country right before them, else the place after "of/in", else the nearest coded actor
//!    of the sentence — the last only as an actor of last resort. A possessive "his/her"
//!    before an action noun ("his meeting with X") stands for the person named after the
//!    comma of an introductory phrase ("At his talks with X, Shoigu …") or else the last
//!    person named before it.
//! 1. **Clauses.** A sentence splits at `;`, `:`, before subordinators and relative words
//!    (while, but, although, because, after, before, when, which, who, where, if, unless...),
//!    and at the comma that closes an opening subordinate clause ("If Iran attacks Israel, …")
//!    or an opening phrase ("During his visit to Türkiye, …", which then codes only possessed
//!    actions). A closing attribution (", the White House announced Tuesday", ", according to
//!    …") is a clause of its own and is not coded; so are participles after a comma that
//!    comment on the clause before (", underscoring …"); other participles (", killing …"),
//!    relative "that" after a determiner and noun, ", as" and "following" open clauses.
//!    Appositions (", a key U.S. ally …,") and closing descriptions (", an issue that …") hold
//!    no action.
//! 2. **Action.** Every word is looked up in the verb lexicon: the PETRARCH-2 CAMEO verb
//!    dictionary (`data/events/cameo-verbs.txt`, its verb forms, synonym sets and patterns) and
//!    attache's news additions (`data/events/news-verbs.txt`, which win over it). The pattern
//!    matching the most words before and after the verb in the clause gives the code; else the
//!    verb block's default. Nominal forms ("Shoigu's visit to Egypt", "the signing of a treaty
//!    between Russia and Iran", "Israel's strikes on Doha") are found the same way, since the
//!    dictionaries' forms cover the nouns. A form that only modifies a following action noun
//!    ("the Sultan's *state* visit") and "aimed at/to" (a purpose) are not actions. The first
//!    verb of the clause with a code is coded; a statement verb (CAMEO 01) gives way to a
//!    later verb with another code.
//! 3. **Actors from the same clause.** The source is the nearest actor (or compound "X and Y")
//!    before the action in the clause — after "by" for passives ("was attacked by") — and the
//!    target the first one after it, else the place the action is done in or to ("arrived in
//!    Amman", "lifted a curfew in Montenegro"). When the clause names no source before the
//!    action, a relative clause ("which has ramped up sanctions") takes its antecedent, the
//!    nearest actor before it, and a coordinated one ("and met…") the sentence's first actor.
//!    Mentions after "in/at/near" are places, not actors. "between/among/involving X and Y",
//!    compounds without a target ("Russia, Iran and Oman held naval exercises") and "the two
//!    sides" (the last two actors named) expand to every ordered dyad. A reciprocal code `a:b`
//!    also codes the target → source event (visit 042 ↔ host 043), marked
//!    [`CodedEvent::reciprocal`]. Mentions next to each other with only capitalised words
//!    between ("Bulgarian President Todor Zhivkov") are one side, the later one standing for
//!    it. A threat with no target takes the actor of its "if/unless" condition. No event is
//!    emitted without both a source and a target justified from the clause, nor with the
//!    same actor on both sides (two different actors of one country make a domestic event) —
//!    except a yielding act (08x) with nobody else named in the clause, its verb right after
//!    its subject ("Shevardnadze resigned"), which is one-sided (target None). An agentless
//!    passive is done by the authority of the place it happened in ("was arrested in
//!    Lebanon").
//! 4. **Modality**, as CAMEO prescribes. Negated actions (not, never, no, n't, without) are not
//!    coded, except a stated future non-action ("will not accept", "won't", "said it would
//!    not meet"), which is a refusal. Refusals ("refused/declined/failed to X") are rejections: 12x (meet → 125,
//!    cooperate → 121, aid → 122, yield → 124, else 120). Future and planned actions (will,
//!    shall, plans/intends/is set to, readiness/intention to, interest in, and "would" after
//!    a speech verb) are intents (03x: 04 → 036, 05 → 030, 06x → 031x, 07x → 033x,
//!    08 → 035) when positive and threats (13x: 16x → 131x/134/135/136, 172x → 132x,
//!    17x → 137, 14x → 133, 18x–20x → 138x) when negative; a conditional (could, may, might,
//!    would) is coded only as such a threat and only when someone states it (a speech verb in
//!    the sentence); "if/unless" clauses and other modals are not coded.
//! 5. **Date** ([`DateBasis`] says which rule gave it):
//!    - `text`: a DATE/TIME expression of the clause (else the sentence's, when it has exactly
//!      one), with the precision of its value;
//!    - `before`: no date of its own and told as background — a perfect tense ("has already
//!      moved", "have become", "had signed"), "already/previously/earlier/once", "in recent
//!      years", a `PAST_REF` expression ("recently"), or a clause opened by after/since/
//!      following ("After Israel's strikes on Doha, …") — gets **date None, precision
//!      unknown and `date_before` the article's date**: it happened before the article, at a
//!      time the text does not say;
//!    - `unknown`: a planned or intended action with no date of its own (date None);
//!    - `document`: any other action the article reports with no date of its own (past tense
//!      news, ongoing present) takes the document date and its precision (its confidence is
//!      lowered by 0.1).
//! 6. **Place** from a CITY/COUNTRY/LOCATION mention of the clause after "in/at", else the
//!    antecedent of "where" ("Ankara, where Lavrov held talks"), else the destination of a
//!    visit, else none. **Topics** from the sentence's words ([`topics`]). **Evidence**: the
//!    sentence. **Id**: `stable_id([date, source code, target code, cameo])`. Reports of one
//!    happening within a document — the same sides, the same CAMEO root, compatible dates
//!    ([`compatible_dates`]: equal, one containing the other, or both unknown) — merge into one
//!    event with all their evidence and the most precise date; the store applies the same
//!    rule across documents.

pub mod fallback_actors;
mod lexicon;
mod text;
mod topics;

#[cfg(test)]
mod tests;

use std::collections::HashMap;

use attache_model::hash::stable_id;
use attache_model::{
    CameoCode, DateBasis, DatePrecision, Entity, Event, EventActor, Evidence, Location, Mention,
    MentionType, Span, Timex, TimexType,
};

use fallback_actors::FallbackActors;
use lexicon::{Lexicon, VerbHit};
pub use text::split_sentences;
use text::{Tok, tokenize};
use topics::Topics;

const CAMEO_VERBS: &str = include_str!("../../../../data/events/cameo-verbs.txt");
const NEWS_VERBS: &str = include_str!("../../../../data/events/news-verbs.txt");
/// Senses the verb dictionaries code by default that news mostly means otherwise, in PETRARCH
/// format, over both: "engage with Russia", "multi-layered engagement" is no use of force
/// (CAMEO codes ENGAGE as 190 only with its object: "engaged in combat").
const SENSE_VERBS: &str = "\
---  ENGAGE_SENSE   [---]  ---
ENGAGE
- * (IN COMBAT)                                       [190]
- * (IN FIGHTING)                                     [190]
- * (IN CLASHES)                                      [190]
- * (IN BATTLE)                                       [190]
- * (IN HOSTILITIES)                                  [190]
";

/// What the coder needs about one document. Offsets are chars into `text`, as everywhere in
/// attache.
#[derive(Debug, Clone, Copy)]
pub struct CoderInput<'a> {
    /// Id of the document (goes into the evidence).
    pub document: &'a str,
    pub text: &'a str,
    /// Sentence spans, in order. Empty: the coder splits the text itself.
    pub sentences: &'a [Span],
    /// Mentions, in text order. Those with an `actor_code` (or at least a `country`) and a type
    /// other than DATE are actors; CITY/COUNTRY/LOCATION ones are also places.
    pub mentions: &'a [Mention],
    /// Entities the mentions link to (by `Mention::entity` = `Entity::id`); give the actor's
    /// display name. May be empty.
    pub entities: &'a [Entity],
    /// Time expressions of the text, resolved against the document date.
    pub timexes: &'a [Timex],
    /// The document date as a TimeML value (`2025-11-21`), when known.
    pub date: Option<&'a str>,
    pub date_precision: DatePrecision,
}

/// An event with the char spans of the words that justify it.
#[derive(Debug, Clone, PartialEq)]
pub struct CodedEvent {
    pub event: Event,
    /// The source mention (or the first of a compound).
    pub source_span: Span,
    pub target_span: Span,
    /// The action words (the verb or noun and the pattern's words).
    pub action_span: Span,
    /// The event is the reverse of one the text states, implied by a reciprocal dictionary
    /// code (X visited Y → Y hosted X, 042 → 043); CAMEO codes both, PLOVER only the stated one.
    /// Mutual consultations (meetings 040, calls 041, talks 046) are stated for both sides.
    pub reciprocal: bool,
}

/// The event coder; build once, use for every document (it is `Sync`).
#[derive(Debug)]
pub struct EventCoder {
    lexicon: Lexicon,
    topics: Topics,
    /// Fills in actors the given mentions leave uncoded (see [`fill_uncoded`]).
    fallback: Option<FallbackActors>,
    /// Print the filled mentions and each clause with its verb hits on stderr (set from the
    /// `ATTACHE_TRACE_EVENTS` environment variable when the coder is built; for development).
    trace: bool,
}

impl Default for EventCoder {
    fn default() -> Self {
        Self::new()
    }
}

const LOC_PREPS: &[&str] = &[
    "in", "at", "near", "outside", "inside", "across", "from", "into", "around",
];
const GROUP_GLUE: &[&str] = &[",", "and", "&", "the", "as", "well"];
const BE: &[&str] = &[
    "was", "were", "been", "being", "is", "are", "be", "got", "get", "gets",
];
/// Nouns of a period of time: a name before one ("the Soviet era") is a date, not an actor.
const ERA_NOUNS: &[&str] = &[
    "era", "eras", "epoch", "period", "periods", "times", "days", "years", "heyday", "legacy",
];
const NEGATORS: &[&str] = &["not", "never", "no", "without", "neither", "nor", "cannot"];
const HYPOTHETICAL: &[&str] = &[
    "would", "could", "might", "may", "should", "if", "unless", "whether", "must",
];
const FUTURE: &[&str] = &["will", "shall", "'ll"];
const REFUSAL: &[&str] = &[
    "refused",
    "refuses",
    "refusing",
    "refuse",
    "declined",
    "declines",
    "declining",
    "failed",
    "fails",
    "failing",
];
/// Speech verbs that make a later "would" a reported intention.
const SPEECH: &[&str] = &[
    "said",
    "says",
    "say",
    "announced",
    "announces",
    "told",
    "stated",
    "declared",
    "warned",
    "confirmed",
    "added",
    "insisted",
    "vowed",
    "promised",
    "indicated",
    "signalled",
    "signaled",
];
const PLAN: &[&str] = &[
    "plan",
    "plans",
    "planned",
    "planning",
    "intend",
    "intends",
    "intended",
    "expected",
    "expect",
    "expects",
    "going",
    "set",
    "scheduled",
    "due",
    "aims",
    "aim",
    "hopes",
    "hope",
    "wants",
    "want",
    "seeks",
    "seek",
    "prepares",
    "preparing",
    "ready",
    "prepared",
    "willing",
    "promised",
    "pledged",
    "vowed",
    "readiness",
    "intention",
    "intent",
    "willingness",
    "determination",
];
const CLAUSE_WORDS: &[&str] = &[
    "while", "whereas", "but", "although", "though", "because", "after", "before", "when", "which",
    "who", "whom", "whose", "where", "if", "unless", "whereby", "since", "until",
];
/// Nouns that are verb forms in the CAMEO dictionary but name no action after a determiner.
const ABSTRACT_NOUNS: &[&str] = &[
    "need",
    "needs",
    "risk",
    "risks",
    "contrast",
    "hope",
    "hopes",
    "fear",
    "fears",
    "concern",
    "concerns",
    "interest",
    "interests",
    "question",
    "questions",
    "issue",
    "issues",
    "matter",
    "sense",
    "view",
    "views",
    "role",
    "position",
    "stance",
    "balance",
    "focus",
    "aim",
    "goal",
    "desire",
    "wish",
    "potential",
    "prospect",
    "prospects",
    "dynamics",
    "presence",
    "clear",
];

/// Participles that comment on the clause before them (or say what it was about).
const COMMENT_PARTICIPLES: &[&str] = &[
    "underscoring",
    "underlining",
    "highlighting",
    "reflecting",
    "signaling",
    "signalling",
    "showing",
    "demonstrating",
    "indicating",
    "illustrating",
    "marking",
    "confirming",
    "suggesting",
    "emphasizing",
    "emphasising",
    "making",
    "bringing",
    "raising",
    "covering",
    "focusing",
    "ranging",
    "spanning",
    "touching",
];

/// Prepositions that open a sentence with a phrase of its own, closed by a comma.
const INTRO_PREPS: &[&str] = &[
    "during",
    "at",
    "in",
    "on",
    "following",
    "amid",
    "despite",
    "under",
    "with",
    "upon",
];
const BACKGROUND: &[&str] = &[
    "already",
    "previously",
    "earlier",
    "formerly",
    "once",
    "long",
];

/// The intent (CAMEO 03x) code for a future or planned action of code `code`.
fn intent_code(code: &str) -> Option<String> {
    let root = code.get(..2)?;
    let sub = code.get(2..3);
    Some(
        match (root, sub) {
            ("03", _) => code,
            ("04", _) => "036",
            ("05", _) => "030",
            ("06", Some("1")) => "0311",
            ("06", Some("2")) => "0312",
            ("06", Some("3")) => "0313",
            ("06", Some("4")) => "0314",
            ("06", _) => "031",
            ("07", Some("1")) => "0331",
            ("07", Some("2")) => "0332",
            ("07", Some("3")) => "0333",
            ("07", Some("4")) => "0334",
            ("07", _) => "033",
            ("08", _) => "035",
            ("13", _) => code,
            ("12", _) => code,
            _ => return threat_code(code).map(str::to_string),
        }
        .to_string(),
    )
}

/// The threat (CAMEO 13x) of a future, planned or conditional negative action of code
/// `code`, as the CAMEO codebook pairs them: reducing relations, aid, sanctions, halting
/// talks or mediation, expelling peacekeepers (16x) → 131x/134/135/136; restrictions, bans,
/// curfews, martial law (172x) → 132x; repression (17x) → 137; protest (14x) → 133;
/// blockade, occupation and attacks (18x–20x) → 138x.
fn threat_code(code: &str) -> Option<&'static str> {
    Some(match code {
        "161" => "1313",
        "162" | "1621" | "1622" | "1623" => "1311",
        "163" => "1312",
        "164" => "134",
        "165" => "135",
        "166" | "1661" | "1662" | "1663" => "136",
        c if c.starts_with("16") => "131",
        "1721" => "1321",
        "1722" => "1322",
        "1723" => "1323",
        "1724" => "1324",
        c if c.starts_with("172") => "132",
        c if c.starts_with("17") => "137",
        c if c.starts_with("14") => "133",
        "191" => "1381",
        "192" => "1382",
        c if c.starts_with("18") => "1383",
        c if c.starts_with("20") => "1385",
        c if c.starts_with("19") => "138",
        _ => return None,
    })
}

/// The rejection (CAMEO 12x) of refusing to do an action of code `code`: refusing to meet or
/// negotiate → 125, to cooperate materially → 121, to give aid → 122, to yield (ease
/// restrictions, release, withdraw) → 124, anything else → 120.
fn refusal_code(code: &str) -> &'static str {
    match code.get(..2) {
        Some("04") => "125",
        Some("06") => "121",
        Some("07") => "122",
        Some("08") => "124",
        _ => "120",
    }
}

/// Precision of a TimeML value.
fn precision_of(v: &str) -> DatePrecision {
    let b = v.as_bytes();
    if b.len() < 4 || !b[..4].iter().all(u8::is_ascii_digit) {
        return DatePrecision::Unknown;
    }
    match v.len() {
        4 => DatePrecision::Year,
        7 if v[5..].chars().all(|c| c.is_ascii_digit()) => DatePrecision::Month,
        7 if matches!(&v[5..], "SP" | "SU" | "FA" | "WI") => DatePrecision::Season,
        7 if matches!(&v[5..], "Q1" | "Q2" | "Q3" | "Q4" | "H1" | "H2") => DatePrecision::Month,
        8 if v.as_bytes()[5] == b'W' => DatePrecision::Day,
        n if n >= 10 => DatePrecision::Day,
        _ => DatePrecision::Year,
    }
}

/// An actor mention placed on tokens.
#[derive(Debug, Clone, Copy)]
struct Slot {
    /// index into the mentions
    m: usize,
    t0: usize,
    t1: usize,
    /// after a place preposition: a place rather than an actor
    place: bool,
    /// a role word whose country only the sentence suggests (see [`domestic_agents`]): an
    /// actor of last resort
    weak: bool,
    kind: MentionType,
    /// named as a place ("the city of Basra"): where an agentless passive happened
    named_place: bool,
}

/// Consecutive actors joined by "and" or commas.
#[derive(Debug, Clone)]
struct Group {
    slots: Vec<usize>,
    t0: usize,
    t1: usize,
}

impl EventCoder {
    /// Builds the coder from the compiled-in dictionaries (a few milliseconds).
    pub fn new() -> Self {
        let mut lexicon = Lexicon::default();
        lexicon.add_dictionary(CAMEO_VERBS, 0);
        lexicon.add_dictionary(NEWS_VERBS, 1);
        lexicon.add_dictionary(SENSE_VERBS, 2);
        EventCoder {
            lexicon,
            topics: Topics::new(),
            fallback: Some(FallbackActors::new()),
            trace: trace_from_env(),
        }
    }

    /// A coder with other verb dictionaries in PETRARCH format (e.g. PETRARCH's validation
    /// dictionary), later ones winning over earlier ones.
    pub fn with_verb_dictionaries(dictionaries: &[&str]) -> Self {
        let mut lexicon = Lexicon::default();
        for (i, d) in dictionaries.iter().enumerate() {
            lexicon.add_dictionary(d, i as u32);
        }
        EventCoder {
            lexicon,
            topics: Topics::new(),
            fallback: None,
            trace: trace_from_env(),
        }
    }

    /// Sizes of the lexicon: (verb forms, patterns).
    pub fn lexicon_size(&self) -> (usize, usize) {
        (self.lexicon.form_count(), self.lexicon.pattern_count())
    }

    /// The events of one document.
    pub fn code(&self, input: &CoderInput) -> Vec<Event> {
        self.code_detailed(input)
            .into_iter()
            .map(|c| c.event)
            .collect()
    }

    /// The events of one document with the spans of their source, target and action.
    pub fn code_detailed(&self, input: &CoderInput) -> Vec<CodedEvent> {
        let text = input.text;
        let toks = tokenize(text);
        if toks.is_empty() {
            return Vec::new();
        }
        let own_sentences;
        let sentences = if input.sentences.is_empty() {
            own_sentences = split_sentences(text);
            &own_sentences[..]
        } else {
            input.sentences
        };
        let filled;
        let local;
        let mut weak: Vec<(usize, usize)> = Vec::new();
        let input = match &self.fallback {
            Some(f) => {
                let dict = f.mentions_from_tokens(text, &toks, sentences);
                let mut m = fill_uncoded(input.mentions, dict);
                // legacy country codes as current ISO codes (East Timor TMP → TLS)
                if let Some(r) =
                    fallback_actors::current_codes(m.as_deref().unwrap_or(input.mentions))
                {
                    m = Some(r);
                }
                // people a nearby demonym coded, whom the dictionary knows as another
                // country's (Obama, Reagan), and uncoded people it lists by their full name
                if let Some(r) = f.known_people(m.as_deref().unwrap_or(input.mentions)) {
                    m = Some(r);
                }
                // ethnic groups coded by the country they live in ("ethnic Albanians in Serbia")
                if let Some(r) = f.ethnic_residents_in(
                    text,
                    &toks,
                    sentences,
                    m.as_deref().unwrap_or(input.mentions),
                ) {
                    m = Some(r);
                }
                let agents = domestic_agents(
                    f,
                    text,
                    &toks,
                    sentences,
                    m.as_deref().unwrap_or(input.mentions),
                    &mut weak,
                );
                if let Some(a) = agents {
                    m = Some(a);
                }
                match m {
                    Some(m) => {
                        filled = m;
                        local = CoderInput {
                            mentions: &filled,
                            ..*input
                        };
                        &local
                    }
                    None => input,
                }
            }
            None => input,
        };
        let owned;
        let local2;
        let input = match self.pronoun_owners(&toks, sentences, input.mentions) {
            Some(m) => {
                owned = m;
                local2 = CoderInput {
                    mentions: &owned,
                    ..*input
                };
                &local2
            }
            None => input,
        };
        if self.trace {
            for m in input.mentions {
                eprintln!(
                    "  filled {:?} {:?} {:?} {:?} weak={}",
                    m.text,
                    m.kind,
                    m.actor_code,
                    m.country,
                    weak.contains(&(m.start, m.end))
                );
            }
        }
        let tok_at = |c: usize| toks.partition_point(|t| t.end <= c);
        // actor slots
        let mut slots: Vec<Slot> = Vec::new();
        for (mi, m) in input.mentions.iter().enumerate() {
            if m.kind == MentionType::Date || (m.actor_code.is_none() && m.country.is_none()) {
                continue;
            }
            let t0 = tok_at(m.start);
            let mut t1 = t0;
            while t1 < toks.len() && toks[t1].start < m.end {
                t1 += 1;
            }
            if t1 == t0 {
                continue;
            }
            // a name modifying a period ("the Soviet era", "Ottoman times") dates the clause;
            // it names no actor of it
            if t1 < toks.len() && ERA_NOUNS.contains(&toks[t1].lower.as_str()) {
                continue;
            }
            // "Russian-Omani ties", "U.S.-Soviet talks": one side of a hyphenated pair names a
            // relation (a topic), not an actor of the clause
            if t1 == t0 + 1
                && m.end - m.start < toks[t0].end - toks[t0].start
                && text[toks[t0].bstart..toks[t0].bend]
                    .split('-')
                    .filter(|p| p.chars().next().is_some_and(char::is_uppercase))
                    .count()
                    >= 2
            {
                continue;
            }
            if is_currency(&toks, t1) {
                continue;
            }
            // "the Russian language", "on the Thai border": a demonym naming a language or a
            // frontier is no actor
            if matches!(m.kind, MentionType::Nationality | MentionType::Country)
                && toks.get(t1).is_some_and(|t| {
                    matches!(
                        t.lower.as_str(),
                        "language" | "languages" | "border" | "borders" | "frontier"
                    )
                })
            {
                continue;
            }
            // (after a place preposition, "the" between: "in the West Bank")
            // (… or a direction: "in south Lebanon", "in the north of")
            let mut prep = t0.wrapping_sub(1);
            while prep < t0
                && prep > 0
                && t0 - prep <= 2
                && matches!(
                    toks[prep].lower.as_str(),
                    "the"
                        | "south"
                        | "southern"
                        | "north"
                        | "northern"
                        | "east"
                        | "eastern"
                        | "west"
                        | "western"
                        | "central"
                )
            {
                prep -= 1;
            }
            let place = t0 > 0
                && LOC_PREPS.contains(&toks[prep].lower.as_str())
                && matches!(
                    m.kind,
                    MentionType::City | MentionType::Country | MentionType::Location
                );
            // named as a place ("the Iraqi city of Basra", "the town of Samarra")
            let named_place = t0 > 1
                && toks[t0 - 1].lower == "of"
                && matches!(
                    toks[t0 - 2].lower.as_str(),
                    "city"
                        | "town"
                        | "village"
                        | "province"
                        | "region"
                        | "district"
                        | "capital"
                        | "port"
                        | "enclave"
                )
                && matches!(m.kind, MentionType::City | MentionType::Location);
            slots.push(Slot {
                m: mi,
                t0,
                t1,
                place,
                weak: weak.contains(&(m.start, m.end)),
                kind: m.kind,
                named_place,
            });
        }
        slots.sort_by_key(|s| s.t0);
        let mut in_mention = vec![false; toks.len()];
        for s in &slots {
            in_mention[s.t0..s.t1].iter_mut().for_each(|x| *x = true);
        }
        for t in input.timexes {
            let t0 = tok_at(t.start);
            let mut t1 = t0;
            while t1 < toks.len() && toks[t1].start < t.end {
                t1 += 1;
            }
            in_mention[t0..t1].iter_mut().for_each(|x| *x = true);
        }
        let mut out: Vec<CodedEvent> = Vec::new();
        let mut index: HashMap<String, usize> = HashMap::new();
        let mut si = 0; // first slot of the sentence
        let mut ti = 0;
        for sent in sentences {
            let (s0, s1) = text::sentence_tokens(&toks, sent, &mut ti);
            if s1 - s0 < 3 {
                continue;
            }
            while si < slots.len() && slots[si].t0 < s0 {
                si += 1;
            }
            let mut sj = si;
            while sj < slots.len() && slots[sj].t0 < s1 {
                sj += 1;
            }
            let sent_slots = &slots[si..sj];
            if sent_slots.is_empty() && find_two_sides(&toks, s0, s1).is_none() {
                continue;
            }
            let prior: Vec<usize> = slots[..si].iter().rev().take(24).map(|s| s.m).collect();
            self.code_sentence(
                input,
                &toks,
                &in_mention,
                sent,
                s0,
                s1,
                sent_slots,
                &prior,
                &mut out,
                &mut index,
            );
            // bounded: at most 64 events per sentence
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn code_sentence(
        &self,
        input: &CoderInput,
        toks: &[Tok],
        in_mention: &[bool],
        sent: &Span,
        s0: usize,
        s1: usize,
        slots: &[Slot],
        prior: &[usize],
        out: &mut Vec<CodedEvent>,
        index: &mut HashMap<String, usize>,
    ) {
        // clauses
        let mut bounds = vec![s0];
        // a clause opened by a subordinator ("If Iran attacks Israel, ...") ends at its comma
        // … and so does an opening phrase ("During his visit to Türkiye, Lavrov held talks
        // with Erdogan", "In Cairo, the delegation …"): its action noun is coded on its own
        let mut sub_open = CLAUSE_WORDS.contains(&toks[s0].lower.as_str())
            || INTRO_PREPS.contains(&toks[s0].lower.as_str());
        for i in s0 + 1..s1 {
            let w = toks[i].lower.as_str();
            if CLAUSE_WORDS.contains(&w) {
                sub_open = true;
            }
            let cut = matches!(w, ";" | ":" | "—" | "(" | ")")
                || (w == "," && std::mem::take(&mut sub_open))
                || (CLAUSE_WORDS.contains(&w) && !(i > s0 && toks[i - 1].lower == "and"))
                // ", as authorities in Croatia cracked down": "as" after a comma subordinates
                || (w == "as" && toks[i - 1].lower == ",")
                // "reimposed blockades in the West Bank following the shooting of two
                // Israelis": what follows "following" is background, like "after"
                || (w == "following" && !matches!(toks[i - 1].lower.as_str(), "the" | "a"))
                // "an area that remained …": a relative "that" after a determiner and its noun
                || (w == "that"
                    && i >= s0 + 2
                    && matches!(toks[i - 2].lower.as_str(), "a" | "an" | "the" | "this")
                    && toks[i - 1].is_word)
                // ", killing one person", ", expected to be joined later by …": a participle
                // after a comma opens a clause of its own — once the sentence has had its verb
                // (", demanded" after "Kenzo Oshima, the UN relief coordinator" is the verb)
                || (w == ","
                    && i >= s0 + 3
                    && (*bounds.last().unwrap_or(&s0)..i).any(|k| {
                        !in_mention[k]
                            && toks[k].is_word
                            && (BE.contains(&toks[k].lower.as_str())
                                || matches!(toks[k].lower.as_str(), "has" | "have" | "had" | "will")
                                || self.lexicon.verb_at(toks, k, s0, i, in_mention).is_some())
                    })
                    && toks.get(i + 1).is_some_and(|n| {
                        n.is_word
                            && !n.cap
                            && n.lower.len() > 4
                            && (n.lower.ends_with("ing") || n.lower.ends_with("ed"))
                            && !matches!(n.lower.as_str(), "including" | "according" | "during" | "following" | "regarding" | "concerning" | "excluding" | "notwithstanding")
                    }))
                || (w == "and"
                    && toks[i - 1].lower == ","
                    && !slots
                        .iter()
                        .any(|s| s.t0 == i + 1 || (s.t0 == i + 2 && toks[i + 1].lower == "the")));
            if cut && i > *bounds.last().unwrap_or(&s0) {
                bounds.push(i);
            }
        }
        // a closing attribution (", the White House announced Tuesday", ", according to
        // Reuters") names the source of the report, not a party to its event: its own clause,
        // left uncoded
        let attribution = attribution_start(toks, s0, s1);
        if let Some(a) = attribution {
            bounds.retain(|&b| b < a);
            bounds.push(a);
        }
        bounds.push(s1);
        let sentence_lower: Vec<&str> = toks[s0..s1].iter().map(|t| t.lower.as_str()).collect();
        let mut topics: Option<Vec<String>> = None;
        let first_group = groups(toks, slots, s0, s1)
            .into_iter()
            .find(|g| !g.slots.iter().all(|&k| slots[k].place));
        let mut appositions: Vec<(usize, usize)> = slots
            .iter()
            .filter_map(|sl| description(toks, sl.t1, s1))
            .collect();
        // a closing description (", an issue likely to dominate East-West relations this
        // year"): a noun phrase after the last comma, "a/an" and no other comma to the end
        if let Some(k) = (s0 + 3..s1).rev().find(|&k| toks[k].lower == ",")
            && toks
                .get(k + 1)
                .is_some_and(|t| matches!(t.lower.as_str(), "a" | "an"))
            && attribution_start(toks, s0, s1) != Some(k)
        {
            appositions.push((k, s1));
        }
        // an opening phrase with no actor ("Under the disengagement plan, Israel will …", "In
        // an interview this weekend, …") names no action of the sentence's actors
        if matches!(
            toks[s0].lower.as_str(),
            "under" | "in" | "on" | "at" | "during" | "amid" | "despite" | "with" | "for"
        ) && let Some(comma) = (s0 + 1..s1.min(s0 + 12)).find(|&k| toks[k].lower == ",")
            && !slots.iter().any(|sl| sl.t0 < comma)
        {
            appositions.push((s0.saturating_sub(1), comma));
        }
        let mut made = 0;
        for w in bounds.windows(2) {
            let (c0, c1) = (w[0], w[1]);
            if made >= 64 || attribution == Some(c0) {
                break;
            }
            // ", underscoring Russia's intention …", ", reflecting …": a participle that
            // comments on the clause before has that clause, not an actor, for subject
            if toks[c0].lower == ","
                && c0 + 1 < c1
                && COMMENT_PARTICIPLES.contains(&toks[c0 + 1].lower.as_str())
            {
                continue;
            }
            // verbs of the clause, non-statement codes first, each in text order
            let mut hits: Vec<VerbHit> = Vec::new();
            let mut i = c0;
            while i < c1 && hits.len() < 8 {
                // a verb inside an actor mention or a date is a name ("March"); one inside an
                // apposition describes its actor ("Pakistan, a key ally in the war against
                // terrorism, has refused …")
                if !toks[i].is_word
                    || in_mention[i]
                    || appositions.iter().any(|&(a, b)| a < i && i < b)
                {
                    i += 1;
                    continue;
                }
                match self.lexicon.verb_at(toks, i, c0, c1, in_mention) {
                    Some(hit) if self.modifier_or_purpose(toks, &hit, c0, c1, in_mention) => i += 1,
                    // "Washington along with its allies demanded …": a bare noun after "its/
                    // their/our" names something of the actor's, not an action (possessed
                    // action nouns, "his visit", are coded through their owner)
                    Some(hit)
                        if i > c0
                            && !hit.by_pattern
                            && hit.end == i + 1
                            && matches!(toks[i - 1].lower.as_str(), "its" | "their" | "our") =>
                    {
                        i += 1
                    }
                    Some(hit) => {
                        i = hit.end.max(i + 1);
                        if !hit.code.is_none() {
                            hits.push(hit);
                        }
                    }
                    None => i += 1,
                }
            }
            let statement = |h: &VerbHit| {
                h.code
                    .fwd
                    .as_deref()
                    .or(h.code.back.as_deref())
                    .is_some_and(|c| c.starts_with("01"))
            };
            // a statement verb's pattern that reaches over another action verb ("said … it had
            // halted economic aid": SAY's "* AID" pattern) yields to that verb, which governs
            // the object
            let said_block = |h: &VerbHit| {
                self.lexicon.blocks[h.block]
                    .default
                    .fwd
                    .as_deref()
                    .is_some_and(|c| c.starts_with("01"))
            };
            let starts: Vec<usize> = hits
                .iter()
                .filter(|h| !statement(h) && !said_block(h))
                .map(|h| h.start)
                .collect();
            hits.retain(|h| !(said_block(h) && starts.iter().any(|&b| b >= h.end && b < h.reach)));
            hits.sort_by_key(|h| (statement(h), h.start));
            if self.trace {
                eprintln!(
                    "  clause {}..{} {:?} hits {:?}",
                    c0,
                    c1,
                    toks[c0..c1]
                        .iter()
                        .map(|t| t.lower.as_str())
                        .collect::<Vec<_>>(),
                    hits.iter().map(|h| (h.start, &h.code)).collect::<Vec<_>>()
                );
            }
            // an opening phrase ("With both Russia and Iran under Western sanctions, …")
            // states no action of its own but through a possessor ("At his talks with …",
            // "Following Israel's strikes on …")
            let intro = c0 == s0
                && INTRO_PREPS.contains(&toks[s0].lower.as_str())
                && c1 < s1
                && toks[c1].lower == ",";
            // nominal actions with their own possessor ("Israel's strikes on Doha")
            let mut i = c0 + 1;
            while i < c1 {
                let pronoun = matches!(toks[i - 1].lower.as_str(), "his" | "her");
                if (toks[i - 1].lower == "'s" || pronoun)
                    && (intro || hits.first().is_none_or(|c| c.start != i))
                    && let Some(owner) = slots
                        .iter()
                        .find(|s| s.t0 >= c0 && if pronoun { s.t1 == i } else { s.t1 + 1 == i })
                    && let Some(hit) = self.lexicon.verb_at(toks, i, c0, c1, in_mention)
                    && !hit.code.is_none()
                    && !self.modifier_or_purpose(toks, &hit, c0, c1, in_mention)
                {
                    made += self.code_clause(
                        input,
                        toks,
                        sent,
                        s0,
                        owner.t0,
                        c1,
                        slots,
                        prior,
                        None,
                        &hit,
                        &sentence_lower,
                        &mut topics,
                        out,
                        index,
                    );
                }
                i += 1;
            }
            // "X said (that) Y must …": a demand of X on Y (CAMEO 100)
            if let Some(n) = self.code_reported_demand(
                input,
                toks,
                sent,
                s0,
                c0,
                c1,
                slots,
                prior,
                first_group.as_ref(),
                &hits,
                &sentence_lower,
                &mut topics,
                out,
                index,
            ) {
                made += n;
                continue;
            }
            for hit in hits.iter().filter(|_| !intro) {
                // a reflexive object ("when they blew themselves up in the second-worst
                // attack"): the clause's act has no other party, and none of its nouns is
                // another act
                if (hit.end..(hit.reach.max(hit.end) + 1).min(c1)).any(|k| {
                    matches!(
                        toks[k].lower.as_str(),
                        "themselves" | "itself" | "himself" | "herself"
                    )
                }) {
                    break;
                }
                let n = self.code_clause(
                    input,
                    toks,
                    sent,
                    s0,
                    c0,
                    c1,
                    slots,
                    prior,
                    first_group.as_ref(),
                    hit,
                    &sentence_lower,
                    &mut topics,
                    out,
                    index,
                );
                if n > 0 {
                    made += n;
                    break;
                }
            }
        }
    }

    /// Whether a lexicon hit is not the action: a noun modifying a following action noun
    /// after a determiner or possessor ("the Sultan's state visit": "state" is not the verb
    /// "to state"), or "aimed at/to" stating a purpose ("aimed at building on the agreements").
    fn modifier_or_purpose(
        &self,
        toks: &[Tok],
        hit: &VerbHit,
        c0: usize,
        c1: usize,
        blocked: &[bool],
    ) -> bool {
        let i = hit.start;
        let w = toks[i].lower.as_str();
        // "is prepared to impose", "plans to", "ready to": modality of the next verb, not an
        // action of its own
        if PLAN.contains(&w) && toks.get(i + 1).is_some_and(|n| n.lower == "to") && hit.end == i + 1
        {
            return true;
        }
        if w.starts_with("aim")
            && toks
                .get(hit.start + 1)
                .is_some_and(|n| n.lower == "at" || n.lower == "to")
        {
            return true;
        }
        // "dating back to", "goes back to": a phrasal verb of time, not "to back" (support)
        if w == "back"
            && i > c0
            && matches!(
                toks[i - 1].lower.as_str(),
                "date"
                    | "dates"
                    | "dated"
                    | "dating"
                    | "go"
                    | "goes"
                    | "going"
                    | "went"
                    | "gone"
                    | "trace"
                    | "traces"
                    | "traced"
                    | "tracing"
                    | "harks"
                    | "harking"
            )
        {
            return true;
        }
        let det = i > c0
            && matches!(
                toks[i - 1].lower.as_str(),
                "the" | "a" | "an" | "'s" | "his" | "her" | "its" | "their" | "this" | "that"
            );
        // "the Ukraine conflict", "the conflict in Gaza", "regional conflicts": a conflict named
        // as a topic or a background, not an act of force with a date of its own
        // (unless its sides follow: "the conflict between Russia and Ukraine", "war on Gaza")
        if matches!(w, "conflict" | "conflicts" | "war" | "wars")
            && hit.end == i + 1
            && !toks.get(i + 1).is_some_and(|n| {
                matches!(
                    n.lower.as_str(),
                    "between" | "among" | "with" | "against" | "on"
                )
            })
        {
            return true;
        }
        // "stressed the need to …", "the risks of escalation", "by contrast": an abstract noun
        // after a determiner (or in an idiom) names no action
        if (det || (i > c0 && toks[i - 1].lower == "by" && w == "contrast"))
            && hit.end == i + 1
            && ABSTRACT_NOUNS.contains(&w)
        {
            return true;
        }
        // "the head of the Royal Office": a role noun naming an office holder, not "to head"
        if det
            && matches!(w, "head" | "chief" | "leader" | "director")
            && toks.get(i + 1).is_some_and(|n| n.lower == "of")
        {
            return true;
        }
        // "the defeated Fatah Party", "a proposed deal", and at the opening of a clause
        // "Ousted president Aristide has been accused …" (a clause does not open with its
        // verb): a participle before its noun is an adjective
        if (det || i == c0)
            && hit.end == i + 1
            && w.ends_with("ed")
            && toks.get(i + 1).is_some_and(|n| {
                n.is_word
                    && !matches!(
                        n.lower.as_str(),
                        "of" | "by"
                            | "to"
                            | "with"
                            | "on"
                            | "in"
                            | "at"
                            | "for"
                            | "between"
                            | "among"
                            | "against"
                            | "from"
                            | "that"
                            | "the"
                            | "a"
                            | "an"
                    )
            })
        {
            return true;
        }
        det && hit.end < c1
            && hit.reach > hit.end
            && self
                .lexicon
                .verb_at(toks, hit.end, c0, c1, blocked)
                .is_some_and(|h| !h.code.is_none())
    }

    /// "his visit to Egypt", "At his talks with the minister, Shoigu stressed…": a possessive
    /// "his"/"her" right before an action noun becomes a mention of the person it stands for —
    /// the person named right after the comma that closes an introductory phrase
    /// ("At his talks with X, Shoigu …"), else the last person named before it within three
    /// sentences. None when no pronoun is resolved.
    fn pronoun_owners(
        &self,
        toks: &[Tok],
        sentences: &[Span],
        mentions: &[Mention],
    ) -> Option<Vec<Mention>> {
        let persons: Vec<&Mention> = mentions
            .iter()
            .filter(|m| m.kind == MentionType::Person && m.country.is_some())
            .collect();
        if persons.is_empty() {
            return None;
        }
        let mut added: Vec<Mention> = Vec::new();
        let mut sk = 0;
        for (i, t) in toks.iter().enumerate() {
            if !matches!(t.lower.as_str(), "his" | "her") || i + 1 >= toks.len() {
                continue;
            }
            while sk + 1 < sentences.len() && sentences[sk].end <= t.start {
                sk += 1;
            }
            let Some(sent) = sentences.get(sk) else { break };
            if t.start < sent.start {
                continue;
            }
            let s1 = toks.partition_point(|x| x.start < sent.end);
            let s0 = toks.partition_point(|x| x.start < sent.start);
            let Some(hit) = self.lexicon.verb_at(toks, i + 1, s0, s1, &[]) else {
                continue;
            };
            if hit.code.is_none() {
                continue;
            }
            // cataphora: an introductory phrase ("At his meeting with X, Shoigu …")
            let intro = i > s0
                && matches!(
                    toks[s0].lower.as_str(),
                    "at" | "during" | "in" | "on" | "after" | "following" | "before"
                )
                && !(s0..i).any(|k| toks[k].lower == ",");
            let after_comma = intro
                .then(|| (i..s1).find(|&k| toks[k].lower == ","))
                .flatten()
                .and_then(|c| {
                    let next = toks.get(c + 1)?;
                    persons.iter().find(|m| m.start == next.start)
                });
            let window_start = sentences[sk.saturating_sub(3)].start;
            let before = persons
                .iter()
                .rev()
                .find(|m| m.end <= t.start && m.start >= window_start);
            let Some(p) = after_comma.or(before) else {
                continue;
            };
            added.push(Mention {
                start: t.start,
                end: t.end,
                text: t.lower.clone(),
                kind: MentionType::Person,
                entity: p.entity.clone(),
                country: p.country.clone(),
                actor_code: p.actor_code.clone(),
            });
        }
        if added.is_empty() {
            return None;
        }
        let mut out = mentions.to_vec();
        out.extend(added);
        out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
        Some(out)
    }

    /// "The administration declared that China must drop barriers": a statement verb followed
    /// by an actor and "must" is a demand (CAMEO 100) of the speaker on that actor. Returns the
    /// number of events made when the clause has that shape.
    #[allow(clippy::too_many_arguments)]
    fn code_reported_demand(
        &self,
        input: &CoderInput,
        toks: &[Tok],
        sent: &Span,
        s0: usize,
        c0: usize,
        c1: usize,
        slots: &[Slot],
        prior: &[usize],
        first_group: Option<&Group>,
        hits: &[VerbHit],
        sentence_lower: &[&str],
        topics: &mut Option<Vec<String>>,
        out: &mut Vec<CodedEvent>,
        index: &mut HashMap<String, usize>,
    ) -> Option<usize> {
        let said = hits
            .iter()
            .find(|h| h.code.fwd.as_deref().is_some_and(|c| c.starts_with("01")))?;
        let must = (said.end..c1).find(|&k| toks[k].lower == "must")?;
        // the addressee: an actor group (not a place) right before "must", after the verb
        // (a place phrase may stand between: "the government and the rebels in Darfur must")
        let gs = groups(toks, slots, said.end, must);
        let addressee = gs.iter().any(|g| {
            !g.slots.iter().all(|&k| slots[k].place)
                && (g.t1..must).all(|k| {
                    matches!(toks[k].lower.as_str(), "in" | "at" | "the" | "of")
                        || gs.iter().any(|p| {
                            p.t0 <= k && k < p.t1 && p.slots.iter().all(|&q| slots[q].place)
                        })
                })
        });
        if !addressee {
            return None;
        }
        let mut hit = said.clone();
        hit.code = lexicon::Code {
            fwd: Some("100".into()),
            back: None,
        };
        let n = self.code_clause(
            input,
            toks,
            sent,
            s0,
            c0,
            must,
            slots,
            prior,
            first_group,
            &hit,
            sentence_lower,
            topics,
            out,
            index,
        );
        (n > 0).then_some(n)
    }

    #[allow(clippy::too_many_arguments)]
    fn code_clause(
        &self,
        input: &CoderInput,
        toks: &[Tok],
        sent: &Span,
        s0: usize,
        c0: usize,
        c1: usize,
        slots: &[Slot],
        prior: &[usize],
        first_group: Option<&Group>,
        hit: &VerbHit,
        sentence_lower: &[&str],
        topics: &mut Option<Vec<String>>,
        out: &mut Vec<CodedEvent>,
        index: &mut HashMap<String, usize>,
    ) -> usize {
        let v0 = hit.start;
        let lw = |i: usize| toks[i].lower.as_str();
        // a condition ("unless President Oueddei arranged a ceasefire …") states no event
        if matches!(lw(c0), "if" | "unless" | "whether") {
            return 0;
        }
        // modality, looking back from the verb within the clause
        let back_from = c0.max(v0.saturating_sub(6));
        let mut future = false;
        let mut conditional = false;
        let mut refusal = false;
        // reported speech before the verb: "said it would boycott" is a stated intention
        let reported = (s0..v0).any(|k| SPEECH.contains(&lw(k)));
        // a conditional is a threat only when someone states it
        let stated = reported || sentence_lower.iter().any(|w| SPEECH.contains(w));
        for k in back_from..v0 {
            let w = lw(k);
            // "refused to commit to any direct assistance": the refused action within a few
            // words of "refused to"
            if REFUSAL.contains(&w)
                && k + 2 <= v0
                && v0 <= k + 6
                && lw(k + 1) == "to"
                && !(k + 2..v0).any(|j| matches!(lw(j), "," | "and" | "but"))
            {
                // "refused to lift the curfew", "failed to reach agreement": CAMEO 12 REJECT
                refusal = true;
                continue;
            }
            if NEGATORS.contains(&w) || w.ends_with("n't") {
                // a stated future non-action is a refusal ("Syria says it will not accept
                // more refugees", "said it would not meet the demands"); a negated past or
                // present is no event
                let prev = (k > c0).then(|| lw(k - 1));
                let will_not = w == "not"
                    && (prev.is_some_and(|p| FUTURE.contains(&p))
                        || (prev == Some("would") && reported));
                let wont = w == "won't" || (w == "wouldn't" && reported);
                if (will_not || wont) && k + 3 >= v0 {
                    refusal = true;
                    continue;
                }
                return 0;
            }
            if HYPOTHETICAL.contains(&w) {
                if matches!(w, "would" | "could" | "may" | "might") {
                    // a modal: reported intention ("said they would boycott") or a conditional
                    // that only a threat (a negative action) survives as
                    if w == "would" && reported {
                        future = true;
                    } else {
                        conditional = true;
                    }
                    continue;
                }
                return 0;
            }
            if FUTURE.contains(&w)
                || (PLAN.contains(&w) && k + 1 < v0 && lw(k + 1) == "to")
                || (w == "interest" && k + 1 < v0 && lw(k + 1) == "in")
                || (w == "to" && k + 1 == v0 && k > c0 && matches!(lw(k - 1), "is" | "are"))
            {
                future = true;
            }
        }
        // "no agreement was reached": a negator right after the verb's determiner slot
        if v0 > c0 && lw(v0 - 1) == "no" {
            return 0;
        }
        let passive = v0 > c0
            && (BE.contains(&lw(v0 - 1))
                || (v0 > c0 + 1 && BE.contains(&lw(v0 - 2)) && lw(v0 - 1).ends_with("ly")))
            && (lw(v0).ends_with("ed") || lw(v0).ends_with("en") || !lw(v0).ends_with("ing"))
            // "Israel is opposed to French mediation", "is committed to": a stance of the
            // subject, not a passive
            && !(matches!(
                lw(v0),
                "opposed" | "committed" | "determined" | "dedicated" | "devoted" | "resolved"
            ) && toks.get(hit.end).is_some_and(|t| t.lower == "to"));
        let gs = groups(toks, slots, c0, c1);
        let actor_groups: Vec<&Group> = gs.iter().filter(|g| !slots[g.slots[0]].place).collect();
        let is_weak = |g: &Group| g.slots.iter().all(|&k| slots[k].weak);
        // a place named as one ("the West Bank city of Hebron") is where the subject is, not
        // the subject, when an actor comes before it
        let named_place = |g: &Group| g.slots.iter().all(|&k| slots[k].named_place);
        let before: Option<&Group> = actor_groups
            .iter()
            .rev()
            .find(|g| {
                g.t1 <= v0
                    && !is_weak(g)
                    && !(named_place(g) && actor_groups.iter().any(|h| h.t1 <= g.t0 && h.t0 >= c0))
            })
            .or_else(|| actor_groups.iter().rev().find(|g| g.t1 <= v0))
            .copied();
        // "The Turkish and Greek sides of the divided island of Cyprus have agreed": an actor
        // in an of-phrase of the subject describes its head; the head's actors are the source
        let before = match before {
            Some(b) if b.t0 > c0 + 1 => {
                let head = (b.t0.saturating_sub(8).max(c0)..b.t0)
                    .rev()
                    .filter(|&k| lw(k) == "of")
                    .find_map(|of| {
                        actor_groups.iter().copied().find(|h| {
                            h.t1 < of
                                && h.t0 <= c0 + 1
                                && of - h.t1 <= 2
                                && (h.t1..of).all(|k| toks[k].is_word && !toks[k].cap)
                                && !(of + 1..b.t0)
                                    .any(|k| matches!(lw(k), "," | "and" | "who" | "which"))
                        })
                    });
                head.or(Some(b))
            }
            b => b,
        };
        // an apposition between the subject and its verb ("Pakistan, a key U.S. ally in the
        // war against terrorism, has refused …") describes the subject: the actor before it is
        // the source — unless that is a person whom the apposition gives an office ("Kenzo
        // Oshima, the United Nations relief coordinator, demanded …")
        // "has sent 21 personnel to Bosnia to investigate …": an infinitive of purpose after a
        // destination has the clause's subject, not the destination
        let before = match before {
            Some(b)
                if v0 > c0 + 1
                    && lw(v0 - 1) == "to"
                    && b.t0 > c0 + 1
                    && (lw(b.t0 - 1) == "to"
                        || (lw(b.t0 - 1) == "the" && lw(b.t0 - 2) == "to")) =>
            {
                actor_groups
                    .iter()
                    .find(|g| g.t1 < b.t0 && !is_weak(g))
                    .copied()
                    .or(Some(b))
            }
            b => b,
        };
        let before = match (before, apposition(toks, c0, v0)) {
            (Some(b), Some((open, close))) if b.t0 > open && b.t1 <= close => {
                let head = actor_groups.iter().rev().find(|g| g.t1 == open).copied();
                match head {
                    Some(h)
                        if h.slots.len() == 1
                            && slots[h.slots[0]].kind == MentionType::Person
                            && b.slots.len() == 1
                            && slots[b.slots[0]].kind == MentionType::Org
                            && (b.t0 == open + 1
                                || (b.t0 == open + 2
                                    && matches!(lw(open + 1), "the" | "a" | "an"))) =>
                    {
                        Some(b)
                    }
                    Some(h) => Some(h),
                    None => Some(b),
                }
            }
            (b, _) => b,
        };
        // a statement is addressed to or made about an actor: not about a place that is no
        // government ("noted that construction of the El Dabaa plant …"), nor about the one
        // it comes from ("delivered a message from the President")
        let statement = hit
            .code
            .fwd
            .as_deref()
            .or(hit.code.back.as_deref())
            .is_some_and(|c| c.starts_with("01"));
        // "the situation in and around Gaza", "developments in Lebanon": a place as a topic
        let topic_place = |g: &Group| {
            (g.t0.saturating_sub(5).max(c0)..g.t0)
                .any(|k| matches!(lw(k), "situation" | "developments" | "dynamics"))
                && g.t0 > c0
                && matches!(lw(g.t0 - 1), "in" | "around" | "the")
        };
        let not_addressee = |g: &Group| {
            topic_place(g)
                || statement
                    && ((g.t0 > c0 && matches!(lw(g.t0 - 1), "from" | "behalf"))
                        || g.slots.iter().all(|&k| {
                            let m = &input.mentions[slots[k].m];
                            m.actor_code.is_none()
                                && matches!(m.kind, MentionType::City | MentionType::Location)
                        }))
        };
        // an action's object stops at a relative "that" ("expanding its presence in an area
        // that remained constrained by its agreements with the US"): what follows is another
        // clause's
        let relative = (!statement)
            .then(|| {
                (hit.reach.max(hit.end)..c1).find(|&k| {
                    // "an area that …": a determiner and its noun right before
                    lw(k) == "that"
                        && k >= 2
                        && k - 2 >= hit.end
                        && matches!(lw(k - 2), "a" | "an" | "the" | "this")
                        && toks[k - 1].is_word
                })
            })
            .flatten()
            .unwrap_or(c1);
        let after: Vec<&Group> = actor_groups
            .iter()
            .filter(|g| g.t0 >= hit.end && g.t0 < relative && !is_weak(g) && !not_addressee(g))
            .copied()
            .collect();
        let weak_after: Option<&Group> = actor_groups
            .iter()
            .find(|g| g.t0 >= hit.end && is_weak(g))
            .copied();
        let two_sides = find_two_sides(toks, c0, c1);
        // "the two sides/nations": the actors named last before it, in this sentence first
        // (a pair named together comes first: "With both Russia and Iran under Western
        // sanctions, the two nations …")
        let here_then_prior: Vec<usize> = if let Some((ts0, _)) = two_sides {
            let pair = groups(toks, slots, s0, ts0)
                .into_iter()
                .rev()
                .find(|g| g.slots.len() == 2)
                .map(|g| g.slots.iter().map(|&k| slots[k].m).collect::<Vec<_>>())
                .unwrap_or_default();
            pair.into_iter()
                .chain(
                    slots
                        .iter()
                        .rev()
                        .filter(|sl| sl.t1 <= ts0 && !sl.place)
                        .map(|sl| sl.m),
                )
                .chain(prior.iter().copied())
                .collect()
        } else {
            Vec::new()
        };
        let mut sources: Vec<usize>; // mention indices
        let mut targets: Vec<usize>;
        let mut src_span_t: (usize, usize);
        let mut tgt_span_t: (usize, usize);
        let mut reciprocal_all = false;
        let mut inferred_source = false;
        let ms = |g: &Group| g.slots.iter().map(|&k| slots[k].m).collect::<Vec<usize>>();
        if passive {
            // target before, source after "by"
            let Some(t) = before else { return 0 };
            // "by X", "by the X", "by current Haitian officials": "by" and at most two
            // lowercase words before the agent
            let by = after.iter().find(|g| {
                (g.t0.saturating_sub(3)..g.t0).any(|k| {
                    lw(k) == "by" && (k + 1..g.t0).all(|j| toks[j].is_word && !toks[j].cap)
                })
            });
            // with no agent, the authority of the place it was done in ("a US national has
            // been put under investigation in Italy", "was arrested in Lebanon"), as CAMEO
            // coders read it
            let place = || {
                gs.iter().find(|g| {
                    g.t0 >= hit.end
                        && g.slots.iter().all(|&k| {
                            (slots[k].place || slots[k].named_place)
                                && input.mentions[slots[k].m].country.is_some()
                        })
                })
            };
            let Some(s) = by.copied().or_else(|| {
                inferred_source = true;
                place()
            }) else {
                return 0;
            };
            sources = ms(s);
            targets = ms(t);
            src_span_t = (s.t0, s.t1);
            tgt_span_t = (t.t0, t.t1);
        } else {
            let src_group = match before {
                Some(g) => Some(g.clone()),
                // a relative clause's subject is its antecedent, the nearest actor before it
                None if c0 > s0 && matches!(lw(c0), "who" | "which" | "that") => {
                    // … named right before it ("the United States, which has …"): "an area
                    // that remained constrained by …" has no actor for antecedent
                    groups(toks, slots, s0, c0)
                        .into_iter()
                        .rev()
                        .find(|g| !g.slots.iter().all(|&k| slots[k].place))
                        .filter(|g| g.t1 + 3 >= c0)
                }
                // ", expected to be joined later by …": a past participle after a comma
                // describes what precedes it; its subject is not the sentence's
                None if lw(c0) == "," && c0 + 1 < c1 && lw(c0 + 1).ends_with("ed") => None,
                // "… following the killing of an Israeli man": a background phrase's action
                // has its own, unnamed agent
                None if matches!(lw(c0), "after" | "following" | "before" | "since" | "until") => {
                    None
                }
                // "the two nations are working to …": the two sides are the subject
                None if two_sides.is_some_and(|(t0, t1)| t0 >= c0 && t1 <= v0) => None,
                None => first_group.filter(|g| g.t1 <= c0).cloned(),
            };
            let between =
                (hit.end..c1).find(|&k| matches!(lw(k), "between" | "among" | "involving"));
            // … unless an actor between the action and "between" is its object ("rejected a
            // US offer to host a summit … between the Israelis and the Palestinians")
            if let Some(b) = between
                && let Some(g) = after.iter().find(|g| g.t0 > b && g.slots.len() >= 2)
                && !after.iter().any(|o| o.t0 < b)
            {
                // "the signing of a treaty between Russia and Iran"
                sources = ms(g);
                targets = ms(g);
                src_span_t = (g.t0, g.t1);
                tgt_span_t = (g.t0, g.t1);
                reciprocal_all = true;
                if let Some(sg) = &src_group
                    && hit
                        .code
                        .fwd
                        .as_deref()
                        .is_some_and(|c| c.starts_with("03") || c.starts_with("04") && c != "042")
                {
                    // a mediator between two parties: source → each party
                    sources = ms(sg);
                    src_span_t = (sg.t0, sg.t1);
                    reciprocal_all = false;
                }
            } else if let Some(sg) = src_group {
                sources = ms(&sg);
                src_span_t = (sg.t0, sg.t1);
                // "Hungarian and Romanian officials agreed that their countries should
                // cooperate to encourage Romanian refugees …": the parties of a cooperative
                // act stated by a complement act with each other, not on the complement's actors
                let cooperative = hit
                    .code
                    .fwd
                    .as_deref()
                    .is_some_and(|c| matches!(c.get(..2), Some("03" | "04" | "05" | "06")));
                // … nor on what their act is about ("renewed negotiations on an Israeli troop
                // pullback from Lebanon")
                let complement_first = after.first().is_some_and(|tg| {
                    (hit.reach.max(hit.end)..tg.t0).any(|k| {
                        matches!(
                            lw(k),
                            "that" | "on" | "about" | "over" | "regarding" | "concerning"
                        )
                    })
                });
                if sg.slots.len() >= 2 && cooperative && complement_first {
                    targets = sources.clone();
                    tgt_span_t = src_span_t;
                    reciprocal_all = true;
                } else if let Some(tg) = after.first() {
                    // a complaint is about someone, not to whom it is made ("Lebanon
                    // complained to the United Nations over two Israeli air raids")
                    let about = (hit.code.fwd.as_deref().is_some_and(|c| c.starts_with("11"))
                        && ((tg.t0 > 0 && lw(tg.t0 - 1) == "to")
                            || (tg.t0 > 1 && lw(tg.t0 - 1) == "the" && lw(tg.t0 - 2) == "to")))
                        .then(|| {
                            after.iter().skip(1).find(|g| {
                                (g.t0.saturating_sub(4).max(tg.t1)..g.t0)
                                    .any(|k| matches!(lw(k), "over" | "about" | "against" | "at"))
                            })
                        })
                        .flatten();
                    let tg = about.unwrap_or(tg);
                    // a role word right after the verb is its object, even one whose country
                    // only the sentence suggests ("ordered former president Carlos Menem to
                    // appear … arms sales to Croatia")
                    // (for acts done to someone — demands, accusations, coercion, assault —
                    // not for what is offered, sent or mobilised: "offered its troops to …")
                    let done_to = hit.code.fwd.as_deref().is_some_and(|c| {
                        matches!(c.get(..2), Some("10" | "11" | "12" | "17" | "18"))
                    });
                    let tg = weak_after
                        .filter(|w| {
                            done_to && w.t0 >= hit.end && w.t0 <= hit.end + 1 && w.t0 < tg.t0
                        })
                        .unwrap_or(tg);
                    targets = ms(tg);
                    tgt_span_t = (tg.t0, tg.t1);
                } else if let Some((t0, t1)) = two_sides
                    && let Some(pair) = last_two(input, &here_then_prior, &sources)
                {
                    targets = pair;
                    tgt_span_t = (t0, t1);
                    reciprocal_all = false;
                } else if sg.slots.len() >= 2 {
                    targets = sources.clone();
                    tgt_span_t = src_span_t;
                    reciprocal_all = true;
                } else {
                    // no actor after the action: the place it is done in or to ("arrived in
                    // Amman", "lifted a curfew in Montenegro") is its target
                    let dest = gs
                        .iter()
                        .find(|g| !statement && g.t0 >= hit.end && slots[g.slots[0]].place);
                    // a threat's addressee is the actor of its condition ("threatened to stop
                    // negotiations if the United States goes ahead …")
                    let threat = hit.code.fwd.as_deref().is_some_and(|c| {
                        c.starts_with("13") || ((future || conditional) && threat_code(c).is_some())
                    });
                    let s1 = toks.partition_point(|t| t.start < sent.end);
                    let condition = if threat && c1 < s1 && matches!(lw(c1), "if" | "unless") {
                        let end = (c1 + 1..s1)
                            .find(|&k| matches!(lw(k), "," | ";" | ":"))
                            .unwrap_or(s1);
                        groups(toks, slots, c1 + 1, end)
                            .into_iter()
                            .find(|g| !g.slots.iter().all(|&k| slots[k].place))
                    } else {
                        None
                    };
                    // a subject borrowed from the sentence takes no counterpart of last resort
                    // (", describing it as a challenge to the world community")
                    let weak_after = weak_after.filter(|_| before.is_some());
                    // a retreat or a refusal done in the actor's own country ("rebels
                    // surrendered in Soroti", "declared a ceasefire in south Lebanon") has that
                    // place for where, not for whom: one-sided (easing a curfew there is for
                    // the people there: "lifted a state of emergency in West Darfur")
                    let own_place = dest.is_some_and(|d| {
                        hit.code.fwd.as_deref().is_some_and(|c| {
                            matches!(c.get(..3), Some("084" | "085" | "086" | "087"))
                                || c.starts_with("12")
                        }) && d.slots.iter().all(|&k| {
                            input.mentions[slots[k].m].country.is_some()
                                && sources.iter().all(|&m| {
                                    input.mentions[m].country == input.mentions[slots[k].m].country
                                })
                        })
                    });
                    match dest.or(weak_after).or(condition.as_ref()) {
                        // (… and so is a refusal about people of the actor's own country that
                        // only the sentence gives one: "will not accept any more refugees")
                        Some(d)
                            if own_place
                                || (refusal
                                    && dest.is_none()
                                    && weak_after.is_some_and(|w| std::ptr::eq(w, d))
                                    && d.slots.iter().all(|&k| {
                                        sources.iter().all(|&m| {
                                            input.mentions[m].country
                                                == input.mentions[slots[k].m].country
                                        })
                                    })) =>
                        {
                            targets = vec![NO_TARGET];
                            tgt_span_t = (hit.start, hit.start);
                        }
                        Some(d) => {
                            targets = ms(d);
                            tgt_span_t = (d.t0, d.t1);
                        }
                        // an act that needs no counterpart, stated with its actor and nobody
                        // else in the clause ("Akayev has agreed to resign", "the rebels
                        // surrendered", "declared a unilateral ceasefire"): one-sided
                        // (the verb right after its subject: "plays a key mediating role"
                        // states no act)
                        None if before.is_some_and(|b| b.t1 + 3 >= v0)
                            && after.is_empty()
                            && !gs.iter().any(|g| g.t0 >= hit.end)
                            && hit
                                .code
                                .fwd
                                .as_deref()
                                .is_some_and(|c| matches!(c.get(..2), Some("08"))) =>
                        {
                            targets = vec![NO_TARGET];
                            tgt_span_t = (hit.start, hit.start);
                        }
                        _ => return 0,
                    }
                }
            } else if let Some((t0, t1)) = two_sides
                && let Some(pair) = last_two(input, &here_then_prior, &[])
            {
                sources = pair.clone();
                targets = pair;
                src_span_t = (t0, t1);
                tgt_span_t = (t0, t1);
                reciprocal_all = true;
            } else {
                return 0;
            }
        }
        // codes
        let mut fwd = hit.code.fwd.clone();
        let mut back = hit.code.back.clone();
        // "The United States announced it would prohibit all aid to …": a sanction announced
        // as decided, with no condition attached, is the sanction (CAMEO's threat is a
        // sanction held out to make someone act)
        let announced = !conditional
            && (s0..v0).any(|k| matches!(lw(k), "announced" | "announces" | "decided" | "decides"))
            && !(c1 < toks.len() && matches!(lw(c1), "if" | "unless"))
            && fwd.as_deref().is_some_and(|c| c.starts_with("16"));
        if refusal {
            fwd = fwd.or(back.take()).map(|c| refusal_code(&c).to_string());
            back = None;
        } else if (future || conditional) && !announced {
            let threat = |c: &String| threat_code(c).is_some();
            if conditional && !(stated && fwd.as_ref().is_some_and(threat)) {
                // a conditional or possible action that is not a threat is not coded
                return 0;
            }
            fwd = fwd.and_then(|c| intent_code(&c));
            back = back.and_then(|c| intent_code(&c));
        }
        let future = future || conditional;
        if fwd.is_none() && back.is_none() {
            return 0;
        }
        if fwd.is_none() && targets.contains(&NO_TARGET) {
            // a reverse-only pattern needs a target to act
            return 0;
        }
        if fwd.is_none() {
            // reverse-only pattern: the target acts on the source
            std::mem::swap(&mut sources, &mut targets);
            std::mem::swap(&mut src_span_t, &mut tgt_span_t);
            fwd = back.take();
        }
        let Some(fwd) = fwd else { return 0 };
        // date
        // a statement's own time and place come before its complement: "Shoigu emphasized
        // that … meetings in Moscow and Muscat in 2024–2025" was said on the article's day,
        // and not in Moscow
        let complement = if statement {
            (hit.end.max(c0 + 1)..c1).find(|&k| lw(k) == "that")
        } else {
            None
        };
        let (own_sent, c1) = match complement {
            Some(k) => (
                Span {
                    start: sent.start,
                    end: toks[k].start.max(sent.start),
                },
                k,
            ),
            None => (*sent, c1),
        };
        let sent_of_date = &own_sent;
        let dating = self.date_of(input, toks, sent_of_date, c0, c1, future);
        let date = dating.date.clone();
        let own_date = dating.basis == DateBasis::Text;
        let location = self.location_of(input, toks, slots, s0, c0, c1, &fwd, &targets);
        let topics = topics
            .get_or_insert_with(|| self.topics.of(sentence_lower))
            .clone();
        let evidence = Evidence {
            document: input.document.to_string(),
            start: sent.start,
            end: sent.end,
            text: input
                .text
                .chars()
                .skip(sent.start)
                .take(sent.end - sent.start)
                .collect(),
        };
        let mut confidence: f32 = 0.45;
        if hit.by_pattern {
            confidence += 0.25;
        }
        if own_date {
            confidence += 0.1;
        } else if date.is_some() {
            confidence -= 0.1;
        }
        if future {
            confidence -= 0.1;
        }
        if src_span_t.1 <= c0 {
            confidence -= 0.1;
        }
        if inferred_source {
            confidence -= 0.15;
        }
        let span_of = |a: usize, b: usize| Span {
            start: toks[a].start,
            end: toks[b.max(a + 1) - 1].end,
        };
        let action_span = span_of(hit.start, hit.reach.max(hit.end));
        let mut made = 0;
        let mut emit = |s: usize,
                        t: usize,
                        code: &str,
                        loc: Option<Location>,
                        reciprocal: bool,
                        out: &mut Vec<CodedEvent>| {
            if made >= 16 {
                return;
            }
            // a code the CAMEO table lacks (the verb dictionary's 176, cyber attack) is coded
            // as its parent (170), not dropped
            let Some(cc) = CameoCode::lookup(code).or_else(|| {
                (code.len() == 3)
                    .then(|| {
                        code.get(..2)
                            .and_then(|r| CameoCode::lookup(&format!("{r}0")))
                    })
                    .flatten()
            }) else {
                return;
            };
            let sa = actor(input, s);
            // no target: a one-sided act (see the one-sided rule above)
            let ta = (t != NO_TARGET).then(|| actor(input, t));
            let key = actor_key;
            if let Some(ta) = &ta {
                // the same actor on both sides is no event; two actors of one country are a
                // domestic one ("Iraqi Kurds demonstrated in Kirkuk")
                let ms = &input.mentions;
                let same_actor = (ms[s].entity.is_some() && ms[s].entity == ms[t].entity)
                || ms[s].text.to_lowercase() == ms[t].text.to_lowercase()
                || [s, t].iter().all(|&m| {
                    matches!(ms[m].kind, MentionType::Country | MentionType::Nationality)
                })
                // a state named by its country or capital is the same actor as any of its
                // members with the same code ("Putin reaffirmed Moscow's commitment")
                || (ms[s].actor_code == ms[t].actor_code
                    && ms[s].actor_code.as_deref().is_some_and(|c| c.ends_with("GOV"))
                    && [s, t].iter().any(|&m| {
                    matches!(
                            ms[m].kind,
                            MentionType::Country | MentionType::City | MentionType::Nationality
                        )
                }));
                if key(&sa) == key(ta) && same_actor {
                    return;
                }
                // a government (or one of its people) and its own country named as a whole, not as
                // the place acted in, are one side ("Shoigu held meetings that deepened
                // Russian-Omani ties", "Russia's influence"): no domestic event
                let governing = |m: usize| {
                    ms[m]
                        .actor_code
                        .as_deref()
                        .is_some_and(|c| c.len() >= 6 && &c[3..6] == "GOV")
                };
                let whole_state = |m: usize| {
                    ms[m].kind == MentionType::Country
                        && ms[m].actor_code.as_deref().is_none_or(|c| c.len() == 3)
                        && {
                            let mut k = toks.partition_point(|x| x.end <= ms[m].start);
                            if k > 0 && toks[k - 1].lower == "the" {
                                k -= 1;
                            }
                            !(k > 0
                                && (LOC_PREPS.contains(&toks[k - 1].lower.as_str())
                                    || matches!(toks[k - 1].lower.as_str(), "throughout" | "of")))
                        }
                };
                if sa.country.is_some()
                    && sa.country == ta.country
                    && ((governing(s) && whole_state(t)) || (governing(t) && whole_state(s)))
                {
                    return;
                }
                // an actor's own state as the possessor of the object is no counterpart ("Putin
                // reaffirmed Russia's willingness to support …")
                let state =
                    |m: usize| matches!(ms[m].kind, MentionType::Country | MentionType::City);
                let root = |m: usize| {
                    ms[m].country.clone().or_else(|| {
                        ms[m]
                            .actor_code
                            .as_ref()
                            .map(|c| c.chars().take(3).collect())
                    })
                };
                let possessor = |m: usize| {
                    let k = toks.partition_point(|x| x.start < ms[m].end);
                    // … but "Burundi's government", "Iran's army" are actors of their own
                    toks.get(k).is_some_and(|x| x.lower == "'s")
                        && !toks.get(k + 1).is_some_and(|x| {
                            matches!(
                                x.lower.as_str(),
                                "government"
                                    | "president"
                                    | "prime"
                                    | "foreign"
                                    | "defense"
                                    | "defence"
                                    | "army"
                                    | "military"
                                    | "forces"
                                    | "leader"
                                    | "leaders"
                                    | "leadership"
                                    | "ministry"
                                    | "minister"
                                    | "parliament"
                                    | "people"
                                    | "police"
                                    | "opposition"
                                    | "rebels"
                            )
                        })
                };
                if root(s).is_some() && root(s) == root(t) && state(t) && possessor(t) {
                    return;
                }
            }
            let tk = ta.as_ref().map(key).unwrap_or_default();
            let id = stable_id(&[date.as_deref().unwrap_or(""), &key(&sa), &tk, cc.code]);
            if let Some(&k) = index.get(&id) {
                let e: &mut CodedEvent = &mut out[k];
                if !e.event.evidence.contains(&evidence) {
                    e.event.evidence.push(evidence.clone());
                }
                e.event.confidence = e.event.confidence.max(confidence);
                return;
            }
            // another report of an event of this document: the same sides, the same CAMEO
            // root and a compatible date (the rule the store applies across documents)
            // (the candidates are listed in `index` under "group key #n", so that a document
            // with thousands of events is not scanned once per event)
            let group = format!(
                "\u{1}{}\u{1}{}\u{1}{}",
                key(&sa),
                tk,
                cc.code.get(..2).unwrap_or("")
            );
            let mut n = 0;
            let mut found = None;
            while let Some(&k) = index.get(&format!("{group}#{n}")) {
                if found.is_none()
                    && compatible_dates(out[k].event.date.as_deref(), date.as_deref())
                {
                    found = Some(k);
                }
                n += 1;
            }
            if let Some(e) = found.map(|k| &mut out[k]) {
                if !e.event.evidence.contains(&evidence) {
                    e.event.evidence.push(evidence.clone());
                }
                e.event.confidence = e.event.confidence.max(confidence);
                // stated in the text once is enough to be more than the reverse of a reciprocal
                e.reciprocal &= reciprocal;
                if date.as_ref().map(String::len) > e.event.date.as_ref().map(String::len) {
                    e.event.date = date.clone();
                    e.event.date_precision = dating.precision;
                    e.event.date_basis = Some(dating.basis);
                    e.event.date_before = dating.before.clone();
                }
                return;
            }
            let ms = &input.mentions;
            let sspan = if src_span_t.1 > src_span_t.0 && sources.len() == 1 {
                span_of(src_span_t.0, src_span_t.1)
            } else {
                Span {
                    start: ms[s].start,
                    end: ms[s].end,
                }
            };
            let tspan = if t == NO_TARGET {
                Span {
                    start: action_span.start,
                    end: action_span.start,
                }
            } else if tgt_span_t.1 > tgt_span_t.0 && targets.len() == 1 {
                span_of(tgt_span_t.0, tgt_span_t.1)
            } else {
                Span {
                    start: ms[t].start,
                    end: ms[t].end,
                }
            };
            index.insert(id.clone(), out.len());
            index.insert(format!("{group}#{n}"), out.len());
            out.push(CodedEvent {
                event: Event {
                    id,
                    date: date.clone(),
                    date_precision: dating.precision,
                    date_basis: Some(dating.basis),
                    date_before: dating.before.clone(),
                    // a one-sided act is less sure than one with both sides named
                    confidence: (confidence - if ta.is_none() { 0.1 } else { 0.0 })
                        .clamp(0.05, 0.99),
                    source: sa,
                    target: ta,
                    cameo: cc.code.to_string(),
                    plover: cc.plover(),
                    quad_class: cc.quad_class.number(),
                    goldstein: cc.goldstein,
                    location: loc,
                    topics: topics.clone(),
                    evidence: vec![evidence.clone()],
                    reports: 1,
                },
                source_span: sspan,
                target_span: tspan,
                action_span,
                reciprocal,
            });
            made += 1;
        };
        for &s in &sources {
            for &t in &targets {
                if s == t {
                    continue;
                }
                // each target that is itself a place of the clause is its own event's place
                let location = if targets.len() > 1 && t != NO_TARGET {
                    self.location_of(input, toks, slots, s0, c0, c1, &fwd, &[t])
                } else {
                    location.clone()
                };
                if reciprocal_all {
                    // every ordered pair once: the forward code (a reciprocal back code is the
                    // same pair reversed, which the loop visits anyway)
                    emit(s, t, &fwd, location, false, out);
                } else {
                    emit(s, t, &fwd, location.clone(), false, out);
                    // (a one-sided act has no reverse)
                    if let Some(b) = &back
                        && t != NO_TARGET
                    {
                        // a meeting, a call, talks: what one side did with the other, the
                        // other did too — stated, not implied (a visit implies a host)
                        let mutual = *b == fwd && matches!(fwd.as_str(), "040" | "041" | "046");
                        emit(t, s, b, location, !mutual, out);
                    }
                }
            }
        }
        made
    }

    fn date_of(
        &self,
        input: &CoderInput,
        toks: &[Tok],
        sent: &Span,
        c0: usize,
        c1: usize,
        future: bool,
    ) -> Dating {
        let (cs, ce) = (toks[c0].start, toks[c1 - 1].end);
        let usable = |t: &&Timex| {
            matches!(t.kind, TimexType::Date | TimexType::Time)
                && t.value
                    .as_deref()
                    .is_some_and(|v| v != "PRESENT_REF" && v != "FUTURE_REF")
        };
        let in_clause: Vec<&Timex> = input
            .timexes
            .iter()
            .filter(|t| t.start >= cs && t.end <= ce)
            .filter(usable)
            .collect();
        let pick = |list: &[&Timex]| -> Option<String> {
            let v = list.first()?.value.clone()?;
            Some(match v.find('T') {
                Some(k) if k >= 10 => v[..k].to_string(),
                _ => v,
            })
        };
        let chosen = if !in_clause.is_empty() {
            pick(&in_clause)
        } else {
            let in_sent: Vec<&Timex> = input
                .timexes
                .iter()
                .filter(|t| t.start >= sent.start && t.end <= sent.end)
                .filter(usable)
                .collect();
            let mut values: Vec<&str> = in_sent.iter().filter_map(|t| t.value.as_deref()).collect();
            values.dedup();
            if values.len() == 1 {
                pick(&in_sent)
            } else {
                None
            }
        };
        // "At that time, the two sides decided …": the time the text named last, before this
        // sentence (the previous sentence's "in the spring of 2025")
        let chosen = chosen.or_else(|| {
            let k0 = toks.partition_point(|t| t.start < sent.start);
            let k1 = toks.partition_point(|t| t.start < sent.end);
            let w = |k: usize| toks.get(k).map_or("", |t| t.lower.as_str());
            let anaphor = (k0..k1).any(|k| {
                (matches!(w(k), "at" | "by")
                    && matches!(w(k + 1), "that" | "the")
                    && w(k + 2) == "time")
                    || (w(k) == "back" && w(k + 1) == "then")
            });
            if !anaphor {
                return None;
            }
            let earlier: Vec<&Timex> = input
                .timexes
                .iter()
                .filter(|t| t.end <= sent.start && sent.start - t.end < 600)
                .filter(usable)
                .filter(|t| t.value.as_deref().is_some_and(|v| v != "PAST_REF"))
                .collect();
            earlier.last().and_then(|t| pick(&[*t]))
        });
        let before = Dating {
            date: None,
            precision: DatePrecision::Unknown,
            basis: DateBasis::Before,
            before: input.date.map(str::to_string),
        };
        if let Some(v) = chosen {
            if v == "PAST_REF" {
                return before;
            }
            let p = precision_of(&v);
            if p != DatePrecision::Unknown {
                return Dating {
                    date: Some(v),
                    precision: p,
                    basis: DateBasis::Text,
                    before: None,
                };
            }
        }
        let unknown = Dating {
            date: None,
            precision: DatePrecision::Unknown,
            basis: DateBasis::Unknown,
            before: None,
        };
        if future {
            return unknown;
        }
        // "After Israel's strikes on Doha, many states have found...": what a clause opened
        // by after/since/following tells happened before the rest, so before the article
        if is_background(toks, c0, c1)
            || matches!(toks[c0].lower.as_str(), "after" | "since" | "following")
        {
            return before;
        }
        match input.date {
            Some(d) => Dating {
                date: Some(d.to_string()),
                precision: input.date_precision,
                basis: DateBasis::Document,
                before: None,
            },
            None => unknown,
        }
    }

    #[allow(clippy::too_many_arguments)]
    #[allow(clippy::too_many_arguments)]
    fn location_of(
        &self,
        input: &CoderInput,
        toks: &[Tok],
        slots: &[Slot],
        s0: usize,
        c0: usize,
        c1: usize,
        code: &str,
        targets: &[usize],
    ) -> Option<Location> {
        // the place of an opening phrase ("In Cairo, the delegation met …") is the
        // sentence's
        let intro = (INTRO_PREPS.contains(&toks[s0].lower.as_str()) && c0 > s0)
            .then(|| (s0 + 1..c0).find(|&k| toks[k].lower == ","))
            .flatten()
            .filter(|&k| k + 1 >= c0 || (k + 1..c0).all(|j| !toks[j].is_word));
        // "talks in Egypt and Oman": each target that is one of the clause's places is its
        // event's place
        // (a place, or joined by "and" to one: "in Egypt and Oman")
        let placed = |k: usize| {
            let mut k = k;
            loop {
                if slots[k].place {
                    return true;
                }
                if k == 0
                    || !(slots[k - 1].t1..slots[k].t0)
                        .all(|i| GROUP_GLUE.contains(&toks[i].lower.as_str()))
                {
                    return false;
                }
                k -= 1;
            }
        };
        let place = (0..slots.len())
            .find(|&k| {
                let s = &slots[k];
                s.t0 >= c0 && s.t1 <= c1 && targets.contains(&s.m) && placed(k)
            })
            .map(|k| &slots[k])
            .or_else(|| slots.iter().find(|s| s.place && s.t0 >= c0 && s.t1 <= c1))
            .or_else(|| {
                let comma = intro?;
                slots.iter().find(|s| {
                    s.place
                        && s.t0 >= s0
                        && s.t1 <= comma
                        && matches!(toks[s0].lower.as_str(), "in" | "at")
                })
            })
            .map(|s| s.m)
            .or_else(|| {
                // "The first stop was Ankara, where Lavrov held talks": the antecedent
                if c0 == 0 || toks[c0].lower != "where" {
                    return None;
                }
                let end = if toks[c0 - 1].lower == "," {
                    c0 - 1
                } else {
                    c0
                };
                slots
                    .iter()
                    .find(|s| {
                        s.t1 == end
                            && matches!(
                                input.mentions[s.m].kind,
                                MentionType::City | MentionType::Country | MentionType::Location
                            )
                    })
                    .map(|s| s.m)
            });
        let m = match place {
            Some(m) => Some(m),
            None if code == "042" => targets.iter().copied().find(|&t| {
                t != NO_TARGET
                    && matches!(
                        input.mentions[t].kind,
                        MentionType::City | MentionType::Country | MentionType::Location
                    )
            }),
            None => None,
        }?;
        let mention = &input.mentions[m];
        Some(Location {
            name: mention.text.clone(),
            country: mention.country.clone(),
            lat: None,
            lon: None,
        })
    }
}

/// The mentions `given` with the actors they leave uncoded filled in from `dictionary` (the
/// Phoenix/NGEC country and actor dictionaries): a given mention with neither actor code nor
/// country takes the code, country and type of a dictionary mention it overlaps ("the United
/// States" read as a place without a country), and a dictionary mention that overlaps no given
/// mention is added (a demonym inside a group noun: "Iraqi Kurds" → IRQ, "Young Algerians" →
/// DZA). Given mentions with a code are never changed. None when nothing changes.
fn fill_uncoded(given: &[Mention], dictionary: Vec<Mention>) -> Option<Vec<Mention>> {
    if dictionary.is_empty() {
        return None;
    }
    let coded = |m: &Mention| m.actor_code.is_some() || m.country.is_some();
    let mut out: Vec<Mention> = given.to_vec();
    let mut changed = false;
    for d in dictionary {
        // a lone surname or given name from the dictionary ("During", "Bush") is too
        // ambiguous without the entity module's context
        if d.kind == MentionType::Person && !d.text.contains(' ') {
            continue;
        }
        let overlapping: Vec<usize> = out
            .iter()
            .enumerate()
            .filter(|(_, m)| m.start < d.end && d.start < m.end)
            .map(|(k, _)| k)
            .collect();
        if overlapping.is_empty() {
            out.push(d);
            changed = true;
            continue;
        }
        if let [k] = overlapping[..]
            && !coded(&out[k])
            && out[k].kind != MentionType::Date
        {
            let m = &mut out[k];
            m.actor_code = d.actor_code;
            m.country = d.country;
            if matches!(m.kind, MentionType::Location | MentionType::Org) {
                m.kind = d.kind;
            }
            changed = true;
        }
    }
    if !changed {
        return None;
    }
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    Some(out)
}

/// Role and group words no mention covers ("the rebels", "Judge Rivera", "opposition
/// groups in Zimbabwe") as actor mentions, with the country a CAMEO coder gives a domestic
/// agent: that of a coded mention right before it ("Sudanese" + "rebels"), else of a place
/// or actor after "of/in" right behind it ("groups in Zimbabwe"), else of the nearest coded
/// mention of the same sentence (before it first). Agents with no country in their sentence
/// are left out. None when none is added.
fn domestic_agents(
    dictionary: &FallbackActors,
    text: &str,
    toks: &[Tok],
    sentences: &[Span],
    mentions: &[Mention],
    weak: &mut Vec<(usize, usize)>,
) -> Option<Vec<Mention>> {
    let tok_at = |c: usize| toks.partition_point(|t| t.end <= c);
    let mut covered = vec![false; toks.len()];
    // (t0, t1, country) of coded mentions
    let mut coded: Vec<(usize, usize, &str)> = Vec::new();
    // (t0, t1, code) of international bodies (a code, no country): "UN peacekeepers",
    // "European Community foreign ministers", "NATO troops" belong to the body
    let mut bodies: Vec<(usize, usize, &str)> = Vec::new();
    // first tokens of city and country mentions
    let mut places: Vec<usize> = Vec::new();
    for m in mentions {
        let t0 = tok_at(m.start);
        let mut t1 = t0;
        while t1 < toks.len() && toks[t1].start < m.end {
            t1 += 1;
        }
        covered[t0..t1].iter_mut().for_each(|x| *x = true);
        if m.kind == MentionType::Date || is_currency(toks, t1) {
            continue;
        }
        if let Some(c) = m.country.as_deref() {
            coded.push((t0, t1, c));
            if matches!(m.kind, MentionType::City | MentionType::Country) {
                places.push(t0);
            }
        } else if let Some(code) = m.actor_code.as_deref()
            && matches!(code.get(..3), Some("IGO" | "NGO" | "IMG"))
        {
            bodies.push((t0, t1, code));
        }
    }
    if coded.is_empty() && bodies.is_empty() {
        return None;
    }
    coded.sort_by_key(|c| c.0);
    let mut added: Vec<Mention> = Vec::new();
    let mut ti = 0;
    for sent in sentences {
        let (s0, s1) = text::sentence_tokens(toks, sent, &mut ti);
        let in_sent: Vec<&(usize, usize, &str)> =
            coded.iter().filter(|c| c.0 >= s0 && c.1 <= s1).collect();
        let bodies_in: Vec<&(usize, usize, &str)> =
            bodies.iter().filter(|c| c.0 >= s0 && c.1 <= s1).collect();
        if in_sent.is_empty() && bodies_in.is_empty() {
            continue;
        }
        // a role word as a mention with `country` and `code`
        let agent = |a0: usize, a1: usize, country: Option<&str>, code: String| Mention {
            start: toks[a0].start,
            end: toks[a1 - 1].end,
            text: text[toks[a0].bstart..toks[a1 - 1].bend].to_string(),
            kind: MentionType::Org,
            entity: None,
            country: country.map(str::to_string),
            actor_code: Some(code),
        };
        for (a0, a1, sec) in dictionary.bare_agents(toks, &covered, s0, s1) {
            // "UN peacekeepers", "NATO peacekeeping troops", "European Community foreign
            // ministers": the body's own people (up to two words between)
            let body = bodies_in
                .iter()
                .find(|c| c.1 <= a0 && a0 <= c.1 + 2 && (c.1..a0).all(|k| toks[k].is_word));
            if let Some(&&(_, _, code)) = body {
                added.push(agent(a0, a1, None, code.to_string()));
                continue;
            }
            if in_sent.is_empty() {
                continue;
            }
            let before = in_sent
                .iter()
                .find(|c| c.1 == a0 || (c.1 + 1 == a0 && toks[c.1].lower == "'s"));
            let of_in = in_sent.iter().find(|c| {
                c.0 > a1
                    && c.0 <= a1 + 3
                    && (a1..c.0).any(|k| matches!(toks[k].lower.as_str(), "of" | "in" | "from"))
            });
            // victims the sentence gives no country of their own ("killed 23 people … in Tel
            // Aviv") are of the place it happened in, as CAMEO coders read it
            let victims = a1 == a0 + 1
                && matches!(
                    toks[a0].lower.as_str(),
                    "people"
                        | "persons"
                        | "civilians"
                        | "residents"
                        | "passengers"
                        | "villagers"
                        | "worshippers"
                        | "bystanders"
                        | "pedestrians"
                        | "children"
                );
            let place = victims
                .then(|| {
                    in_sent.iter().find(|c| {
                        c.0 > s0
                            && matches!(toks[c.0 - 1].lower.as_str(), "in" | "at" | "near")
                            && places.contains(&c.0)
                    })
                })
                .flatten();
            let nearest = place.or_else(|| {
                in_sent
                    .iter()
                    .rev()
                    .find(|c| c.1 <= a0)
                    .or_else(|| in_sent.iter().find(|c| c.0 >= a1))
            });
            let Some(&&(_, _, country)) = before.or(of_in).or(nearest) else {
                continue;
            };
            if before.is_none() && of_in.is_none() {
                weak.push((toks[a0].start, toks[a1 - 1].end));
            }
            added.push(agent(a0, a1, Some(country), format!("{country}{sec}")));
        }
    }
    if added.is_empty() {
        return None;
    }
    let mut out = mentions.to_vec();
    out.extend(added);
    out.sort_by_key(|m| (m.start, std::cmp::Reverse(m.end)));
    Some(out)
}

/// An event's date and how it was found.
#[derive(Debug, Clone)]
struct Dating {
    date: Option<String>,
    precision: DatePrecision,
    basis: DateBasis,
    before: Option<String>,
}

/// Past participles that do not end in -ed/-en.
const IRREGULAR_PARTICIPLES: &[&str] = &[
    "begun",
    "become",
    "made",
    "met",
    "held",
    "signed",
    "been",
    "done",
    "gone",
    "seen",
    "laid",
    "built",
    "sent",
    "brought",
    "paid",
    "led",
    "said",
    "told",
    "won",
    "lost",
    "kept",
    "left",
    "put",
    "set",
    "struck",
    "fought",
    "sought",
    "taught",
    "bought",
    "caught",
    "come",
    "run",
    "found",
    "grown",
    "shown",
    "known",
    "drawn",
    "thrown",
    "withdrawn",
    "undertaken",
    "hit",
    "cut",
    "spent",
    "lent",
    "meant",
    "felt",
    "dealt",
    "sold",
    "held",
    "stood",
    "understood",
    "got",
    "gotten",
    "had",
    "heard",
    "shot",
    "fled",
    "spoken",
    "broken",
    "chosen",
    "frozen",
    "stolen",
    "woven",
    "sworn",
    "torn",
    "worn",
    "begun",
    "swum",
    "sung",
    "rung",
    "drunk",
];

fn is_participle(w: &str) -> bool {
    (w.len() > 4 && (w.ends_with("ed") || w.ends_with("en"))) || IRREGULAR_PARTICIPLES.contains(&w)
}

/// Whether clause `[c0, c1)` speaks of the past as background: a perfect tense ("has already
/// moved", "have become", "had signed"), or a word such as "already", "previously",
/// "earlier", "in the past", "in recent years".
fn is_background(toks: &[Tok], c0: usize, c1: usize) -> bool {
    let lw = |i: usize| toks[i].lower.as_str();
    (c0..c1).any(|k| {
        let w = lw(k);
        if BACKGROUND.contains(&w) {
            return true;
        }
        if matches!(w, "has" | "have" | "had" | "'ve" | "'d") {
            // the participle within two words ("has already moved", "have long been")
            let mut j = k + 1;
            while j < c1 && j <= k + 3 {
                let x = lw(j);
                if is_participle(x) {
                    return true;
                }
                if !x.ends_with("ly")
                    && !matches!(
                        x,
                        "already"
                            | "long"
                            | "also"
                            | "not"
                            | "never"
                            | "since"
                            | "just"
                            | "recently"
                    )
                {
                    break;
                }
                j += 1;
            }
            return false;
        }
        (w == "in" && k + 2 < c1 && lw(k + 1) == "the" && lw(k + 2) == "past")
            || (w == "in" && k + 2 < c1 && lw(k + 1) == "recent" && lw(k + 2) == "years")
    })
}

/// The key of an event side in event ids: its code, else its country, else its name.
fn actor_key(a: &EventActor) -> String {
    a.code
        .clone()
        .or_else(|| a.country.clone())
        .unwrap_or_else(|| a.name.to_lowercase())
}

fn trace_from_env() -> bool {
    std::env::var_os("ATTACHE_TRACE_EVENTS").is_some()
}

/// Whether two event dates can be one happening's: both unknown, equal, or one containing the
/// other (`2025-02` and `2025-02-26`; `2025` and `2025-SP`).
pub fn compatible_dates(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => a.starts_with(b) || b.starts_with(a),
        _ => false,
    }
}

/// Whether the token at `k` makes the name before it a currency ("US $50 million", "Canadian
/// dollars"): no actor.
fn is_currency(toks: &[Tok], k: usize) -> bool {
    toks.get(k)
        .is_some_and(|t| matches!(t.lower.as_str(), "$" | "dollar" | "dollars" | "cents"))
}

/// A target index that stands for "no target": a one-sided event.
const NO_TARGET: usize = usize::MAX;

/// The event side for mention `m`.
fn actor(input: &CoderInput, m: usize) -> EventActor {
    let mention = &input.mentions[m];
    let entity = mention
        .entity
        .as_ref()
        .and_then(|id| input.entities.iter().find(|e| &e.id == id));
    EventActor {
        name: entity
            .map(|e| e.name.clone())
            .unwrap_or_else(|| mention.text.clone()),
        code: mention
            .actor_code
            .clone()
            .or_else(|| entity.and_then(|e| e.actor_code.clone()))
            .or_else(|| mention.country.clone()),
        country: mention
            .country
            .clone()
            .or_else(|| entity.and_then(|e| e.country.clone())),
        entity: mention.entity.clone(),
    }
}

/// Actor groups of tokens `[a, b)`: consecutive slots joined by "and", commas, "as well as".
fn groups(toks: &[Tok], slots: &[Slot], a: usize, b: usize) -> Vec<Group> {
    let mut out: Vec<Group> = Vec::new();
    for (k, s) in slots.iter().enumerate() {
        if s.t0 < a || s.t1 > b {
            continue;
        }
        if let Some(g) = out.last_mut() {
            // one actor named twice over: "Libyan leader Muammar Gaddafi", "Bulgarian President
            // Todor Zhivkov" — the later, more specific mention stands for the unit
            let last = *g.slots.last().unwrap_or(&k);
            if s.t0 >= g.t1
                && s.t0 <= g.t1 + 3
                && !s.place
                && !slots[last].place
                && (g.t1..s.t0).all(|i| toks[i].is_word && toks[i].cap)
            {
                if let Some(l) = g.slots.last_mut() {
                    *l = k;
                }
                g.t1 = s.t1;
                continue;
            }
            // "Kenzo Oshima, the United Nations relief coordinator, demanded": an apposition
            // is one actor, not two — the office an org gives a person, else the head
            let det = |i: usize| matches!(toks[i].lower.as_str(), "the" | "a" | "an");
            if g.slots.len() == 1
                && s.t0 > g.t1
                && toks[g.t1].lower == ","
                && (g.t1 + 1..s.t0).all(det)
                && s.t0 - g.t1 <= 2
                && toks.get(s.t1).is_some_and(|t| t.lower == ",")
                && toks.get(s.t1 + 1).is_some_and(|t| {
                    t.is_word && !matches!(t.lower.as_str(), "and" | "or" | "the" | "as")
                })
                && !slots.iter().any(|o| o.t0 == s.t1 + 1)
                && !s.place
            {
                let head = slots[g.slots[0]];
                if head.kind == MentionType::Person && s.kind == MentionType::Org {
                    g.slots[0] = k;
                }
                g.t1 = s.t1;
                continue;
            }
            // the glue may end with up to two adjectives ("Fornost and the evil awful Gondor",
            // "Egypt and neighbouring Sudan")
            let mut adj0 = s.t0;
            while adj0 > g.t1 && s.t0 - adj0 < 2 && {
                let t = &toks[adj0 - 1];
                t.is_word
                    && !t.cap
                    && !GROUP_GLUE.contains(&t.lower.as_str())
                    && !NOT_ADJECTIVES.contains(&t.lower.as_str())
            } {
                adj0 -= 1;
            }
            // a participle is an adjective only after "the" ("the neighbouring Sudan")
            let participle = (adj0..s.t0)
                .any(|i| toks[i].lower.ends_with("ed") || toks[i].lower.ends_with("ing"));
            let glue = adj0 > g.t1
                && (!participle || toks[adj0 - 1].lower == "the")
                && (g.t1..adj0).all(|i| GROUP_GLUE.contains(&toks[i].lower.as_str()))
                || (g.t1..s.t0).all(|i| GROUP_GLUE.contains(&toks[i].lower.as_str()));
            let has_and = (g.t1..s.t0).any(|i| matches!(toks[i].lower.as_str(), "and" | "&" | ","));
            let same_place = slots[*g.slots.last().unwrap_or(&k)].place == s.place || !s.place;
            if glue && has_and && same_place && s.t0 > g.t1 {
                g.slots.push(k);
                g.t1 = s.t1;
                continue;
            }
        }
        out.push(Group {
            slots: vec![k],
            t0: s.t0,
            t1: s.t1,
        });
    }
    out
}

/// The commas `(open, close)` of an apposition that ends right before the verb at `v0`:
/// "X, <description>, (has|was|on Monday…) VERB", within the clause `[c0, v0)`.
fn apposition(toks: &[Tok], c0: usize, v0: usize) -> Option<(usize, usize)> {
    let close = (c0 + 1..v0).rev().find(|&k| toks[k].lower == ",")?;
    // between the closing comma and the verb: auxiliaries, adverbs and a day at most
    if v0 - close > 4
        || (close + 1..v0).any(|k| {
            !toks[k].is_word || matches!(toks[k].lower.as_str(), "and" | "or" | "but" | "who")
        })
    {
        return None;
    }
    let open = (c0 + 1..close).rev().find(|&k| toks[k].lower == ",")?;
    (close - open >= 2 && close - open <= 16).then_some((open, close))
}

/// The commas `(open, close)` of a description after an actor ending at `open`: ", a key U.S.
/// ally in the war against terrorism," — a determiner after the comma, a closing comma within
/// 16 tokens with no coordination, relative word or quote before it, and a word after it that
/// continues the sentence (not "and", not another list item).
fn description(toks: &[Tok], open: usize, s1: usize) -> Option<(usize, usize)> {
    if toks.get(open)?.lower != "," {
        return None;
    }
    if !matches!(toks.get(open + 1)?.lower.as_str(), "a" | "an" | "the") {
        return None;
    }
    let end = (open + 18).min(s1);
    let close = (open + 2..end).find(|&k| {
        matches!(
            toks[k].lower.as_str(),
            "," | "and" | "or" | "that" | "who" | "which" | "\"" | ";" | ":"
        )
    })?;
    if toks[close].lower != "," || close - open < 3 {
        return None;
    }
    let next = toks.get(close + 1)?;
    (next.is_word && !next.cap && !matches!(next.lower.as_str(), "and" | "or" | "the" | "a"))
        .then_some((open, close))
}

/// Words that close a sentence with its attribution (", officials said Wednesday").
const REPORTING: &[&str] = &[
    "said",
    "says",
    "reported",
    "reports",
    "announced",
    "told",
    "quoted",
    "added",
    "stated",
    "confirmed",
    "wrote",
    "noted",
    "claimed",
    "declared",
    "disclosed",
    "revealed",
    "explained",
    "insisted",
];

/// The comma token that opens a sentence's closing attribution: ", the White House announced
/// Tuesday", ", a State Department spokesman said", ", according to the Swiss agency". The
/// clause before it must be long enough to be one (3 tokens), the attribution short (at most
/// 14 tokens to the end, with a reporting verb and no "that" complement).
fn attribution_start(toks: &[Tok], s0: usize, s1: usize) -> Option<usize> {
    // the sentence's end without closing punctuation and quotes
    let mut end = s1;
    while end > s0 && !toks[end - 1].is_word {
        end -= 1;
    }
    let k = (s0 + 3..end).rev().find(|&k| toks[k].lower == ",")?;
    let seg = &toks[k + 1..end];
    if seg.is_empty() {
        return None;
    }
    if seg.len() >= 2 && seg[0].lower == "according" && seg[1].lower == "to" {
        return Some(k);
    }
    if seg.len() > 14 || seg.iter().any(|t| t.lower == "that" || t.lower == ",") {
        return None;
    }
    seg.iter()
        .any(|t| REPORTING.contains(&t.lower.as_str()))
        .then_some(k)
}

/// Lowercase words that are no adjective between two actors of a list.
const NOT_ADJECTIVES: &[&str] = &[
    "to", "of", "in", "on", "at", "by", "for", "from", "with", "into", "against", "than", "or",
    "but", "nor", "its", "their", "his", "her", "is", "are", "was", "were", "has", "have", "had",
    "will", "would", "not", "that", "which", "who", "said", "says", "between", "among", "after",
    "before", "while", "also", "then", "a", "an", "this", "these", "those",
];

/// "the two sides", "both countries", "the two leaders": its token span.
fn find_two_sides(toks: &[Tok], a: usize, b: usize) -> Option<(usize, usize)> {
    (a..b.saturating_sub(1)).find_map(|i| {
        let w = toks[i].lower.as_str();
        let n = toks[i + 1].lower.as_str();
        let noun = matches!(
            n,
            "sides"
                | "countries"
                | "nations"
                | "leaders"
                | "parties"
                | "states"
                | "governments"
                | "ministers"
                | "presidents"
                | "delegations"
        );
        // "the two sides", "both countries" — not "two nations looking for partners"
        let det = i > 0 && matches!(toks[i - 1].lower.as_str(), "the" | "these" | "those");
        if ((w == "two" && det) || w == "both") && noun {
            Some((i, i + 2))
        } else {
            None
        }
    })
}

/// The last two distinct actors named before (by code), for "the two sides"; with `with` set,
/// the other actor besides those.
fn last_two(input: &CoderInput, prior: &[usize], with: &[usize]) -> Option<Vec<usize>> {
    let key = |m: usize| {
        let mention = &input.mentions[m];
        mention
            .country
            .clone()
            .or_else(|| mention.actor_code.clone())
    };
    let mut out: Vec<usize> = Vec::new();
    let mut keys: Vec<Option<String>> = with.iter().map(|&m| key(m)).collect();
    let want = if with.is_empty() { 2 } else { 1 };
    for &m in prior {
        let k = key(m);
        if k.is_some() && !keys.contains(&k) {
            keys.push(k);
            out.push(m);
            if out.len() == want {
                return Some(out);
            }
        }
    }
    None
}
