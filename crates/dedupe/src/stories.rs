//! Story clusters and their provenance, and the per-outlet republishing summary.
//!
//! Clusters are the connected components of the copy links the index found (a copy of a copy
//! is in the same story). Within a cluster:
//! - the **origin** is the outlet the copies name in their syndication markers or credit lines
//!   ("first published on RTNews.com", "from RT World News", "(Reuters)"), the most often
//!   named one when several are; when no copy names one, the origin is the outlet of the
//!   earliest copy;
//! - the **canonical** document is the earliest member published by the named origin, else the
//!   earliest member (by publication time, then fetch time; unknown times sort last, ties by id);
//! - each member's **delay** is its publication time minus the canonical document's;
//! - a member **credits the origin** when its syndication origin or credit line names the
//!   origin outlet (outlet names are compared loosely: "RTNews.com", "RT World News" and
//!   "rt.com" are the same outlet).

use std::collections::HashMap;

use attache_model::{Document, StoryCluster, StoryMember, hash};
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// What clustering needs to know about one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocMeta {
    pub id: String,
    /// The outlet that carries the document ([`Document::outlet`]).
    pub outlet: Option<String>,
    pub published: Option<Timestamp>,
    pub fetched: Option<Timestamp>,
    /// Outlets the document names as its source: its syndication origin and a dateline credit
    /// such as "LONDON (Reuters) -".
    pub credits: Vec<String>,
}

impl DocMeta {
    pub fn from_document(doc: &Document) -> Self {
        let mut credits = Vec::new();
        if let Some(o) = doc.syndication.as_ref().and_then(|s| s.origin.as_deref()) {
            let o = o.trim();
            if !o.is_empty() {
                credits.push(o.to_string());
            }
        }
        if let Some(c) = dateline_credit(&doc.text)
            && !credits.iter().any(|x| same_outlet(x, &c))
        {
            credits.push(c);
        }
        DocMeta {
            id: doc.id.clone(),
            outlet: doc.outlet(),
            published: doc.published,
            fetched: doc.fetched,
            credits,
        }
    }

    fn time(&self) -> Option<Timestamp> {
        self.published.or(self.fetched)
    }
}

/// One copy relation found by the index: `document` is a copy of `copy_of`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub document: String,
    pub copy_of: String,
    pub similarity: f32,
}

/// A wire-service credit in the dateline: "LONDON (Reuters) - …", "(AP) —" within the first
/// 300 chars of the text.
pub fn dateline_credit(text: &str) -> Option<String> {
    let head: String = text.chars().take(300).collect();
    let mut rest = head.as_str();
    while let Some(open) = rest.find('(') {
        let after = &rest[open + 1..];
        let close = after.find(')')?;
        let inner = after[..close].trim();
        let tail = after[close + 1..].trim_start();
        let dash = tail.starts_with(['-', '–', '—']);
        let plausible = (2..=30).contains(&inner.chars().count())
            && inner.chars().next().is_some_and(|c| c.is_uppercase())
            && inner
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '.' || c == '-' || c == '&');
        if dash && plausible {
            return Some(inner.to_string());
        }
        rest = &after[close + 1..];
    }
    None
}

/// A loose key for an outlet name: camel-case and punctuation split into words, lowercased,
/// generic words ("news", "world", "the", "online", top-level domains, "www") dropped.
pub fn outlet_key(name: &str) -> String {
    const GENERIC: &[&str] = &[
        "news", "world", "the", "online", "www", "com", "net", "org", "co", "uk", "ru", "in",
        "info", "tv", "media", "agency", "daily", "live", "https", "http",
    ];
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let chars: Vec<char> = name.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_alphanumeric() {
            if !cur.is_empty() {
                words.push(std::mem::take(&mut cur));
            }
            continue;
        }
        if c.is_uppercase() && !cur.is_empty() {
            let prev = chars[i - 1];
            let next_lower = chars.get(i + 1).is_some_and(|n| n.is_lowercase());
            if prev.is_lowercase() || (prev.is_uppercase() && next_lower) {
                words.push(std::mem::take(&mut cur));
            }
        }
        cur.extend(c.to_lowercase());
    }
    if !cur.is_empty() {
        words.push(cur);
    }
    let kept: Vec<&str> = words
        .iter()
        .map(String::as_str)
        .filter(|w| !GENERIC.contains(w))
        .collect();
    if kept.is_empty() {
        words.concat()
    } else {
        kept.concat()
    }
}

