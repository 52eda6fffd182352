//! [`Analytics`] for the SQLite store. Filters are written so that SQLite can use the indexes on
//! `events(date)`, `events(source_code)` and `events(target_code)`: actor code prefixes are
//! matched as ranges (`code >= 'RUS' AND code < 'RUS~'`) rather than with `LIKE`, and event
//! pages are ordered by `(date, rowid)` with a keyset cursor rather than an offset.

use std::collections::HashMap;

use attache_model::{StoryCluster, StoryMember};
use rusqlite::types::Value;
use rusqlite::{OptionalExtension, params, params_from_iter};

use super::SqliteStore;
use super::rows::{event_columns, event_from_row, parse_ts, read_entity};
use crate::analytics::{
    Analytics, Bucket, Counterpart, EntityDetail, EntityQuery, EntitySummary, EventPage,
    EventTypeCount, Graph, GraphEdge, GraphLevel, GraphNode, GraphQuery, SeriesPoint,
};
use crate::{ActorSummary, DocumentSummary, EventFilter, Result, StoreError};

/// Collects positional SQL arguments; `push` returns the `?N` number.
#[derive(Default)]
pub(crate) struct Args(pub(crate) Vec<Value>);

impl Args {
    pub(crate) fn push(&mut self, v: impl Into<String>) -> usize {
        self.0.push(Value::Text(v.into()));
        self.0.len()
    }
    fn push_int(&mut self, v: i64) -> usize {
        self.0.push(Value::Integer(v));
        self.0.len()
    }
}

/// SQL that is true when one side (`source` or `target`) matches an actor given as code
/// prefix (`?code`, upper-cased) or exact name (`?name`).
fn side_match(side: &str, code: usize, name: usize) -> String {
    format!(
        "(({side}_code >= ?{code} AND {side}_code < ?{code} || '~') \
         OR {side}_name = ?{name} COLLATE NOCASE)"
    )
}

/// Same, but false (not NULL) when the side is missing, so that it can be negated.
fn side_match_strict(side: &str, code: usize, name: usize) -> String {
    format!("IFNULL({}, 0)", side_match(side, code, name))
}

fn actor_args(actor: &str, args: &mut Args) -> (usize, usize) {
    let actor = actor.trim();
    (args.push(actor.to_uppercase()), args.push(actor))
}

/// Whether an actor argument can name a country code (three letters).
fn country_shaped(actor: &str) -> bool {
    let a = actor.trim();
    a.len() == 3 && a.bytes().all(|b| b.is_ascii_alphabetic())
}

impl SqliteStore {
    /// Whether some event has `code` as its source or target country (both are indexed).
    fn is_country(&self, code: &str) -> Result<bool> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM events WHERE source_country = ?1)
                 OR EXISTS (SELECT 1 FROM events WHERE target_country = ?1)",
        )?;
        Ok(stmt.query_row([code], |r| r.get(0))?)
    }

    /// SQL for one side of a dyad: by country when the actor is a country code that events
    /// have (the same events as the code prefix, but the `(source_country, target_country,
    /// date)` index can find them), else by code prefix or name.
    fn dyad_side(&self, side: &str, actor: &str, args: &mut Args) -> Result<String> {
        let upper = actor.trim().to_uppercase();
        if country_shaped(&upper) && self.is_country(&upper)? {
            return Ok(format!("{side}_country = ?{}", args.push(upper)));
        }
        let (c, n) = actor_args(actor, args);
        Ok(side_match(side, c, n))
    }

    /// `AND …` clauses for every set field of `filter` except `limit`.
    pub(crate) fn filter_sql(&self, filter: &EventFilter, args: &mut Args) -> Result<String> {
        let mut sql = String::new();
        if let Some(actor) = &filter.actor {
            let (c, n) = actor_args(actor, args);
            sql += &format!(
                " AND ({} OR {})",
                side_match("source", c, n),
                side_match("target", c, n)
            );
        }
        if let Some((source, target)) = &filter.dyad {
            sql += &format!(
                " AND {} AND {}",
                self.dyad_side("source", source, args)?,
                self.dyad_side("target", target, args)?
            );
        }
        if let Some(since) = &filter.since {
            sql += &format!(" AND date >= ?{}", args.push(since.as_str()));
        }
        if let Some(until) = &filter.until {
            sql += &format!(" AND date < ?{}", args.push(format!("{until}~")));
        }
        if let Some(cameo) = &filter.cameo {
            let n = args.push(cameo.as_str());
            // Unary plus: a CAMEO prefix is rarely selective, so let the date index order pages.
            sql += &format!(" AND +cameo >= ?{n} AND +cameo < ?{n} || '~'");
        }
        if let Some(topic) = &filter.topic {
            let n = args.push(topic.as_str());
            sql +=
                &format!(" AND EXISTS (SELECT 1 FROM json_each(events.topics) WHERE value = ?{n})");
        }
        if let Some(doc) = &filter.document {
            let n = args.push(doc.as_str());
            sql += &format!(
                " AND id IN (SELECT event_id FROM event_reports WHERE document_id = ?{n})"
            );
        }
        Ok(sql)
    }

    /// [`Self::filter_sql`] plus, when `pair` is given, events between its two actors either
    /// way.
    fn filtered(
        &self,
        filter: &EventFilter,
        pair: Option<(&str, &str)>,
        args: &mut Args,
    ) -> Result<String> {
        let mut sql = self.filter_sql(filter, args)?;
        if let Some((a, b)) = pair {
            let (ac, an) = actor_args(a, args);
            let (bc, bn) = actor_args(b, args);
            sql += &format!(
                " AND (({} AND {}) OR ({} AND {}))",
                side_match("source", ac, an),
                side_match("target", bc, bn),
                side_match("source", bc, bn),
                side_match("target", ac, an)
            );
        }
        Ok(sql)
    }
}

