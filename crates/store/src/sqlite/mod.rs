//! The SQLite store: one database file in WAL mode, versioned migrations (`migrations/`,
//! applied in order inside transactions and recorded in `PRAGMA user_version`), FTS5 over
//! titles and texts, and one transaction per batch of documents.

mod analytics;
mod people;
mod relations;
mod rows;

pub use relations::RelationIndex;

use std::path::{Path, PathBuf};
use std::time::Duration;

use attache_model::{AnnotatedDocument, Annotations, Event, Feed, FeedStatus, StoryCluster};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Transaction, params, params_from_iter};

use crate::{
    ActorSummary, CopyLink, DedupeInput, DocumentHead, DocumentSummary, EventFilter, InsertOutcome,
    PeopleFilter, PersonRole, Result, SearchHit, Stats, Store, StoreError,
};
use rows::{
    event_columns, event_from_row, insert_annotations, parse_ts, read_annotations, read_document,
    ts_sql,
};

/// Migrations in order; the schema version is the number of migrations applied.
const MIGRATIONS: &[&str] = &[
    include_str!("migrations/0001_init.sql"),
    include_str!("migrations/0002_stories.sql"),
    include_str!("migrations/0003_people.sql"),
    include_str!("migrations/0004_event_indexes.sql"),
    include_str!("migrations/0005_event_date_basis.sql"),
    include_str!("migrations/0006_event_merge_index.sql"),
];

/// The embedded SQLite store.
pub struct SqliteStore {
    conn: Connection,
    path: Option<PathBuf>,
    /// Whether this connection stored documents or annotations (then it refreshes the query
    /// planner's statistics when it closes).
    wrote: bool,
}

impl Drop for SqliteStore {
    fn drop(&mut self) {
        if self.wrote {
            // Cheap: analyses only the tables whose statistics went stale.
            let _ = self.conn.execute_batch("PRAGMA optimize;");
        }
    }
}

