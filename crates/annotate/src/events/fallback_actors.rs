//! A minimal actor lookup used until the entity module feeds the coder: countries, their
//! demonyms, capitals and cities, people of the Phoenix dictionaries (code of their latest
//! dated role), IGOs/NGOs and armed groups, plus agent words ("Egyptian defense minister" →
//! `EGYGOVMIL`). It produces the same [`Mention`] shape the entity module does, so it can be
//! replaced without touching the coder. Data: `data/events/fallback-actors.tsv` and
//! `data/events/agents.tsv` (see `data/events/README.md`).

use std::collections::HashMap;

use attache_model::{Mention, MentionType, Span};

use super::text::{Tok, tokenize};

const ACTORS_TSV: &str = include_str!("../../../../data/events/fallback-actors.tsv");
const AGENTS_TSV: &str = include_str!("../../../../data/events/agents.tsv");
const MAX_WORDS: usize = 7;

/// Group nouns news names actors by that the Phoenix agent list lacks, with their sectors:
/// "French and Egyptian forces", "UN peacekeepers", "American aid groups", "U.S. and Russian
/// negotiators". Only for [`FallbackActors::new`] (the PETRARCH mechanics check keeps its own
/// dictionaries).
const GROUP_AGENTS: &[(&str, &str)] = &[
    ("forces", "MIL"),
    ("ground forces", "MIL"),
    ("peacekeepers", "MIL"),
    ("peacekeeping troops", "MIL"),
    ("peacekeeping force", "MIL"),
    ("peacekeeping forces", "MIL"),
    ("peace-keepers", "MIL"),
    ("blue helmets", "MIL"),
    ("warships", "MIL"),
    ("negotiators", "GOV"),
    ("aid groups", "NGO"),
    ("aid agencies", "NGO"),
    ("aid workers", "NGO"),
    ("relief agencies", "NGO"),
    ("relief workers", "NGO"),
    ("humanitarian workers", "NGO"),
    // from NGEC's PLOVER_agents.txt (MIT), which Phoenix's list lacks
    ("elders", "CVL"),
    ("youths", "CVL"),
    ("young people", "CVL"),
    ("cyber criminal", "CRM"),
    ("presidential hopeful", "PTY"),
    ("mujahideen", "REBREL"),
    // group nouns news uses
    ("traditional elders", "CVL"),
    ("tribal elders", "CVL"),
    ("village elders", "CVL"),
    ("hacker", "CRM"),
    ("opposition group", "OPP"),
    ("opposition groups", "OPP"),
    ("opposition candidate", "OPP"),
    ("opposition candidates", "OPP"),
    ("candidate", "PTY"),
    ("prisoner", "CRM"),
];

/// Dictionary-based actor mentions.
#[derive(Debug)]
pub struct FallbackActors {
    phrases: HashMap<String, (String, MentionType, bool)>,
    agents: HashMap<String, String>,
    max_agent_words: usize,
    /// The first four bytes of every agent phrase's first word (a quick filter).
    agent_heads: std::collections::HashSet<[u8; 4]>,
    /// First words shorter than four letters of agent phrases of several words ("aid
    /// groups", "top officials"): they start an agent only with the words after them.
    short_heads: std::collections::HashSet<String>,
    /// What only PETRARCH-format agent dictionaries mark (boxed: the compiled-in lookup
    /// leaves it empty).
    marks: Box<AgentMarks>,
}

/// Marks of PETRARCH-format agent entries.
#[derive(Debug, Clone, Default)]
struct AgentMarks {
    /// Whether every agent phrase's last word may match as a prefix (the PETRARCH validation
    /// dictionaries); else only the [`STEMS`] do.
    all_stems: bool,
    /// Agents whose code goes before the country's ("MSF {} [NGO~]": "MSF Arnor" → NGOARN).
    prefixes: HashMap<String, String>,
    /// Agent names marked to take no regular plural ("POLICE {} [~COP]": "polices" is none).
    no_plural: std::collections::HashSet<String>,
}

/// The truncated stems of the Phoenix agent list: its other phrases are whole words, matched
/// as such or in their regular plurals ("consul" is no "consultant", "media" no "mediator",
/// "prison" no "prisoners", "medic" no "medical").
const STEMS: &[&str] = &["minist", "authorit", "compan", "industr"];

/// International organisations news names that the Phoenix dictionaries spell otherwise
/// (codes as the entity module's gazetteer gives them), and groups CAMEO codes by a country
/// their name does not spell: Jewish settlers in the occupied territories are Israel's
/// civilians (the PLOVER gold records code "Jewish settlers in the West Bank city of Hebron"
/// ISR CVL).
const EXTRA_ORGS: &[(&str, &str)] = &[
    ("european community", "IGOEEC"),
    ("european economic community", "IGOEEC"),
    ("jewish settler", "ISRCVL"),
    ("jewish settlers", "ISRCVL"),
];

impl Default for FallbackActors {
    fn default() -> Self {
        Self::new()
    }
}

fn kind_of(s: &str) -> (MentionType, bool) {
    match s {
        "COUNTRY" => (MentionType::Country, false),
        "NATIONALITY" => (MentionType::Nationality, false),
        "CITY" => (MentionType::City, false),
        "PERSON" => (MentionType::Person, false),
        "SURNAME" => (MentionType::Person, true),
        _ => (MentionType::Org, false),
    }
}

/// Whether a role word ending before token `k` heads its noun phrase: what follows is
/// punctuation, a function word, a capitalised name or a finite verb form (-ed, -s endings
/// after a singular are ambiguous, so only -ed and irregular pasts and auxiliaries count).
fn ends_noun_phrase(toks: &[Tok], k: usize) -> bool {
    let Some(t) = toks.get(k) else { return true };
    if !t.is_word || t.cap {
        return true;
    }
    let w = t.lower.as_str();
    matches!(
        w,
        "of" | "in"
            | "and"
            | "or"
            | "to"
            | "from"
            | "at"
            | "on"
            | "for"
            | "with"
            | "by"
            | "who"
            | "that"
            | "which"
            | "has"
            | "have"
            | "had"
            | "is"
            | "are"
            | "was"
            | "were"
            | "will"
            | "would"
            | "said"
            | "say"
            | "says"
            | "also"
            | "later"
            | "then"
            | "today"
            | "met"
            | "held"
            | "began"
            | "took"
            | "made"
            | "gave"
            | "sent"
            | "led"
            | "told"
            | "could"
            | "may"
            | "might"
            | "must"
            | "should"
            | "can"
            | "did"
            | "do"
            | "does"
            | "against"
            | "over"
            | "into"
            | "near"
            | "during"
            | "after"
            | "before"
            | "across"
            | "under"
            | "since"
            | "as"
            | "about"
            | "outside"
            | "inside"
            | "within"
            | "throughout"
            | "toward"
            | "towards"
            | "amid"
            | "despite"
            | "because"
            | "but"
            | "while"
            | "when"
            | "where"
            | "whose"
            | "whom"
            | "be"
            | "been"
            | "not"
            | "if"
            | "unless"
            | "until"
    ) || w.ends_with("ed")
        || w.ends_with("ly")
}

/// Singular forms a plural noun may stand for: "-ies" → "-y", "-men" → "-man", "-es" → "",
/// "-s" → "" (only for words of four letters or more, and never "-ss").
fn plural_singulars(w: &str) -> impl Iterator<Item = String> + '_ {
    let long = w.len() >= 4 && !w.ends_with("ss");
    let ies = (long && w.ends_with("ies")).then(|| format!("{}y", &w[..w.len() - 3]));
    let men = (long && w.ends_with("men")).then(|| format!("{}man", &w[..w.len() - 3]));
    let es = (long && w.ends_with("es")).then(|| w[..w.len() - 2].to_string());
    let s = (long && w.ends_with('s')).then(|| w[..w.len() - 1].to_string());
    ies.into_iter().chain(men).chain(es).chain(s)
}

