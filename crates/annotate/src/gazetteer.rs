//! The compiled-in gazetteer: countries and territories (ISO and CAMEO codes, names, demonyms,
//! capitals), cities of 15,000+ people, regions, organisations (IGOs with CAMEO codes, armed and
//! political groups, institutions), known people with dated roles (Phoenix dictionaries), titles
//! and sector words (Phoenix/PLOVER agents), and a token lexicon learned from NER training
//! splits. The tables live in `data/gazetteer/` (sources and licences in its README) and are
//! built by `data/gazetteer/build.py`.
//!
//! [`Gazetteer::load`] parses the tables and indexes every name in one hash table keyed by its
//! ASCII-lower-cased text (with the prefixes of multi-word names, to stop extending early);
//! [`Gazetteer::find`] returns the longest names in a text that sit on word boundaries and whose
//! letter case fits the name.

use std::collections::HashMap;

use std::hash::BuildHasher;

use hashbrown::HashTable;

const COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");
const CITIES: &str = include_str!("../../../data/gazetteer/cities.tsv");
const ORGS: &str = include_str!("../../../data/gazetteer/orgs.tsv");
const REGIONS: &str = include_str!("../../../data/gazetteer/regions.tsv");
const PEOPLE: &str = include_str!("../../../data/gazetteer/people.tsv");
const TITLES: &str = include_str!("../../../data/gazetteer/titles.tsv");
const LEXICON: &str = include_str!("../../../data/gazetteer/lexicon.tsv");

/// Why a gazetteer table could not be read.
#[derive(Debug, thiserror::Error)]
pub enum GazetteerError {
    #[error("gazetteer table {table}, line {line}: {problem}")]
    Malformed {
        table: &'static str,
        line: usize,
        problem: String,
    },
}

/// A country or territory.
#[derive(Debug, Clone)]
pub struct Country {
    pub iso2: String,
    pub iso3: String,
    /// CAMEO country code (usually the ISO3 code; `USAGUM` for Guam...).
    pub cameo: String,
    pub name: String,
    pub capital: String,
    pub names: Vec<String>,
    pub demonyms: Vec<String>,
    /// Lower-case words that stand for the country's state ("sultanate", "emirate").
    pub kind_words: Vec<String>,
    pub population: u64,
}

/// A city of 15,000+ people.
#[derive(Debug, Clone)]
pub struct City {
    pub name: &'static str,
    /// ISO3 code of its country.
    pub country: &'static str,
    pub population: u64,
    pub lat: f32,
    pub lon: f32,
}

/// An organisation, group or institution.
#[derive(Debug, Clone)]
pub struct Org {
    pub name: &'static str,
    pub code: &'static str,
    pub country: Option<&'static str>,
}

/// A region ("Gulf", "Horn of Africa").
#[derive(Debug, Clone)]
pub struct Region {
    pub name: &'static str,
    pub country: Option<&'static str>,
}

/// A role of a known person: CAMEO actor code and validity dates (ISO `YYYY-MM-DD`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KnownRole {
    pub code: &'static str,
    pub since: Option<&'static str>,
    pub until: Option<&'static str>,
}

/// A person from the Phoenix actor dictionaries.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: &'static str,
    /// The roles as the table writes them (`CODE,since,until;...`), read by [`Person::roles`].
    roles: &'static str,
}

impl Person {
    /// The person's roles in table order.
    pub fn roles(&self) -> impl DoubleEndedIterator<Item = KnownRole> + Clone + '_ {
        self.roles.split(';').filter_map(|r| {
            let mut p = r.split(',');
            let code = p.next()?.trim();
            let opt = |x: Option<&'static str>| x.map(str::trim).filter(|x| !x.is_empty());
            (!code.is_empty()).then(|| KnownRole {
                code,
                since: opt(p.next()),
                until: opt(p.next()),
            })
        })
    }

    /// The role valid on `date` (ISO prefix compare), else the latest open-ended or last role.
    pub fn role_at(&self, date: Option<&str>) -> Option<KnownRole> {
        if let Some(d) = date {
            let hit = self
                .roles()
                .rev()
                .find(|r| r.since.is_some_and(|s| s <= d) && r.until.is_none_or(|u| d <= u));
            if hit.is_some() {
                return hit;
            }
        }
        self.roles()
            .rev()
            .find(|r| r.since.is_some() && r.until.is_none())
            .or_else(|| self.roles().next_back())
    }
}