/// Where an event page starts: after the event with this date and rowid.
enum Cursor {
    Dated { date: String, rowid: i64 },
    Undated { rowid: i64 },
}

impl Cursor {
    fn encode(&self) -> String {
        match self {
            Cursor::Dated { date, rowid } => format!("d{rowid}_{date}"),
            Cursor::Undated { rowid } => format!("n{rowid}"),
        }
    }

    fn decode(s: &str) -> Result<Self> {
        let bad = || StoreError::BadQuery {
            query: s.chars().take(80).collect(),
            reason: "not a cursor returned by a previous page".into(),
        };
        if let Some(rest) = s.strip_prefix('d') {
            let (rowid, date) = rest.split_once('_').ok_or_else(bad)?;
            let rowid = rowid.parse().map_err(|_| bad())?;
            if date.is_empty() {
                return Err(bad());
            }
            Ok(Cursor::Dated {
                date: date.to_string(),
                rowid,
            })
        } else if let Some(rest) = s.strip_prefix('n') {
            Ok(Cursor::Undated {
                rowid: rest.parse().map_err(|_| bad())?,
            })
        } else {
            Err(bad())
        }
    }
}

fn quad_index(q: i64) -> Option<usize> {
    (1..=4).contains(&q).then(|| (q - 1) as usize)
}

/// Events of one directed dyad and QuadClass in a window, summed.
pub(crate) struct DyadCount {
    pub source: String,
    pub target: String,
    pub quad_class: i64,
    pub events: u64,
    pub goldstein: f64,
}

/// The relation graph from directed dyad counts: undirected edges (self-loops dropped), the
/// busiest `max_nodes` nodes, edges ordered by events. `label` names a node id.
pub(crate) fn assemble_graph(
    counts: impl IntoIterator<Item = DyadCount>,
    query: &GraphQuery,
    mut label: impl FnMut(&str) -> Result<Option<String>>,
) -> Result<Graph> {
    let mut edges: HashMap<(String, String), GraphEdge> = HashMap::new();
    for c in counts {
        let (src, dst) = (c.source, c.target);
        if src == dst {
            continue;
        }
        let n = c.events;
        let forward = src < dst;
        let key = if forward { (src, dst) } else { (dst, src) };
        let e = edges.entry(key.clone()).or_insert_with(|| GraphEdge {
            a: key.0,
            b: key.1,
            events: 0,
            quad_classes: [0; 4],
            a_to_b: 0,
            b_to_a: 0,
            goldstein: 0.0,
        });
        e.events += n;
        if let Some(i) = quad_index(c.quad_class) {
            e.quad_classes[i] += n;
        }
        if forward {
            e.a_to_b += n;
        } else {
            e.b_to_a += n;
        }
        e.goldstein += c.goldstein;
    }
    let mut edges: Vec<GraphEdge> = edges
        .into_values()
        .filter(|e| e.events >= query.min_events.max(1))
        .map(|mut e| {
            e.goldstein /= e.events as f64;
            e
        })
        .collect();
    let mut degree: HashMap<&str, u64> = HashMap::new();
    for e in &edges {
        *degree.entry(e.a.as_str()).or_default() += e.events;
        *degree.entry(e.b.as_str()).or_default() += e.events;
    }
    let mut nodes: Vec<(String, u64)> = degree
        .into_iter()
        .map(|(k, v)| (k.to_string(), v))
        .collect();
    nodes.sort_by(|x, y| y.1.cmp(&x.1).then_with(|| x.0.cmp(&y.0)));
    if query.max_nodes > 0 && nodes.len() > query.max_nodes {
        nodes.truncate(query.max_nodes);
        let keep: std::collections::HashSet<&str> = nodes.iter().map(|(k, _)| k.as_str()).collect();
        edges.retain(|e| keep.contains(e.a.as_str()) && keep.contains(e.b.as_str()));
        // Degrees within the kept subgraph.
        let mut degree: HashMap<&str, u64> = HashMap::new();
        for e in &edges {
            *degree.entry(e.a.as_str()).or_default() += e.events;
            *degree.entry(e.b.as_str()).or_default() += e.events;
        }
        for (k, v) in &mut nodes {
            *v = degree.get(k.as_str()).copied().unwrap_or(0);
        }
        nodes.retain(|(_, v)| *v > 0);
    }
    edges.sort_by(|x, y| {
        y.events
            .cmp(&x.events)
            .then_with(|| (&x.a, &x.b).cmp(&(&y.a, &y.b)))
    });
    let mut out = Vec::with_capacity(nodes.len());
    for (id, events) in nodes {
        let label = label(&id)?.unwrap_or_else(|| id.clone());
        out.push(GraphNode { id, label, events });
    }
    Ok(Graph { nodes: out, edges })
}