/// Whether "former" or "ex-" stands right before token `i`.
fn is_former(toks: &[Tok], i: usize) -> bool {
    i > 0 && matches!(toks[i - 1].lower.as_str(), "former" | "ex")
}

/// Whether the word at token `i` is the place of a locative preposition ("12 years in
/// prison", "said in parliament", "at the court"): a venue, not an actor.
fn after_locative(toks: &[Tok], i: usize) -> bool {
    let mut k = i;
    if k > 0 && matches!(toks[k - 1].lower.as_str(), "the" | "a" | "an") {
        k -= 1;
    }
    k > 0 && matches!(toks[k - 1].lower.as_str(), "in" | "at" | "into" | "inside")
}

impl FallbackActors {
    /// The compiled-in dictionaries.
    pub fn new() -> Self {
        let mut me = FallbackActors {
            phrases: HashMap::new(),
            agents: HashMap::new(),
            max_agent_words: 1,
            agent_heads: Default::default(),
            short_heads: Default::default(),
            marks: Default::default(),
        };
        me.add_tsv(ACTORS_TSV, AGENTS_TSV);
        for (p, c) in EXTRA_ORGS {
            me.phrases
                .entry((*p).to_string())
                .or_insert_with(|| ((*c).to_string(), MentionType::Org, false));
        }
        for (p, c) in GROUP_AGENTS {
            me.max_agent_words = me.max_agent_words.max(p.split(' ').count());
            me.agents
                .entry((*p).to_string())
                .or_insert_with(|| (*c).to_string());
        }
        me.index_heads();
        me
    }

    /// An empty lookup, filled from Phoenix-format actor and agent dictionaries (as the
    /// PETRARCH unit tests need).
    pub fn from_phoenix(actors: &str, agents: &str) -> Self {
        let mut me = FallbackActors {
            phrases: HashMap::new(),
            agents: HashMap::new(),
            max_agent_words: 1,
            agent_heads: Default::default(),
            short_heads: Default::default(),
            marks: Box::new(AgentMarks {
                all_stems: true,
                ..Default::default()
            }),
        };
        let mut names: Vec<String> = Vec::new();
        let mut code: Option<String> = None;
        let flush =
            |names: &mut Vec<String>, code: &mut Option<String>, me: &mut FallbackActors| {
                if let Some(c) = code.take() {
                    for n in names.iter() {
                        let kind = if c.len() == 3 {
                            MentionType::Country
                        } else {
                            MentionType::Org
                        };
                        me.phrases
                            .entry(n.clone())
                            .or_insert((c.clone(), kind, false));
                    }
                }
                names.clear();
            };
        for raw in actors.lines() {
            let body = raw.split('#').next().unwrap_or("");
            if body.trim().is_empty() {
                continue;
            }
            let first_code = body
                .split('[')
                .nth(1)
                .and_then(|c| c.split(']').next())
                .and_then(|c| c.split_whitespace().next())
                .map(str::to_string);
            if body.starts_with([' ', '\t']) {
                if code.is_none() {
                    code = first_code;
                }
                continue;
            }
            let is_syn = body.starts_with('+');
            if !is_syn {
                flush(&mut names, &mut code, &mut me);
            }
            let name = body
                .trim_start_matches('+')
                .split('[')
                .next()
                .unwrap_or("")
                .trim();
            let name = name.trim_end_matches('_').replace('_', " ").to_lowercase();
            if !name.is_empty() {
                names.push(name);
            }
            if code.is_none() {
                code = first_code;
            }
        }
        flush(&mut names, &mut code, &mut me);
        // "!MINST! = MINISTER, MINISTERS, MINISTRY, MINISTRIES": substitution sets
        let mut sets: HashMap<String, Vec<String>> = HashMap::new();
        for raw in agents.lines() {
            let body = raw.split('#').next().unwrap_or("").trim();
            if let Some((key, forms)) = body.split_once('=')
                && key.trim().starts_with('!')
                && key.trim().ends_with('!')
                && !body.contains('[')
            {
                sets.insert(
                    key.trim().to_lowercase(),
                    forms
                        .split(',')
                        .map(|f| f.trim().to_lowercase())
                        .filter(|f| !f.is_empty())
                        .collect(),
                );
            }
        }
        for raw in agents.lines() {
            let body = raw.split('#').next().unwrap_or("").trim();
            let Some((name, rest)) = body.split_once('[') else {
                continue;
            };
            // "MSF {} [NGO~]": a prefix agent
            if let Some(c) = rest
                .split(']')
                .next()
                .and_then(|c| c.trim().strip_suffix('~'))
                .filter(|c| !c.is_empty() && !c.contains('~'))
            {
                let head = name.split('{').next().unwrap_or("");
                let head = head
                    .trim()
                    .trim_end_matches('_')
                    .replace('_', " ")
                    .to_lowercase();
                if !head.is_empty() && !head.contains(' ') && !head.contains('!') {
                    me.marks.prefixes.insert(head, c.trim().to_string());
                }
                continue;
            }
            // "[~COP]", "[ ~COP]"
            let Some(c) = rest
                .split(']')
                .next()
                .and_then(|c| c.trim_start().strip_prefix('~'))
            else {
                continue;
            };
            // "GOLDEN_GOOSE {GOLDEN_GEESE}": irregular forms in braces are names too
            let (head, forms) = match name.split_once('{') {
                Some((h, f)) => (h, f.split('}').next().unwrap_or("")),
                None => (name, ""),
            };
            let bare = forms.trim().is_empty() && name.contains('{');
            for name in std::iter::once(head).chain(forms.split_whitespace()) {
                let name = name
                    .trim()
                    .trim_end_matches('_')
                    .replace('_', " ")
                    .to_lowercase();
                for name in expand_sets(&name, &sets) {
                    if !name.is_empty() && !name.contains('!') {
                        if bare {
                            me.marks.no_plural.insert(name.clone());
                        }
                        me.max_agent_words = me.max_agent_words.max(name.split(' ').count());
                        me.agents.entry(name).or_insert(c.trim().to_string());
                    }
                }
            }
        }
        me.index_heads();
        me
    }

    fn head(w: &str) -> Option<[u8; 4]> {
        let b = w.as_bytes();
        (b.len() >= 4).then(|| [b[0], b[1], b[2], b[3]])
    }

    fn index_heads(&mut self) {
        let heads: Vec<[u8; 4]> = self
            .agents
            .keys()
            .filter_map(|k| Self::head(k.split(' ').next().unwrap_or("")))
            .collect();
        self.agent_heads.extend(heads);
        let short: Vec<String> = self
            .agents
            .keys()
            .filter_map(|k| {
                let (first, rest) = k.split_once(' ')?;
                (first.len() < 4
                    && !rest.is_empty()
                    && first.bytes().all(|c| c.is_ascii_alphabetic()))
                .then(|| first.to_string())
            })
            .collect();
        self.short_heads.extend(short);
    }

    /// Role and group words that no actor mention covers ("the rebels", "Judge X", "the
    /// opposition coalition"): `(first token, end token, sector codes)` for tokens `[a, b)`
    /// where `covered` is false. Words shorter than four letters are not agents here.
    pub(crate) fn bare_agents(
        &self,
        toks: &[Tok],
        covered: &[bool],
        a: usize,
        b: usize,
    ) -> Vec<(usize, usize, String)> {
        let mut out = Vec::new();
        let mut i = a;
        while i < b {
            let t = &toks[i];
            let short = t.lower.len() < 4 && self.short_heads.contains(&t.lower);
            if covered[i]
                || !t.is_word
                || (!short && Self::head(&t.lower).is_none_or(|h| !self.agent_heads.contains(&h)))
            {
                i += 1;
                continue;
            }
            let mut end = i;
            while end < b && end < i + self.max_agent_words && !covered[end] {
                end += 1;
            }
            match self
                .agent_at(toks, i, end)
                .filter(|(n, _)| !short || *n >= 2)
            {
                // a noun, not a modifier: what follows is punctuation, a function word, a
                // verb-like word or a name ("police opened fire", "Judge Rivera"), not another
                // noun ("naval exercises", "military aid")
                Some((n, sec))
                    if !sec.is_empty()
                        && ends_noun_phrase(toks, i + n)
                        && !after_locative(toks, i) =>
                {
                    // "former ministers": CAMEO's elites, out of office
                    let sec = if is_former(toks, i) { "ELI" } else { sec };
                    out.push((i, i + n, sec.to_string()));
                    i += n;
                }
                _ => i += 1,
            }
        }
        out
    }