/// What a gazetteer name points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entry {
    Country(u32),
    Demonym(u32),
    City(u32),
    Org(u32),
    Region(u32),
    Person(u32),
}

/// A title or sector word ("defense minister" → GOVMIL).
#[derive(Debug, Clone)]
pub struct Title {
    pub sector: Option<String>,
    /// Names a person ("minister") rather than a body ("ministry").
    pub person: bool,
}

/// Counts of a capitalised token in NER training data: PER, ORG, LOC, MISC, outside.
pub type LexCounts = [u32; 5];

/// A gazetteer match: byte range in the text and what it names.
#[derive(Debug, Clone)]
pub struct Match {
    pub start: usize,
    pub end: usize,
    pub entries: Vec<Entry>,
}

/// One spelling of a name and one thing it names; items of one case-folded name form a chain.
struct Item {
    spelling: &'static str,
    entry: Entry,
    /// Next item of the same folded name, `u32::MAX` at the end.
    next: u32,
}

const NONE: u32 = u32::MAX;

/// Every gazetteer name, looked up by its ASCII-lower-cased text in a hash table, with the
/// lower-cased prefixes of multi-word names (up to each inner space) so that a lookup can stop
/// extending a candidate as soon as no name continues it. No allocation per name: spellings
/// borrow the compiled-in tables.
struct NameIndex {
    hasher: hashbrown::DefaultHashBuilder,
    /// (hash of the folded name, first item of its chain).
    table: HashTable<(u64, u32)>,
    /// Hashes of the folded prefixes of multi-word names.
    prefixes: HashTable<u64>,
    items: Vec<Item>,
    /// Longest name in bytes.
    max_len: usize,
    buf: String,
}

impl NameIndex {
    fn new(capacity: usize) -> Self {
        NameIndex {
            hasher: hashbrown::DefaultHashBuilder::default(),
            table: HashTable::with_capacity(capacity),
            prefixes: HashTable::with_capacity(capacity / 2),
            items: Vec::with_capacity(capacity + capacity / 8),
            max_len: 0,
            buf: String::new(),
        }
    }

    fn hash(&self, folded: &[u8]) -> u64 {
        self.hasher.hash_one(folded)
    }

    fn add(&mut self, name: &'static str, entry: Entry) {
        let name = name.trim();
        let mut chars = name.chars();
        if chars.next().is_none() || chars.next().is_none() {
            return;
        }
        let mut buf = std::mem::take(&mut self.buf);
        buf.clear();
        buf.push_str(name);
        buf.make_ascii_lowercase();
        let h = self.hash(buf.as_bytes());
        let new = self.items.len() as u32;
        let items = &mut self.items;
        match self.table.entry(
            h,
            |&(hh, i)| hh == h && items[i as usize].spelling.eq_ignore_ascii_case(name),
            |&(hh, _)| hh,
        ) {
            hashbrown::hash_table::Entry::Occupied(o) => {
                let mut i = o.get().1;
                loop {
                    let it = &items[i as usize];
                    if it.spelling == name && it.entry == entry {
                        break;
                    }
                    if it.next == NONE {
                        items[i as usize].next = new;
                        items.push(Item {
                            spelling: name,
                            entry,
                            next: NONE,
                        });
                        break;
                    }
                    i = it.next;
                }
            }
            hashbrown::hash_table::Entry::Vacant(v) => {
                v.insert((h, new));
                items.push(Item {
                    spelling: name,
                    entry,
                    next: NONE,
                });
                self.max_len = self.max_len.max(name.len());
                for (i, b) in buf.bytes().enumerate() {
                    if b == b' ' {
                        let ph = self.hasher.hash_one(&buf.as_bytes()[..i]);
                        if self.prefixes.find(ph, |&x| x == ph).is_none() {
                            self.prefixes.insert_unique(ph, ph, |&x| x);
                        }
                    }
                }
            }
        }
        self.buf = buf;
    }

    /// The first item of the chain of `folded` (an ASCII-lower-cased name).
    fn get(&self, folded: &[u8]) -> Option<u32> {
        let h = self.hash(folded);
        self.table
            .find(h, |&(hh, i)| {
                hh == h
                    && self.items[i as usize]
                        .spelling
                        .as_bytes()
                        .eq_ignore_ascii_case(folded)
            })
            .map(|&(_, i)| i)
    }

    fn is_prefix(&self, folded: &[u8]) -> bool {
        let h = self.hash(folded);
        self.prefixes.find(h, |&x| x == h).is_some()
    }
}

