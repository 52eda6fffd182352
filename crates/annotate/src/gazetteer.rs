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

use crate::names::{self, alts};

const COUNTRIES: &str = include_str!("../../../data/gazetteer/countries.tsv");
const CITIES: &str = include_str!("../../../data/gazetteer/cities.tsv");
const ORGS: &str = include_str!("../../../data/gazetteer/orgs.tsv");
const REGIONS: &str = include_str!("../../../data/gazetteer/regions.tsv");
const PEOPLE: &str = include_str!("../../../data/gazetteer/people.tsv");
const TITLES: &str = include_str!("../../../data/gazetteer/titles.tsv");
const LEXICON: &str = include_str!("../../../data/gazetteer/lexicon.tsv");
const COMMON: &str = include_str!("../../../data/gazetteer/common.tsv");

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

mod compiled {
    include!(concat!(env!("OUT_DIR"), "/names_meta.rs"));
    pub(super) const TABLE_BITS_: u32 = TABLE_BITS;
    pub(super) const PREFIX_BITS_: u32 = PREFIX_BITS;
    pub(super) const MAX_LEN_: usize = MAX_LEN;
    pub(super) const DISTINCT_: usize = DISTINCT;
    pub(super) static ITEMS: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names_items.bin"));
    pub(super) static TABLE: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/names_table.bin"));
    pub(super) static PREFIXES: &[u8] =
        include_bytes!(concat!(env!("OUT_DIR"), "/names_prefixes.bin"));
    pub(super) static BLOB: &str = include_str!(concat!(env!("OUT_DIR"), "/names_blob.txt"));
}

const NONE: u32 = u32::MAX;

fn u32_at(b: &[u8], i: usize) -> u32 {
    let mut a = [0u8; 4];
    if let Some(x) = b.get(i * 4..i * 4 + 4) {
        a.copy_from_slice(x);
    }
    u32::from_le_bytes(a)
}

fn u64_at(b: &[u8], i: usize) -> u64 {
    let mut a = [0u8; 8];
    if let Some(x) = b.get(i * 8..i * 8 + 8) {
        a.copy_from_slice(x);
    }
    u64::from_le_bytes(a)
}

/// One spelling of a name and one thing it names; items of one case-folded name form a chain.
struct Item {
    spelling: &'static str,
    entry: Entry,
    /// Next item of the same folded name, [`NONE`] at the end.
    next: u32,
}

/// Every gazetteer name, looked up by its ASCII-lower-cased text in a hash table that the build
/// script compiles into the binary (`build.rs`, `src/names.rs`), with the lower-cased prefixes
/// of names (up to each inner space or punctuation) so that a lookup can stop extending a candidate
/// as soon as no name continues it. Nothing is built at run time.
struct NameIndex;

impl NameIndex {
    fn item(&self, i: u32) -> Option<Item> {
        if i as usize >= compiled::ITEMS.len() / 16 {
            return None;
        }
        let i = i as usize * 4;
        let (off, len) = (
            u32_at(compiled::ITEMS, i) as usize,
            u32_at(compiled::ITEMS, i + 1) as usize,
        );
        let e = u32_at(compiled::ITEMS, i + 2);
        let row = e & ((1 << names::KIND_SHIFT) - 1);
        let entry = match e >> names::KIND_SHIFT {
            names::COUNTRY => Entry::Country(row),
            names::DEMONYM => Entry::Demonym(row),
            names::CITY => Entry::City(row),
            names::ORG => Entry::Org(row),
            names::REGION => Entry::Region(row),
            names::PERSON => Entry::Person(row),
            _ => return None,
        };
        Some(Item {
            spelling: compiled::BLOB.get(off..off + len)?,
            entry,
            next: u32_at(compiled::ITEMS, i + 3),
        })
    }

    /// The first item of the chain of `folded` (an ASCII-lower-cased name).
    fn get(&self, folded: &[u8]) -> Option<u32> {
        let h = names::hash(folded);
        let fp = u64::from(names::fingerprint(h));
        let mask = (1usize << compiled::TABLE_BITS_) - 1;
        let mut slot = h as usize & mask;
        for _ in 0..=mask {
            let v = u64_at(compiled::TABLE, slot);
            if v == 0 {
                return None;
            }
            if v >> 32 == fp {
                let head = (v & 0xffff_ffff) as u32 - 1;
                if self
                    .item(head)
                    .is_some_and(|it| it.spelling.as_bytes().eq_ignore_ascii_case(folded))
                {
                    return Some(head);
                }
            }
            slot = (slot + 1) & mask;
        }
        None
    }