    fn add_tsv(&mut self, actors: &str, agents: &str) {
        for line in actors.lines() {
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let (Some(p), Some(c), Some(k)) = (cols.next(), cols.next(), cols.next()) else {
                continue;
            };
            let (kind, surname) = kind_of(k);
            self.phrases
                .entry(p.to_string())
                .or_insert((c.to_string(), kind, surname));
            // "U.S.", "U.N.": the tokens leave the final dot out ("u.s" + ".")
            if let Some(short) = p.strip_suffix('.')
                && short.contains('.')
            {
                self.phrases
                    .entry(short.to_string())
                    .or_insert((c.to_string(), kind, surname));
            }
        }
        for line in agents.lines() {
            if line.starts_with('#') {
                continue;
            }
            if let Some((p, c)) = line.split_once('\t') {
                self.max_agent_words = self.max_agent_words.max(p.split(' ').count());
                self.agents.entry(p.to_string()).or_insert(c.to_string());
            }
        }
    }

    /// The agent (sector codes) spelled by tokens `[i, i+n)`, trying the longest first; a
    /// dictionary word matches as a prefix of the text's last word ("minist" → "ministers").
    pub(crate) fn agent_at(&self, toks: &[Tok], i: usize, end: usize) -> Option<(usize, &str)> {
        let mut key = String::new();
        for n in (1..=self.max_agent_words.min(end.saturating_sub(i))).rev() {
            if !toks[i..i + n].iter().all(|t| t.is_word) {
                continue;
            }
            key.clear();
            for (k, t) in toks[i..i + n].iter().enumerate() {
                // "people's" as the dictionaries spell it
                if k > 0 && t.lower != "'s" {
                    key.push(' ');
                }
                key.push_str(&t.lower);
            }
            if let Some(c) = self.agents.get(&key) {
                return Some((n, c));
            }
            let last = &toks[i + n - 1].lower;
            let base_len = key.len() - last.len();
            // regular plurals of the dictionary's singulars, as PETRARCH forms them
            // ("authorities" → "authority", "policemen" → "policeman")
            if let Some(c) = plural_singulars(last).find_map(|sing| {
                let mut k2 = String::with_capacity(key.len());
                k2.push_str(&key[..base_len]);
                k2.push_str(&sing);
                self.agents
                    .get(&k2)
                    .filter(|_| !self.marks.no_plural.contains(&k2))
            }) {
                return Some((n, c));
            }
            // prefix forms: strip trailing letters of the last word, down to a stem of the
            // dictionary ("minist" → "ministers", "ministry")
            for cut in 1..=last.len().saturating_sub(3).min(4) {
                // cutting inside a letter of several bytes ("café") is no prefix
                let Some(k2) = key.get(..base_len + last.len() - cut) else {
                    continue;
                };
                if (self.marks.all_stems || STEMS.contains(&&k2[base_len..]))
                    && !self.marks.no_plural.contains(k2)
                    && let Some(c) = self.agents.get(k2)
                {
                    return Some((n, c));
                }
            }
        }
        None
    }

    /// Actor mentions of `text` within `sentences` (all of it when empty). Mentions carry
    /// `country` and `actor_code`; `entity` is None.
    pub fn mentions(&self, text: &str, sentences: &[Span]) -> Vec<Mention> {
        let toks = tokenize(text);
        self.mentions_from_tokens(text, &toks, sentences)
    }

    pub(crate) fn mentions_from_tokens(
        &self,
        text: &str,
        toks: &[Tok],
        sentences: &[Span],
    ) -> Vec<Mention> {
        let mut out: Vec<Mention> = Vec::new();
        let mut key = String::with_capacity(64);
        let n = toks.len();
        let mut i = 0;
        let sent_end_of = |i: usize| -> usize {
            let c = toks[i].start;
            sentences
                .iter()
                .find(|s| s.start <= c && c < s.end)
                .map(|s| {
                    let mut j = i;
                    while j < n && toks[j].start < s.end {
                        j += 1;
                    }
                    j
                })
                .unwrap_or(n)
        };
        let mut cur_end = 0;
        // the token after the last mention made: an agent before "of/in <country>" starts
        // no earlier ("US troops in Iraq" are not Iraq's)
        let mut made_end = 0;
        // the sector of a role before "of/in" and a list of countries
        let mut listed: Option<String> = None;
        while i < n {
            if i >= cur_end {
                cur_end = if sentences.is_empty() {
                    n
                } else {
                    sent_end_of(i)
                };
                if cur_end <= i {
                    cur_end = i + 1;
                }
            }
            let t = &toks[i];
            if !t.is_word || !t.cap {
                i += 1;
                continue;
            }
            let mut hit: Option<(usize, &(String, MentionType, bool))> = None;
            let maxn = MAX_WORDS.min(cur_end - i);
            for len in (1..=maxn).rev() {
                if !toks[i..i + len].iter().all(|t| t.is_word) {
                    continue;
                }
                key.clear();
                for (k, t) in toks[i..i + len].iter().enumerate() {
                    // "people's" as the dictionaries spell it
                    if k > 0 && t.lower != "'s" {
                        key.push(' ');
                    }
                    key.push_str(&t.lower);
                }
                if let Some(v) = self.phrases.get(&key) {
                    hit = Some((len, v));
                    break;
                }
                // plural demonyms and names ("Palestinians")
                if key.ends_with('s')
                    && let Some(v) = self.phrases.get(&key[..key.len() - 1])
                    && v.1 == MentionType::Nationality
                {
                    hit = Some((len, v));
                    break;
                }
            }
            let Some((len, (code, kind, surname))) = hit else {
                i += 1;
                continue;
            };
            // a surname that is also a title or role word ("Secretary") is not a name here
            if *surname
                && (self.agents.contains_key(&toks[i].lower)
                    || self.agent_at(toks, i, i + 1).is_some())
            {
                i += 1;
                continue;
            }
            let mut s = i;
            let mut e = i + len;
            let mut code = code.clone();
            let mut kind = *kind;
            // "MSF Arnor": a prefix agent right before a country
            let prefix = (kind == MentionType::Country
                && code.len() == 3
                && i > made_end
                && !self.marks.prefixes.is_empty())
            .then(|| self.marks.prefixes.get(&toks[i - 1].lower))
            .flatten();
            // "Egyptian defense minister", "Egypt's foreign ministry"
            if matches!(
                kind,
                MentionType::Country | MentionType::Nationality | MentionType::City
            ) {
                let mut j = e;
                if j < cur_end && toks[j].lower == "'s" {
                    j += 1;
                }
                // "Arnor former security officials"
                if j + 1 < cur_end && matches!(toks[j].lower.as_str(), "former" | "ex") {
                    j += 1;
                }
                if let Some((an, sec)) = (j < cur_end)
                    .then(|| self.agent_at(toks, j, cur_end))
                    .flatten()
                    && code.len() == 3
                {
                    code.push_str(sec);
                    e = j + an;
                    kind = if sec.starts_with("GOV") || sec == "MIL" {
                        MentionType::Org
                    } else {
                        kind
                    };
                }
            }
            // "President Mugabe", "Foreign Minister X": a title before a person keeps the
            // person's code; "the defense minister of Egypt", "lawmakers in Fornost"
            if kind == MentionType::Country
                && i >= 2
                && matches!(toks[i - 1].lower.as_str(), "of" | "in")
            {
                // the longest agent ending there ("human rights activists", not "rights
                // activists")
                let mut k = i - 1;
                let mut best: Option<(usize, &str)> = None;
                while k > made_end && i - k < 5 {
                    k -= 1;
                    if let Some((an, sec)) = self.agent_at(toks, k, i - 1)
                        && k + an == i - 1
                    {
                        best = Some((k, sec));
                    }
                }
                if let Some((k, sec)) = best
                    && code.len() == 3
                {
                    code.push_str(sec);
                    s = k;
                    kind = MentionType::Org;
                    listed = Some(sec.to_string());
                } else {
                    listed = None;
                }
            } else if kind == MentionType::Country
                && code.len() == 3
                && let Some(sec) = listed.as_deref()
                && made_end + 2 >= i
                && (made_end..i).all(|k| matches!(toks[k].lower.as_str(), "," | "and"))
            {
                // "the ambassadors of Arnor, Osgiliath and Gondor", "lawmakers in Fornost
                // and Gondor": the role goes with every country of the list
                code.push_str(sec);
                kind = MentionType::Org;
            } else {
                listed = None;
            }
            // "European Community foreign ministers", "UN peacekeepers": the group noun after
            // an international organisation is that organisation's, a mention of its own (the
            // entity module names the organisation; the group noun would otherwise take the
            // country of the nearest actor)
            let transnational = code
                .get(..3)
                .is_some_and(|r| attache_model::actor::TRANSNATIONAL_ROOTS.contains(&r));
            let group = if transnational
                && e < cur_end
                && let Some((an, sec)) = self.agent_at(toks, e, cur_end)
                && !sec.is_empty()
                && ends_noun_phrase(toks, e + an)
            {
                Some((
                    an,
                    Mention {
                        start: toks[e].start,
                        end: toks[e + an - 1].end,
                        text: text[toks[e].bstart..toks[e + an - 1].bend].to_string(),
                        kind: MentionType::Org,
                        entity: None,
                        country: None,
                        actor_code: Some(format!("{code}{sec}")),
                    },
                ))
            } else {
                None
            };
            // "Arnor former security officials", "former Gondor prosecutors": elites, out of
            // office
            if code.len() > 3
                && !transnational
                && (is_former(toks, s) || (s + 1..e).any(|k| is_former(toks, k)))
            {
                code.truncate(3);
                code.push_str("ELI");
            }
            let country = code.get(..3).filter(|_| !transnational).map(str::to_string);
            if let Some(p) = prefix {
                code.insert_str(0, p);
                s = s.min(i - 1);
                kind = MentionType::Org;
            }
            out.push(Mention {
                start: toks[s].start,
                end: toks[e - 1].end,
                text: text[toks[s].bstart..toks[e - 1].bend].to_string(),
                kind,
                entity: None,
                country,
                actor_code: Some(code),
            });
            if let Some((an, g)) = group {
                i = e + an;
                made_end = i;
                out.push(g);
                continue;
            }
            i = e;
            made_end = e;
        }
        titled_names(text, toks, out)
    }
}