/// Whether two outlet names denote the same outlet (see [`outlet_key`]; "Reuter" and
/// "Reuters" also match: one key may extend the other by a plural "s").
pub fn same_outlet(a: &str, b: &str) -> bool {
    let (ka, kb) = (outlet_key(a), outlet_key(b));
    if ka.is_empty() || kb.is_empty() {
        return false;
    }
    ka == kb || ka.strip_suffix('s') == Some(kb.as_str()) || kb.strip_suffix('s') == Some(&ka)
}

struct Dsu(Vec<usize>);

impl Dsu {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            let (lo, hi) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.0[hi] = lo;
        }
    }
}

fn time_order(a: &DocMeta, b: &DocMeta) -> std::cmp::Ordering {
    match (a.time(), b.time()) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => std::cmp::Ordering::Equal,
    }
    .then_with(|| a.id.cmp(&b.id))
}

/// Story clusters (two or more members) from documents and the copy links between them.
/// Links naming unknown documents are ignored. Clusters come sorted by first-seen time, then
/// canonical id; members by time, then id.
pub fn build_clusters(docs: &[DocMeta], links: &[Link]) -> Vec<StoryCluster> {
    let pos: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut dsu = Dsu((0..docs.len()).collect());
    let mut best_sim: HashMap<usize, f32> = HashMap::new();
    for l in links {
        let (Some(&a), Some(&b)) = (pos.get(l.document.as_str()), pos.get(l.copy_of.as_str()))
        else {
            continue;
        };
        if a == b {
            continue;
        }
        dsu.union(a, b);
        let s = if l.similarity.is_finite() {
            l.similarity.clamp(0.0, 1.0)
        } else {
            0.0
        };
        for x in [a, b] {
            let e = best_sim.entry(x).or_insert(0.0);
            *e = e.max(s);
        }
    }
    let mut groups: HashMap<usize, Vec<usize>> = HashMap::new();
    for i in 0..docs.len() {
        let r = dsu.find(i);
        groups.entry(r).or_default().push(i);
    }
    let mut out: Vec<StoryCluster> = groups
        .into_values()
        .filter(|g| g.len() >= 2)
        .map(|mut g| {
            g.sort_by(|&a, &b| time_order(&docs[a], &docs[b]));
            cluster(docs, &g, &best_sim)
        })
        .collect();
    out.sort_by(|a, b| {
        let ka = (a.first_seen.is_none(), a.first_seen);
        let kb = (b.first_seen.is_none(), b.first_seen);
        ka.cmp(&kb).then_with(|| a.canonical.cmp(&b.canonical))
    });
    out
}

fn cluster(docs: &[DocMeta], g: &[usize], best_sim: &HashMap<usize, f32>) -> StoryCluster {
    // The most often credited origin name (its first spelling wins the display).
    let mut named: Vec<(String, String, usize)> = Vec::new();
    for &i in g {
        for c in &docs[i].credits {
            let k = outlet_key(c);
            if k.is_empty() {
                continue;
            }
            match named.iter_mut().find(|(_, name, _)| same_outlet(name, c)) {
                Some(e) => e.2 += 1,
                None => named.push((k, c.clone(), 1)),
            }
        }
    }
    let top = named
        .iter()
        .max_by(|a, b| a.2.cmp(&b.2).then_with(|| b.0.cmp(&a.0)));
    let canonical_pos = match top {
        Some((_, name, _)) => g
            .iter()
            .position(|&i| {
                docs[i]
                    .outlet
                    .as_deref()
                    .is_some_and(|o| same_outlet(o, name))
            })
            .unwrap_or(0),
        None => 0,
    };
    let canonical = &docs[g[canonical_pos]];
    let origin = match top {
        Some((_, name, _)) => Some(
            canonical
                .outlet
                .clone()
                .filter(|o| same_outlet(o, name))
                .unwrap_or_else(|| name.clone()),
        ),
        None => canonical.outlet.clone(),
    };
    let origin_time = canonical.published;
    let members = g
        .iter()
        .map(|&i| {
            let d = &docs[i];
            let is_canonical = d.id == canonical.id;
            let credits_origin = origin
                .as_deref()
                .is_some_and(|o| d.credits.iter().any(|c| same_outlet(c, o)));
            StoryMember {
                document: d.id.clone(),
                outlet: d.outlet.clone(),
                published: d.published,
                similarity: if is_canonical {
                    1.0
                } else {
                    best_sim.get(&i).copied().unwrap_or(0.0)
                },
                delay_seconds: match (d.published, origin_time) {
                    (Some(p), Some(o)) => Some(p.as_second() - o.as_second()),
                    _ => None,
                },
                credits_origin,
            }
        })
        .collect();
    let times = g.iter().filter_map(|&i| docs[i].time());
    let first_seen = times.clone().min();
    let last_seen = times.max();
    StoryCluster {
        id: hash::stable_id(&["story", &canonical.id]),
        canonical: canonical.id.clone(),
        origin,
        first_seen,
        last_seen,
        members,
    }
}