impl SqliteStore {
    /// Open (creating if needed) the database at `path` and bring its schema up to date. The
    /// directory must exist; the file is created when missing. A database left by a killed
    /// process is recovered by SQLite from its write-ahead log on open.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(dir) = path.parent()
            && !dir.as_os_str().is_empty()
            && !dir.is_dir()
        {
            return Err(StoreError::MissingDirectory {
                path: path.to_path_buf(),
                dir: dir.to_path_buf(),
            });
        }
        if path.is_dir() {
            return Err(StoreError::Open {
                path: path.to_path_buf(),
                reason: "it is a directory".into(),
            });
        }
        let open_err = |e: rusqlite::Error| StoreError::Open {
            path: path.to_path_buf(),
            reason: sqlite_reason(&e),
        };
        let conn = Connection::open(path).map_err(open_err)?;
        let mut store = SqliteStore {
            conn,
            path: Some(path.to_path_buf()),
            wrote: false,
        };
        store.configure().map_err(|e| match e {
            StoreError::Sqlite(e) => open_err(e),
            other => other,
        })?;
        Ok(store)
    }

    /// A private in-memory database (for tests and one-shot commands).
    pub fn open_in_memory() -> Result<Self> {
        let conn = Connection::open_in_memory()?;
        let mut store = SqliteStore {
            conn,
            path: None,
            wrote: false,
        };
        store.configure()?;
        Ok(store)
    }

    /// The database file, when there is one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    fn configure(&mut self) -> Result<()> {
        self.conn.busy_timeout(Duration::from_secs(10))?;
        // Fails with "file is not a database" on anything that is not SQLite.
        let _: String = self
            .conn
            .query_row("PRAGMA journal_mode = WAL", [], |r| r.get(0))?;
        self.conn.execute_batch(
            "PRAGMA synchronous = NORMAL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -32768;",
        )?;
        self.migrate()
    }

    fn migrate(&mut self) -> Result<()> {
        let version: i64 = self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                path: self.path.clone().unwrap_or_default(),
                found: version,
                known,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let v = i as i64 + 1;
            let tx = self.conn.transaction()?;
            tx.execute_batch(sql)
                .map_err(|source| StoreError::Migration { version: v, source })?;
            tx.pragma_update(None, "user_version", v)?;
            tx.commit()?;
            tracing::info!(version = v, "applied database migration");
        }
        people::ensure_table(&self.conn)
    }

    /// The schema version of the open database.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))?)
    }

    fn resolve_document_id(&self, id: &str) -> Result<Option<String>> {
        let id = id.trim().to_ascii_lowercase();
        if id.len() < 4 || !id.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Ok(None);
        }
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE id >= ?1 AND id < ?1 || 'g' LIMIT 2")?;
        let ids: Vec<String> = stmt
            .query_map([&id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.len() {
            0 => Ok(None),
            1 => Ok(ids.into_iter().next()),
            _ => Err(StoreError::Conflict(format!(
                "document id prefix {id:?} is ambiguous; give more digits"
            ))),
        }
    }

    fn load_evidence(&self, event: &mut Event) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT document_id, start, end, text FROM event_evidence
             WHERE event_id = ?1 ORDER BY rowid",
        )?;
        event.evidence = stmt
            .query_map([&event.id], |r| {
                Ok(attache_model::Evidence {
                    document: r.get(0)?,
                    start: r.get::<_, i64>(1)? as usize,
                    end: r.get::<_, i64>(2)? as usize,
                    text: r.get(3)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(())
    }

    fn count(&self, table: &str) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row(&format!("SELECT COUNT(*) FROM {table}"), [], |r| r.get(0))?;
        Ok(n as u64)
    }
}

/// The part of a SQLite error a user can act on.
fn sqlite_reason(e: &rusqlite::Error) -> String {
    match e {
        rusqlite::Error::SqliteFailure(err, msg) => match err.code {
            rusqlite::ErrorCode::NotADatabase => {
                "the file is not an attache (SQLite) database".into()
            }
            rusqlite::ErrorCode::CannotOpen => {
                "unable to open the file (is the location writable?)".into()
            }
            rusqlite::ErrorCode::ReadOnly => "the database or its directory is read-only".into(),
            rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked => {
                "the database is locked by another process".into()
            }
            _ => msg.clone().unwrap_or_else(|| err.to_string()),
        },
        other => other.to_string(),
    }
}

fn fts_fallback_query(query: &str) -> String {
    query
        .split_whitespace()
        .map(|w| format!("\"{}\"", w.replace('"', "\"\"")))
        .collect::<Vec<_>>()
        .join(" ")
}

fn refresh_reports(tx: &Transaction<'_>, event_id: &str) -> rusqlite::Result<()> {
    tx.prepare_cached(
        "UPDATE events SET reports = (SELECT COUNT(*) FROM event_reports WHERE event_id = ?1)
         WHERE id = ?1",
    )?
    .execute([event_id])?;
    Ok(())
}

fn write_clusters(tx: &Transaction<'_>, clusters: &[StoryCluster]) -> rusqlite::Result<()> {
    for c in clusters {
        tx.execute("DELETE FROM clusters WHERE id = ?1", [&c.id])?;
        tx.prepare_cached(
            "INSERT INTO clusters (id, canonical, origin, first_seen, last_seen)
             VALUES (?1, ?2, ?3, ?4, ?5)",
        )?
        .execute(params![
            c.id,
            c.canonical,
            c.origin,
            c.first_seen.map(ts_sql),
            c.last_seen.map(ts_sql)
        ])?;
        for m in &c.members {
            tx.prepare_cached(
                "INSERT INTO cluster_members (cluster_id, document_id, outlet, published,
                    similarity, delay_seconds, credits_origin)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (document_id) DO UPDATE SET cluster_id = excluded.cluster_id,
                    outlet = excluded.outlet, published = excluded.published,
                    similarity = excluded.similarity, delay_seconds = excluded.delay_seconds,
                    credits_origin = excluded.credits_origin",
            )?
            .execute(params![
                c.id,
                m.document,
                m.outlet,
                m.published.map(ts_sql),
                m.similarity,
                m.delay_seconds,
                m.credits_origin
            ])?;
        }
    }
    tx.execute(
        "DELETE FROM clusters WHERE id NOT IN (SELECT cluster_id FROM cluster_members)",
        [],
    )?;
    Ok(())
}

