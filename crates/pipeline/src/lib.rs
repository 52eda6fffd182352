//! The attache pipeline: decode → extract → dedupe → annotate → store.
//!
//! [`stage`] defines the narrow traits each stage implements; [`sources`] reads the inputs
//! named on the command line (files, directories, JSONL, stdin); [`run`] wires the stages
//! together, runs the pure ones over batches with rayon and writes each batch to the store in
//! one transaction. [`basic`] is the extractor used for plain text and, until the article
//! extraction stage lands, for HTML.

pub mod analysis;
pub mod article;
pub mod basic;
pub mod dates;
pub mod decode;
pub mod dedupe;
pub mod poll;
pub mod run;
pub mod sources;
pub mod stage;

pub use run::{Collect, ItemReport, Observer, Pipeline, Summary};
pub use sources::{InputError, Inputs, Source, SourceOptions};
pub use stage::{
    Annotator, Deduper, Extracted, Extractor, Hints, InferredDate, InputKind, PassThroughAnnotator,
    PassThroughDeduper, RawInput, StageError, Verdict,
};
pub use stage::{DedupeRecords, StoredDocuments};
