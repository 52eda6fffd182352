//! Knowledge across documents: people and their roles learned from earlier documents
//! ([`attache_store::PersonRole`]) resolve what a document leaves open by itself.
//!
//! After the recogniser has linked what the document says about itself:
//! - a person entity without a country that is a known person (same entity id) gets the
//!   country and actor code of their role;
//! - a bare surname ("Shoigu") that the document does not tie to anyone (an unresolved
//!   one-word person, a one-word mention of another type without a country, or a capitalised
//!   word no mention covers) links to the known person with that surname;
//! - a title alone ("the Russian Security Council secretary", "the defense minister of
//!   Egypt") links to the known holder of that title in the country the text names (or, with
//!   no country next to the title, the only country among those the document names that has a
//!   known holder).
//!
//! Candidates are the roles whose dates fit the document date ([`PersonRole::fits`]). Several
//! people with the surname are ambiguous unless they hold the same role code (two spellings
//! of one name: the most recently seen wins); several holders of a title in one country give
//! the one who took it most recently; holders in different countries are ambiguous.
//! Ambiguous mentions stay unresolved. A surname with no role fitting the date still gives
//! the person and their country (the role's country code, without a sector).
//! Roles are never copied into the document's entities: only what the text states is
//! evidence of a role.

use std::collections::{HashMap, HashSet};

use attache_model::{ActorCode, Entity, Mention, MentionType};
use attache_store::PersonRole;
use attache_store::people::title_key;

/// Words that may stand before a surname without being part of a longer name.
const HONORIFICS: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "dr",
    "president",
    "minister",
    "secretary",
    "general",
    "gen",
    "sheikh",
    "emir",
    "sultan",
    "king",
    "prince",
    "premier",
    "chancellor",
    "commander",
    "chief",
    "director",
    "ambassador",
    "envoy",
    "spokesman",
    "spokeswoman",
    "senator",
    "governor",
    "mayor",
    "colonel",
    "admiral",
    "marshal",
];

/// Words before a title that make it someone else's ("former defense minister", "deputy
/// defense minister").
const NOT_THE_HOLDER: &[&str] = &[
    "former", "ex", "then", "deputy", "vice", "acting", "first", "late", "next", "new", "previous",
    "future", "a", "an", "another", "whose", "every", "each", "any", "his", "her", "their",
];

/// Titles too general to name one person even within a country.
const GENERIC: &[&str] = &[
    "minister",
    "official",
    "officials",
    "spokesman",
    "spokesperson",
    "spokeswoman",
    "head",
    "chief",
    "leader",
    "member",
    "envoy",
    "ambassador",
    "counterpart",
    "secretary",
    "director",
    "commander",
    "general",
    "adviser",
    "advisor",
    "aide",
    "representative",
    "delegate",
    "chairman",
    "deputy",
];

/// What is known about people, indexed for resolution. Build once per snapshot; cheap to
/// share.
#[derive(Debug, Default)]
pub struct Knowledge {
    roles: Vec<PersonRole>,
    by_entity: HashMap<String, Vec<usize>>,
    by_surname: HashMap<String, Vec<usize>>,
    by_title: HashMap<String, Vec<usize>>,
    /// Every word of the titles (lower case), to find title windows without building keys.
    title_vocab: HashSet<String>,
    /// Longest title, in words.
    title_words: usize,
}

/// Words that make a title an office ("Defense Minister", "the Emir"): a title alone names
/// its holder only when it has one.
const OFFICES: &[&str] = &[
    "minister",
    "secretary",
    "president",
    "chancellor",
    "premier",
    "emir",
    "amir",
    "sultan",
    "king",
    "queen",
    "prince",
    "crown",
    "governor",
    "mayor",
    "commander",
    "chief",
    "director",
    "chairman",
    "chairwoman",
    "chair",
    "head",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ambassador",
    "envoy",
    "general",
    "admiral",
    "marshal",
    "speaker",
    "senator",
    "judge",
    "prosecutor",
    "attorney",
    "leader",
    "pope",
    "patriarch",
    "ayatollah",
    "sheikh",
    "governor",
    "secretary-general",
    "commissioner",
    "chancellor",
    "treasurer",
    "mufti",
    "caliph",
];