    /// Whether some name starts with `folded` followed by a character that is not a letter,
    /// digit or underscore (may say yes
    /// wrongly, rarely; never no wrongly).
    fn is_prefix(&self, folded: &[u8]) -> bool {
        let h = names::hash(folded);
        let fp = names::fingerprint(h);
        let mask = (1usize << compiled::PREFIX_BITS_) - 1;
        let mut slot = h as usize & mask;
        for _ in 0..=mask {
            let v = u32_at(compiled::PREFIXES, slot);
            if v == 0 {
                return false;
            }
            if v == fp {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        false
    }

    fn max_len(&self) -> usize {
        compiled::MAX_LEN_
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
    /// Sorted everyday words (seen lower-case mid-sentence at least as often as capitalised).
    common: Vec<&'static str>,
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
    /// Parse the compiled-in tables (milliseconds in a release build; the name index is compiled
    /// into the binary by the build script, nothing is built here).
    pub fn load() -> Result<Gazetteer, GazetteerError> {
        let timing = std::env::var_os("ATTACHE_GAZ_TIMING").is_some();
        let t0 = std::time::Instant::now();
        let mut countries = Vec::new();
        for (line, c) in lines(COUNTRIES) {
            let t = "countries.tsv";
            let raw_names = field(&c, 5, t, line)?;
            let raw_demonyms = field(&c, 6, t, line)?;
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
        if timing {
            eprintln!("countries: {:?}", t0.elapsed());
        }
        let mut cities = Vec::with_capacity(34_000);
        for (line, c) in lines(CITIES) {
            let t = "cities.tsv";
            let iso2 = field(&c, 1, t, line)?;
            let name = field(&c, 0, t, line)?;
            cities.push(City {
                name,
                country: iso2_to_3.get(iso2).copied().unwrap_or(iso2),
                population: field(&c, 2, t, line)?.parse().unwrap_or(0),
                lat: c.get(4).and_then(|x| x.parse().ok()).unwrap_or(0.0),
                lon: c.get(5).and_then(|x| x.parse().ok()).unwrap_or(0.0),
            });
        }
        if timing {
            eprintln!("cities: {:?}", t0.elapsed());
        }
        let mut regions = Vec::new();
        for (line, c) in lines(REGIONS) {
            let t = "regions.tsv";
            let name = field(&c, 0, t, line)?;
            regions.push(Region {
                name,
                country: c.get(2).and_then(opt),
            });
        }
        let mut orgs = Vec::new();
        for (line, c) in lines(ORGS) {
            let t = "orgs.tsv";
            let name = field(&c, 0, t, line)?;
            orgs.push(Org {
                name,
                code: c.get(2).unwrap_or("").trim(),
                country: c.get(3).and_then(opt),
            });
        }
        if timing {
            eprintln!("regions+orgs: {:?}", t0.elapsed());
        }
        let mut people = Vec::with_capacity(18_000);
        for (line, c) in lines(PEOPLE) {
            let t = "people.tsv";
            let name = field(&c, 0, t, line)?;
            people.push(Person {
                name,
                roles: c.get(2).unwrap_or(""),
            });
        }
        if timing {
            eprintln!("people: {:?}", t0.elapsed());
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
        if timing {
            eprintln!("people+titles: {:?}", t0.elapsed());
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
        let mut common: Vec<&'static str> = COMMON
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#'))
            .collect();
        common.sort_unstable();
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
            common,
            by_iso3,
            names: NameIndex,
        })
    }

    /// Number of distinct (case-folded) names.
    pub fn name_count(&self) -> usize {
        compiled::DISTINCT_
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

    /// Whether `word` (any case) is an everyday English word: written lower-case mid-sentence
    /// at least as often as capitalised in news text ("stock", "young"; not "apple", "bush").
    pub fn is_common_word(&self, word: &str) -> bool {
        if word.bytes().all(|b| b.is_ascii_lowercase()) {
            return self.common.binary_search(&word).is_ok();
        }
        let lower = word.to_lowercase();
        self.common.binary_search(&lower.as_str()).is_ok()
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
            let limit = (s + self.names.max_len()).min(text.len());
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
                if !next.is_some_and(is_word_char) {
                    if !last.is_whitespace() {
                        ends.push(p);
                    }
                    // Go on only while some name continues what is read so far.
                    if !self.names.is_prefix(&lb[s..p]) {
                        break;
                    }
                }
                match next {
                    None => break,
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
                    let Some(it) = self.names.item(i) else {
                        break;
                    };
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
    fn compiled_index_holds_every_name() {
        let g = Gazetteer::load().unwrap();
        let tables = names::Tables {
            countries: COUNTRIES,
            cities: CITIES,
            regions: REGIONS,
            orgs: ORGS,
            people: PEOPLE,
        };
        let mut n = 0;
        names::each_name(&tables, |name, kind, row| {
            n += 1;
            let folded = name.to_ascii_lowercase();
            let mut i = g
                .names
                .get(folded.as_bytes())
                .unwrap_or_else(|| panic!("{name}"));
            let mut found = false;
            while let Some(it) = g.names.item(i).filter(|_| i != NONE) {
                let want = match it.entry {
                    Entry::Country(r) => (names::COUNTRY, r),
                    Entry::Demonym(r) => (names::DEMONYM, r),
                    Entry::City(r) => (names::CITY, r),
                    Entry::Org(r) => (names::ORG, r),
                    Entry::Region(r) => (names::REGION, r),
                    Entry::Person(r) => (names::PERSON, r),
                };
                found |= it.spelling == name && want == (kind, row);
                i = it.next;
            }
            assert!(found, "{name} {kind} {row}");
            for (k, c) in folded.char_indices().skip(1) {
                if !is_word_char(c) {
                    assert!(g.names.is_prefix(&folded.as_bytes()[..k]), "{name}");
                }
            }
        });
        assert!(n > 80_000);
        assert!(g.names.get(b"no such place anywhere").is_none());
        // Rows line up with the parsed tables.
        let m = g.find("Muscat");
        let Entry::City(x) = m[0].entries[0] else {
            panic!("{:?}", m)
        };
        assert_eq!(g.cities[x as usize].name, "Muscat");
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
