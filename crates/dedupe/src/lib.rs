//! Duplicate detection and story provenance for attache.
//!
//! - [`Index`]: an incremental index over document texts. Exact copies are found by a hash of
//!   the normalised token sequence (case, punctuation and whitespace ignored); near copies by
//!   MinHash signatures over word shingles (char shingles for CJK, Thai and other unspaced
//!   scripts) with an LSH banding index, verified by the estimated Jaccard similarity
//!   (resemblance) *or* the estimated containment of the smaller text in the larger, so a
//!   truncated excerpt or a copy with a long added preamble still joins its story. Thresholds
//!   are documented on [`Config`]. Lines that new documents of many different stories share
//!   (site boilerplate: menus, subscription calls, disclaimers) are learnt as the index grows
//!   and left out of the shingle sets, so shared boilerplate never makes texts alike and a copy
//!   wrapped in it is compared by its story text. A document that is a copy of two stories
//!   merges them ([`Index::take_merges`]). `check` never changes the index; `insert` is idempotent; the
//!   index serialises to bytes ([`Index::to_bytes`]) and rebuilds from documents
//!   ([`Index::rebuild`]).
//! - [`build_clusters`]: story clusters (connected components of copy links) with a canonical
//!   document, first/last seen, and provenance: the origin outlet (named in syndication
//!   markers and credit lines, else the earliest copy), each copy's delay and whether it
//!   credits the origin. [`outlet_summary`] gives the republishing network per outlet.
//!
//! The crate does no I/O and never panics on input text, however short, long or strange.

mod boiler;
mod index;
mod minhash;
mod stories;
mod text;

pub use index::{Config, Index, Verdict};
pub use minhash::{Fingerprint, MAX_LINES};
pub use stories::{
    DocMeta, Link, OutletSummary, build_clusters, dateline_credit, outlet_key, outlet_summary,
    same_outlet,
};

/// Why an index could not be built or read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum Error {
    #[error("invalid dedupe configuration: {0}")]
    InvalidConfig(String),
    #[error("corrupt dedupe index: {0}")]
    Corrupt(String),
    #[error("unsupported dedupe index version {0}")]
    UnsupportedVersion(u32),
}