/// Capitalised words that are surnames too rarely to stand alone for one ("May", "Will").
const NOT_SURNAMES: &[&str] = &[
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
    "will",
    "bill",
    "mark",
    "grant",
    "rose",
    "young",
    "long",
    "rich",
    "white",
    "black",
    "green",
    "little",
    "major",
    "north",
    "south",
    "east",
    "west",
    "new",
    "said",
    "says",
    "news",
    "state",
    "court",
    "house",
    "party",
    "union",
    "council",
    "office",
    "police",
    "army",
    "minister",
    "president",
    "government",
    "general",
    "street",
    "city",
];

/// Lower-case particles inside names ("Abdel Fattah el-Sisi", "Ursula von der Leyen").
const PARTICLES: &[&str] = &[
    "al", "el", "bin", "bint", "ibn", "abu", "de", "del", "della", "der", "den", "van", "von",
    "da", "di", "du", "la", "le", "dos", "das", "y",
];

/// Whether `name` reads as a full personal name: two words or more, the first and last
/// capitalised, the others capitalised or name particles, no "of"/"the" (which mark bodies
/// and titles that the recogniser took for names).
fn full_name(name: &str) -> bool {
    let words: Vec<&str> = name.split_whitespace().collect();
    let cap = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    words.len() >= 2
        && words.first().is_some_and(|w| cap(w))
        && words.last().is_some_and(|w| cap(w))
        && words
            .iter()
            .all(|w| cap(w) || PARTICLES.contains(&w.to_lowercase().trim_end_matches('-')))
}

/// Surname key of a person name: its last word, lower case ("el-Sisi" → "sisi"), when it has
/// three letters or more.
fn surname(name: &str) -> Option<String> {
    let last = name
        .split(|c: char| c.is_whitespace() || c == '-' || c == '.')
        .rfind(|w| !w.is_empty())?
        .to_lowercase();
    (last.chars().count() >= 3 && last.chars().all(char::is_alphabetic)).then_some(last)
}

/// A word of the text: char span, text, whether it starts with a capital.
#[derive(Debug)]
struct Word<'a> {
    start: usize,
    end: usize,
    /// Byte offset of the word in the text.
    byte: usize,
    text: &'a str,
    cap: bool,
    /// Only spaces (no punctuation) between this word and the previous one.
    joined: bool,
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out: Vec<Word<'_>> = Vec::new();
    let mut start: Option<(usize, usize)> = None; // (char, byte)
    let mut gap_clean = true;
    let mut ci = 0;
    for (b, c) in text.char_indices() {
        let word_char = c.is_alphanumeric();
        match (word_char, start) {
            (true, None) => start = Some((ci, b)),
            (false, Some((s, sb))) => {
                let w = &text[sb..b];
                out.push(Word {
                    start: s,
                    end: ci,
                    byte: sb,
                    text: w,
                    cap: w.chars().next().is_some_and(char::is_uppercase),
                    joined: gap_clean && !out.is_empty(),
                });
                start = None;
                gap_clean = true;
            }
            _ => {}
        }
        if !word_char && c != ' ' {
            gap_clean = false;
        }
        ci += 1;
    }
    if let Some((s, sb)) = start {
        let w = &text[sb..];
        out.push(Word {
            start: s,
            end: ci,
            byte: sb,
            text: w,
            cap: w.chars().next().is_some_and(char::is_uppercase),
            joined: gap_clean && !out.is_empty(),
        });
    }
    out
}

/// The person a mention resolves to.
#[derive(Debug, Clone, PartialEq)]
struct Pick {
    entity: String,
    name: String,
    country: Option<String>,
    actor_code: Option<String>,
}

impl Knowledge {
    pub fn new(roles: Vec<PersonRole>) -> Self {
        let mut k = Knowledge {
            roles,
            ..Knowledge::default()
        };
        // Only people with a full name: one-word "people" are mostly the recogniser's misses.
        k.roles.retain(|r| full_name(&r.name));
        for (i, r) in k.roles.iter().enumerate() {
            k.by_entity.entry(r.entity.clone()).or_default().push(i);
            if let Some(s) = surname(&r.name).filter(|s| !NOT_SURNAMES.contains(&s.as_str())) {
                k.by_surname.entry(s).or_default().push(i);
            }
            let key = title_key(&r.title);
            let office = key
                .split(' ')
                .any(|w| OFFICES.contains(&w) || w.ends_with("minister"));
            if office && r.country.is_some() && !GENERIC.contains(&key.as_str()) {
                k.title_words = k.title_words.max(key.split(' ').count() + 2);
                k.title_vocab.extend(key.split(' ').map(String::from));
                k.by_title.entry(key).or_default().push(i);
            }
        }
        k
    }