/// The loaded gazetteer.
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub cities: Vec<City>,
    pub orgs: Vec<Org>,
    pub regions: Vec<Region>,
    pub people: Vec<Person>,
    titles: HashMap<String, Title>,
    max_title_words: usize,
    lexicon: HashMap<&'static str, LexCounts>,
    by_iso3: HashMap<String, u32>,
    names: NameIndex,
}

/// The tab-separated columns of one table line (the tables have at most 10).
struct Cols {
    cols: [&'static str; 10],
    len: usize,
}

impl Cols {
    fn get(&self, i: usize) -> Option<&'static str> {
        (i < self.len).then(|| self.cols[i])
    }
}

fn lines(table: &'static str) -> impl Iterator<Item = (usize, Cols)> {
    table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let mut c = Cols {
                cols: [""; 10],
                len: 0,
            };
            for (k, x) in l.split('\t').take(10).enumerate() {
                c.cols[k] = x;
                c.len = k + 1;
            }
            (i + 1, c)
        })
}

fn field(
    cols: &Cols,
    i: usize,
    table: &'static str,
    line: usize,
) -> Result<&'static str, GazetteerError> {
    cols.get(i).ok_or_else(|| GazetteerError::Malformed {
        table,
        line,
        problem: format!("expected at least {} columns, found {}", i + 1, cols.len),
    })
}

