//! The stage contracts. Each stage is a pure function over model types (no I/O, no global
//! state); the pipeline runs them over batches on a rayon pool.
//!
//! - An [`Extractor`] MUST turn one [`RawInput`] into one [`Document`] or a [`StageError`]
//!   naming the problem; it MUST NOT panic on any input and SHOULD run in time linear in the
//!   input. Metadata the caller supplied in [`Hints`] MUST win over what the extractor finds.
//! - An [`Annotator`] MUST return annotations whose offsets are char offsets into
//!   `document.text`; it MUST NOT change the document.
//! - A [`Deduper`] keeps an index of what it has seen; `check` MUST NOT change the index and
//!   `insert` MUST be idempotent.

use attache_model::{Annotations, DatePrecision, Document, Syndication};
use attache_store::{CopyLink, DedupeInput, StoreError};
use jiff::Timestamp;

/// What kind of content an input holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// Plain text; the first non-empty line is the title.
    Text,
    Html,
}

/// Metadata the caller already knows about an input (from the command line, a feed item, a
/// JSONL record or HTTP headers). Each field, when set, overrides what extraction finds.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Hints {
    pub url: Option<String>,
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<Timestamp>,
    pub published_precision: Option<DatePrecision>,
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub syndication: Option<Syndication>,
    pub fetched: Option<Timestamp>,
}

/// One input as read from a file, stdin, a JSONL record or the network.
#[derive(Debug, Clone)]
pub struct RawInput {
    /// Where it came from ("path/to/file.txt", "-", "corpus.jsonl:12", a URL), for messages.
    pub origin: String,
    pub kind: InputKind,
    pub bytes: Vec<u8>,
    /// The HTTP `Content-Type` header, when fetched.
    pub content_type: Option<String>,
    pub hints: Hints,
}

/// Why a stage could not process an input. The message names the problem, not the input (the
/// pipeline prefixes the origin).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StageError {
    #[error("empty document")]
    Empty,
    #[error("binary content, not text")]
    Binary,
    #[error("no article found")]
    NoArticle,
    #[error("{0}")]
    Invalid(String),
}

/// Turns raw input into a document.
pub trait Extractor: Send + Sync {
    /// A short name for `--help` and logs.
    fn name(&self) -> &'static str;
    fn extract(&self, input: &RawInput) -> Result<Extracted, StageError>;
}

/// An extracted document plus what the extractor wants the user to know.
#[derive(Debug, Clone)]
pub struct Extracted {
    pub document: Document,
    /// Non-fatal problems ("decoded as windows-1252 (detected)").
    pub warnings: Vec<String>,
}

/// A document date inferred from the text, for documents whose metadata gives none.
#[derive(Debug, Clone, PartialEq)]
pub struct InferredDate {
    /// Start of the dated period, midnight UTC.
    pub published: Timestamp,
    pub precision: DatePrecision,
    /// How it was inferred, for `Document::published_source` ("text: \"February 27\" …").
    pub how: String,
}

/// Annotates a document (sentences, mentions, entities, time, events).
pub trait Annotator: Send + Sync {
    fn name(&self) -> String;
    /// For a document without a publication date, the date its text implies. The pipeline sets
    /// it on the document (with `published_source` saying how) before calling `annotate`.
    fn infer_date(&self, _document: &Document) -> Option<InferredDate> {
        None
    }
    fn annotate(&self, document: &Document) -> Annotations;

    /// Take in what the stored documents (and those of the batch at hand) say about people
    /// and their roles, to resolve what later documents leave open. The pipeline calls it
    /// before annotating; default: ignore.
    fn learn_people(&self, _people: &[attache_store::PersonRole]) {}
}

/// What a deduper says about a new document.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    /// Not like anything seen.
    New,
    /// A copy of a seen document.
    CopyOf { document: String, similarity: f32 },
}

/// Near-duplicate detection over the documents seen so far.
pub trait Deduper: Send {
    fn name(&self) -> &'static str;
    fn check(&self, document: &Document) -> Verdict;
    fn insert(&mut self, document: &Document);

    /// Take in what the store already holds. The pipeline calls it once per run, before the
    /// first check, and only when the run has new documents. Default: nothing to load.
    fn load(&mut self, _stored: &dyn StoredDocuments) -> Result<(), StoreError> {
        Ok(())
    }

    /// What to persist since the last call (fingerprints of inserted documents, links found
    /// while loading documents stored without fingerprints). Default: nothing.
    fn take_records(&mut self) -> DedupeRecords {
        DedupeRecords::default()
    }
}

/// The stored documents, as a deduper loads them (see [`attache_store::Store`]).
pub trait StoredDocuments {
    /// Every stored document in insertion order: its fingerprint under `scheme` when stored,
    /// else its text.
    fn for_each_dedupe_input(
        &self,
        scheme: &str,
        f: &mut dyn FnMut(&str, DedupeInput<'_>),
    ) -> Result<(), StoreError>;
}

/// What a deduper wants stored.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DedupeRecords {
    /// The fingerprint scheme (a name that changes whenever fingerprints would).
    pub scheme: String,
    /// Fingerprints by document id.
    pub fingerprints: Vec<(String, Vec<u8>)>,
    /// Copy links found outside `check` (while loading).
    pub links: Vec<CopyLink>,
}

/// The annotator used until the annotation stages land: it returns no annotations at all
/// (never invented ones).
#[derive(Debug, Default, Clone, Copy)]
pub struct PassThroughAnnotator;

impl Annotator for PassThroughAnnotator {
    fn name(&self) -> String {
        "pass-through (no annotation)".into()
    }

    fn annotate(&self, _document: &Document) -> Annotations {
        Annotations::default()
    }
}

/// The deduper used until near-duplicate detection lands: it finds nothing (exact copies are
/// still stored once, by content hash, in the store).
#[derive(Debug, Default, Clone, Copy)]
pub struct PassThroughDeduper;

impl Deduper for PassThroughDeduper {
    fn name(&self) -> &'static str {
        "pass-through (exact copies only, by content hash)"
    }

    fn check(&self, _document: &Document) -> Verdict {
        Verdict::New
    }

    fn insert(&mut self, _document: &Document) {}
}