    pub fn is_empty(&self) -> bool {
        self.roles.is_empty()
    }

    /// The roles this knowledge holds.
    pub fn roles(&self) -> &[PersonRole] {
        &self.roles
    }

    /// The most recently seen of `roles` (indices), preferring those that fit `date`.
    fn best_role(&self, idx: &[usize], date: Option<&str>) -> Option<&PersonRole> {
        let fitting = idx.iter().map(|&i| &self.roles[i]).filter(|r| r.fits(date));
        fitting.max_by(|a, b| a.last_seen.cmp(&b.last_seen))
    }

    fn pick_from(&self, r: &PersonRole, with_role: bool) -> Pick {
        let country = r.country.clone().or_else(|| {
            r.actor_code
                .as_deref()
                .and_then(|c| c.parse::<ActorCode>().ok())
                .and_then(|c| c.country_code().map(String::from))
        });
        let actor_code = if with_role {
            r.actor_code.clone().or_else(|| country.clone())
        } else {
            r.actor_code
                .as_deref()
                .and_then(|c| c.parse::<ActorCode>().ok())
                .map(|c| c.root)
                .or_else(|| country.clone())
        };
        Pick {
            entity: r.entity.clone(),
            name: r.name.clone(),
            country,
            actor_code,
        }
    }

    /// The known person with this entity id, in the role that fits `date` (else their country).
    fn by_id(&self, id: &str, date: Option<&str>) -> Option<Pick> {
        let idx = self.by_entity.get(id)?;
        match self.best_role(idx, date) {
            Some(r) => Some(self.pick_from(r, true)),
            None => {
                let r = idx
                    .iter()
                    .map(|&i| &self.roles[i])
                    .max_by(|a, b| a.last_seen.cmp(&b.last_seen))?;
                Some(self.pick_from(r, false))
            }
        }
    }

    /// The known person with this surname on `date`, unless ambiguous.
    fn by_surname(&self, key: &str, date: Option<&str>) -> Option<Pick> {
        let idx = self.by_surname.get(key)?;
        let fitting: Vec<&PersonRole> = idx
            .iter()
            .map(|&i| &self.roles[i])
            .filter(|r| r.fits(date))
            .collect();
        if !fitting.is_empty() {
            let people: HashSet<&str> = fitting.iter().map(|r| r.entity.as_str()).collect();
            if people.len() > 1 {
                // Several people: one role code for all of them (spellings of one name) or
                // nothing.
                let codes: HashSet<(Option<&str>, Option<&str>)> = fitting
                    .iter()
                    .map(|r| (r.country.as_deref(), r.actor_code.as_deref()))
                    .collect();
                if codes.len() > 1 {
                    return None;
                }
            }
            let best = fitting
                .iter()
                .max_by(|a, b| a.last_seen.cmp(&b.last_seen))?;
            return Some(self.pick_from(best, true));
        }
        let people: HashSet<&str> = idx.iter().map(|&i| self.roles[i].entity.as_str()).collect();
        let countries: HashSet<Option<&str>> = idx
            .iter()
            .map(|&i| self.roles[i].country.as_deref())
            .collect();
        if people.len() != 1 || countries.len() != 1 {
            return None;
        }
        let r = idx
            .iter()
            .map(|&i| &self.roles[i])
            .max_by(|a, b| a.last_seen.cmp(&b.last_seen))?;
        Some(self.pick_from(r, false))
    }

    /// The holder of a title (by key) on `date`, in `countries` (any when empty), unless
    /// ambiguous.
    fn by_title(&self, key: &str, countries: &[String], date: Option<&str>) -> Option<Pick> {
        let idx = self.by_title.get(key)?;
        let holders: Vec<&PersonRole> = idx
            .iter()
            .map(|&i| &self.roles[i])
            .filter(|r| r.fits(date))
            .filter(|r| {
                countries.is_empty() || r.country.as_ref().is_some_and(|c| countries.contains(c))
            })
            .collect();
        let in_countries: HashSet<&str> = holders
            .iter()
            .filter_map(|r| r.country.as_deref())
            .collect();
        if in_countries.len() != 1 {
            return None;
        }
        // The one who took the title most recently.
        let best = holders.iter().max_by(|a, b| {
            a.first_seen
                .cmp(&b.first_seen)
                .then_with(|| a.last_seen.cmp(&b.last_seen))
        })?;
        Some(self.pick_from(best, true))
    }

