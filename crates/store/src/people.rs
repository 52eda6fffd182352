//! People and their roles learned from the documents: what one document says
//! ([`observations`]: a person, a role, the document date, the period the text gives and the
//! sentence that says so) and what all of them say together ([`aggregate`]: one
//! [`PersonRole`] per person, title and country, with first- and last-seen dates).
//!
//! Both are pure functions over the model, so that the store (which keeps the observations
//! of every document, replaced with its annotations) and the pipeline (which learns from the
//! documents of a batch before they are stored) agree on what a document teaches.

use attache_model::{Annotations, DatePrecision, Document, Evidence, MentionType, Timex};
use serde::Serialize;

/// One document's statement of a person's role.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonObservation {
    /// Entity id of the person (the same in every document that names them the same way).
    pub entity: String,
    pub name: String,
    /// The title as the text gives it ("Security Council Secretary").
    pub title: String,
    /// [`title_key`] of the title.
    pub title_key: String,
    /// ISO 3166-1 alpha-3 code of the role's country.
    pub country: Option<String>,
    /// CAMEO sector code(s) of the role ("GOV", "GOVMIL").
    pub sector: Option<String>,
    /// CAMEO actor code of the person in this role ("RUSGOV").
    pub actor_code: Option<String>,
    /// The document date (TimeML value: "2025-11-21", "2025-11", "2025"), when known.
    pub seen: Option<String>,
    /// Start of the role when the text dates it ("since 2019").
    pub since: Option<String>,
    /// End of the role when the text says it is over ("former …": the document date, or the
    /// dated expression that follows "until").
    pub until: Option<String>,
    /// The sentence that states the role.
    pub evidence: Evidence,
}

/// A person in one role, over every stored document that states it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PersonRole {
    /// Entity id of the person.
    pub entity: String,
    pub name: String,
    pub title: String,
    pub country: Option<String>,
    pub sector: Option<String>,
    pub actor_code: Option<String>,
    /// Earliest date the role is known to hold: a stated start ("since 2019") or the date of
    /// the first document that states it (TimeML value).
    pub first_seen: Option<String>,
    /// Latest date the role is known to hold: the date of the last document that states it,
    /// or the stated end of a former role.
    pub last_seen: Option<String>,
    /// When the texts say the role is over ("former"), the date by which it ended; `None`
    /// while the latest statement is current.
    pub ended: Option<String>,
    /// The first sentence that states the role.
    pub evidence: Evidence,
    /// Documents that name the person (any role, or none); 0 when not counted.
    pub documents: u64,
    /// Ids of the most recent of those documents (as many as asked for).
    pub document_ids: Vec<String>,
}

impl PersonRole {
    /// Whether the role is known to hold on `date` (a TimeML value or prefix; `None` for an
    /// undated document, which every role fits). Dates compare at the coarser precision:
    /// "2025" fits a role first seen on "2025-06-03".
    pub fn fits(&self, date: Option<&str>) -> bool {
        let Some(date) = date.filter(|d| is_date(d)) else {
            return true;
        };
        let after_start = self
            .first_seen
            .as_deref()
            .is_none_or(|s| cmp_dates(s, date) != std::cmp::Ordering::Greater);
        let before_end = self
            .ended
            .as_deref()
            .is_none_or(|u| cmp_dates(date, u) != std::cmp::Ordering::Greater);
        after_start && before_end
    }
}

/// Filters for [`crate::Store::people`] (all optional; they combine with AND).
#[derive(Debug, Clone, Default)]
pub struct PeopleFilter {
    /// ISO 3166-1 alpha-3 code of the role's country ("RUS").
    pub country: Option<String>,
    /// Part of the title, any case ("defense", "security council").
    pub role: Option<String>,
    /// Part of the person's name, any case.
    pub name: Option<String>,
    /// Count the documents that name each person and list the ids of up to this many of the
    /// most recent; `None` skips the counting (documents stay 0).
    pub documents: Option<usize>,
    pub limit: Option<usize>,
}

