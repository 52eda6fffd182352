//! The compiled-in gazetteer: countries and territories (ISO and CAMEO codes, names, demonyms,
//! capitals), cities of 15,000+ people, regions, organisations (IGOs with CAMEO codes, armed and
//! political groups, institutions), known people with dated roles (Phoenix dictionaries), titles
//! and sector words (Phoenix/PLOVER agents), and a token lexicon learned from NER training
//! splits. The tables live in `data/gazetteer/` (sources and licences in its README) and are
//! built by `data/gazetteer/build.py`.
//!
//! [`Gazetteer::load`] parses the tables and builds one Aho-Corasick automaton over every name
//! (ASCII-case-insensitive, leftmost-longest); [`Gazetteer::find`] returns the matches in a text
//! that sit on word boundaries and whose letter case fits the name.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

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
    #[error("could not build the name automaton: {0}")]
    Automaton(String),
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
    pub name: String,
    /// ISO3 code of its country.
    pub country: String,
    pub population: u64,
    pub lat: f32,
    pub lon: f32,
}

/// An organisation, group or institution.
#[derive(Debug, Clone)]
pub struct Org {
    pub name: String,
    pub code: String,
    pub country: Option<String>,
}

/// A region ("Gulf", "Horn of Africa").
#[derive(Debug, Clone)]
pub struct Region {
    pub name: String,
    pub country: Option<String>,
}

/// A role of a known person: CAMEO actor code and validity dates (ISO `YYYY-MM-DD`).
#[derive(Debug, Clone)]
pub struct KnownRole {
    pub code: String,
    pub since: Option<String>,
    pub until: Option<String>,
}

/// A person from the Phoenix actor dictionaries.
#[derive(Debug, Clone)]
pub struct Person {
    pub name: String,
    pub roles: Vec<KnownRole>,
}

impl Person {
    /// The role valid on `date` (ISO prefix compare), else the latest open-ended or last role.
    pub fn role_at(&self, date: Option<&str>) -> Option<&KnownRole> {
        if let Some(d) = date {
            let hit = self.roles.iter().rev().find(|r| {
                r.since.as_deref().is_some_and(|s| s <= d)
                    && r.until.as_deref().is_none_or(|u| d <= u)
            });
            if hit.is_some() {
                return hit;
            }
        }
        self.roles
            .iter()
            .rev()
            .find(|r| r.since.is_some() && r.until.is_none())
            .or_else(|| self.roles.last())
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

/// The spellings of one case-folded name, each with what it names.
type Spellings = Vec<(String, Vec<Entry>)>;

/// The loaded gazetteer.
pub struct Gazetteer {
    pub countries: Vec<Country>,
    pub cities: Vec<City>,
    pub orgs: Vec<Org>,
    pub regions: Vec<Region>,
    pub people: Vec<Person>,
    titles: HashMap<String, Title>,
    max_title_words: usize,
    lexicon: HashMap<String, LexCounts>,
    by_iso3: HashMap<String, u32>,
    /// Per ASCII-lower-cased name: its spellings with what each names.
    patterns: Vec<Spellings>,
    automaton: AhoCorasick,
}

fn lines(table: &'static str) -> impl Iterator<Item = (usize, Vec<&'static str>)> {
    table
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| (i + 1, l.split('\t').collect()))
}

fn field<'a>(
    cols: &[&'a str],
    i: usize,
    table: &'static str,
    line: usize,
) -> Result<&'a str, GazetteerError> {
    cols.get(i).copied().ok_or(GazetteerError::Malformed {
        table,
        line,
        problem: format!("expected at least {} columns, found {}", i + 1, cols.len()),
    })
}

fn alts(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(String::from)
        .collect()
}

fn opt(s: &str) -> Option<String> {
    let s = s.trim();
    (!s.is_empty()).then(|| s.to_string())
}

/// Names that are also everyday words or given names: they need context to count.
const AMBIGUOUS_SINGLE: &[&str] = &[
    "Georgia", "Jordan", "Chad", "Niger", "Turkey", "Guinea", "Victoria", "Mobile", "Nice",
    "Reading", "Split", "Florence", "Of", "March", "May", "August", "Sale", "Police", "Bath",
];

