//! An in-memory relation index: one compact row per event (date, the four actor keys of the two
//! graph levels, CAMEO code, QuadClass, Goldstein), sorted by date, so that the relation graph of
//! any window is a binary search and one pass over the window's rows instead of a query that
//! reads every event of the window from disk.
//!
//! [`SqliteStore::load_relations`] builds it; [`SqliteStore::refresh_relations`] appends the
//! events stored since and reports when the index can no longer be updated in place (events
//! were deleted or replaced), in which case the caller loads it again. Graphs from the index are
//! the same as [`Analytics::graph`](crate::analytics::Analytics::graph) gives.

use std::collections::HashMap;

use super::SqliteStore;
use super::analytics::{DyadCount, assemble_graph};
use crate::Result;
use crate::analytics::{Graph, GraphLevel, GraphQuery};

/// One event as the graph sees it (28 bytes).
#[derive(Debug, Clone, Copy)]
struct Row {
    /// Index into `dates`, `u32::MAX` for undated events.
    date: u32,
    country_source: u32,
    country_target: u32,
    actor_source: u32,
    actor_target: u32,
    cameo: u32,
    quad_class: i8,
    goldstein: f32,
}

const UNDATED: u32 = u32::MAX;

/// Strings stored once, referred to by number.
#[derive(Debug, Default, Clone)]
struct Interner {
    ids: HashMap<String, u32>,
    names: Vec<String>,
}

impl Interner {
    fn id(&mut self, s: String) -> u32 {
        if let Some(&i) = self.ids.get(&s) {
            return i;
        }
        let i = self.names.len() as u32;
        self.ids.insert(s.clone(), i);
        self.names.push(s);
        i
    }
}

/// The relation index of one database (see the module documentation).
#[derive(Debug, Clone, Default)]
pub struct RelationIndex {
    /// Rows ordered by date value (undated last), then by rowid.
    rows: Vec<Row>,
    /// Distinct date values; row `date` fields index this. Not sorted: `order` holds the rank.
    dates: Interner,
    /// Rank of each date value in text order.
    rank: Vec<u32>,
    keys: Interner,
    cameo: Interner,
    /// First name seen for a code (as source, else as target), for node labels.
    labels: HashMap<String, String>,
    label_as_target: HashMap<String, String>,
    /// Highest event rowid indexed and the number of events indexed.
    max_rowid: i64,
    count: u64,
}

/// Columns read per event.
const SELECT: &str = "SELECT rowid, date,
        COALESCE(source_country, source_code, source_name),
        COALESCE(target_country, target_code, target_name),
        COALESCE(source_code, source_name),
        COALESCE(target_code, target_name),
        cameo, quad_class, goldstein, source_code, source_name, target_code, target_name
     FROM events";

impl RelationIndex {
    /// Events indexed.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }

    /// Approximate heap size in bytes.
    pub fn heap_bytes(&self) -> usize {
        self.rows.capacity() * std::mem::size_of::<Row>()
            + [&self.dates, &self.keys, &self.cameo]
                .iter()
                .map(|i| i.names.iter().map(|s| s.len() + 48).sum::<usize>() * 2)
                .sum::<usize>()
    }

    /// Re-rank dates and order rows after rows were added.
    fn reorder(&mut self) {
        let mut order: Vec<u32> = (0..self.dates.names.len() as u32).collect();
        order.sort_by(|&a, &b| self.dates.names[a as usize].cmp(&self.dates.names[b as usize]));
        self.rank = vec![0; order.len()];
        for (r, &d) in order.iter().enumerate() {
            self.rank[d as usize] = r as u32;
        }
        let rank = &self.rank;
        // Stable: rows of one date stay in rowid order.
        self.rows.sort_by_key(|r| {
            if r.date == UNDATED {
                u32::MAX
            } else {
                rank[r.date as usize]
            }
        });
    }

    fn row_rank(&self, r: &Row) -> u32 {
        if r.date == UNDATED {
            u32::MAX
        } else {
            self.rank[r.date as usize]
        }
    }

    /// The rows whose date is within `since ..= until*` (text comparison, as the SQL filter:
    /// `date >= since AND date < until || '~'`); every row when neither is given.
    fn window(&self, since: Option<&str>, until: Option<&str>) -> &[Row] {
        if since.is_none() && until.is_none() {
            return &self.rows;
        }
        let until = until.map(|u| format!("{u}~"));
        let dated_end = self.rows.partition_point(|r| r.date != UNDATED);
        let dated = &self.rows[..dated_end];
        let lo = match since {
            Some(s) => dated.partition_point(|r| self.dates.names[r.date as usize].as_str() < s),
            None => 0,
        };
        let hi = match &until {
            Some(u) => {
                dated.partition_point(|r| self.dates.names[r.date as usize].as_str() < u.as_str())
            }
            None => dated.len(),
        };
        if lo >= hi { &[] } else { &dated[lo..hi] }
    }