impl Store for SqliteStore {
    fn insert_batch(&mut self, batch: &[AnnotatedDocument]) -> Result<Vec<InsertOutcome>> {
        self.wrote = true;
        let added = ts_sql(Timestamp::now());
        let tx = self.conn.transaction()?;
        let mut outcomes = Vec::with_capacity(batch.len());
        for item in batch {
            let d = &item.document;
            let syndication = d
                .syndication
                .as_ref()
                .map(|s| serde_json::to_string(s).expect("syndication serialises"));
            let changed = tx
                .prepare_cached(
                    "INSERT INTO documents (id, content_hash, url, title, byline, published,
                        published_precision, published_source, site_name, language, text,
                        syndication, fetched, input, added)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)
                     ON CONFLICT DO NOTHING",
                )?
                .execute(params![
                    d.id,
                    d.content_hash,
                    d.url,
                    d.title,
                    d.byline,
                    d.published.map(ts_sql),
                    d.published_precision.as_str(),
                    d.published_source,
                    d.site_name,
                    d.language,
                    d.text,
                    syndication,
                    d.fetched.map(ts_sql),
                    d.input,
                    added,
                ])?;
            if changed == 0 {
                let existing: Option<String> = tx
                    .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
                    .query_row([&d.content_hash], |r| r.get(0))
                    .optional()?;
                match existing {
                    Some(id) => outcomes.push(InsertOutcome::Duplicate { id }),
                    None => {
                        return Err(StoreError::Conflict(format!(
                            "document id {} is taken by different content",
                            d.id
                        )));
                    }
                }
                continue;
            }
            insert_annotations(&tx, &d.id, &item.annotations)?;
            outcomes.push(InsertOutcome::Added { id: d.id.clone() });
        }
        tx.commit()?;
        Ok(outcomes)
    }

    fn find_by_hash(&self, content_hash: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id FROM documents WHERE content_hash = ?1")?
            .query_row([content_hash], |r| r.get(0))
            .optional()?)
    }

    fn replace_annotations(&mut self, batch: &[(String, Annotations)]) -> Result<()> {
        self.wrote = true;
        let tx = self.conn.transaction()?;
        for (doc_id, annotations) in batch {
            let exists: Option<i64> = tx
                .prepare_cached("SELECT 1 FROM documents WHERE id = ?1")?
                .query_row([doc_id], |r| r.get(0))
                .optional()?;
            if exists.is_none() {
                return Err(StoreError::NotFound(format!("document {doc_id}")));
            }
            let touched: Vec<String> = tx
                .prepare_cached("SELECT event_id FROM event_reports WHERE document_id = ?1")?
                .query_map([doc_id], |r| r.get(0))?
                .collect::<rusqlite::Result<_>>()?;
            for table in ["mentions", "timexes", "event_evidence", "event_reports"] {
                tx.execute(
                    &format!("DELETE FROM {table} WHERE document_id = ?1"),
                    [doc_id],
                )?;
            }
            for event_id in &touched {
                refresh_reports(&tx, event_id)?;
            }
            insert_annotations(&tx, doc_id, annotations)?;
        }
        tx.execute("DELETE FROM events WHERE reports = 0", [])?;
        tx.execute(
            "DELETE FROM entities WHERE id NOT IN
                (SELECT entity FROM mentions WHERE entity IS NOT NULL)
             AND id NOT IN (SELECT source_entity FROM events WHERE source_entity IS NOT NULL)
             AND id NOT IN (SELECT target_entity FROM events WHERE target_entity IS NOT NULL)",
            [],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn document(&self, id: &str) -> Result<Option<AnnotatedDocument>> {
        let Some(id) = self.resolve_document_id(id)? else {
            return Ok(None);
        };
        let Some(document) = read_document(&self.conn, &id)? else {
            return Ok(None);
        };
        let mut annotations = read_annotations(&self.conn, &id)?;
        let event_ids: Vec<String> = self
            .conn
            .prepare_cached(
                "SELECT r.event_id FROM event_reports r JOIN events e ON e.id = r.event_id
                 WHERE r.document_id = ?1 ORDER BY e.date, e.id",
            )?
            .query_map([&id], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        for event_id in event_ids {
            if let Some(e) = self.event(&event_id)? {
                annotations.events.push(e);
            }
        }
        Ok(Some(AnnotatedDocument {
            document,
            annotations,
        }))
    }

    fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, title, site_name, url, published, length(text) FROM documents
             ORDER BY rowid DESC LIMIT ?1 OFFSET ?2",
        )?;
        let rows = stmt
            .query_map(params![limit as i64, offset as i64], |r| {
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
        Ok(rows)
    }

    fn document_ids(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn
            .prepare_cached("SELECT id FROM documents ORDER BY rowid")?;
        let ids = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(ids)
    }

    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let query = query.trim();
        if query.is_empty() {
            return Err(StoreError::BadQuery {
                query: query.into(),
                reason: "the query is empty".into(),
            });
        }
        let sql = "SELECT d.id, d.title, d.site_name, d.published,
                          snippet(documents_fts, 1, '[', ']', '…', 16), bm25(documents_fts)
                   FROM documents_fts JOIN documents d ON d.rowid = documents_fts.rowid
                   WHERE documents_fts MATCH ?1
                   ORDER BY bm25(documents_fts) LIMIT ?2";
        let run = |q: &str| -> rusqlite::Result<Vec<SearchHit>> {
            let mut stmt = self.conn.prepare_cached(sql)?;
            stmt.query_map(params![q, limit as i64], |r| {
                Ok(SearchHit {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    site_name: r.get(2)?,
                    published: parse_ts(r.get(3)?),
                    snippet: r.get(4)?,
                    rank: r.get(5)?,
                })
            })?
            .collect()
        };
        match run(query) {
            Ok(hits) => Ok(hits),
            // Not valid FTS5 syntax: search for the words as plain terms.
            Err(rusqlite::Error::SqliteFailure(_, _)) => {
                run(&fts_fallback_query(query)).map_err(|e| StoreError::BadQuery {
                    query: query.into(),
                    reason: sqlite_reason(&e),
                })
            }
            Err(e) => Err(e.into()),
        }
    }

    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>> {
        let mut args = analytics::Args::default();
        let mut sql = format!(
            "SELECT {} FROM events WHERE 1=1{}",
            event_columns(),
            self.filter_sql(filter, &mut args)?
        );
        let args = args.0;
        sql += " ORDER BY date IS NULL, date DESC, id";
        if let Some(limit) = filter.limit {
            sql += &format!(" LIMIT {limit}");
        }
        let mut stmt = self.conn.prepare(&sql)?;
        let mut events: Vec<Event> = stmt
            .query_map(params_from_iter(args), event_from_row)?
            .collect::<rusqlite::Result<_>>()?;
        for e in &mut events {
            self.load_evidence(e)?;
        }
        Ok(events)
    }

    fn event(&self, id: &str) -> Result<Option<Event>> {
        let sql = format!("SELECT {} FROM events WHERE id = ?1", event_columns());
        let event = self
            .conn
            .prepare_cached(&sql)?
            .query_row([id], event_from_row)
            .optional()?;
        match event {
            Some(mut e) => {
                self.load_evidence(&mut e)?;
                Ok(Some(e))
            }
            None => Ok(None),
        }
    }

    fn actors(&self, limit: usize) -> Result<Vec<ActorSummary>> {
        let mut stmt = self.conn.prepare_cached(
            "WITH sides AS (
                SELECT COALESCE(source_code, source_name) AS key, source_name AS name,
                       source_country AS country, id,
                       COALESCE(target_code, target_name) AS other, 1 AS src
                FROM events
                UNION ALL
                SELECT COALESCE(target_code, target_name), target_name, target_country, id,
                       COALESCE(source_code, source_name), 0
                FROM events WHERE target_name IS NOT NULL)
             SELECT key, MIN(name), MAX(country), COUNT(DISTINCT id), SUM(src), SUM(1 - src),
                    COUNT(DISTINCT other)
             FROM sides GROUP BY key ORDER BY 4 DESC, key LIMIT ?1",
        )?;
        let rows = stmt
            .query_map([limit as i64], |r| {
                Ok(ActorSummary {
                    code: r.get(0)?,
                    name: r.get(1)?,
                    country: r.get(2)?,
                    events: r.get::<_, i64>(3)? as u64,
                    as_source: r.get::<_, i64>(4)? as u64,
                    as_target: r.get::<_, i64>(5)? as u64,
                    counterparts: r.get::<_, i64>(6)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows)
    }

    fn add_feed(&mut self, feed: &Feed) -> Result<Feed> {
        let exists: Option<i64> = self
            .conn
            .query_row("SELECT id FROM feeds WHERE url = ?1", [&feed.url], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Err(StoreError::Conflict(format!(
                "feed {} is already subscribed",
                feed.url
            )));
        }
        self.conn.execute(
            "INSERT INTO feeds (url, title, site_url, allow_private, status, added)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                feed.url,
                feed.title,
                feed.site_url,
                feed.allow_private,
                feed.status.as_str(),
                ts_sql(Timestamp::now())
            ],
        )?;
        let mut stored = feed.clone();
        stored.id = self.conn.last_insert_rowid();
        self.update_feed(&stored)?;
        Ok(stored)
    }

    fn update_feed(&mut self, feed: &Feed) -> Result<()> {
        let n = self.conn.execute(
            "UPDATE feeds SET url = ?2, title = ?3, site_url = ?4, allow_private = ?5, etag = ?6,
                last_modified = ?7, last_fetched = ?8, next_due = ?9, status = ?10,
                last_error = ?11, error_count = ?12, items = ?13
             WHERE id = ?1",
            params![
                feed.id,
                feed.url,
                feed.title,
                feed.site_url,
                feed.allow_private,
                feed.etag,
                feed.last_modified,
                feed.last_fetched.map(ts_sql),
                feed.next_due.map(ts_sql),
                feed.status.as_str(),
                feed.last_error,
                feed.error_count,
                feed.items as i64,
            ],
        )?;
        if n == 0 {
            return Err(StoreError::NotFound(format!("feed {}", feed.id)));
        }
        Ok(())
    }

    fn feeds(&self) -> Result<Vec<Feed>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT id, url, title, site_url, allow_private, etag, last_modified, last_fetched,
                    next_due, status, last_error, error_count, items
             FROM feeds ORDER BY id",
        )?;
        let feeds = stmt
            .query_map([], |r| {
                Ok(Feed {
                    id: r.get(0)?,
                    url: r.get(1)?,
                    title: r.get(2)?,
                    site_url: r.get(3)?,
                    allow_private: r.get(4)?,
                    etag: r.get(5)?,
                    last_modified: r.get(6)?,
                    last_fetched: parse_ts(r.get(7)?),
                    next_due: parse_ts(r.get(8)?),
                    status: FeedStatus::parse(&r.get::<_, String>(9)?).unwrap_or_default(),
                    last_error: r.get(10)?,
                    error_count: r.get(11)?,
                    items: r.get::<_, i64>(12)? as u64,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(feeds)
    }

    fn remove_feed(&mut self, id_or_url: &str) -> Result<bool> {
        let n = match id_or_url.parse::<i64>() {
            Ok(id) => self.conn.execute("DELETE FROM feeds WHERE id = ?1", [id])?,
            Err(_) => self
                .conn
                .execute("DELETE FROM feeds WHERE url = ?1", [id_or_url])?,
        };
        Ok(n > 0)
    }

    fn mark_feed_item(
        &mut self,
        feed_id: i64,
        item_id: &str,
        document: Option<&str>,
    ) -> Result<bool> {
        let existing: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT document_id FROM feed_items WHERE feed_id = ?1 AND item_id = ?2",
                params![feed_id, item_id],
                |r| r.get(0),
            )
            .optional()?;
        match existing {
            None => {
                self.conn.execute(
                    "INSERT INTO feed_items (feed_id, item_id, document_id, seen)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![feed_id, item_id, document, ts_sql(Timestamp::now())],
                )?;
                Ok(true)
            }
            Some(stored) => {
                if stored.is_none() && document.is_some() {
                    self.conn.execute(
                        "UPDATE feed_items SET document_id = ?3 WHERE feed_id = ?1 AND item_id = ?2",
                        params![feed_id, item_id, document],
                    )?;
                }
                Ok(false)
            }
        }
    }

    fn put_clusters(&mut self, clusters: &[StoryCluster]) -> Result<()> {
        let tx = self.conn.transaction()?;
        write_clusters(&tx, clusters)?;
        tx.commit()?;
        Ok(())
    }

    fn clusters(&self, limit: usize) -> Result<Vec<StoryCluster>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT c.id, c.canonical, c.origin, c.first_seen, c.last_seen
             FROM clusters c
             ORDER BY (SELECT COUNT(*) FROM cluster_members m WHERE m.cluster_id = c.id) DESC,
                      c.first_seen, c.id
             LIMIT ?1",
        )?;
        let mut clusters: Vec<StoryCluster> = stmt
            .query_map([limit as i64], |r| {
                Ok(StoryCluster {
                    id: r.get(0)?,
                    canonical: r.get(1)?,
                    origin: r.get(2)?,
                    first_seen: parse_ts(r.get(3)?),
                    last_seen: parse_ts(r.get(4)?),
                    members: Vec::new(),
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        for c in &mut clusters {
            c.members = self.read_members(&c.id)?;
        }
        Ok(clusters)
    }

    fn stats(&self) -> Result<Stats> {
        let (first, last): (Option<String>, Option<String>) = self.conn.query_row(
            "SELECT MIN(published), MAX(published) FROM documents",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut stmt = self.conn.prepare_cached(
            "SELECT COALESCE(site_name, '(unknown)'), COUNT(*) FROM documents
             GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 20",
        )?;
        let outlets = stmt
            .query_map([], |r| Ok((r.get(0)?, r.get::<_, i64>(1)? as u64)))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(Stats {
            documents: self.count("documents")?,
            mentions: self.count("mentions")?,
            entities: self.count("entities")?,
            timexes: self.count("timexes")?,
            events: self.count("events")?,
            evidence: self.count("event_evidence")?,
            feeds: self.count("feeds")?,
            clusters: self.count("clusters")?,
            first_published: parse_ts(first),
            last_published: parse_ts(last),
            outlets,
            schema_version: self.schema_version()?,
        })
    }

    fn replace_clusters(&mut self, clusters: &[StoryCluster]) -> Result<()> {
        let tx = self.conn.transaction()?;
        tx.execute("DELETE FROM cluster_members", [])?;
        tx.execute("DELETE FROM clusters", [])?;
        write_clusters(&tx, clusters)?;
        tx.commit()?;
        Ok(())
    }

    fn put_copy_links(&mut self, links: &[CopyLink]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for l in links {
            tx.prepare_cached(
                "INSERT INTO copy_links (document_id, copy_of, similarity)
                 SELECT ?1, ?2, ?3
                 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)
                   AND EXISTS (SELECT 1 FROM documents WHERE id = ?2) AND ?1 <> ?2
                 ON CONFLICT (document_id) DO UPDATE SET copy_of = excluded.copy_of,
                    similarity = excluded.similarity",
            )?
            .execute(params![l.document, l.copy_of, l.similarity])?;
        }
        tx.commit()?;
        Ok(())
    }

    fn copy_links(&self) -> Result<Vec<CopyLink>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT l.document_id, l.copy_of, l.similarity FROM copy_links l
             JOIN documents d ON d.id = l.document_id ORDER BY d.rowid",
        )?;
        let links = stmt
            .query_map([], |r| {
                Ok(CopyLink {
                    document: r.get(0)?,
                    copy_of: r.get(1)?,
                    similarity: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(links)
    }

    fn put_fingerprints(&mut self, scheme: &str, fingerprints: &[(String, Vec<u8>)]) -> Result<()> {
        let tx = self.conn.transaction()?;
        for (id, data) in fingerprints {
            tx.prepare_cached(
                "INSERT INTO fingerprints (document_id, scheme, data)
                 SELECT ?1, ?2, ?3 WHERE EXISTS (SELECT 1 FROM documents WHERE id = ?1)
                 ON CONFLICT (document_id) DO UPDATE SET scheme = excluded.scheme,
                    data = excluded.data",
            )?
            .execute(params![id, scheme, data])?;
        }
        tx.commit()?;
        Ok(())
    }

    fn for_each_dedupe_input(
        &self,
        scheme: &str,
        f: &mut dyn FnMut(&str, DedupeInput<'_>),
    ) -> Result<()> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT d.id, f.data, CASE WHEN f.data IS NULL THEN d.text END
             FROM documents d
             LEFT JOIN fingerprints f ON f.document_id = d.id AND f.scheme = ?1
             ORDER BY d.rowid",
        )?;
        let mut rows = stmt.query([scheme])?;
        let bad = |what: &str, e: rusqlite::types::FromSqlError| {
            StoreError::Corrupt(format!("{what} of a stored document: {e}"))
        };
        while let Some(r) = rows.next()? {
            let id = r.get_ref(0)?.as_str().map_err(|e| bad("id", e))?;
            let fingerprint = r
                .get_ref(1)?
                .as_blob_or_null()
                .map_err(|e| bad("fingerprint", e))?;
            match fingerprint {
                Some(data) => f(id, DedupeInput::Fingerprint(data)),
                None => {
                    let text = r.get_ref(2)?.as_str().map_err(|e| bad("text", e))?;
                    f(id, DedupeInput::Text(text))
                }
            }
        }
        Ok(())
    }

    fn document_heads(&self, ids: Option<&[String]>) -> Result<Vec<DocumentHead>> {
        const COLUMNS: &str = "SELECT id, title, url, site_name, published, fetched, syndication,
                                      substr(text, 1, 300) FROM documents";
        let head = |r: &rusqlite::Row<'_>| -> rusqlite::Result<(DocumentHead, Option<String>)> {
            Ok((
                DocumentHead {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    url: r.get(2)?,
                    site_name: r.get(3)?,
                    published: parse_ts(r.get(4)?),
                    fetched: parse_ts(r.get(5)?),
                    syndication: None,
                    lead: r.get(7)?,
                },
                r.get(6)?,
            ))
        };
        let raw: Vec<(DocumentHead, Option<String>)> = match ids {
            None => self
                .conn
                .prepare_cached(&format!("{COLUMNS} ORDER BY rowid"))?
                .query_map([], head)?
                .collect::<rusqlite::Result<_>>()?,
            Some(ids) => {
                let mut stmt = self
                    .conn
                    .prepare_cached(&format!("{COLUMNS} WHERE id = ?1"))?;
                let mut out = Vec::with_capacity(ids.len());
                for id in ids {
                    if let Some(h) = stmt.query_row([id], head).optional()? {
                        out.push(h);
                    }
                }
                out
            }
        };
        raw.into_iter()
            .map(|(mut h, syndication)| {
                if let Some(s) = syndication {
                    h.syndication = Some(serde_json::from_str(&s).map_err(|e| {
                        StoreError::Corrupt(format!("syndication of {}: {e}", h.id))
                    })?);
                }
                Ok(h)
            })
            .collect()
    }

    fn people(&self, filter: &PeopleFilter) -> Result<Vec<PersonRole>> {
        people::people(&self.conn, filter)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conformance_in_memory() {
        crate::conformance::run_all(|| SqliteStore::open_in_memory().unwrap());
    }

    #[test]
    fn conformance_on_disk() {
        let dir = tempfile::tempdir().unwrap();
        let mut n = 0;
        crate::conformance::run_all(|| {
            n += 1;
            SqliteStore::open(&dir.path().join(format!("t{n}.db"))).unwrap()
        });
    }

    #[test]
    fn reopening_keeps_data_and_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.db");
        {
            let mut s = SqliteStore::open(&path).unwrap();
            let doc = attache_model::Document::new("Title", "Some text here.");
            s.insert_batch(&[AnnotatedDocument {
                document: doc,
                annotations: Annotations::default(),
            }])
            .unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert_eq!(s.stats().unwrap().documents, 1);
        assert_eq!(s.schema_version().unwrap(), MIGRATIONS.len() as i64);
    }

    #[test]
    fn open_errors_name_the_problem() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("nope").join("a.db");
        let err = SqliteStore::open(&missing).err().unwrap().to_string();
        assert!(err.contains("does not exist"), "{err}");
        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, vec![b'x'; 4096]).unwrap();
        let err = SqliteStore::open(&junk).err().unwrap().to_string();
        assert!(err.contains("not an attache (SQLite) database"), "{err}");
        let err = SqliteStore::open(dir.path()).err().unwrap().to_string();
        assert!(err.contains("is a directory"), "{err}");
    }

    #[test]
    fn a_database_missing_the_people_table_gets_it_on_open() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("old.db");
        {
            let s = SqliteStore::open(&path).unwrap();
            s.conn.execute_batch("DROP TABLE person_roles").unwrap();
        }
        let s = SqliteStore::open(&path).unwrap();
        assert!(s.people(&PeopleFilter::default()).unwrap().is_empty());
    }

    #[test]
    fn newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.db");
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "user_version", 99).unwrap();
        }
        let err = SqliteStore::open(&path).err().unwrap().to_string();
        assert!(err.contains("newer attache"), "{err}");
    }
}