/// `name` with each substitution-set marker ("!minst! of silly walks", "congress!person!")
/// replaced by each form of its set, as PETRARCH expands them; a name with an unknown marker
/// is left as it is (and dropped by the caller).
fn expand_sets(name: &str, sets: &HashMap<String, Vec<String>>) -> Vec<String> {
    let mut out = vec![name.to_string()];
    // a bounded number of markers a name
    for _ in 0..4 {
        let mut next = Vec::with_capacity(out.len());
        let mut changed = false;
        for n in out {
            let marker = n
                .find('!')
                .and_then(|a| n[a + 1..].find('!').map(|b| n[a..a + b + 2].to_string()));
            match marker.as_deref().and_then(|m| sets.get(m).map(|f| (m, f))) {
                Some((m, forms)) => {
                    changed = true;
                    next.extend(forms.iter().map(|f| n.replacen(m, f, 1)));
                }
                None => next.push(n),
            }
        }
        out = next;
        if !changed || out.len() > 256 {
            break;
        }
    }
    out
}

/// "Bree Prime Minister Romendacil", "Egyptian President Sisi": a country's role mention
/// ("Bree Prime Minister" → BREGOV) right before a name of the same country is one mention
/// with it, coded as the name when the name has a sector of its own, else as the role.
fn titled_names(text: &str, toks: &[Tok], mentions: Vec<Mention>) -> Vec<Mention> {
    let tok_at = |c: usize| toks.partition_point(|t| t.end <= c);
    let mut out: Vec<Mention> = Vec::with_capacity(mentions.len());
    for m in mentions {
        if let Some(prev) = out.last_mut()
            && let (Some(pc), Some(mc)) = (prev.actor_code.as_deref(), m.actor_code.as_deref())
            && pc.len() > 3
            && prev.kind != MentionType::Person
            && mc.len() >= 3
            && let Some(root) = pc.get(..3)
            && mc.get(..3) == Some(root)
            && !attache_model::actor::TRANSNATIONAL_ROOTS.contains(&root)
            && matches!(m.kind, MentionType::Person | MentionType::Country)
            && tok_at(m.start) == tok_at(prev.end.saturating_sub(1)) + 1
            && toks
                .get(tok_at(m.start))
                .is_some_and(|t| t.is_word && t.cap)
        {
            let code = if mc.len() > 3 { mc } else { pc }.to_string();
            let (b0, b1) = (
                toks[tok_at(prev.start)].bstart,
                toks[tok_at(m.end - 1)].bend,
            );
            prev.end = m.end;
            prev.text = text[b0..b1].to_string();
            prev.actor_code = Some(code);
            prev.kind = MentionType::Person;
            continue;
        }
        out.push(m);
    }
    out
}

/// Legacy CAMEO and retired country codes and the current ISO 3166-1 alpha-3 code news coded
/// today gets (the PLOVER gold records use current codes): renamed codes one to one, a
/// dissolved state its continuing successor. The same table as `LEGACY` in
/// `data/events/convert.py`, which applies it to the fallback dictionary.
pub const LEGACY_CODES: &[(&str, &str)] = &[
    ("TMP", "TLS"),
    ("ANG", "AGO"),
    ("ROM", "ROU"),
    ("ZAR", "COD"),
    ("BUR", "MMR"),
    ("SUN", "RUS"),
    ("YUG", "SRB"),
    ("SCG", "SRB"),
    ("CSK", "CZE"),
    ("DDR", "DEU"),
    ("GMW", "DEU"),
];

/// `mentions` with legacy country roots of their actor codes and countries rewritten to the
/// current ISO alpha-3 code ([`LEGACY_CODES`]: "East Timor" TMP → TLS, UNITA ANGREB → AGOREB),
/// sectors kept; None when none has one.
pub fn current_codes(mentions: &[Mention]) -> Option<Vec<Mention>> {
    let current = |c: &str| -> Option<String> {
        let root = c.get(..3)?;
        let (_, new) = LEGACY_CODES.iter().find(|(old, _)| *old == root)?;
        Some(format!("{new}{}", &c[3..]))
    };
    let legacy = |m: &Mention| {
        m.actor_code.as_deref().and_then(current).is_some()
            || m.country.as_deref().and_then(current).is_some()
    };
    if !mentions.iter().any(legacy) {
        return None;
    }
    Some(
        mentions
            .iter()
            .map(|m| {
                let mut m = m.clone();
                if let Some(c) = m.actor_code.as_deref().and_then(current) {
                    m.actor_code = Some(c);
                }
                if let Some(c) = m.country.as_deref().and_then(current) {
                    m.country = Some(c);
                }
                m
            })
            .collect(),
    )
}

/// Nouns that make a demonym before them an ethnic group ("the Albanian minority", "the
/// Turkish community in Germany").
const PEOPLE_NOUNS: &[&str] = &[
    "minority",
    "minorities",
    "population",
    "populations",
    "community",
    "communities",
    "majority",
];