impl Gazetteer {
    /// Parse the compiled-in tables and build the automaton.
    pub fn load() -> Result<Gazetteer, GazetteerError> {
        let mut countries = Vec::new();
        for (line, c) in lines(COUNTRIES) {
            let t = "countries.tsv";
            countries.push(Country {
                iso2: field(&c, 0, t, line)?.to_string(),
                iso3: field(&c, 1, t, line)?.to_string(),
                cameo: field(&c, 2, t, line)?.to_string(),
                name: field(&c, 3, t, line)?.to_string(),
                capital: field(&c, 4, t, line)?.to_string(),
                names: alts(field(&c, 5, t, line)?),
                demonyms: alts(field(&c, 6, t, line)?),
                kind_words: alts(field(&c, 7, t, line)?),
                population: field(&c, 8, t, line)?.parse().unwrap_or(0),
            });
        }
        let iso2_to_3: HashMap<&str, &str> = countries
            .iter()
            .map(|c| (c.iso2.as_str(), c.iso3.as_str()))
            .collect();
        let mut patterns: HashMap<String, Vec<Entry>> = HashMap::new();
        let mut add = |name: &str, e: Entry| {
            let name = name.trim();
            if name.chars().count() < 2 {
                return;
            }
            let list = patterns.entry(name.to_string()).or_default();
            if !list.contains(&e) {
                list.push(e);
            }
        };
        for (i, c) in countries.iter().enumerate() {
            for n in &c.names {
                add(n, Entry::Country(i as u32));
                if let Some(rest) = n.strip_prefix("the ") {
                    add(rest, Entry::Country(i as u32));
                }
            }
            for d in &c.demonyms {
                add(d, Entry::Demonym(i as u32));
            }
        }
        let mut cities = Vec::new();
        for (line, c) in lines(CITIES) {
            let t = "cities.tsv";
            let iso2 = field(&c, 1, t, line)?;
            let idx = cities.len() as u32;
            let name = field(&c, 0, t, line)?;
            add(name, Entry::City(idx));
            for a in alts(c.get(3).copied().unwrap_or("")) {
                add(&a, Entry::City(idx));
            }
            cities.push(City {
                name: name.to_string(),
                country: iso2_to_3.get(iso2).copied().unwrap_or(iso2).to_string(),
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
            add(name, Entry::Region(idx));
            for a in alts(c.get(1).copied().unwrap_or("")) {
                add(&a, Entry::Region(idx));
            }
            regions.push(Region {
                name: name.to_string(),
                country: c.get(2).and_then(|x| opt(x)),
            });
        }
        let mut orgs = Vec::new();
        for (line, c) in lines(ORGS) {
            let t = "orgs.tsv";
            let idx = orgs.len() as u32;
            let name = field(&c, 0, t, line)?;
            add(name, Entry::Org(idx));
            for a in alts(c.get(1).copied().unwrap_or("")) {
                add(&a, Entry::Org(idx));
            }
            orgs.push(Org {
                name: name.to_string(),
                code: c.get(2).copied().unwrap_or("").trim().to_string(),
                country: c.get(3).and_then(|x| opt(x)),
            });
        }
        let mut people = Vec::new();
        for (line, c) in lines(PEOPLE) {
            let t = "people.tsv";
            let idx = people.len() as u32;
            let name = field(&c, 0, t, line)?;
            add(name, Entry::Person(idx));
            for a in alts(c.get(1).copied().unwrap_or("")) {
                add(&a, Entry::Person(idx));
            }
            let roles = c
                .get(2)
                .copied()
                .unwrap_or("")
                .split(';')
                .filter_map(|r| {
                    let mut p = r.split(',');
                    let code = p.next()?.trim();
                    (!code.is_empty()).then(|| KnownRole {
                        code: code.to_string(),
                        since: p.next().and_then(opt),
                        until: p.next().and_then(opt),
                    })
                })
                .collect();
            people.push(Person {
                name: name.to_string(),
                roles,
            });
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
                    sector: c.get(1).and_then(|x| opt(x)),
                    person: c.get(2).is_some_and(|k| k.trim() == "P"),
                },
            );
        }
        let mut lexicon = HashMap::new();
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
            lexicon.insert(field(&c, 0, t, line)?.to_string(), counts);
        }
        let by_iso3 = countries
            .iter()
            .enumerate()
            .map(|(i, c)| (c.iso3.clone(), i as u32))
            .collect();
        let mut folded: HashMap<String, Spellings> = HashMap::new();
        for (name, entries) in patterns {
            folded
                .entry(name.to_ascii_lowercase())
                .or_default()
                .push((name, entries));
        }
        let mut folded: Vec<(String, Spellings)> = folded.into_iter().collect();
        folded.sort_by(|a, b| a.0.cmp(&b.0));
        let t_ac = std::time::Instant::now();
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .kind(Some(AhoCorasickKind::ContiguousNFA))
            .build(folded.iter().map(|p| p.0.as_str()))
            .map_err(|e| GazetteerError::Automaton(e.to_string()))?;
        if std::env::var_os("ATTACHE_GAZ_TIMING").is_some() {
            eprintln!("automaton built in {:?}", t_ac.elapsed());
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
            patterns: folded.into_iter().map(|x| x.1).collect(),
            automaton,
        })
    }

    /// Number of distinct names in the automaton.
    pub fn name_count(&self) -> usize {
        self.patterns.len()
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

    /// Gazetteer matches in `text` (byte offsets) on word boundaries with a fitting letter case.
    pub fn find(&self, text: &str) -> Vec<Match> {
        let bytes = text.as_bytes();
        let lower = text.to_ascii_lowercase();
        let mut out = Vec::new();
        let mut at = 0;
        while at < lower.len() {
            let Some(m) = self
                .automaton
                .find(aho_corasick::Input::new(&lower).span(at..lower.len()))
            else {
                break;
            };
            let (s, e) = (m.start(), m.end());
            // A rejected match must not hide a shorter or later one: resume after its start.
            let mut next = s + 1;
            while next < lower.len() && !lower.is_char_boundary(next) {
                next += 1;
            }
            at = next;
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                || after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            {
                continue;
            }
            let found = &text[s..e];
            let mut entries: Vec<Entry> = Vec::new();
            for (pattern, es) in &self.patterns[m.pattern().as_usize()] {
                if !case_fits(pattern, found) {
                    continue;
                }
                if AMBIGUOUS_SINGLE.contains(&pattern.as_str()) && bytes.get(e) == Some(&b'-') {
                    continue;
                }
                for x in es {
                    if !entries.contains(x) {
                        entries.push(*x);
                    }
                }
            }
            if entries.is_empty() {
                continue;
            }
            at = e;
            out.push(Match {
                start: s,
                end: e,
                entries,
            });
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
