//! Storage for attache.
//!
//! [`Store`] is the narrow interface every backend implements: batches of annotated documents
//! go in (one transaction per batch; documents keyed by content hash so the same content is
//! stored once), and documents, events, actors, feeds, clusters, search hits and statistics come
//! out. [`sqlite::SqliteStore`] is the embedded implementation (SQLite in WAL mode, versioned
//! migrations, FTS5 full-text search). [`conformance`] holds the store tests, written once against
//! the trait so that every backend runs the same suite.

pub mod analytics;
pub mod conformance;
pub mod people;
pub mod sqlite;

use std::path::PathBuf;

use attache_model::{AnnotatedDocument, Annotations, Event, Feed, StoryCluster, Syndication};
use jiff::Timestamp;
use serde::Serialize;

pub use people::{PeopleFilter, PersonObservation, PersonRole};
pub use sqlite::SqliteStore;

/// Errors of a store. Messages are lowercase and name the thing that failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("cannot open database {path}: directory {dir} does not exist")]
    MissingDirectory { path: PathBuf, dir: PathBuf },
    #[error("cannot open database {path}: {reason}")]
    Open { path: PathBuf, reason: String },
    #[error(
        "database {path} was written by a newer attache (schema {found}, this build knows {known})"
    )]
    TooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error("migration {version} failed: {source}")]
    Migration {
        version: i64,
        source: rusqlite::Error,
    },
    #[error("database error: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("bad data in database: {0}")]
    Corrupt(String),
    #[error("invalid search query {query:?}: {reason}")]
    BadQuery { query: String, reason: String },
    #[error("{0}")]
    Conflict(String),
    #[error("not found: {0}")]
    NotFound(String),
}

pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What happened to one document of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum InsertOutcome {
    Added {
        id: String,
    },
    /// The same content is already stored under `id`.
    Duplicate {
        id: String,
    },
}

/// Filters for event queries (all optional; they combine with AND).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    /// Actor code prefix ("RUS", "EGYMIL") or exact actor name, on either side.
    pub actor: Option<String>,
    /// Directed dyad: source code prefix and target code prefix.
    pub dyad: Option<(String, String)>,
    /// Earliest event date (TimeML value compared as text: "2025", "2025-02", "2025-02-26").
    pub since: Option<String>,
    /// Latest event date, inclusive of every value that starts with it.
    pub until: Option<String>,
    /// CAMEO code prefix ("04" for all consultations).
    pub cameo: Option<String>,
    pub topic: Option<String>,
    /// Only events reported by this document.
    pub document: Option<String>,
    pub limit: Option<usize>,
}

/// One line of a document listing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentSummary {
    pub id: String,
    pub title: String,
    pub site_name: Option<String>,
    pub url: Option<String>,
    pub published: Option<Timestamp>,
    pub chars: usize,
}

/// A full-text search hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SearchHit {
    pub id: String,
    pub title: String,
    pub site_name: Option<String>,
    pub published: Option<Timestamp>,
    /// Text around the match, with the matched terms between `[` and `]`.
    pub snippet: String,
    /// BM25 rank (lower is better).
    pub rank: f64,
}

/// An actor and how often it appears in events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ActorSummary {
    /// CAMEO actor code, or the name when the actor has no code.
    pub code: String,
    pub name: String,
    pub country: Option<String>,
    pub events: u64,
    pub as_source: u64,
    pub as_target: u64,
    /// Distinct actors on the other side of its events.
    pub counterparts: u64,
}

/// Counts of what the store holds.
#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Stats {
    pub documents: u64,
    pub mentions: u64,
    pub entities: u64,
    pub timexes: u64,
    pub events: u64,
    pub evidence: u64,
    pub feeds: u64,
    pub clusters: u64,
    pub first_published: Option<Timestamp>,
    pub last_published: Option<Timestamp>,
    /// Documents per outlet, busiest first.
    pub outlets: Vec<(String, u64)>,
    pub schema_version: i64,
}

/// A copy relation found by the dedupe stage: `document` is a near or exact copy of `copy_of`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CopyLink {
    pub document: String,
    pub copy_of: String,
    /// How alike the two texts are (0..=1).
    pub similarity: f32,
}

/// What story clustering needs of a document, without its text and annotations.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocumentHead {
    pub id: String,
    pub title: String,
    pub url: Option<String>,
    pub site_name: Option<String>,
    pub published: Option<Timestamp>,
    pub fetched: Option<Timestamp>,
    pub syndication: Option<Syndication>,
    /// The first 300 chars of the text (where datelines name wire services).
    pub lead: String,
}