/// Words of direction or region between "in/of" and a country ("in south Serbia", "of
/// southern Serbia", "in the northeast of").
const DIRECTIONS: &[&str] = &[
    "north",
    "south",
    "east",
    "west",
    "northern",
    "southern",
    "eastern",
    "western",
    "central",
    "northeast",
    "northwest",
    "southeast",
    "southwest",
    "northeastern",
    "northwestern",
    "southeastern",
    "southwestern",
    "north-east",
    "north-west",
    "south-east",
    "south-west",
    "north-eastern",
    "north-western",
    "south-eastern",
    "south-western",
    "neighbouring",
    "neighboring",
];

impl FallbackActors {
    /// CAMEO's convention for ethnic and national groups living in another country: they are
    /// coded by the country they live in when the sentence says which ("ethnic Albanians in south
    /// Serbia", "The Albanians of southern Serbia" → SRB; "Bosnian Serbs" → BIH; "ethnic Turks
    /// began a hunger strike to protest against Sweden's decision" → SWE), their ethnicity being
    /// only an attribute (the PLOVER gold records code them `SRB` with sector `CVLalb`).
    ///
    /// A nationality mention is such a group when
    /// - "ethnic" stands right before it, or a people noun after it ("the Albanian minority",
    ///   "the Albanian population of the province"): it lives in the country named after "in/of" right
    ///   behind it (or behind the group noun after it: "ethnic Albanian guerrillas operating in
    ///   Macedonia"), else in the first other country the sentence names after it, else the last
    ///   one before it;
    /// - it is a plural ("Albanians", "Serbs") followed by "of", an optional "the" and direction word ("south…"), and a place
    ///   ("The Albanians of southern Serbia"; not "in": "Americans in Iraq" are citizens
    ///   abroad, coded by their own country);
    /// - it is a plural right after another country's demonym or name ("Bosnian Serbs", "Iraqi
    ///   Kurds").
    ///
    /// Returns `mentions` with those groups given the country (and the code's root) they live in,
    /// or None when there is none. A group followed by "of/in" and its place is one mention
    /// with it ("The Albanians of southern Serbia"). Offsets are chars into `text`, as in the
    /// mentions.
    pub fn ethnic_residents(
        &self,
        text: &str,
        sentences: &[Span],
        mentions: &[Mention],
    ) -> Option<Vec<Mention>> {
        self.ethnic_residents_in(text, &tokenize(text), sentences, mentions)
    }

    /// Whether `w` (lower case) names a people: a nationality of the dictionary or its plural.
    fn is_people(&self, w: &str) -> bool {
        let nat = |w: &str| {
            self.phrases
                .get(w)
                .is_some_and(|v| v.1 == MentionType::Nationality)
        };
        nat(w) || w.strip_suffix('s').is_some_and(nat)
    }

    /// People the entity module codes by a cue of the sentence (a title and the nearest
    /// demonym: "A group of Moroccan diplomats met President Obama" → MARGOV) take the code of
    /// the dictionary person they name when that is another country's: the person's full name
    /// as the mention spells it, or a lone surname only one country's people in the dictionary
    /// bear ("Obama", "Reagan" → USAGOV). Only names of capitalised words count ("the
    /// president" is a role); the surname of a fuller name the dictionary does not know is
    /// not used ("Lawrence Tucker"). A person the entity module leaves uncoded takes the code
    /// of a person the dictionary lists by that very name ("Putin offered to negotiate" →
    /// RUSGOV), never of a mere surname ("Howard", "Kennedy": many countries' people). People
    /// the dictionary does not know keep their code. None when none changes.
    pub fn known_people(&self, mentions: &[Mention]) -> Option<Vec<Mention>> {
        let mut out: Option<Vec<Mention>> = None;
        for (k, m) in mentions.iter().enumerate() {
            if m.kind != MentionType::Person {
                continue;
            }
            // uncoded: the entity module found a person it could not place
            let code = m.actor_code.as_deref().unwrap_or("");
            // a name: capitalised words ("the president" is a role, not a name)
            if !m
                .text
                .split_whitespace()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            {
                continue;
            }
            let key = m.text.to_lowercase();
            let key = key.trim_end_matches("'s").trim_end_matches('’');
            // the full name, or a lone surname ("Obama"); the surname of a fuller name the
            // dictionary does not know is someone else's ("Lawrence Tucker")
            let found = self.phrases.get(key).filter(|v| {
                v.1 == MentionType::Person
                    // a surname the dictionary's people share ("Howard", "Kennedy") only
                    // corrects a guessed code; it does not code a person of its own
                    && (!v.2 || (!key.contains(' ') && !code.is_empty()))
            });
            let Some((d, _, _)) = found else {
                continue;
            };
            if d.len() < 3 || code.get(..3) == d.get(..3) {
                continue;
            }
            let Some(root) = d.get(..3) else {
                continue;
            };
            let transnational = attache_model::actor::TRANSNATIONAL_ROOTS.contains(&root);
            let v = out.get_or_insert_with(|| mentions.to_vec());
            v[k].actor_code = Some(d.clone());
            v[k].country = (!transnational).then(|| root.to_string());
        }
        out
    }