/// How one outlet takes part in the republishing network.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct OutletSummary {
    pub outlet: String,
    /// Documents from this outlet (all of those passed in, clustered or not).
    pub documents: usize,
    /// Its documents that are the canonical document of a story with copies.
    pub originals: usize,
    /// Its documents that are copies in someone's story.
    pub copies: usize,
    /// Of those copies, how many credit the origin.
    pub credited: usize,
    /// Whose stories it copies: origin outlet and count, most copied first.
    pub copied_from: Vec<(String, usize)>,
    /// Who copies its stories: outlet and count, most frequent first.
    pub copied_by: Vec<(String, usize)>,
    /// Median delay of its copies after the origin, in seconds, when known.
    pub median_delay_seconds: Option<i64>,
}

/// Per-outlet summary over documents and the clusters built from them, sorted by number of
/// copies (descending), then documents, then name. Documents without an outlet count under
/// "(unknown)".
pub fn outlet_summary(docs: &[DocMeta], clusters: &[StoryCluster]) -> Vec<OutletSummary> {
    const UNKNOWN: &str = "(unknown)";
    #[derive(Default)]
    struct Acc {
        documents: usize,
        originals: usize,
        copies: usize,
        credited: usize,
        from: HashMap<String, usize>,
        by: HashMap<String, usize>,
        delays: Vec<i64>,
    }
    let mut acc: HashMap<String, Acc> = HashMap::new();
    for d in docs {
        let o = d.outlet.clone().unwrap_or_else(|| UNKNOWN.to_string());
        acc.entry(o).or_default().documents += 1;
    }
    for c in clusters {
        let origin = c.origin.clone().unwrap_or_else(|| UNKNOWN.to_string());
        for m in &c.members {
            let o = m.outlet.clone().unwrap_or_else(|| UNKNOWN.to_string());
            if m.document == c.canonical {
                acc.entry(o).or_default().originals += 1;
                continue;
            }
            {
                let a = acc.entry(o.clone()).or_default();
                a.copies += 1;
                a.credited += usize::from(m.credits_origin);
                *a.from.entry(origin.clone()).or_default() += 1;
                if let Some(s) = m.delay_seconds {
                    a.delays.push(s);
                }
            }
            *acc.entry(origin.clone())
                .or_default()
                .by
                .entry(o)
                .or_default() += 1;
        }
    }
    let sorted = |m: HashMap<String, usize>| {
        let mut v: Vec<(String, usize)> = m.into_iter().collect();
        v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        v
    };
    let mut out: Vec<OutletSummary> = acc
        .into_iter()
        .map(|(outlet, mut a)| {
            a.delays.sort_unstable();
            OutletSummary {
                outlet,
                documents: a.documents,
                originals: a.originals,
                copies: a.copies,
                credited: a.credited,
                copied_from: sorted(a.from),
                copied_by: sorted(a.by),
                median_delay_seconds: a.delays.get(a.delays.len() / 2).copied(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        b.copies
            .cmp(&a.copies)
            .then_with(|| b.documents.cmp(&a.documents))
            .then_with(|| a.outlet.cmp(&b.outlet))
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta(id: &str, outlet: &str, t: Option<&str>, credits: &[&str]) -> DocMeta {
        DocMeta {
            id: id.into(),
            outlet: Some(outlet.into()),
            published: t.map(|t| t.parse().unwrap()),
            fetched: None,
            credits: credits.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn link(a: &str, b: &str) -> Link {
        Link {
            document: a.into(),
            copy_of: b.into(),
            similarity: 0.9,
        }
    }

    #[test]
    fn outlet_names_compare_loosely() {
        assert!(same_outlet("RTNews.com", "RT World News"));
        assert!(same_outlet("rt.com", "RT"));
        assert!(same_outlet("Reuter", "Reuters"));
        assert!(!same_outlet("RT", "BBC News"));
        assert!(!same_outlet("", ""));
    }

    #[test]
    fn dateline_credits() {
        assert_eq!(
            dateline_credit("LONDON (Reuters) - Oil rose").as_deref(),
            Some("Reuters")
        );
        assert_eq!(
            dateline_credit("WASHINGTON (AP) — x").as_deref(),
            Some("AP")
        );
        assert_eq!(dateline_credit("The (new) plan - x"), None);
        assert_eq!(dateline_credit("no credit here"), None);
    }

    #[test]
    fn named_origin_wins_over_earliest_copy() {
        let docs = vec![
            meta(
                "a",
                "INA NEWS",
                Some("2025-03-01T10:00:00Z"),
                &["RTNews.com"],
            ),
            meta("b", "RT", Some("2025-03-01T12:00:00Z"), &[]),
            meta("c", "Aggregator", Some("2025-03-01T13:00:00Z"), &[]),
            meta("d", "Other", None, &[]),
        ];
        let cs = build_clusters(&docs, &[link("a", "b"), link("c", "a")]);
        assert_eq!(cs.len(), 1);
        let c = &cs[0];
        assert_eq!(c.canonical, "b");
        assert_eq!(c.origin.as_deref(), Some("RT"));
        assert_eq!(c.size(), 3);
        let a = c.members.iter().find(|m| m.document == "a").unwrap();
        assert!(a.credits_origin);
        assert_eq!(a.delay_seconds, Some(-7200));
        let m = c.members.iter().find(|m| m.document == "c").unwrap();
        assert!(!m.credits_origin);
        assert_eq!(m.delay_seconds, Some(3600));
        assert_eq!(c.first_seen, Some("2025-03-01T10:00:00Z".parse().unwrap()));

        let s = outlet_summary(&docs, &cs);
        let ina = s.iter().find(|o| o.outlet == "INA NEWS").unwrap();
        assert_eq!((ina.copies, ina.credited), (1, 1));
        assert_eq!(ina.copied_from, vec![("RT".to_string(), 1)]);
        let rt = s.iter().find(|o| o.outlet == "RT").unwrap();
        assert_eq!(rt.originals, 1);
        assert_eq!(rt.copied_by.len(), 2);
        assert_eq!(s.iter().find(|o| o.outlet == "Other").unwrap().documents, 1);
    }

    #[test]
    fn earliest_copy_is_origin_without_credits() {
        let docs = vec![
            meta("x", "B", Some("2025-01-02T00:00:00Z"), &[]),
            meta("y", "A", Some("2025-01-01T00:00:00Z"), &[]),
        ];
        let cs = build_clusters(&docs, &[link("x", "y"), link("x", "zzz")]);
        assert_eq!(cs[0].canonical, "y");
        assert_eq!(cs[0].origin.as_deref(), Some("A"));
        assert!(build_clusters(&docs, &[]).is_empty());
    }

    #[test]
    fn named_origin_absent_from_cluster() {
        let docs = vec![
            meta("p", "Site1", Some("2025-01-01T00:00:00Z"), &["Reuters"]),
            meta("q", "Site2", Some("2025-01-01T01:00:00Z"), &["Reuter"]),
        ];
        let cs = build_clusters(&docs, &[link("q", "p")]);
        assert_eq!(cs[0].origin.as_deref(), Some("Reuters"));
        assert_eq!(cs[0].canonical, "p");
        assert!(cs[0].members.iter().all(|m| m.credits_origin));
    }
}