    /// The relation graph for `query`, as [`Analytics::graph`] computes it.
    ///
    /// [`Analytics::graph`]: crate::analytics::Analytics::graph
    pub fn graph(&self, query: &GraphQuery) -> Graph {
        let rows = self.window(query.since.as_deref(), query.until.as_deref());
        // Which CAMEO codes pass the prefix filter (the SQL filter: code >= p AND code < p~).
        let cameo_ok: Option<Vec<bool>> = query.cameo.as_ref().map(|p| {
            let end = format!("{p}~");
            self.cameo
                .names
                .iter()
                .map(|c| c.as_str() >= p.as_str() && c.as_str() < end.as_str())
                .collect()
        });
        let actor = query.level == GraphLevel::Actor;
        let mut sums: HashMap<(u32, u32, i8), (u64, f64)> = HashMap::new();
        for r in rows {
            if let Some(ok) = &cameo_ok
                && !ok[r.cameo as usize]
            {
                continue;
            }
            let (s, t) = if actor {
                (r.actor_source, r.actor_target)
            } else {
                (r.country_source, r.country_target)
            };
            if s == t {
                continue;
            }
            let e = sums.entry((s, t, r.quad_class)).or_insert((0, 0.0));
            e.0 += 1;
            e.1 += f64::from(r.goldstein);
        }
        let counts = sums.into_iter().map(|((s, t, q), (n, g))| DyadCount {
            source: self.keys.names[s as usize].clone(),
            target: self.keys.names[t as usize].clone(),
            quad_class: i64::from(q),
            events: n,
            goldstein: g,
        });
        let labels = |id: &str| -> Result<Option<String>> {
            Ok(self
                .labels
                .get(id)
                .or_else(|| self.label_as_target.get(id))
                .cloned())
        };
        // The labels cannot fail, so neither can the assembly.
        assemble_graph(counts, query, labels).unwrap_or_default()
    }
}

impl SqliteStore {
    /// Build the relation index of every event with a target.
    pub fn load_relations(&self) -> Result<RelationIndex> {
        let mut index = RelationIndex::default();
        self.append_relations(&mut index)?;
        Ok(index)
    }

