//! The attache pipeline: decode → extract → dedupe → annotate → store.
//!
//! [`stage`] defines the narrow traits each stage implements; this crate wires them together,
//! runs the pure stages over batches with rayon, and writes each batch to the store in one
//! transaction.

pub mod stage;

pub use stage::{
    Annotator, Deduper, Extracted, Extractor, Hints, InputKind, PassThroughAnnotator,
    PassThroughDeduper, RawInput, StageError, Verdict,
};