/// One stored document as the dedupe index sees it, in insertion order: its fingerprint
/// under the requested scheme when one is stored, else its text.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum DedupeInput<'a> {
    Fingerprint(&'a [u8]),
    Text(&'a str),
}

/// A storage backend.
pub trait Store: Send {
    /// Store a batch of documents with their annotations in one transaction. Documents whose
    /// content is already stored are skipped (and reported as duplicates); events already
    /// stored gain the new document as a report and its evidence.
    fn insert_batch(&mut self, batch: &[AnnotatedDocument]) -> Result<Vec<InsertOutcome>>;

    /// The id of the stored document with this content hash, if any.
    fn find_by_hash(&self, content_hash: &str) -> Result<Option<String>>;

    /// Replace the annotations of stored documents (after an upgrade of the analysis).
    fn replace_annotations(&mut self, batch: &[(String, Annotations)]) -> Result<()>;

    /// A document and its annotations, by id or unique id prefix (at least 4 hex digits).
    fn document(&self, id: &str) -> Result<Option<AnnotatedDocument>>;

    /// Documents, newest added first.
    fn documents(&self, limit: usize, offset: usize) -> Result<Vec<DocumentSummary>>;

    /// Every stored document id, in insertion order.
    fn document_ids(&self) -> Result<Vec<String>>;

    /// Full-text search over titles and texts, best first.
    fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>>;

    /// Events matching a filter, latest date first, with their evidence.
    fn events(&self, filter: &EventFilter) -> Result<Vec<Event>>;

    /// One event by id.
    fn event(&self, id: &str) -> Result<Option<Event>>;

    /// Actors by number of events, busiest first.
    fn actors(&self, limit: usize) -> Result<Vec<ActorSummary>>;

    /// Add a feed; an existing URL is a conflict.
    fn add_feed(&mut self, feed: &Feed) -> Result<Feed>;

    /// Save a feed's polling state (matched by id).
    fn update_feed(&mut self, feed: &Feed) -> Result<()>;

    /// Every feed, in the order added.
    fn feeds(&self) -> Result<Vec<Feed>>;

    /// Remove a feed by id or URL; false when there was none.
    fn remove_feed(&mut self, id_or_url: &str) -> Result<bool>;

    /// Record that a feed item was seen (and which document it became); false if it was already
    /// known.
    fn mark_feed_item(
        &mut self,
        feed_id: i64,
        item_id: &str,
        document: Option<&str>,
    ) -> Result<bool>;

    /// Replace story clusters (matched by id) with the given ones.
    fn put_clusters(&mut self, clusters: &[StoryCluster]) -> Result<()>;

    /// Story clusters, largest first.
    fn clusters(&self, limit: usize) -> Result<Vec<StoryCluster>>;

    fn stats(&self) -> Result<Stats>;

    /// Replace every stored story cluster with the given ones (stale clusters go).
    fn replace_clusters(&mut self, clusters: &[StoryCluster]) -> Result<()>;

    /// Record copy links (one per copy document; a later link for the same document replaces
    /// the earlier one). Links naming a document that is not stored are skipped.
    fn put_copy_links(&mut self, links: &[CopyLink]) -> Result<()>;

    /// Every copy link, in the order the copies were stored.
    fn copy_links(&self) -> Result<Vec<CopyLink>>;

    /// Store dedupe fingerprints (opaque bytes of `scheme`) of stored documents, replacing
    /// earlier ones; fingerprints of documents that are not stored are skipped.
    fn put_fingerprints(&mut self, scheme: &str, fingerprints: &[(String, Vec<u8>)]) -> Result<()>;

    /// Every stored document in insertion order, as the dedupe index needs it: its fingerprint
    /// under `scheme` when one is stored, else its text (the text is not read otherwise).
    fn for_each_dedupe_input(
        &self,
        scheme: &str,
        f: &mut dyn FnMut(&str, DedupeInput<'_>),
    ) -> Result<()>;

    /// Heads of the documents with these ids (in the order given; unknown ids are skipped), or
    /// of every document in insertion order when `ids` is `None`.
    fn document_heads(&self, ids: Option<&[String]>) -> Result<Vec<DocumentHead>>;

    /// People and their roles learned from the stored documents (one entry per person, title
    /// and country; see [`people`]), most recently seen first. The roles of a document are
    /// recorded when it is inserted and replaced with its annotations.
    fn people(&self, filter: &PeopleFilter) -> Result<Vec<PersonRole>>;
}