    /// [`FallbackActors::ethnic_residents`] over the tokens of `text`.
    pub(crate) fn ethnic_residents_in(
        &self,
        text: &str,
        toks: &[Tok],
        sentences: &[Span],
        mentions: &[Mention],
    ) -> Option<Vec<Mention>> {
        let tok_at = |c: usize| toks.partition_point(|t| t.end <= c);
        // the sentence of a char offset (sentences are in text order); one for all when none
        let sent_of = |c: usize| {
            let k = sentences.partition_point(|s| s.end <= c);
            if sentences.get(k).is_some_and(|s| s.start <= c) {
                k
            } else if sentences.is_empty() {
                0
            } else {
                usize::MAX
            }
        };
        let span = |m: &Mention| {
            let t0 = tok_at(m.start);
            let mut t1 = t0;
            while t1 < toks.len() && toks[t1].start < m.end {
                t1 += 1;
            }
            (t0, t1)
        };
        let is_place = |m: &Mention| {
            matches!(
                m.kind,
                MentionType::Country | MentionType::Location | MentionType::City
            ) && m.country.is_some()
        };
        let mut out: Vec<Mention> = mentions.to_vec();
        let mut changed = false;
        let mut drop: Vec<usize> = Vec::new();
        for (gi, g) in mentions.iter().enumerate() {
            let Some(own) = g.country.as_deref() else {
                continue;
            };
            if !matches!(g.kind, MentionType::Nationality | MentionType::Country) {
                continue;
            }
            let (t0, t1) = span(g);
            if t1 <= t0 || !self.is_people(&toks[t1 - 1].lower) {
                continue;
            }
            // "ethnic Albanians", "the Albanian minority", "the Albanian population of …"
            let ethnic = (t0 > 0 && toks[t0 - 1].lower == "ethnic")
                || toks[t0].lower == "ethnic"
                || toks
                    .get(t1)
                    .is_some_and(|t| PEOPLE_NOUNS.contains(&t.lower.as_str()));
            let last = &toks[t1 - 1].lower;
            let plural = last.len() > 3 && last.ends_with('s') && !last.ends_with("ss");
            if !ethnic && !plural {
                continue;
            }
            let sent = sent_of(g.start);
            let others = || {
                mentions.iter().enumerate().filter(move |(k, m)| {
                    *k != gi
                        && sent_of(m.start) == sent
                        && m.country.as_deref().is_some_and(|c| c != own)
                })
            };
            // the place after "of" (or "in" when `within`) [the] [south…] at token k
            let place_after = |k: usize, within: bool| -> Option<(usize, &Mention)> {
                let mut j = k;
                if !toks
                    .get(j)
                    .is_some_and(|t| t.lower == "of" || (within && t.lower == "in"))
                {
                    return None;
                }
                j += 1;
                if toks.get(j).is_some_and(|t| t.lower == "the") {
                    j += 1;
                }
                while toks
                    .get(j)
                    .is_some_and(|t| DIRECTIONS.contains(&t.lower.as_str()))
                {
                    j += 1;
                }
                others().find(|(_, m)| is_place(m) && span(m).0 == j)
            };
            let mut home: Option<&Mention> = None;
            // the place right behind the group, merged into it
            let mut merge: Option<usize> = None;
            if plural {
                // "Bosnian Serbs", "Iraqi Kurds"
                home = others().map(|(_, m)| m).find(|m| {
                    matches!(m.kind, MentionType::Nationality | MentionType::Country)
                        && span(m).1 == t0
                });
                if home.is_none()
                    && let Some((k, m)) = place_after(t1, false)
                {
                    home = Some(m);
                    merge = Some(k);
                }
            }
            if home.is_none() && ethnic {
                if let Some((k, m)) = place_after(t1, true) {
                    home = Some(m);
                    merge = Some(k);
                } else {
                    // behind the group noun after it: "ethnic Albanian guerrillas operating in X"
                    let mut k = t1;
                    while k < toks.len() && k < t1 + 3 && toks[k].is_word && !toks[k].cap {
                        if let Some((_, m)) = place_after(k, true) {
                            home = Some(m);
                            break;
                        }
                        k += 1;
                    }
                }
                if home.is_none() {
                    let countries: Vec<&Mention> = others()
                        .map(|(_, m)| m)
                        .filter(|m| m.kind == MentionType::Country)
                        .collect();
                    // the first after it in the same stretch of text (no comma between:
                    // "ethnic Turks began a hunger strike to protest against Sweden's
                    // decision"), else the last before it, else the first after it
                    let unbroken = |m: &Mention| {
                        let (m0, _) = span(m);
                        (t1..m0).all(|k| !matches!(toks[k].lower.as_str(), "," | ";" | ":"))
                    };
                    let after = countries.iter().find(|m| m.start >= g.end);
                    home = after
                        .filter(|m| unbroken(m))
                        .or_else(|| countries.iter().rev().find(|m| m.end <= g.start))
                        .or(after)
                        .copied();
                }
            }
            let Some(country) = home.and_then(|h| h.country.clone()) else {
                continue;
            };
            let m = &mut out[gi];
            m.actor_code = Some(match m.actor_code.as_deref() {
                Some(c) if c.len() > 3 && c.is_char_boundary(3) => format!("{country}{}", &c[3..]),
                // civilians of that country (a group of people, not its state)
                _ => format!("{country}CVL"),
            });
            m.country = Some(country);
            m.kind = MentionType::Nationality;
            if let Some(k) = merge {
                let end = mentions[k].end;
                let (_, e1) = span(&mentions[k]);
                if e1 > t0 {
                    m.text = text[toks[t0].bstart..toks[e1 - 1].bend].to_string();
                    m.end = end;
                    drop.push(k);
                }
            }
            changed = true;
        }
        if !changed {
            return None;
        }
        let out = out
            .into_iter()
            .enumerate()
            .filter(|(k, _)| !drop.contains(k))
            .map(|(_, m)| m)
            .collect();
        Some(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn codes(text: &str) -> Vec<(String, Option<String>)> {
        FallbackActors::new()
            .mentions(text, &[])
            .into_iter()
            .map(|m| (m.text, m.actor_code))
            .collect()
    }

    #[test]
    fn a_group_noun_after_an_igo_is_the_igos() {
        let m = codes("European Community foreign ministers agreed on Saturday.");
        assert!(
            m.iter().any(|(t, c)| t == "foreign ministers"
                && c.as_deref().is_some_and(|c| c.starts_with("IGO"))),
            "{m:?}"
        );
        let m = codes("Eighty UN peacekeepers were shipped out of the enclave.");
        assert!(
            m.iter()
                .any(|(t, c)| t == "UN" && c.as_deref() == Some("IGOUNO")),
            "{m:?}"
        );
        assert!(
            m.iter()
                .any(|(t, c)| t == "peacekeepers"
                    && c.as_deref().is_some_and(|c| c.starts_with("IGO"))),
            "{m:?}"
        );
    }

    #[test]
    fn group_nouns_and_short_headed_agents_are_agents() {
        let f = FallbackActors::new();
        let text =
            "Doctors from two American aid groups donated goods, and French forces attacked.";
        let toks = tokenize(text);
        let covered: Vec<bool> = toks
            .iter()
            .map(|t| t.lower == "american" || t.lower == "french")
            .collect();
        let found: Vec<String> = f
            .bare_agents(&toks, &covered, 0, toks.len())
            .into_iter()
            .map(|(a, b, sec)| {
                let words: Vec<&str> = toks[a..b].iter().map(|t| t.lower.as_str()).collect();
                format!("{}={sec}", words.join(" "))
            })
            .collect();
        for want in ["doctors=HLH", "aid groups=NGO", "forces=MIL"] {
            assert!(
                found.iter().any(|f| f.starts_with(want)),
                "{want} in {found:?}"
            );
        }
        // a short word alone is no agent
        let toks = tokenize("The aid arrived.");
        let covered = vec![false; toks.len()];
        assert!(f.bare_agents(&toks, &covered, 0, toks.len()).is_empty());
    }
}

#[cfg(test)]
mod actor_tests {
    use super::*;

    fn mention(text: &str, full: &str, kind: MentionType, code: &str) -> Mention {
        let start_b = full.find(text).expect("mention text in the sentence");
        let start = full[..start_b].chars().count();
        Mention {
            start,
            end: start + text.chars().count(),
            text: text.to_string(),
            kind,
            entity: None,
            country: Some(code[..3].to_string()),
            actor_code: Some(code.to_string()),
        }
    }

    fn agents_of(f: &FallbackActors, text: &str, covered_words: &[&str]) -> Vec<String> {
        let toks = tokenize(text);
        let covered: Vec<bool> = toks
            .iter()
            .map(|t| covered_words.contains(&t.lower.as_str()))
            .collect();
        f.bare_agents(&toks, &covered, 0, toks.len())
            .into_iter()
            .map(|(a, b, sec)| {
                let words: Vec<&str> = toks[a..b].iter().map(|t| t.lower.as_str()).collect();
                format!("{}={sec}", words.join(" "))
            })
            .collect()
    }

    #[test]
    fn agent_plurals_are_matched() {
        let f = FallbackActors::new();
        let found = agents_of(
            &f,
            "Nigerian authorities jailed 52 members, and policemen and elders watched.",
            &["nigerian"],
        );
        for want in ["authorities=GOV", "policemen=COP", "elders=CVL"] {
            assert!(found.iter().any(|f| f == want), "{want} in {found:?}");
        }
        // "-ss" is no plural, and short words are never cut
        let found = agents_of(&f, "The press gathered.", &[]);
        assert!(!found.iter().any(|f| f.starts_with("pres")), "{found:?}");
    }

    #[test]
    fn group_nouns_before_a_preposition_are_agents() {
        let f = FallbackActors::new();
        let found = agents_of(
            &f,
            "Croatia is investigating crimes by Croatian extremists against Serb civilians.",
            &["croatia", "croatian", "serb"],
        );
        assert!(found.iter().any(|f| f == "extremists=RAD"), "{found:?}");
        let found = agents_of(
            &f,
            "Opposition groups in Zimbabwe are demanding reforms.",
            &["zimbabwe"],
        );
        assert!(
            found.iter().any(|f| f == "opposition groups=OPP"),
            "{found:?}"
        );
        // out of office: elites
        let found = agents_of(&f, "The former ministers protested.", &[]);
        assert_eq!(found, vec!["ministers=ELI".to_string()]);
        let m = f.mentions(
            "Egyptian former ministers and former Iraqi generals met.",
            &[],
        );
        let codes: Vec<&str> = m.iter().filter_map(|m| m.actor_code.as_deref()).collect();
        assert_eq!(codes, vec!["EGYELI", "IRQELI"], "{m:?}");
        // a venue after "in/at" is no agent
        let found = agents_of(&f, "He risked 12 years in prison, the police said.", &[]);
        assert_eq!(found, vec!["police=COP".to_string()]);
        // a modifier of another noun is no agent ("student housing")
        let found = agents_of(&f, "The student housing burned.", &[]);
        assert!(found.is_empty(), "{found:?}");
    }

    #[test]
    fn ethnic_groups_take_the_country_they_live_in() {
        let f = FallbackActors::new();
        let code_of = |text: &str, ms: Vec<Mention>, who: &str| -> Option<String> {
            let out = f
                .ethnic_residents(text, &[], &ms)
                .unwrap_or_else(|| ms.clone());
            out.into_iter()
                .find(|m| m.text.starts_with(who))
                .and_then(|m| m.actor_code)
        };
        let t = "Up to 100 ethnic Albanians demonstrated on Tuesday in Serbia.";
        let ms = vec![
            mention("Albanians", t, MentionType::Nationality, "ALB"),
            mention("Serbia", t, MentionType::Country, "SRB"),
        ];
        assert_eq!(code_of(t, ms, "Albanians").as_deref(), Some("SRBCVL"));

        // "of southern X" right behind: one mention with its place
        let t = "The Albanians of southern Serbia are demanding autonomy from Serbian authorities.";
        let ms = vec![
            mention("Albanians", t, MentionType::Nationality, "ALB"),
            mention("Serbia", t, MentionType::Country, "SRB"),
            mention("Serbian", t, MentionType::Nationality, "SRB"),
        ];
        let out = f.ethnic_residents(t, &[], &ms).expect("recoded");
        assert_eq!(out.len(), 2, "{out:?}");
        assert_eq!(out[0].text, "Albanians of southern Serbia");
        assert_eq!(out[0].country.as_deref(), Some("SRB"));

        // a demonym right before a people: "Bosnian Serbs"
        let t = "Bosnian Serbs demanded a truce.";
        let ms = vec![
            mention("Bosnian", t, MentionType::Nationality, "BIH"),
            mention("Serbs", t, MentionType::Country, "SRB"),
        ];
        assert_eq!(code_of(t, ms, "Serbs").as_deref(), Some("BIHCVL"));

        // a people with no other country in its sentence, or not named as a group, keeps its
        // own code
        let t = "Albanians demonstrated on Tuesday.";
        let ms = vec![mention("Albanians", t, MentionType::Nationality, "ALB")];
        assert!(f.ethnic_residents(t, &[], &ms).is_none());
        let t = "Albanian troops entered Serbia.";
        let ms = vec![
            mention("Albanian", t, MentionType::Nationality, "ALB"),
            mention("Serbia", t, MentionType::Country, "SRB"),
        ];
        assert!(f.ethnic_residents(t, &[], &ms).is_none());
        // a demonym before a people noun is an ethnic group; a country after a comma is
        // another clause's ("according to the US government")
        let t = "Serb forces cleansed Montenegro of the Albanian population of the province, \
                 according to the US government.";
        let ms = vec![
            mention("Serb", t, MentionType::Country, "SRB"),
            mention("Montenegro", t, MentionType::Country, "MNE"),
            mention("Albanian", t, MentionType::Nationality, "ALB"),
            mention("US", t, MentionType::Country, "USA"),
        ];
        assert_eq!(code_of(t, ms, "Albanian").as_deref(), Some("MNECVL"));

        // citizens abroad keep their country
        let t = "Americans in Iraq were attacked.";
        let ms = vec![
            mention("Americans", t, MentionType::Nationality, "USA"),
            mention("Iraq", t, MentionType::Country, "IRQ"),
        ];
        assert!(f.ethnic_residents(t, &[], &ms).is_none());
        // a country whose name ends in -s is no people
        let t = "The Netherlands of Japan";
        let ms = vec![
            mention("Netherlands", t, MentionType::Country, "NLD"),
            mention("Japan", t, MentionType::Country, "JPN"),
        ];
        assert!(f.ethnic_residents(t, &[], &ms).is_none());
    }

    #[test]
    fn a_role_before_of_or_in_a_country_is_that_countrys() {
        let f = FallbackActors::new();
        let m: Vec<(String, Option<String>)> = f
            .mentions("Lawmakers in Egypt met US troops in Iraq.", &[])
            .into_iter()
            .map(|m| (m.text, m.actor_code))
            .collect();
        let want = [
            ("Lawmakers in Egypt", "EGYLEG"),
            ("US troops", "USAMIL"),
            ("Iraq", "IRQ"),
        ];
        assert_eq!(m.len(), want.len(), "{m:?}");
        for ((t, c), (wt, wc)) in m.iter().zip(want) {
            assert_eq!((t.as_str(), c.as_deref()), (wt, Some(wc)));
        }
        // a role before a list of countries goes with each
        let m: Vec<(String, Option<String>)> = f
            .mentions(
                "The ambassadors of France, Germany and Italy met Egypt.",
                &[],
            )
            .into_iter()
            .map(|m| (m.text, m.actor_code))
            .collect();
        let want = [
            ("ambassadors of France", "FRAGOV"),
            ("Germany", "DEUGOV"),
            ("Italy", "ITAGOV"),
            ("Egypt", "EGY"),
        ];
        assert_eq!(m.len(), want.len(), "{m:?}");
        for ((t, c), (wt, wc)) in m.iter().zip(want) {
            assert_eq!((t.as_str(), c.as_deref()), (wt, Some(wc)));
        }
    }

    #[test]
    fn a_role_and_the_name_after_it_are_one_mention() {
        let f = FallbackActors::from_phoenix(
            "BREE [BRE]\nROMENDACIL [BRE]\nGONDOR [GON]\n",
            "PRIME_MINISTER [~GOV]\nPOLICE {} [ ~COP]\nGOLDEN_GOOSE {GOLDEN_GEESE} [~GGS]\n",
        );
        let m: Vec<(String, Option<String>)> = f
            .mentions(
                "Bree Prime Minister Romendacil met Gondor police and Gondor golden geese.",
                &[],
            )
            .into_iter()
            .map(|m| (m.text, m.actor_code))
            .collect();
        let want = [
            ("Bree Prime Minister Romendacil", "BREGOV"),
            ("Gondor police", "GONCOP"),
            ("Gondor golden geese", "GONGGS"),
        ];
        assert_eq!(m.len(), want.len(), "{m:?}");
        for ((t, c), (wt, wc)) in m.iter().zip(want) {
            assert_eq!((t.as_str(), c.as_deref()), (wt, Some(wc)));
        }
    }

    #[test]
    fn a_known_person_keeps_his_country() {
        let f = FallbackActors::new();
        let t = "A group of Moroccan diplomats met President Obama.";
        let ms = vec![
            mention("Moroccan", t, MentionType::Nationality, "MAR"),
            mention("Obama", t, MentionType::Person, "MARGOV"),
        ];
        let out = f.known_people(&ms).expect("Obama recoded");
        assert_eq!(out[1].actor_code.as_deref(), Some("USAGOV"));
        assert_eq!(out[1].country.as_deref(), Some("USA"));
        // roles, unknown people and surnames inside unknown full names are kept
        let t = "the president met Lawrence Tucker and Jane Qwertyuiop.";
        let ms = vec![
            mention("the president", t, MentionType::Person, "INDGOV"),
            mention("Lawrence Tucker", t, MentionType::Person, "USA"),
            mention("Jane Qwertyuiop", t, MentionType::Person, "GBR"),
        ];
        assert!(f.known_people(&ms).is_none());
        // an uncoded person the dictionary knows
        let t = "Putin offered to negotiate.";
        let mut m = mention("Putin", t, MentionType::Person, "XXX");
        m.actor_code = None;
        m.country = None;
        let out = f.known_people(&[m.clone()]).expect("Putin coded");
        assert_eq!(out[0].country.as_deref(), Some("RUS"));
        // an uncoded lone surname is left alone
        let t = "Kennedy spoke.";
        let mut m = mention("Kennedy", t, MentionType::Person, "XXX");
        m.actor_code = None;
        m.country = None;
        assert!(f.known_people(&[m]).is_none());
    }

    #[test]
    fn odd_mentions_do_not_panic() {
        let f = FallbackActors::new();
        let t = "Les Albanais d’Ünïcödé of Serbia ✓ ethnic Serbs";
        let odd = |start: usize, end: usize, code: &str| Mention {
            start,
            end,
            text: "x".into(),
            kind: MentionType::Nationality,
            entity: None,
            country: code.get(..3).map(str::to_string),
            actor_code: Some(code.to_string()),
        };
        let ms = vec![
            odd(0, 0, "ALB"),
            odd(500, 600, "SRB"),
            odd(40, 30, "S"),
            odd(4, 11, "ÜÜÜÜ"),
            mention("Serbia", t, MentionType::Country, "SRB"),
            mention("Serbs", t, MentionType::Nationality, "SRB"),
        ];
        let _ = f.ethnic_residents(t, &[], &ms);
        let _ = f.ethnic_residents("", &[Span { start: 5, end: 2 }], &ms);
        let _ = f.known_people(&ms);
        let _ = current_codes(&ms);
        let _ = f.mentions(t, &[Span { start: 3, end: 1 }]);
        // a role word cut inside a letter of several bytes
        let _ = f.mentions("Egyptian café owners protested in Égypte’s capital.", &[]);
        // codes of several-byte letters in a dictionary
        let g = FallbackActors::from_phoenix(
            "ÄRNÖR [ÄÖÜ]\nGONDÖR [ÖÖ]\nSAMÜ [ÄÖÜGOV]\n",
            "PRÉSIDENT [~GÖV]\n",
        );
        let m = g.mentions("Ärnör président Samü met Gondör in Ärnör.", &[]);
        let _ = g.known_people(&m);
        let _ = current_codes(&m);
        let _ = g.ethnic_residents("Ärnör président Samü met Gondör in Ärnör.", &[], &m);
        let long = "ethnic Albanians of Serbia, ".repeat(2000);
        let m = f.mentions(&long, &[]);
        assert!(f.ethnic_residents(&long, &[], &m).is_some());
    }

    #[test]
    fn legacy_codes_become_current_iso_codes() {
        let t = "UNITA rejected a call for peacekeepers in East Timor.";
        let ms = vec![
            mention("UNITA", t, MentionType::Org, "ANGREB"),
            mention("East Timor", t, MentionType::Country, "TMP"),
        ];
        let out = current_codes(&ms).expect("recoded");
        assert_eq!(out[0].actor_code.as_deref(), Some("AGOREB"));
        assert_eq!(out[1].actor_code.as_deref(), Some("TLS"));
        assert_eq!(out[1].country.as_deref(), Some("TLS"));
        let ms = vec![mention("Angola", "Angola", MentionType::Country, "AGO")];
        assert!(current_codes(&ms).is_none());
        // "U.S." and "U.N." as the tokens spell them
        let f0 = FallbackActors::new();
        let m = f0.mentions("U.S. officials met U.N. envoys.", &[]);
        let codes: Vec<&str> = m.iter().filter_map(|m| m.actor_code.as_deref()).collect();
        assert!(codes.contains(&"USA") && codes.contains(&"IGOUNO"), "{m:?}");
        // the dictionary itself carries current codes
        let f = FallbackActors::new();
        let m = f.mentions("Troops arrived in East Timor and Czechoslovakia.", &[]);
        let codes: Vec<&str> = m.iter().filter_map(|m| m.actor_code.as_deref()).collect();
        assert!(
            codes.contains(&"TLS") && codes.contains(&"CZE"),
            "{codes:?}"
        );
    }

    #[test]
    fn short_names_of_countries_and_groups() {
        let m = FallbackActors::new()
            .mentions("He mediated between the Emirates and Saudi Arabia.", &[]);
        assert!(
            m.iter()
                .any(|m| m.text == "Emirates" && m.actor_code.as_deref() == Some("ARE")),
            "{m:?}"
        );
        // an armed group by the short name news gives it
        let m = FallbackActors::new().mentions("A statement by the Liberation Tigers.", &[]);
        assert!(
            m.iter().any(
                |m| m.text == "Liberation Tigers" && m.actor_code.as_deref() == Some("LKAREB")
            ),
            "{m:?}"
        );
    }

    #[test]
    fn a_prefix_agent_goes_before_the_country() {
        let f = FallbackActors::from_phoenix(
            "ARNOR [ARN]\nGONDOR [GON]\n",
            "MSF {}  [NGO~]\nDIPLOMAT [~GOV]\n",
        );
        let codes = |text: &str| -> Vec<(String, Option<String>, Option<String>)> {
            f.mentions(text, &[])
                .into_iter()
                .map(|m| (m.text, m.actor_code, m.country))
                .collect()
        };
        let m = codes("MSF Arnor met Gondor.");
        assert_eq!(
            m[0],
            (
                "MSF Arnor".into(),
                Some("NGOARN".into()),
                Some("ARN".into())
            ),
            "{m:?}"
        );
        assert_eq!(m[1].1.as_deref(), Some("GON"), "{m:?}");
        let m = codes("An MSF Arnor diplomat met Gondor.");
        assert_eq!(m[0].1.as_deref(), Some("NGOARNGOV"), "{m:?}");
        // without the prefix agent, or with it elsewhere, the country alone
        let m = codes("Arnor met MSF and Gondor.");
        let got: Vec<_> = m.iter().filter_map(|m| m.1.as_deref()).collect();
        assert_eq!(got, ["ARN", "GON"], "{m:?}");
    }

    #[test]
    fn substitution_sets_of_agent_names_are_expanded() {
        let f = FallbackActors::from_phoenix(
            "ARNOR [ARN]\n",
            "!MINST! = MINISTER, MINISTRY\n!PERSON! = MAN, MEN\n\
             !MINST!_OF_SILLY_WALKS [~GOV]\nCONGRESS!PERSON! [~LEG]\nBAD!NONE! [~XXX]\n",
        );
        let code_of = |text: &str| -> Vec<String> {
            f.mentions(text, &[])
                .into_iter()
                .filter_map(|m| m.actor_code)
                .collect()
        };
        assert_eq!(
            code_of("The Arnor Ministry of Silly Walks spoke."),
            ["ARNGOV"]
        );
        assert_eq!(code_of("Arnor congressmen spoke."), ["ARNLEG"]);
        // an unknown marker names nothing
        assert_eq!(code_of("Arnor bad spoke."), ["ARN"]);
        let sets: HashMap<String, Vec<String>> =
            [("!a!".to_string(), vec!["x".to_string(), "y".to_string()])].into();
        assert_eq!(
            expand_sets("!a! and !a!", &sets),
            ["x and x", "x and y", "y and x", "y and y"]
        );
        assert_eq!(expand_sets("!b!", &sets), ["!b!"]);
    }

    #[test]
    fn agents_with_empty_braces_take_no_plural() {
        let f =
            FallbackActors::from_phoenix("GONDOR [GON]\n", "POLICE {} [ ~COP]\nSOLDIER [~MIL]\n");
        let code_of = |text: &str| -> Vec<String> {
            f.mentions(text, &[])
                .into_iter()
                .filter_map(|m| m.actor_code)
                .collect()
        };
        assert_eq!(code_of("Gondor's police left."), ["GONCOP"]);
        assert_eq!(code_of("Gondor's polices left."), ["GON"]);
        assert_eq!(code_of("Gondor's soldiers left."), ["GONMIL"]);
    }
}