/// Compare two TimeML dates at the precision of the shorter one.
fn cmp_dates(a: &str, b: &str) -> std::cmp::Ordering {
    let n = a.len().min(b.len());
    a[..n].cmp(&b[..n])
}

/// A TimeML calendar value ("2019", "2024-10", "2025-SP", "2025-02-26"), not "PRESENT_REF" or
/// a duration.
pub fn is_date(v: &str) -> bool {
    let b = v.as_bytes();
    b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && (b.len() == 4 || b[4] == b'-')
}

/// The key that makes two spellings of a title one role: lower-case words without "of", "the"
/// and possessives, in sorted order ("Secretary of the Security Council" and "Security
/// Council secretary" are both "council secretary security").
pub fn title_key(title: &str) -> String {
    let mut words: Vec<String> = title
        .split(|c: char| !c.is_alphanumeric() && c != '\'' && c != '’')
        .map(|w| {
            w.trim_end_matches("'s")
                .trim_end_matches("’s")
                .trim_matches(['\'', '’'])
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !matches!(w.as_str(), "of" | "the" | "and"))
        .collect();
    words.sort();
    words.dedup();
    words.join(" ")
}

/// The document date as a TimeML value at its precision, when the document has one.
pub fn document_date(document: &Document) -> Option<String> {
    let t = document.published?;
    let fmt = match document.published_precision {
        DatePrecision::Day | DatePrecision::Unknown => "%Y-%m-%d",
        DatePrecision::Month => "%Y-%m",
        DatePrecision::Season | DatePrecision::Year => "%Y",
    };
    Some(t.strftime(fmt).to_string())
}

/// What a document says about people's roles: one observation per person, title and country
/// the annotations give, with the first sentence that names the person with that title (or,
/// failing that, the first sentence that names the person).
pub fn observations(document: &Document, a: &Annotations) -> Vec<PersonObservation> {
    let people: Vec<_> = a
        .entities
        .iter()
        .filter(|e| e.kind == MentionType::Person && !e.roles.is_empty())
        .collect();
    if people.is_empty() {
        return Vec::new();
    }
    let text = &document.text;
    let mut byte_of: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    byte_of.push(text.len());
    let nchars = byte_of.len() - 1;
    let slice = |s: usize, e: usize| &text[byte_of[s.min(nchars)]..byte_of[e.min(nchars)]];
    let chars: Vec<char> = text.chars().collect();
    // The sentence around a char position; without one, its line (at most 300 chars each
    // side).
    let sentence_of = |pos: usize| {
        a.sentences
            .iter()
            .find(|s| s.start <= pos && pos < s.end.min(nchars))
            .map(|s| (s.start, s.end.min(nchars)))
            .unwrap_or_else(|| {
                let pos = pos.min(nchars);
                let lo = pos.saturating_sub(300);
                let hi = (pos + 300).min(nchars);
                let start = (lo..pos)
                    .rev()
                    .find(|&i| chars[i] == '\n')
                    .map_or(lo, |i| i + 1);
                let end = (pos..hi).find(|&i| chars[i] == '\n').unwrap_or(hi);
                (start, end)
            })
    };
    let seen = document_date(document);
    let mut out: Vec<PersonObservation> = Vec::new();
    for e in people {
        let mentions: Vec<_> = a
            .mentions
            .iter()
            .filter(|m| m.entity.as_deref() == Some(e.id.as_str()))
            .collect();
        for role in &e.roles {
            let title = role.title.trim();
            let key = title_key(title);
            if key.is_empty() {
                continue;
            }
            let country = role.country.clone().or_else(|| e.country.clone());
            if out
                .iter()
                .any(|o| o.entity == e.id && o.title_key == key && o.country == country)
            {
                continue;
            }
            let lower_title = title.to_lowercase();
            // The sentence naming the person with the title, else the first naming them.
            let mut best: Option<(usize, usize, Option<usize>)> = None;
            for m in &mentions {
                let (s, end) = sentence_of(m.start);
                let sentence = slice(s, end).to_lowercase();
                if let Some(at) = sentence.find(&lower_title) {
                    let title_char = s + sentence[..at].chars().count();
                    best = Some((s, end, Some(title_char)));
                    break;
                }
                if best.is_none() {
                    best = Some((s, end, None));
                }
            }
            let Some((start, end, title_at)) = best else {
                continue;
            };
            let (since, until) = stated_period(
                text,
                &byte_of,
                (start, end),
                title_at,
                &a.timexes,
                seen.as_deref(),
            );
            // A role date the recogniser took from the text (not the document date) counts as
            // a stated start or end.
            let since = since.or_else(|| {
                role.since
                    .clone()
                    .filter(|s| is_date(s) && Some(s) != seen.as_ref())
            });
            let until = until.or_else(|| role.until.clone().filter(|s| is_date(s)));
            let actor_code = e.actor_code.clone();
            out.push(PersonObservation {
                entity: e.id.clone(),
                name: e.name.clone(),
                title: title.to_string(),
                title_key: key,
                country,
                sector: role.sector.clone(),
                actor_code,
                seen: seen.clone(),
                since,
                until,
                evidence: Evidence {
                    document: document.id.clone(),
                    start,
                    end,
                    text: slice(start, end).to_string(),
                },
            });
        }
    }
    out
}

/// The period a sentence gives for a role: "since <date>" after the title starts it; "former"
/// or "ex-" before the title ends it (at "until <date>" when the sentence says so, else at the
/// document date).
fn stated_period(
    text: &str,
    byte_of: &[usize],
    sentence: (usize, usize),
    title_at: Option<usize>,
    timexes: &[Timex],
    seen: Option<&str>,
) -> (Option<String>, Option<String>) {
    let nchars = byte_of.len() - 1;
    let before = |t: &Timex| {
        let from = t.start.saturating_sub(8).max(sentence.0);
        text[byte_of[from.min(nchars)]..byte_of[t.start.min(nchars)]].to_lowercase()
    };
    let in_sentence = |t: &&Timex| t.start >= sentence.0 && t.end <= sentence.1;
    let dated = |word: &str| {
        timexes
            .iter()
            .filter(in_sentence)
            .find(|t| {
                let b = before(t);
                b.trim_end().ends_with(word) && t.value.as_deref().is_some_and(is_date)
            })
            .and_then(|t| t.value.clone())
    };
    let since = dated("since");
    let former = title_at.is_some_and(|at| {
        let from = at.saturating_sub(12).max(sentence.0);
        let lead = text[byte_of[from.min(nchars)]..byte_of[at.min(nchars)]].to_lowercase();
        let lead = lead.trim_end();
        lead.ends_with("former") || lead.ends_with("ex-") || lead.ends_with("ex")
    });
    let until = if former {
        dated("until").or_else(|| seen.map(String::from))
    } else {
        None
    };
    (since, until)
}

/// Group observations by person, title and country (in any order) into roles, most recently
/// seen first. Display fields (title spelling, name, code) come from the latest statement.
pub fn aggregate(observations: impl IntoIterator<Item = PersonObservation>) -> Vec<PersonRole> {
    use std::collections::HashMap;
    type Key = (String, String, Option<String>);
    let mut groups: HashMap<Key, Vec<PersonObservation>> = HashMap::new();
    for o in observations {
        groups
            .entry((o.entity.clone(), o.title_key.clone(), o.country.clone()))
            .or_default()
            .push(o);
    }
    let mut out: Vec<PersonRole> = groups
        .into_values()
        .filter_map(|mut obs| {
            obs.sort_by(|a, b| {
                let k = |o: &PersonObservation| o.seen.clone().unwrap_or_default();
                k(a).cmp(&k(b))
                    .then_with(|| a.evidence.document.cmp(&b.evidence.document))
            });
            let first = obs.first()?.clone();
            let latest = obs.last()?.clone();
            let start = |o: &PersonObservation| {
                o.since
                    .clone()
                    .or_else(|| o.until.is_none().then(|| o.seen.clone()).flatten())
            };
            let end = |o: &PersonObservation| o.until.clone().or_else(|| o.seen.clone());
            let first_seen = obs.iter().filter_map(start).min();
            let last_seen = obs.iter().filter_map(end).max();
            // Ended when the latest statement of it being over is not followed by a later
            // statement of it being held.
            let ended = obs
                .iter()
                .filter_map(|o| o.until.clone())
                .max()
                .filter(|u| {
                    !obs.iter().any(|o| {
                        o.until.is_none()
                            && o.seen
                                .as_deref()
                                .is_some_and(|s| cmp_dates(s, u) == std::cmp::Ordering::Greater)
                    })
                });
            Some(PersonRole {
                entity: latest.entity,
                name: latest.name,
                title: latest.title,
                country: latest.country,
                sector: latest.sector.or(first.sector),
                actor_code: latest.actor_code.or(first.actor_code),
                first_seen,
                last_seen,
                ended,
                evidence: first.evidence,
                documents: 0,
                document_ids: Vec::new(),
            })
        })
        .collect();
    sort_roles(&mut out);
    out
}

/// Combine roles of the same person, title and country (from different snapshots: what the
/// store held and what a batch added) into one each: the earliest first-seen and evidence, the
/// latest last-seen, display fields of the most recently seen; an end stands unless a later
/// statement holds the role. Most recently seen first.
pub fn merge(roles: impl IntoIterator<Item = PersonRole>) -> Vec<PersonRole> {
    use std::collections::HashMap;
    let mut by_key: HashMap<(String, String, Option<String>), PersonRole> = HashMap::new();
    for r in roles {
        let key = (r.entity.clone(), title_key(&r.title), r.country.clone());
        match by_key.remove(&key) {
            None => {
                by_key.insert(key, r);
            }
            Some(old) => {
                let (earlier, later) = if old.last_seen <= r.last_seen {
                    (old, r)
                } else {
                    (r, old)
                };
                let first_seen = match (&earlier.first_seen, &later.first_seen) {
                    (Some(a), Some(b)) => Some(a.min(b).clone()),
                    (a, b) => a.clone().or_else(|| b.clone()),
                };
                let evidence = if earlier.first_seen <= later.first_seen {
                    earlier.evidence.clone()
                } else {
                    later.evidence.clone()
                };
                let merged = PersonRole {
                    first_seen,
                    evidence,
                    documents: earlier.documents.max(later.documents),
                    sector: later.sector.clone().or(earlier.sector),
                    actor_code: later.actor_code.clone().or(earlier.actor_code),
                    ..later
                };
                by_key.insert(key, merged);
            }
        }
    }
    let mut out: Vec<PersonRole> = by_key.into_values().collect();
    sort_roles(&mut out);
    out
}

/// Most recently seen first, then by name and title.
pub fn sort_roles(roles: &mut [PersonRole]) {
    roles.sort_by(|a, b| {
        b.last_seen
            .cmp(&a.last_seen)
            .then_with(|| a.name.cmp(&b.name))
            .then_with(|| a.title.cmp(&b.title))
            .then_with(|| a.country.cmp(&b.country))
    });
}

/// Whether a role passes a filter's country, role and name conditions.
pub fn matches(filter: &PeopleFilter, r: &PersonRole) -> bool {
    let contains = |hay: &str, needle: &str| hay.to_lowercase().contains(&needle.to_lowercase());
    filter.country.as_deref().is_none_or(|c| {
        r.country
            .as_deref()
            .is_some_and(|rc| rc.eq_ignore_ascii_case(c))
    }) && filter
        .role
        .as_deref()
        .is_none_or(|q| contains(&r.title, q.trim()))
        && filter
            .name
            .as_deref()
            .is_none_or(|q| contains(&r.name, q.trim()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use attache_model::{Entity, Mention, Role, Span};

    fn doc(text: &str, date: &str) -> Document {
        let mut d = Document::new("t", text);
        d.published = Some(format!("{date}T00:00:00Z").parse().unwrap());
        d.published_precision = DatePrecision::Day;
        d
    }

    fn person(name: &str, title: &str, code: &str) -> Entity {
        Entity {
            id: format!("p-{name}"),
            name: name.into(),
            kind: MentionType::Person,
            country: Some(code[..3].into()),
            actor_code: Some(code.into()),
            aliases: vec![],
            roles: vec![Role {
                title: title.into(),
                country: Some(code[..3].into()),
                sector: Some(code[3..].into()),
                since: None,
                until: None,
            }],
        }
    }

    fn mention(text: &str, whole: &str, entity: &str) -> Mention {
        let at = whole.find(text).unwrap();
        let start = whole[..at].chars().count();
        Mention {
            start,
            end: start + text.chars().count(),
            text: text.into(),
            kind: MentionType::Person,
            entity: Some(entity.into()),
            country: None,
            actor_code: None,
        }
    }

    fn sentences(text: &str) -> Vec<Span> {
        let mut out = Vec::new();
        let mut start = 0;
        for (i, c) in text.chars().enumerate() {
            if c == '.' {
                out.push(Span { start, end: i + 1 });
                start = i + 2;
            }
        }
        out
    }

    #[test]
    fn titles_in_any_order_are_one_role() {
        assert_eq!(
            title_key("Secretary of the Security Council"),
            title_key("Security Council secretary")
        );
        assert_ne!(title_key("Defense Minister"), title_key("Foreign Minister"));
        assert_eq!(title_key("  "), "");
    }

    #[test]
    fn evidence_is_the_sentence_with_the_title_and_former_ends_the_role() {
        let text = "Talks ended. Russian Security Council Secretary Sergei Shoigu met Saqr. \
                    Former Defense Minister Ivan Petrov, in office since 2019, was there.";
        let d = doc(text, "2025-11-21");
        let since = "2019";
        let at = text.find(since).unwrap();
        let a = Annotations {
            sentences: sentences(text),
            mentions: vec![
                mention("Sergei Shoigu", text, "p-Sergei Shoigu"),
                mention("Ivan Petrov", text, "p-Ivan Petrov"),
            ],
            entities: vec![
                person("Sergei Shoigu", "Security Council Secretary", "RUSGOV"),
                person("Ivan Petrov", "Defense Minister", "RUSGOVMIL"),
            ],
            timexes: vec![Timex {
                start: at,
                end: at + 4,
                text: since.into(),
                kind: attache_model::TimexType::Date,
                value: Some("2019".into()),
                modifier: None,
            }],
            events: vec![],
        };
        let obs = observations(&d, &a);
        assert_eq!(obs.len(), 2, "{obs:?}");
        assert_eq!(
            obs[0].evidence.text,
            "Russian Security Council Secretary Sergei Shoigu met Saqr."
        );
        assert_eq!(obs[0].evidence.start, 13);
        assert_eq!(obs[0].seen.as_deref(), Some("2025-11-21"));
        assert_eq!((obs[0].since.clone(), obs[0].until.clone()), (None, None));
        assert_eq!(obs[1].since.as_deref(), Some("2019"));
        assert_eq!(obs[1].until.as_deref(), Some("2025-11-21"));
        let roles = aggregate(obs);
        let petrov = roles.iter().find(|r| r.name == "Ivan Petrov").unwrap();
        assert_eq!(petrov.first_seen.as_deref(), Some("2019"));
        assert_eq!(petrov.ended.as_deref(), Some("2025-11-21"));
        assert!(petrov.fits(Some("2020-05")));
        assert!(!petrov.fits(Some("2026-01-01")));
        assert!(!petrov.fits(Some("2018")));
        let shoigu = roles.iter().find(|r| r.name == "Sergei Shoigu").unwrap();
        assert_eq!(shoigu.ended, None);
        assert!(shoigu.fits(Some("2026-03-01")));
        assert!(!shoigu.fits(Some("2025-01-01")));
        assert!(shoigu.fits(Some("2025")));
        assert!(shoigu.fits(None));
    }

    #[test]
    fn aggregation_spans_documents_and_a_later_statement_reopens_a_role() {
        let text = "Defense Minister Ivan Petrov spoke.";
        let mk = |date: &str, former: bool| {
            let t = if former {
                format!("Former {text}")
            } else {
                text.to_string()
            };
            let d = doc(&t, date);
            let a = Annotations {
                sentences: sentences(&t),
                mentions: vec![mention("Ivan Petrov", &t, "p-Ivan Petrov")],
                entities: vec![person("Ivan Petrov", "Defense Minister", "RUSGOVMIL")],
                ..Annotations::default()
            };
            observations(&d, &a)
        };
        let mut obs = mk("2024-01-10", false);
        obs.extend(mk("2024-06-01", true));
        let r = aggregate(obs.clone());
        assert_eq!(r.len(), 1);
        assert_eq!(r[0].first_seen.as_deref(), Some("2024-01-10"));
        assert_eq!(r[0].last_seen.as_deref(), Some("2024-06-01"));
        assert_eq!(r[0].ended.as_deref(), Some("2024-06-01"));
        obs.extend(mk("2024-09-01", false));
        let r = aggregate(obs);
        assert_eq!(r[0].ended, None);
        assert_eq!(r[0].last_seen.as_deref(), Some("2024-09-01"));
    }

    #[test]
    fn merging_snapshots_keeps_one_role_per_person_title_and_country() {
        let text = "Defense Minister Ivan Petrov spoke.";
        let mk = |date: &str, former: bool| {
            let t = if former {
                format!("Former {text}")
            } else {
                text.to_string()
            };
            let d = doc(&t, date);
            let a = Annotations {
                sentences: sentences(&t),
                mentions: vec![mention("Ivan Petrov", &t, "p-Ivan Petrov")],
                entities: vec![person("Ivan Petrov", "Defense Minister", "RUSGOVMIL")],
                ..Annotations::default()
            };
            aggregate(observations(&d, &a))
        };
        let mut roles = mk("2024-01-10", false);
        roles.extend(mk("2024-06-01", true));
        let m = merge(roles.clone());
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].first_seen.as_deref(), Some("2024-01-10"));
        assert_eq!(m[0].last_seen.as_deref(), Some("2024-06-01"));
        assert_eq!(m[0].ended.as_deref(), Some("2024-06-01"));
        roles.extend(mk("2024-09-01", false));
        let m = merge(roles);
        assert_eq!(m.len(), 1);
        assert_eq!(m[0].ended, None, "held again after it was said to be over");
        assert_eq!(m[0].last_seen.as_deref(), Some("2024-09-01"));
    }

    #[test]
    fn people_without_roles_or_mentions_teach_nothing() {
        let d = doc("Shoigu spoke.", "2025-01-01");
        let mut e = person("Shoigu", "x", "RUSGOV");
        e.roles.clear();
        let a = Annotations {
            entities: vec![e],
            ..Annotations::default()
        };
        assert!(observations(&d, &a).is_empty());
        let a = Annotations {
            entities: vec![person("Shoigu", "Minister", "RUSGOV")],
            ..Annotations::default()
        };
        assert!(observations(&d, &a).is_empty());
    }
}