    /// Add the events stored since `index` was built or refreshed. Returns false, leaving the
    /// index as it was, when events were deleted or replaced since (the index must be loaded
    /// again); true when it is up to date.
    pub fn refresh_relations(&self, index: &mut RelationIndex) -> Result<bool> {
        let (count, max): (i64, i64) = self.conn.query_row(
            "SELECT COUNT(*), IFNULL(MAX(rowid), 0) FROM events",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if max == index.max_rowid && count as u64 == index.count {
            return Ok(true);
        }
        let new: i64 = self.conn.query_row(
            "SELECT COUNT(*) FROM events WHERE rowid > ?1",
            [index.max_rowid],
            |r| r.get(0),
        )?;
        if index.count + new as u64 != count as u64 {
            return Ok(false);
        }
        self.append_relations(index)?;
        Ok(true)
    }

    fn append_relations(&self, index: &mut RelationIndex) -> Result<()> {
        let mut stmt = self
            .conn
            .prepare_cached(&format!("{SELECT} WHERE rowid > ?1 ORDER BY rowid"))?;
        let mut rows = stmt.query([index.max_rowid])?;
        let before = index.rows.len();
        while let Some(r) = rows.next()? {
            let rowid: i64 = r.get(0)?;
            index.max_rowid = index.max_rowid.max(rowid);
            index.count += 1;
            let target_name: Option<String> = r.get(12)?;
            // Labels as the SQL store finds them: the name of the first event with the code.
            let source_code: Option<String> = r.get(9)?;
            if let Some(code) = source_code
                && !index.labels.contains_key(&code)
            {
                index.labels.insert(code, r.get(10)?);
            }
            let target_code: Option<String> = r.get(11)?;
            if let (Some(code), Some(name)) = (target_code, &target_name)
                && !index.label_as_target.contains_key(&code)
            {
                index.label_as_target.insert(code, name.clone());
            }
            if target_name.is_none() {
                continue;
            }
            let date: Option<String> = r.get(1)?;
            let row = Row {
                date: date.map_or(UNDATED, |d| index.dates.id(d)),
                country_source: index.keys.id(r.get(2)?),
                country_target: index.keys.id(r.get(3)?),
                actor_source: index.keys.id(r.get(4)?),
                actor_target: index.keys.id(r.get(5)?),
                cameo: index.cameo.id(r.get(6)?),
                quad_class: r.get::<_, i64>(7)?.clamp(-1, 9) as i8,
                goldstein: r.get::<_, f64>(8)? as f32,
            };
            index.rows.push(row);
        }
        if index.rows.len() != before || index.rank.len() != index.dates.names.len() {
            index.reorder();
        }
        debug_assert!(
            index
                .rows
                .windows(2)
                .all(|w| index.row_rank(&w[0]) <= index.row_rank(&w[1]))
        );
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Store;
    use crate::analytics::Analytics;
    use crate::conformance::sample_event;
    use crate::sqlite::analytics::tests::store_with_events;
    use attache_model::{AnnotatedDocument, Annotations, Document};

    fn same(a: &Graph, b: &Graph) {
        assert_eq!(a.nodes, b.nodes);
        assert_eq!(a.edges.len(), b.edges.len());
        for (x, y) in a.edges.iter().zip(&b.edges) {
            assert_eq!(
                (&x.a, &x.b, x.events, x.quad_classes),
                (&y.a, &y.b, y.events, y.quad_classes)
            );
            assert_eq!((x.a_to_b, x.b_to_a), (y.a_to_b, y.b_to_a));
            assert!((x.goldstein - y.goldstein).abs() < 1e-4, "{x:?} {y:?}");
        }
    }

    #[test]
    fn index_graphs_equal_the_sql_graphs() {
        let s = store_with_events();
        let index = s.load_relations().unwrap();
        assert!(!index.is_empty());
        let windows = [
            (None, None),
            (Some("2025-02"), Some("2025-02")),
            (Some("2024"), None),
            (None, Some("2024-12")),
            (Some("2025-02-25"), Some("2025-03")),
            (Some("2030"), None),
        ];
        for (since, until) in windows {
            for level in [GraphLevel::Country, GraphLevel::Actor] {
                for cameo in [None, Some("04"), Some("1")] {
                    for (min_events, max_nodes) in [(0, 0), (2, 0), (0, 3)] {
                        let q = GraphQuery {
                            since: since.map(Into::into),
                            until: until.map(Into::into),
                            level,
                            cameo: cameo.map(Into::into),
                            min_events,
                            max_nodes,
                        };
                        same(&index.graph(&q), &s.graph(&q).unwrap());
                    }
                }
            }
        }
    }

    #[test]
    fn refresh_appends_new_events_and_notices_deletions() {
        let mut s = store_with_events();
        let mut index = s.load_relations().unwrap();
        let n = index.len();
        assert!(s.refresh_relations(&mut index).unwrap());
        assert_eq!(index.len(), n);
        // New events (one between new actors, one on an existing date) are appended in place.
        let mut batch = Vec::new();
        for (i, (src, dst, date)) in [
            (("Egypt", "EGYGOV"), ("Russia", "RUS"), "2024-10-28"),
            (("Brazil", "BRA"), ("China", "CHN"), "2023-05-01"),
        ]
        .into_iter()
        .enumerate()
        {
            let doc = Document::new(format!("new {i}"), format!("New text {i}."));
            let e = sample_event(&format!("new{i}"), &doc, "057", src, dst, date);
            batch.push(AnnotatedDocument {
                document: doc,
                annotations: Annotations {
                    events: vec![e],
                    ..Annotations::default()
                },
            });
        }
        s.insert_batch(&batch).unwrap();
        assert!(s.refresh_relations(&mut index).unwrap());
        assert_eq!(index.len(), n + 2);
        for q in [
            GraphQuery::default(),
            GraphQuery {
                since: Some("2024-10".into()),
                until: Some("2024-10".into()),
                ..GraphQuery::default()
            },
        ] {
            same(&index.graph(&q), &s.graph(&q).unwrap());
        }
        // Delete one event behind the index's back: it must be reloaded.
        s.conn
            .execute(
                "DELETE FROM events WHERE rowid = (SELECT MIN(rowid) FROM events)",
                [],
            )
            .unwrap();
        let mut stale = index.clone();
        assert!(!s.refresh_relations(&mut stale).unwrap());
        let fresh = s.load_relations().unwrap();
        same(
            &fresh.graph(&GraphQuery::default()),
            &s.graph(&GraphQuery::default()).unwrap(),
        );
    }
}