    /// Resolve what the document leaves open (see the module documentation). `date` is the
    /// document date (a TimeML value). Returns how many mentions were resolved; mentions stay
    /// sorted by offset and every mention's entity is in `entities`.
    pub fn resolve(
        &self,
        text: &str,
        date: Option<&str>,
        mentions: &mut Vec<Mention>,
        entities: &mut Vec<Entity>,
    ) -> usize {
        if self.is_empty() {
            return 0;
        }
        let mut resolved = 0;
        let mut relink: HashMap<String, Pick> = HashMap::new();
        // Unresolved person entities: known by id, or a bare surname.
        for e in entities.iter() {
            if e.kind != MentionType::Person || e.country.is_some() {
                continue;
            }
            let pick = self.by_id(&e.id, date).or_else(|| {
                let one_word = !e.name.trim().contains(char::is_whitespace);
                one_word
                    .then(|| surname(&e.name))
                    .flatten()
                    .and_then(|s| self.by_surname(&s, date))
            });
            if let Some(p) = pick {
                relink.insert(e.id.clone(), p);
            }
        }
        // One-word mentions of another type without a country that are known surnames.
        let mut retype: Vec<(usize, Pick)> = Vec::new();
        for (i, m) in mentions.iter().enumerate() {
            if m.kind == MentionType::Person
                || m.kind == MentionType::Date
                || m.country.is_some()
                || m.text.trim().contains(char::is_whitespace)
            {
                continue;
            }
            if let Some(p) = surname(&m.text).and_then(|s| self.by_surname(&s, date)) {
                retype.push((i, p));
            }
        }
        let mut picks: Vec<(Pick, String)> = Vec::new(); // (person, alias)
        for m in mentions.iter_mut() {
            let Some(p) = m.entity.as_ref().and_then(|id| relink.get(id)) else {
                continue;
            };
            if m.kind != MentionType::Person {
                continue;
            }
            m.entity = Some(p.entity.clone());
            m.country = p.country.clone();
            m.actor_code = p.actor_code.clone();
            picks.push((p.clone(), m.text.clone()));
            resolved += 1;
        }
        for (i, p) in retype {
            let m = &mut mentions[i];
            m.kind = MentionType::Person;
            m.entity = Some(p.entity.clone());
            m.country = p.country.clone();
            m.actor_code = p.actor_code.clone();
            picks.push((p, m.text.clone()));
            resolved += 1;
        }
        let added = self.uncovered(text, date, mentions, entities);
        resolved += added.len();
        for (m, p) in added {
            picks.push((p, m.text.clone()));
            mentions.push(m);
        }
        if resolved == 0 {
            return 0;
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        // Entities: the known people, placeholders without mentions dropped.
        for (p, alias) in picks {
            match entities.iter_mut().find(|e| e.id == p.entity) {
                Some(e) => {
                    if e.country.is_none() {
                        e.country = p.country.clone();
                        e.actor_code = p.actor_code.clone();
                    }
                    if !e.aliases.contains(&alias) {
                        e.aliases.push(alias);
                    }
                }
                None => entities.push(Entity {
                    id: p.entity,
                    name: p.name,
                    kind: MentionType::Person,
                    country: p.country,
                    actor_code: p.actor_code,
                    aliases: vec![alias],
                    roles: Vec::new(),
                }),
            }
        }
        let used: HashSet<&str> = mentions
            .iter()
            .filter_map(|m| m.entity.as_deref())
            .collect();
        entities.retain(|e| used.contains(e.id.as_str()));
        resolved
    }

    /// New mentions for surnames and titles that no mention covers.
    fn uncovered(
        &self,
        text: &str,
        date: Option<&str>,
        mentions: &[Mention],
        entities: &[Entity],
    ) -> Vec<(Mention, Pick)> {
        let ws = words(text);
        let cover = covered_words(&ws, mentions);
        let covering = |k: usize| cover[k].map(|m| &mentions[m]);
        // Surnames of people the document names itself: theirs, not the store's.
        let own: HashSet<String> = entities
            .iter()
            .filter(|e| e.kind == MentionType::Person && e.name.contains(char::is_whitespace))
            .filter_map(|e| surname(&e.name))
            .collect();
        let countries: Vec<String> = {
            let mut c: Vec<String> = mentions
                .iter()
                .filter(|m| {
                    matches!(
                        m.kind,
                        MentionType::Country | MentionType::Nationality | MentionType::City
                    )
                })
                .filter_map(|m| m.country.clone())
                .collect();
            c.sort();
            c.dedup();
            c
        };
        let mut out: Vec<(Mention, Pick)> = Vec::new();
        let mut taken = vec![false; ws.len()];
        let mention = |a: &Word<'_>, b: &Word<'_>, p: &Pick| Mention {
            start: a.start,
            end: b.end,
            text: text[a.byte..b.byte + b.text.len()].to_string(),
            kind: MentionType::Person,
            entity: Some(p.entity.clone()),
            country: p.country.clone(),
            actor_code: p.actor_code.clone(),
        };
        let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
        for (i, w) in ws.iter().enumerate() {
            // Titles ending at this word: the longest window of title words (and "of",
            // "the") first.
            if let Some(lo) = self.title_window(&ws, &lower, i) {
                for j in lo..=i {
                    if (j..=i).any(|k| cover[k].is_some() || taken[k])
                        || matches!(lower[j].as_str(), "the" | "of" | "and" | "s")
                    {
                        continue; // taken, or not where a title starts
                    }
                    let key = title_key(&text_between(text, &ws[j..=i]));
                    if !self.by_title.contains_key(&key) {
                        continue;
                    }
                    if j == i && !w.cap {
                        continue; // one-word titles only when capitalised ("the Emir")
                    }
                    if let Some(p) = self.title_only(&ws, j, i, &key, mentions, &countries, date) {
                        taken[j..=i].iter_mut().for_each(|t| *t = true);
                        out.push((mention(&ws[j], w, &p), p));
                        break;
                    }
                }
            }
            // Bare surnames.
            if !w.cap || cover[i].is_some() || taken[i] {
                continue;
            }
            let Some(key) = surname(w.text) else { continue };
            if own.contains(&key) || !self.by_surname.contains_key(&key) {
                continue;
            }
            let prev = i.checked_sub(1).map(|k| &ws[k]);
            if let Some(prev) = prev
                && w.joined
                && prev.cap
                && covering(i - 1).is_none()
                && !HONORIFICS.contains(&prev.text.to_lowercase().as_str())
            {
                continue; // part of a longer name nobody resolved
            }
            if let Some(next) = ws.get(i + 1)
                && next.joined
                && next.cap
                && covering(i + 1).is_none()
            {
                continue;
            }
            if let Some(p) = self.by_surname(&key, date) {
                taken[i] = true;
                out.push((mention(w, w, &p), p));
            }
        }
        out
    }

    /// The first word of the longest run ending at word `i` (joined by spaces, at most the
    /// longest title long) of title words, "of" and "the", when word `i` is a title word.
    fn title_window(&self, ws: &[Word<'_>], lower: &[String], i: usize) -> Option<usize> {
        if self.title_vocab.is_empty() || !self.title_vocab.contains(&lower[i]) {
            return None;
        }
        let mut lo = i;
        while lo > 0
            && i - (lo - 1) < self.title_words
            && ws[lo].joined
            && (self.title_vocab.contains(&lower[lo - 1])
                || matches!(lower[lo - 1].as_str(), "of" | "the"))
        {
            lo -= 1;
        }
        Some(lo)
    }

    /// The holder named by the title at words `j..=i`, when it is used alone: after "the" or
    /// a country/nationality, not before a name, not "former"/"deputy"…
    #[allow(clippy::too_many_arguments)]
    fn title_only(
        &self,
        ws: &[Word<'_>],
        j: usize,
        i: usize,
        key: &str,
        mentions: &[Mention],
        doc_countries: &[String],
        date: Option<&str>,
    ) -> Option<Pick> {
        let covering = |w: &Word<'_>| mentions.iter().find(|m| m.start < w.end && w.start < m.end);
        // Not a premodifier of a name ("Defense Minister Saqr").
        if let Some(next) = ws.get(i + 1)
            && next.joined
            && next.cap
        {
            return None;
        }
        // The qualifier before the title: "the", a country or nationality ("Russian",
        // "Egypt's"), or both.
        let mut k = j;
        let mut country: Option<String> = None;
        let before = |k: usize| k.checked_sub(1).map(|x| &ws[x]);
        if let Some(p) = before(k)
            && p.text.eq_ignore_ascii_case("s")
            && let Some(q) = before(k - 1)
            && let Some(m) = covering(q)
            && matches!(m.kind, MentionType::Country | MentionType::Nationality)
        {
            country = m.country.clone();
            k -= 2;
        } else if let Some(p) = before(k)
            && let Some(m) = covering(p)
            && matches!(m.kind, MentionType::Country | MentionType::Nationality)
        {
            country = m.country.clone();
            k = ws.iter().position(|w| w.start >= m.start).unwrap_or(k - 1);
        }
        let determiner = before(k).map(|w| w.text.to_lowercase());
        if let Some(d) = &determiner
            && NOT_THE_HOLDER.contains(&d.as_str())
        {
            return None;
        }
        if country.is_none() && determiner.as_deref() != Some("the") {
            return None;
        }
        // "the defense minister of Egypt"
        if country.is_none()
            && let (Some(of), Some(c)) = (ws.get(i + 1), ws.get(i + 2))
            && of.text == "of"
            && let Some(m) = covering(c)
            && matches!(m.kind, MentionType::Country)
        {
            country = m.country.clone();
        }
        let countries = match country {
            Some(c) => vec![c],
            None => doc_countries.to_vec(),
        };
        if countries.is_empty() {
            return None;
        }
        self.by_title(key, &countries, date)
    }

    /// Whether resolving `text` could use this knowledge: a capitalised word is a known
    /// surname and no mention with a country covers it, or a known title (of a role not
    /// stated by `own_roles`) occurs in it. A cheap test for re-annotating a document after
    /// other documents of its batch taught something.
    pub fn could_resolve(&self, text: &str, mentions: &[Mention], own_roles: &[String]) -> bool {
        if self.is_empty() {
            return false;
        }
        let ws = words(text);
        let cover = covered_words(&ws, mentions);
        let lower: Vec<String> = ws.iter().map(|w| w.text.to_lowercase()).collect();
        (0..ws.len()).any(|i| {
            let resolved = cover[i].is_some_and(|m| mentions[m].country.is_some());
            let surname_hit = ws[i].cap
                && !resolved
                && surname(ws[i].text).is_some_and(|k| self.by_surname.contains_key(&k));
            surname_hit
                || self.title_window(&ws, &lower, i).is_some_and(|lo| {
                    (lo..=i).any(|j| {
                        self.by_title
                            .get(&title_key(&text_between(text, &ws[j..=i])))
                            .is_some_and(|idx| {
                                idx.iter()
                                    .any(|&r| !own_roles.contains(&self.roles[r].entity))
                            })
                    })
                })
        })
    }
}

/// For each word, the index of the mention that covers it.
fn covered_words(ws: &[Word<'_>], mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut order: Vec<usize> = (0..mentions.len()).collect();
    order.sort_by_key(|&m| (mentions[m].start, mentions[m].end));
    let mut out = vec![None; ws.len()];
    let mut k = 0;
    for (i, w) in ws.iter().enumerate() {
        while k < order.len() && mentions[order[k]].end <= w.start {
            k += 1;
        }
        // Mentions may nest or overlap: look at the few that start before the word ends.
        out[i] = order[k..]
            .iter()
            .take_while(|&&m| mentions[m].start < w.end)
            .find(|&&m| mentions[m].end > w.start)
            .copied();
    }
    out
}

/// The text from the first to the last word.
fn text_between(text: &str, ws: &[Word<'_>]) -> String {
    let (Some(a), Some(b)) = (ws.first(), ws.last()) else {
        return String::new();
    };
    text[a.byte..b.byte + b.text.len()].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::Evidence;

    fn role(entity: &str, name: &str, title: &str, code: &str, first: &str) -> PersonRole {
        PersonRole {
            entity: entity.into(),
            name: name.into(),
            title: title.into(),
            country: Some(code[..3].into()),
            sector: Some(code[3..].into()),
            actor_code: Some(code.into()),
            first_seen: Some(first.into()),
            last_seen: Some(first.into()),
            ended: None,
            evidence: Evidence {
                document: "d".into(),
                start: 0,
                end: 1,
                text: "x".into(),
            },
            documents: 0,
            document_ids: vec![],
        }
    }

    fn country(text: &str, word: &str, iso: &str, kind: MentionType) -> Mention {
        let at = text.find(word).unwrap();
        let start = text[..at].chars().count();
        Mention {
            start,
            end: start + word.chars().count(),
            text: word.into(),
            kind,
            entity: Some(format!("c-{iso}")),
            country: Some(iso.into()),
            actor_code: Some(iso.into()),
        }
    }

    fn country_entity(iso: &str) -> Entity {
        Entity {
            id: format!("c-{iso}"),
            name: iso.into(),
            kind: MentionType::Country,
            country: Some(iso.into()),
            actor_code: Some(iso.into()),
            aliases: vec![],
            roles: vec![],
        }
    }

    fn known() -> Knowledge {
        Knowledge::new(vec![
            role(
                "p-shoigu",
                "Sergei Shoigu",
                "Security Council Secretary",
                "RUSGOV",
                "2025-11-20",
            ),
            role(
                "p-saqr",
                "Abdel Majeed Saqr",
                "Defense Minister",
                "EGYGOVMIL",
                "2024-07-03",
            ),
            role(
                "p-old",
                "Mohamed Zaki",
                "Defense Minister",
                "EGYGOVMIL",
                "2018-06-01",
            ),
            role(
                "p-belousov",
                "Andrei Belousov",
                "Defense Minister",
                "RUSGOVMIL",
                "2024-05-14",
            ),
            role(
                "p-ali",
                "Ahmed Ali",
                "Foreign Minister",
                "EGYGOV",
                "2023-01-01",
            ),
            role(
                "p-ali2",
                "Omar Ali",
                "Interior Minister",
                "IRQGOV",
                "2023-01-01",
            ),
        ])
    }

    #[test]
    fn a_bare_surname_no_mention_covers_resolves_to_the_known_person() {
        let text = "Shoigu arrived in Tehran. Talks with Shoigu’s hosts went on.";
        let mut mentions = vec![];
        let mut entities = vec![];
        let n = known().resolve(text, Some("2025-12-01"), &mut mentions, &mut entities);
        assert_eq!(n, 2);
        assert_eq!(mentions[0].text, "Shoigu");
        assert_eq!(mentions[0].country.as_deref(), Some("RUS"));
        assert_eq!(mentions[0].actor_code.as_deref(), Some("RUSGOV"));
        assert_eq!(mentions[1].start, 37);
        assert_eq!(entities.len(), 1);
        assert_eq!(entities[0].id, "p-shoigu");
        assert_eq!(entities[0].name, "Sergei Shoigu");
        assert!(entities[0].roles.is_empty(), "no role without a statement");
    }

    #[test]
    fn an_unresolved_one_word_person_is_relinked_and_dates_decide_the_code() {
        let text = "Shoigu spoke.";
        let mk = || {
            (
                vec![Mention {
                    start: 0,
                    end: 6,
                    text: "Shoigu".into(),
                    kind: MentionType::Person,
                    entity: Some("p-tmp".into()),
                    country: None,
                    actor_code: None,
                }],
                vec![Entity {
                    id: "p-tmp".into(),
                    name: "Shoigu".into(),
                    kind: MentionType::Person,
                    country: None,
                    actor_code: None,
                    aliases: vec!["Shoigu".into()],
                    roles: vec![],
                }],
            )
        };
        let (mut m, mut e) = mk();
        assert_eq!(known().resolve(text, Some("2026-01-05"), &mut m, &mut e), 1);
        assert_eq!(m[0].entity.as_deref(), Some("p-shoigu"));
        assert_eq!(m[0].actor_code.as_deref(), Some("RUSGOV"));
        assert_eq!(e.len(), 1, "the placeholder is gone: {e:?}");
        assert_eq!(e[0].id, "p-shoigu");
        // Before the role was first seen: the person and the country, not the role.
        let (mut m, mut e) = mk();
        assert_eq!(known().resolve(text, Some("2020-01-05"), &mut m, &mut e), 1);
        assert_eq!(m[0].actor_code.as_deref(), Some("RUS"));
        assert_eq!(e[0].country.as_deref(), Some("RUS"));
    }

    #[test]
    fn ambiguous_and_foreign_surnames_stay_unresolved() {
        // Two Alis in different countries.
        let text = "Ali met the delegation. Dmitry Shoigu, a farmer, spoke.";
        let mut mentions = vec![];
        let mut entities = vec![];
        assert_eq!(
            known().resolve(text, Some("2025-12-01"), &mut mentions, &mut entities),
            0,
            "{mentions:?}"
        );
        // The document names its own Shoigu: the store's does not apply.
        let text = "Anna Shoigu spoke. Later Shoigu left.";
        let mut mentions = vec![Mention {
            start: 0,
            end: 11,
            text: "Anna Shoigu".into(),
            kind: MentionType::Person,
            entity: Some("p-anna".into()),
            country: None,
            actor_code: None,
        }];
        let mut entities = vec![Entity {
            id: "p-anna".into(),
            name: "Anna Shoigu".into(),
            kind: MentionType::Person,
            country: None,
            actor_code: None,
            aliases: vec![],
            roles: vec![],
        }];
        assert_eq!(
            known().resolve(text, Some("2025-12-01"), &mut mentions, &mut entities),
            0
        );
        assert_eq!(entities.len(), 1);
    }

    #[test]
    fn titles_alone_resolve_to_the_current_holder_in_the_named_country() {
        let k = known();
        // Country next to the title.
        let text = "The Egyptian defense minister met the Russian Security Council secretary.";
        let mut mentions = vec![
            country(text, "Egyptian", "EGY", MentionType::Nationality),
            country(text, "Russian", "RUS", MentionType::Nationality),
        ];
        let mut entities = vec![country_entity("EGY"), country_entity("RUS")];
        let n = k.resolve(text, Some("2025-12-01"), &mut mentions, &mut entities);
        assert_eq!(n, 2, "{mentions:?}");
        let people: Vec<(&str, &str)> = mentions
            .iter()
            .filter(|m| m.kind == MentionType::Person)
            .map(|m| (m.text.as_str(), m.entity.as_deref().unwrap()))
            .collect();
        assert_eq!(
            people,
            vec![
                ("defense minister", "p-saqr"),
                ("Security Council secretary", "p-shoigu")
            ],
            "the most recent holder of the Egyptian title"
        );
        // In 2020 the earlier holder.
        let mut mentions = vec![country(text, "Egyptian", "EGY", MentionType::Nationality)];
        let mut entities = vec![country_entity("EGY")];
        k.resolve(text, Some("2020-03-01"), &mut mentions, &mut entities);
        assert_eq!(mentions[1].entity.as_deref(), Some("p-old"));
        // No country next to it: the document's countries decide; two countries with a
        // holder are ambiguous.
        let text = "In Cairo, the defense minister spoke.";
        let mut mentions = vec![country(text, "Cairo", "EGY", MentionType::City)];
        let mut entities = vec![country_entity("EGY")];
        assert_eq!(
            k.resolve(text, Some("2025-12-01"), &mut mentions, &mut entities),
            1
        );
        assert_eq!(mentions[1].entity.as_deref(), Some("p-saqr"));
        let text = "Egypt and Russia: the defense minister spoke.";
        let mut mentions = vec![
            country(text, "Egypt", "EGY", MentionType::Country),
            country(text, "Russia", "RUS", MentionType::Country),
        ];
        let mut entities = vec![country_entity("EGY"), country_entity("RUS")];
        assert_eq!(
            k.resolve(text, Some("2025-12-01"), &mut mentions, &mut entities),
            0
        );
        // "former", a name after the title, and bare generic titles stay as they are.
        for text in [
            "In Egypt the former defense minister spoke.",
            "In Egypt the defense minister Hassan spoke.",
            "In Egypt the minister spoke.",
            "In Egypt a defense minister spoke.",
        ] {
            let mut mentions = vec![country(text, "Egypt", "EGY", MentionType::Country)];
            let mut entities = vec![country_entity("EGY")];
            assert_eq!(
                k.resolve(text, Some("2025-12-01"), &mut mentions, &mut entities),
                0,
                "{text}: {mentions:?}"
            );
        }
    }

    #[test]
    fn nothing_known_changes_nothing_and_odd_text_is_fine() {
        let empty = Knowledge::new(vec![]);
        let mut m = vec![];
        let mut e = vec![];
        assert_eq!(empty.resolve("Shoigu spoke.", None, &mut m, &mut e), 0);
        for text in ["", "   ", "шойгу Шойгу 习近平", "SHOIGU SPOKE", "Shoigu"] {
            let mut m = vec![];
            let mut e = vec![];
            known().resolve(text, None, &mut m, &mut e);
            for x in &m {
                assert!(x.end <= text.chars().count());
            }
        }
        assert!(known().could_resolve("Then Shoigu spoke.", &[], &[]));
        assert!(!known().could_resolve("Nobody spoke.", &[], &[]));
    }
}