fn alts(s: &'static str) -> impl Iterator<Item = &'static str> {
    s.split('|').map(str::trim).filter(|x| !x.is_empty())
}

fn opt(s: &'static str) -> Option<&'static str> {
    let s = s.trim();
    (!s.is_empty()).then_some(s)
}

/// Names that are also everyday words or given names: they need context to count.
const AMBIGUOUS_SINGLE: &[&str] = &[
    "Georgia", "Jordan", "Chad", "Niger", "Turkey", "Guinea", "Victoria", "Mobile", "Nice",
    "Reading", "Split", "Florence", "Of", "March", "May", "August", "Sale", "Police", "Bath",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

impl Gazetteer {
    /// Parse the compiled-in tables and index every name (tens of milliseconds in a release
    /// build: one hash table, no automaton).
    pub fn load() -> Result<Gazetteer, GazetteerError> {
        let timing = std::env::var_os("ATTACHE_GAZ_TIMING").is_some();
        let t0 = std::time::Instant::now();
        let mut names = NameIndex::new(96 * 1024);
        let mut countries = Vec::new();
        for (line, c) in lines(COUNTRIES) {
            let t = "countries.tsv";
            let i = countries.len() as u32;
            let raw_names = field(&c, 5, t, line)?;
            let raw_demonyms = field(&c, 6, t, line)?;
            for n in alts(raw_names) {
                names.add(n, Entry::Country(i));
                if let Some(rest) = n.strip_prefix("the ") {
                    names.add(rest, Entry::Country(i));
                }
            }
            for d in alts(raw_demonyms) {
                names.add(d, Entry::Demonym(i));
            }
            countries.push(Country {
                iso2: field(&c, 0, t, line)?.to_string(),
                iso3: field(&c, 1, t, line)?.to_string(),
                cameo: field(&c, 2, t, line)?.to_string(),
                name: field(&c, 3, t, line)?.to_string(),
                capital: field(&c, 4, t, line)?.to_string(),
                names: alts(raw_names).map(String::from).collect(),
                demonyms: alts(raw_demonyms).map(String::from).collect(),
                kind_words: alts(field(&c, 7, t, line)?).map(String::from).collect(),
                population: field(&c, 8, t, line)?.parse().unwrap_or(0),
            });
        }
        let iso2_to_3: HashMap<&str, &'static str> = lines(COUNTRIES)
            .filter_map(|(_, c)| Some((c.get(0)?, c.get(1)?)))
            .collect();
        let mut cities = Vec::with_capacity(34_000);
        for (line, c) in lines(CITIES) {
            let t = "cities.tsv";
            let iso2 = field(&c, 1, t, line)?;
            let idx = cities.len() as u32;
            let name = field(&c, 0, t, line)?;
            names.add(name, Entry::City(idx));
            for a in alts(c.get(3).unwrap_or("")) {
                names.add(a, Entry::City(idx));
            }
            cities.push(City {
                name,
                country: iso2_to_3.get(iso2).copied().unwrap_or(iso2),
                population: field(&c, 2, t, line)?.parse().unwrap_or(0),
                lat: c.get(4).and_then(|x| x.parse().ok()).unwrap_or(0.0),
                lon: c.get(5).and_then(|x| x.parse().ok()).unwrap_or(0.0),
            });
        }
        let mut regions = Vec::new();
        for (line, c) in lines(REGIONS) {
            let t = "regions.tsv";
            let idx = regions.len() as u32;
            let name = field(&c, 0, t, line)?;
            names.add(name, Entry::Region(idx));
            for a in alts(c.get(1).unwrap_or("")) {
                names.add(a, Entry::Region(idx));
            }
            regions.push(Region {
                name,
                country: c.get(2).and_then(opt),
            });
        }
        let mut orgs = Vec::new();
        for (line, c) in lines(ORGS) {
            let t = "orgs.tsv";
            let idx = orgs.len() as u32;
            let name = field(&c, 0, t, line)?;
            names.add(name, Entry::Org(idx));
            for a in alts(c.get(1).unwrap_or("")) {
                names.add(a, Entry::Org(idx));
            }
            orgs.push(Org {
                name,
                code: c.get(2).unwrap_or("").trim(),
                country: c.get(3).and_then(opt),
            });
        }
        let mut people = Vec::with_capacity(18_000);
        for (line, c) in lines(PEOPLE) {
            let t = "people.tsv";
            let idx = people.len() as u32;
            let name = field(&c, 0, t, line)?;
            names.add(name, Entry::Person(idx));
            for a in alts(c.get(1).unwrap_or("")) {
                names.add(a, Entry::Person(idx));
            }
            people.push(Person {
                name,
                roles: c.get(2).unwrap_or(""),
            });
        }
        if timing {
            eprintln!("names indexed in {:?}", t0.elapsed());
        }
        let mut titles = HashMap::new();
        let mut max_title_words = 1;
        for (line, c) in lines(TITLES) {
            let t = "titles.tsv";
            let phrase = field(&c, 0, t, line)?.trim().to_lowercase();
            max_title_words = max_title_words.max(phrase.split(' ').count());
            titles.insert(
                phrase,
                Title {
                    sector: c.get(1).and_then(opt).map(String::from),
                    person: c.get(2).is_some_and(|k| k.trim() == "P"),
                },
            );
        }
        let mut lexicon = HashMap::with_capacity(6000);
        for (line, c) in lines(LEXICON) {
            let t = "lexicon.tsv";
            let mut counts = [0u32; 5];
            for (k, slot) in counts.iter_mut().enumerate() {
                *slot =
                    field(&c, k + 1, t, line)?
                        .parse()
                        .map_err(|e| GazetteerError::Malformed {
                            table: t,
                            line,
                            problem: format!("bad count: {e}"),
                        })?;
            }
            lexicon.insert(field(&c, 0, t, line)?, counts);
        }
        let by_iso3 = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3.clone(), i as u32))
            .collect();
        if timing {
            eprintln!("gazetteer loaded in {:?}", t0.elapsed());
        }
        Ok(Gazetteer {
            countries,
            cities,
            orgs,
            regions,
            people,
            titles,
            max_title_words,
            lexicon,
            by_iso3,
            names,
        })
    }

    /// Number of distinct (case-folded) names.
    pub fn name_count(&self) -> usize {
        self.names.table.len()
    }

    pub fn country_by_iso3(&self, iso3: &str) -> Option<&Country> {
        self.by_iso3.get(iso3).map(|&i| &self.countries[i as usize])
    }

    pub fn country_index(&self, iso3: &str) -> Option<u32> {
        self.by_iso3.get(iso3).copied()
    }

    /// Title or sector word, looked up lower-case ("defense minister").
    pub fn title(&self, phrase: &str) -> Option<&Title> {
        self.titles.get(phrase)
    }

    pub fn max_title_words(&self) -> usize {
        self.max_title_words
    }

    pub fn lexicon(&self, token: &str) -> Option<&LexCounts> {
        self.lexicon.get(token)
    }

    /// Gazetteer matches in `text` (byte offsets) on word boundaries with a fitting letter case,
    /// leftmost first, the longest fitting name at each start; a name rejected for its case
    /// does not hide a shorter one at the same start or one starting inside it.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let bytes = text.as_bytes();
        let lower = text.to_ascii_lowercase();
        let lb = lower.as_bytes();
        let mut out = Vec::new();
        let mut ends: Vec<usize> = Vec::new();
        // Byte offset from which a new match may start (end of the last accepted one).
        let mut free = 0;
        let mut prev: Option<char> = None;
        for (s, c) in text.char_indices() {
            let before = prev;
            prev = Some(c);
            if s < free || c.is_whitespace() || before.is_some_and(is_word_char) {
                continue;
            }
            // Candidate ends: char boundaries after s not followed by a word character, up to
            // the longest name, extended past a space only while a multi-word name continues.
            ends.clear();
            let limit = (s + self.names.max_len).min(text.len());
            let mut last = c;
            let mut rest = text[s + c.len_utf8()..].char_indices();
            loop {
                let (p, next) = match rest.next() {
                    Some((o, d)) => (s + c.len_utf8() + o, Some(d)),
                    None => (text.len(), None),
                };
                if p > limit {
                    break;
                }
                if !last.is_whitespace() && !next.is_some_and(is_word_char) {
                    ends.push(p);
                }
                match next {
                    None => break,
                    Some(' ') if !self.names.is_prefix(&lb[s..p]) => break,
                    Some(d) if d.is_whitespace() && d != ' ' => break,
                    Some(d) => last = d,
                }
            }
            for &e in ends.iter().rev() {
                let Some(mut i) = self.names.get(&lb[s..e]) else {
                    continue;
                };
                let found = &text[s..e];
                let mut entries: Vec<Entry> = Vec::new();
                while i != NONE {
                    let it = &self.names.items[i as usize];
                    i = it.next;
                    if entries.contains(&it.entry) || !case_fits(it.spelling, found) {
                        continue;
                    }
                    if AMBIGUOUS_SINGLE.contains(&it.spelling) && bytes.get(e) == Some(&b'-') {
                        continue;
                    }
                    entries.push(it.entry);
                }
                if entries.is_empty() {
                    continue;
                }
                free = e;
                out.push(Match {
                    start: s,
                    end: e,
                    entries,
                });
                break;
            }
        }
        out
    }

    pub fn is_ambiguous(&self, name: &str) -> bool {
        AMBIGUOUS_SINGLE.contains(&name)
    }
}