impl SqliteStore {
    /// One page of events matching `filter` and, when given, between two actors either way.
    fn page(
        &self,
        filter: &EventFilter,
        pair: Option<(&str, &str)>,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage> {
        let limit = limit.max(1);
        let cursor = cursor.map(Cursor::decode).transpose()?;
        let mut out: Vec<(attache_model::Event, i64, bool)> = Vec::with_capacity(limit + 1);
        // Phase 1: dated events, latest first.
        if !matches!(cursor, Some(Cursor::Undated { .. })) {
            let mut args = Args::default();
            let mut sql = format!(
                "SELECT {}, rowid FROM events WHERE date IS NOT NULL{}",
                event_columns(),
                self.filtered(filter, pair, &mut args)?
            );
            if let Some(Cursor::Dated { date, rowid }) = &cursor {
                let d = args.push(date.as_str());
                let r = args.push_int(*rowid);
                sql += &format!(" AND (date < ?{d} OR (date = ?{d} AND rowid < ?{r}))");
            }
            let l = args.push_int(limit as i64 + 1);
            sql += &format!(" ORDER BY date DESC, rowid DESC LIMIT ?{l}");
            out.extend(
                self.event_rows(&sql, args)?
                    .into_iter()
                    .map(|(e, r)| (e, r, true)),
            );
        }
        // Phase 2: undated events, newest stored first.
        if out.len() <= limit {
            let mut args = Args::default();
            let mut sql = format!(
                "SELECT {}, rowid FROM events WHERE date IS NULL{}",
                event_columns(),
                self.filtered(filter, pair, &mut args)?
            );
            if let Some(Cursor::Undated { rowid }) = &cursor {
                sql += &format!(" AND rowid < ?{}", args.push_int(*rowid));
            }
            let l = args.push_int((limit + 1 - out.len()) as i64);
            sql += &format!(" ORDER BY rowid DESC LIMIT ?{l}");
            out.extend(
                self.event_rows(&sql, args)?
                    .into_iter()
                    .map(|(e, r)| (e, r, false)),
            );
        }
        let next = if out.len() > limit {
            out.truncate(limit);
            out.last().map(|(e, rowid, dated)| match (dated, &e.date) {
                (true, Some(date)) => Cursor::Dated {
                    date: date.clone(),
                    rowid: *rowid,
                }
                .encode(),
                _ => Cursor::Undated { rowid: *rowid }.encode(),
            })
        } else {
            None
        };
        let mut events: Vec<_> = out.into_iter().map(|(e, _, _)| e).collect();
        for e in &mut events {
            self.load_evidence(e)?;
        }
        Ok(EventPage { events, next })
    }

    /// Events with their rowids, ordered, for one phase of a page.
    fn event_rows(&self, sql: &str, args: Args) -> Result<Vec<(attache_model::Event, i64)>> {
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt
            .query_map(params_from_iter(args.0), |r| {
                Ok((event_from_row(r)?, r.get::<_, i64>(26)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn actor_label(&self, code: &str) -> Result<Option<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT name FROM (
                SELECT source_name AS name FROM events WHERE source_code = ?1 LIMIT 1)
             UNION ALL SELECT * FROM (
                SELECT target_name FROM events WHERE target_code = ?1 LIMIT 1)
             LIMIT 1",
        )?;
        Ok(stmt.query_row([code], |r| r.get(0)).optional()?)
    }

    /// The members of a story cluster, earliest first.
    pub(crate) fn read_members(&self, cluster: &str) -> Result<Vec<StoryMember>> {
        let mut members = self.conn.prepare_cached(
            "SELECT document_id, outlet, published, similarity, delay_seconds, credits_origin
             FROM cluster_members WHERE cluster_id = ?1 ORDER BY published IS NULL, published, rowid",
        )?;
        let rows = members
            .query_map([cluster], |r| {
                Ok(StoryMember {
                    document: r.get(0)?,
                    outlet: r.get(1)?,
                    published: parse_ts(r.get(2)?),
                    similarity: r.get(3)?,
                    delay_seconds: r.get(4)?,
                    credits_origin: r.get(5)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }
}

impl Analytics for SqliteStore {
    fn events_page(
        &self,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage> {
        self.page(filter, None, cursor, limit)
    }

    fn pair_page(
        &self,
        a: &str,
        b: &str,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage> {
        self.page(filter, Some((a, b)), cursor, limit)
    }

    fn graph(&self, query: &GraphQuery) -> Result<Graph> {
        let (s, t) = match query.level {
            GraphLevel::Country => (
                "COALESCE(source_country, source_code, source_name)",
                "COALESCE(target_country, target_code, target_name)",
            ),
            GraphLevel::Actor => (
                "COALESCE(source_code, source_name)",
                "COALESCE(target_code, target_name)",
            ),
        };
        let filter = EventFilter {
            since: query.since.clone(),
            until: query.until.clone(),
            cameo: query.cameo.clone(),
            ..EventFilter::default()
        };
        let mut args = Args::default();
        let sql = format!(
            "SELECT {s} AS s, {t} AS t, quad_class, COUNT(*), SUM(goldstein) FROM events
             WHERE target_name IS NOT NULL{} GROUP BY s, t, quad_class",
            self.filter_sql(&filter, &mut args)?
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.0))?;
        let mut counts = Vec::new();
        while let Some(r) = rows.next()? {
            counts.push(DyadCount {
                source: r.get(0)?,
                target: r.get(1)?,
                quad_class: r.get(2)?,
                events: r.get::<_, i64>(3)? as u64,
                goldstein: r.get(4)?,
            });
        }
        assemble_graph(counts, query, |id| self.actor_label(id))
    }

    fn time_series(&self, filter: &EventFilter, bucket: Bucket) -> Result<Vec<SeriesPoint>> {
        let (expr, shape) = match bucket {
            Bucket::Day => (
                "substr(date, 1, 10)",
                "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*",
            ),
            Bucket::Week => (
                "date(substr(date, 1, 10), '-6 days', 'weekday 1')",
                "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*",
            ),
            Bucket::Month => ("substr(date, 1, 7)", "[0-9][0-9][0-9][0-9]-[0-9][0-9]*"),
        };
        let mut args = Args::default();
        let sql = format!(
            "SELECT {expr} AS b, quad_class, COUNT(*) FROM events
             WHERE date GLOB '{shape}'{} GROUP BY b, quad_class HAVING b IS NOT NULL ORDER BY b",
            self.filter_sql(filter, &mut args)?
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let mut rows = stmt.query(params_from_iter(args.0))?;
        let mut points: Vec<SeriesPoint> = Vec::new();
        while let Some(r) = rows.next()? {
            let b: String = r.get(0)?;
            let q: i64 = r.get(1)?;
            let n = r.get::<_, i64>(2)? as u64;
            if points.last().map(|p| p.bucket != b).unwrap_or(true) {
                points.push(SeriesPoint {
                    bucket: b,
                    events: 0,
                    quad_classes: [0; 4],
                });
            }
            let p = points.last_mut().expect("pushed above");
            p.events += n;
            if let Some(i) = quad_index(q) {
                p.quad_classes[i] += n;
            }
        }
        Ok(points)
    }

    fn actor(&self, actor: &str) -> Result<Option<ActorSummary>> {
        let mut args = Args::default();
        let (c, n) = actor_args(actor, &mut args);
        let src = side_match_strict("source", c, n);
        let tgt = side_match_strict("target", c, n);
        let sql = format!(
            "SELECT COUNT(*), SUM({src}), SUM({tgt}),
                (SELECT COUNT(DISTINCT k) FROM (
                    SELECT COALESCE(target_code, target_name) AS k FROM events
                    WHERE {src} AND target_name IS NOT NULL AND NOT {tgt}
                    UNION ALL
                    SELECT COALESCE(source_code, source_name) FROM events
                    WHERE {tgt} AND NOT {src}))
             FROM events WHERE {} OR {}",
            side_match("source", c, n),
            side_match("target", c, n)
        );
        let (events, as_source, as_target, counterparts): (i64, Option<i64>, Option<i64>, i64) =
            self.conn
                .prepare_cached(&sql)?
                .query_row(params_from_iter(args.0), |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
                })?;
        if events == 0 {
            return Ok(None);
        }
        let code = actor.trim().to_uppercase();
        // Name and country: from an event where the actor is exactly this code, else by name.
        let named: Option<(String, Option<String>, Option<String>)> = self
            .conn
            .prepare_cached(
                "SELECT name, country, code FROM (
                    SELECT source_name AS name, source_country AS country, source_code AS code
                    FROM events WHERE source_code = ?1 LIMIT 1)
                 UNION ALL SELECT * FROM (
                    SELECT target_name, target_country, target_code FROM events
                    WHERE target_code = ?1 LIMIT 1)
                 UNION ALL SELECT * FROM (
                    SELECT source_name, source_country, source_code FROM events
                    WHERE source_name = ?2 COLLATE NOCASE LIMIT 1)
                 UNION ALL SELECT * FROM (
                    SELECT target_name, target_country, target_code FROM events
                    WHERE target_name = ?2 COLLATE NOCASE LIMIT 1)
                 LIMIT 1",
            )?
            .query_row(params![code, actor.trim()], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })
            .optional()?;
        let (name, country, found_code) = named.unwrap_or((code.clone(), None, None));
        let is_code_query = found_code.as_deref() == Some(code.as_str())
            || !name.eq_ignore_ascii_case(actor.trim());
        Ok(Some(ActorSummary {
            code: if is_code_query {
                code.clone()
            } else {
                found_code.unwrap_or(name.clone())
            },
            name,
            country: country.or_else(|| {
                (code.len() >= 3 && code.is_char_boundary(3)).then(|| code[..3].to_string())
            }),
            events: events as u64,
            as_source: as_source.unwrap_or(0) as u64,
            as_target: as_target.unwrap_or(0) as u64,
            counterparts: counterparts as u64,
        }))
    }

    fn counterparts(
        &self,
        actor: &str,
        filter: &EventFilter,
        limit: usize,
    ) -> Result<Vec<Counterpart>> {
        let mut args = Args::default();
        let (c, n) = actor_args(actor, &mut args);
        let filter = EventFilter {
            actor: None,
            ..filter.clone()
        };
        let extra = self.filter_sql(&filter, &mut args)?;
        let l = args.push_int(limit as i64);
        let src = side_match("source", c, n);
        let tgt = side_match("target", c, n);
        let not_src = side_match_strict("source", c, n);
        let not_tgt = side_match_strict("target", c, n);
        let sql = format!(
            "SELECT COALESCE(code, name) AS k, MIN(name), MAX(country), COUNT(*), SUM(out),
                    SUM(q = 1), SUM(q = 2), SUM(q = 3), SUM(q = 4)
             FROM (
                SELECT target_code AS code, target_name AS name, target_country AS country,
                       1 AS out, quad_class AS q
                FROM events WHERE {src} AND target_name IS NOT NULL AND NOT {not_tgt}{extra}
                UNION ALL
                SELECT source_code, source_name, source_country, 0, quad_class
                FROM events WHERE {tgt} AND NOT {not_src}{extra})
             GROUP BY k ORDER BY 4 DESC, k LIMIT ?{l}"
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(args.0), |r| {
                let events = r.get::<_, i64>(3)? as u64;
                let out = r.get::<_, i64>(4)? as u64;
                Ok(Counterpart {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    country: r.get(2)?,
                    events,
                    outgoing: out,
                    incoming: events - out,
                    quad_classes: [
                        r.get::<_, i64>(5)? as u64,
                        r.get::<_, i64>(6)? as u64,
                        r.get::<_, i64>(7)? as u64,
                        r.get::<_, i64>(8)? as u64,
                    ],
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn event_types(&self, actor: &str, filter: &EventFilter) -> Result<Vec<EventTypeCount>> {
        let filter = EventFilter {
            actor: Some(actor.to_string()),
            ..filter.clone()
        };
        let mut args = Args::default();
        let sql = format!(
            "SELECT substr(cameo, 1, 2) AS root, MIN(quad_class), COUNT(*) FROM events
             WHERE 1=1{} GROUP BY root ORDER BY 3 DESC, root",
            self.filter_sql(&filter, &mut args)?
        );
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let rows = stmt
            .query_map(params_from_iter(args.0), |r| {
                Ok(EventTypeCount {
                    root: r.get(0)?,
                    quad_class: r.get(1)?,
                    events: r.get::<_, i64>(2)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn entities(&self, query: &EntityQuery) -> Result<Vec<EntitySummary>> {
        let mut args = Args::default();
        let mut sql = String::from(
            "SELECT e.id,
                (SELECT COUNT(*) FROM mentions m WHERE m.entity = e.id),
                (SELECT COUNT(DISTINCT m.document_id) FROM mentions m WHERE m.entity = e.id)
             FROM entities e WHERE 1=1",
        );
        if let Some(kind) = query.kind {
            sql += &format!(" AND e.type = ?{}", args.push(kind.as_str()));
        }
        if let Some(country) = &query.country {
            sql += &format!(" AND e.country = ?{}", args.push(country.to_uppercase()));
        }
        if let Some(actor) = &query.actor {
            let actor = actor.trim().to_uppercase();
            let country: String = actor.chars().take(3).collect();
            let a = args.push(actor);
            let c = args.push(country);
            sql += &format!(
                " AND ((e.actor_code >= ?{a} AND e.actor_code < ?{a} || '~')
                      OR (e.type = 'PERSON' AND e.country = ?{c}))"
            );
        }
        if let Some(name) = &query.name {
            let escaped = name
                .replace('\\', "\\\\")
                .replace('%', "\\%")
                .replace('_', "\\_");
            sql += &format!(
                " AND e.name LIKE '%' || ?{} || '%' ESCAPE '\\'",
                args.push(escaped)
            );
        }
        let l = args.push_int(query.limit as i64);
        let o = args.push_int(query.offset as i64);
        sql += &format!(" ORDER BY 2 DESC, e.name LIMIT ?{l} OFFSET ?{o}");
        let rows: Vec<(String, i64, i64)> = self
            .conn
            .prepare_cached(&sql)?
            .query_map(params_from_iter(args.0), |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::with_capacity(rows.len());
        for (id, mentions, documents) in rows {
            if let Some(e) = read_entity(&self.conn, &id)? {
                out.push(EntitySummary {
                    id: e.id,
                    name: e.name,
                    kind: e.kind,
                    country: e.country,
                    actor_code: e.actor_code,
                    roles: e.roles,
                    mentions: mentions as u64,
                    documents: documents as u64,
                });
            }
        }
        Ok(out)
    }

    fn entity(&self, id: &str, limit: usize) -> Result<Option<EntityDetail>> {
        let Some(entity) = read_entity(&self.conn, id)? else {
            return Ok(None);
        };
        let mentions: i64 = self
            .conn
            .prepare_cached("SELECT COUNT(*) FROM mentions WHERE entity = ?1")?
            .query_row([id], |r| r.get(0))?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, site_name, url, published, length(text) FROM documents
             WHERE id IN (SELECT document_id FROM mentions WHERE entity = ?1)
             ORDER BY rowid DESC LIMIT ?2",
        )?;
        let documents = stmt
            .query_map(params![id, limit as i64], |r| {
                Ok(DocumentSummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    site_name: r.get(2)?,
                    url: r.get(3)?,
                    published: parse_ts(r.get(4)?),
                    chars: r.get::<_, i64>(5)? as usize,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Some(EntityDetail {
            entity,
            mentions: mentions as u64,
            documents,
        }))
    }

    fn cluster(&self, id: &str) -> Result<Option<StoryCluster>> {
        let cluster = self
            .conn
            .prepare_cached(
                "SELECT id, canonical, origin, first_seen, last_seen FROM clusters WHERE id = ?1",
            )?
            .query_row([id], |r| {
                Ok(StoryCluster {
                    id: r.get(0)?,
                    canonical: r.get(1)?,
                    origin: r.get(2)?,
                    first_seen: parse_ts(r.get(3)?),
                    last_seen: parse_ts(r.get(4)?),
                    members: Vec::new(),
                })
            })
            .optional()?;
        match cluster {
            Some(mut c) => {
                c.members = self.read_members(&c.id)?;
                Ok(Some(c))
            }
            None => Ok(None),
        }
    }

    fn cluster_of_document(&self, document: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT cluster_id FROM cluster_members WHERE document_id = ?1")?
            .query_row([document], |r| r.get(0))
            .optional()?)
    }

    fn event_date_range(&self) -> Result<Option<(String, String)>> {
        let (min, max): (Option<String>, Option<String>) =
            self.conn
                .query_row("SELECT MIN(date), MAX(date) FROM events", [], |r| {
                    Ok((r.get(0)?, r.get(1)?))
                })?;
        Ok(min.zip(max))
    }

    fn generation(&self) -> Result<u64> {
        let parts: (i64, i64, i64, i64) = self.conn.query_row(
            "SELECT IFNULL((SELECT MAX(rowid) FROM events), 0),
                    IFNULL((SELECT MAX(rowid) FROM documents), 0),
                    IFNULL((SELECT MAX(rowid) FROM event_reports), 0),
                    IFNULL((SELECT MAX(rowid) FROM cluster_members), 0)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        for p in [parts.0, parts.1, parts.2, parts.3] {
            h ^= p as u64;
            h = h.wrapping_mul(0x0000_0100_0000_01b3);
        }
        Ok(h)
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::Store;
    use crate::conformance::sample_event;
    use attache_model::{AnnotatedDocument, Annotations, Document};

    pub(crate) fn store_with_events() -> SqliteStore {
        let mut s = SqliteStore::open_in_memory().unwrap();
        let mut batch = Vec::new();
        let pairs = [
            (("Russia", "RUS"), ("Egypt", "EGY"), "042", "2024-10-28"),
            (("Russia", "RUS"), ("Oman", "OMN"), "043", "2025-02-10"),
            (
                ("Russia", "RUSGOV"),
                ("Türkiye", "TUR"),
                "036",
                "2025-02-24",
            ),
            (("Iran", "IRN"), ("Russia", "RUS"), "057", "2025-01-17"),
            (("Israel", "ISR"), ("Qatar", "QAT"), "195", "2025-09-09"),
            (("Russia", "RUS"), ("Qatar", "QAT"), "042", "2025-10"),
        ];
        for (i, (src, dst, cameo, date)) in pairs.iter().enumerate() {
            let doc = Document::new(format!("doc {i}"), format!("Text of document {i}."));
            let e = sample_event(&format!("ev{i}"), &doc, cameo, *src, *dst, date);
            batch.push(AnnotatedDocument {
                document: doc,
                annotations: Annotations {
                    events: vec![e],
                    ..Annotations::default()
                },
            });
        }
        let undated_doc = Document::new("undated", "No date here.");
        let mut undated = sample_event(
            "ev-undated",
            &undated_doc,
            "010",
            ("Russia", "RUS"),
            ("Syria", "SYR"),
            "2025",
        );
        undated.date = None;
        batch.push(AnnotatedDocument {
            document: undated_doc,
            annotations: Annotations {
                events: vec![undated],
                ..Annotations::default()
            },
        });
        s.insert_batch(&batch).unwrap();
        s
    }

    #[test]
    fn pages_cover_every_event_once_in_order() {
        let s = store_with_events();
        let mut seen = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let page = s
                .events_page(&EventFilter::default(), cursor.as_deref(), 2)
                .unwrap();
            assert!(page.events.len() <= 2);
            seen.extend(page.events.iter().map(|e| e.id.clone()));
            match page.next {
                Some(c) => cursor = Some(c),
                None => break,
            }
        }
        assert_eq!(
            seen,
            ["ev5", "ev4", "ev2", "ev1", "ev3", "ev0", "ev-undated"]
        );
        let all = s.events(&EventFilter::default()).unwrap();
        assert_eq!(all.len(), seen.len());
    }

    #[test]
    fn dyads_by_country_code_prefix_and_name() {
        let s = store_with_events();
        let ids = |source: &str, target: &str| -> Vec<String> {
            let mut v: Vec<String> = s
                .events(&EventFilter {
                    dyad: Some((source.into(), target.into())),
                    ..Default::default()
                })
                .unwrap()
                .into_iter()
                .map(|e| e.id)
                .collect();
            v.sort();
            v
        };
        // A country code takes in the country's sector codes (RUSGOV → TUR).
        assert_eq!(ids("RUS", "TUR"), ["ev2"]);
        assert_eq!(ids("rus", "tur"), ["ev2"]);
        assert_eq!(ids("RUS", "QAT"), ["ev5"]);
        // A longer code is a prefix; a name is matched exactly, case aside.
        assert_eq!(ids("RUSGOV", "TUR"), ["ev2"]);
        assert_eq!(ids("RUSMIL", "TUR"), Vec::<String>::new());
        assert_eq!(ids("Iran", "russia"), ["ev3"]);
        // Three letters that are no event's country fall back to the code prefix and names.
        assert_eq!(ids("ISR", "QAT"), ["ev4"]);
        assert_eq!(ids("XYZ", "QAT"), Vec::<String>::new());
        // Pages between two countries walk the dyad index.
        let plan: String = s
            .conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM events WHERE source_country = 'RUS'
                 AND target_country = 'OMN' AND date >= '2025' ORDER BY date DESC LIMIT 51",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("events_dyad_country"), "{plan}");
    }

    #[test]
    fn page_filters_match_the_store_filters() {
        let s = store_with_events();
        for filter in [
            EventFilter {
                actor: Some("rus".into()),
                ..Default::default()
            },
            EventFilter {
                dyad: Some(("RUS".into(), "QAT".into())),
                ..Default::default()
            },
            EventFilter {
                since: Some("2025-02".into()),
                until: Some("2025-09".into()),
                ..Default::default()
            },
            EventFilter {
                cameo: Some("04".into()),
                ..Default::default()
            },
            EventFilter {
                actor: Some("Türkiye".into()),
                ..Default::default()
            },
        ] {
            let mut want: Vec<String> = s
                .events(&filter)
                .unwrap()
                .into_iter()
                .map(|e| e.id)
                .collect();
            let mut got: Vec<String> = s
                .events_page(&filter, None, 100)
                .unwrap()
                .events
                .into_iter()
                .map(|e| e.id)
                .collect();
            want.sort();
            got.sort();
            assert_eq!(got, want, "{filter:?}");
        }
    }

    #[test]
    fn pair_pages_go_both_ways() {
        let s = store_with_events();
        let page = s
            .pair_page("IRN", "RUS", &EventFilter::default(), None, 10)
            .unwrap();
        assert_eq!(page.events.len(), 1);
        let page = s
            .pair_page("RUS", "IRN", &EventFilter::default(), None, 10)
            .unwrap();
        assert_eq!(page.events[0].id, "ev3");
    }

    #[test]
    fn bad_cursors_are_refused() {
        let s = store_with_events();
        for c in ["", "x", "d12", "dabc_2025", "n"] {
            assert!(
                s.events_page(&EventFilter::default(), Some(c), 5).is_err(),
                "{c}"
            );
        }
    }

    #[test]
    fn graph_links_russia_to_its_partners() {
        let s = store_with_events();
        let g = s.graph(&GraphQuery::default()).unwrap();
        let rus: Vec<&str> = g
            .edges
            .iter()
            .filter_map(|e| {
                if e.a == "RUS" {
                    Some(e.b.as_str())
                } else if e.b == "RUS" {
                    Some(e.a.as_str())
                } else {
                    None
                }
            })
            .collect();
        for c in ["EGY", "OMN", "TUR", "IRN", "QAT", "SYR"] {
            assert!(rus.contains(&c), "{c} missing from {rus:?}");
        }
        let node = g.nodes.iter().find(|n| n.id == "RUS").unwrap();
        assert_eq!(node.label, "Russia");
        assert_eq!(g.nodes[0].id, "RUS");
        let isr = g.edges.iter().find(|e| e.a == "ISR").unwrap();
        assert_eq!(isr.dominant_quad_class(), 4);
        let windowed = s
            .graph(&GraphQuery {
                since: Some("2025-02".into()),
                until: Some("2025-02".into()),
                ..Default::default()
            })
            .unwrap();
        assert_eq!(windowed.edges.len(), 2);
        let actor_level = s
            .graph(&GraphQuery {
                level: GraphLevel::Actor,
                ..Default::default()
            })
            .unwrap();
        assert!(actor_level.nodes.iter().any(|n| n.id == "RUSGOV"));
    }

    #[test]
    fn series_counterparts_and_types() {
        let s = store_with_events();
        let f = EventFilter {
            actor: Some("RUS".into()),
            ..Default::default()
        };
        let days = s.time_series(&f, Bucket::Day).unwrap();
        assert_eq!(days.len(), 4);
        assert_eq!(days[0].bucket, "2024-10-28");
        let months = s.time_series(&f, Bucket::Month).unwrap();
        assert_eq!(months.iter().map(|p| p.events).sum::<u64>(), 5);
        let weeks = s.time_series(&f, Bucket::Week).unwrap();
        assert_eq!(weeks[0].bucket, "2024-10-28");
        let cp = s.counterparts("RUS", &EventFilter::default(), 10).unwrap();
        assert_eq!(cp.len(), 6);
        let iran = cp.iter().find(|c| c.code == "IRN").unwrap();
        assert_eq!((iran.incoming, iran.outgoing), (1, 0));
        let types = s.event_types("RUS", &EventFilter::default()).unwrap();
        assert_eq!(types[0].root, "04");
        let a = s.actor("rus").unwrap().unwrap();
        assert_eq!(
            (a.name.as_str(), a.events, a.counterparts),
            ("Russia", 6, 6)
        );
        assert!(s.actor("ZZZ").unwrap().is_none());
        assert!(s.event_date_range().unwrap().is_some());
    }
}