/// Letter case of a found name must fit its pattern: acronyms exactly; otherwise every word
/// capitalised in the pattern is capitalised in the text (or the text is all capitals).
fn case_fits(pattern: &str, found: &str) -> bool {
    let letters: Vec<char> = pattern.chars().filter(|c| c.is_alphabetic()).collect();
    if letters.len() <= 5 && letters.iter().all(|c| c.is_uppercase()) {
        return pattern == found;
    }
    let all_caps = found
        .chars()
        .filter(|c| c.is_alphabetic())
        .all(|c| c.is_uppercase());
    if all_caps {
        return letters.len() > 3;
    }
    for (pw, fw) in pattern.split(' ').zip(found.split(' ')) {
        let pc = pw.chars().next();
        let fc = fw.chars().next();
        if pc.is_some_and(|c| c.is_uppercase()) && !fc.is_some_and(|c| c.is_uppercase()) {
            return false;
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_finds() {
        let t0 = std::time::Instant::now();
        let g = Gazetteer::load().unwrap();
        eprintln!("gazetteer: {} names in {:?}", g.name_count(), t0.elapsed());
        assert!(g.countries.len() > 240);
        assert!(g.cities.len() > 30000);
        let ms = g.find("Russia and Türkiye met in Moscow; the UN and BRICS; un-related.");
        let names: Vec<&str> = ms
            .iter()
            .map(|m| {
                &"Russia and Türkiye met in Moscow; the UN and BRICS; un-related."[m.start..m.end]
            })
            .collect();
        assert!(names.contains(&"Russia"), "{names:?}");
        assert!(names.contains(&"Türkiye"), "{names:?}");
        assert!(names.contains(&"Moscow"), "{names:?}");
        assert!(names.contains(&"UN"), "{names:?}");
        assert!(names.contains(&"BRICS"), "{names:?}");
        assert!(!names.contains(&"un"), "{names:?}");
        let omn = g.country_by_iso3("OMN").unwrap();
        assert_eq!(omn.capital, "Muscat");
        assert!(omn.kind_words.contains(&"sultanate".to_string()));
        assert_eq!(
            g.title("defense minister").and_then(|t| t.sector.clone()),
            Some("GOVMIL".into())
        );
    }

    #[test]
    fn case_rules() {
        assert!(case_fits("UN", "UN"));
        assert!(!case_fits("UN", "un"));
        assert!(case_fits("Oman", "OMAN"));
        assert!(!case_fits("Turkey", "turkey"));
        assert!(case_fits("Gaza Strip", "Gaza Strip"));
    }
}
