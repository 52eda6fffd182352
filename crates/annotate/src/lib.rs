//! Annotation stage of attache: what a document says, turned into data.
//!
//! - [`sentences`]: sentence splitting with char offsets.
//! - [`gazetteer`] and [`entities`]: the compiled-in gazetteer, and recognition and linking of
//!   people, organisations, countries, cities, regions and nationalities with their roles and
//!   CAMEO actor codes.
//! - [`time`]: recognition and normalisation of time expressions (TimeML `TIMEX3` values such
//!   as `2025-02-26`, `2024-10`, `2025-SP`, `P10Y`) relative to the document creation time, and
//!   inference of the document date from its own text when metadata gives none.
//! - [`events`]: event coding (CAMEO and PLOVER codes, QuadClass, Goldstein, date, place, topics,
//!   evidence) per clause, from the text, its sentences, actor mentions and time expressions.
//!
//! Every function here is pure: no I/O, no global mutable state, no clock (the current date is
//! never consulted; a document without a date is dated from its text or not at all), and no
//! panic on any input text. Offsets are char offsets into the text given.

pub mod entities;
pub mod events;
pub mod gazetteer;
// `each_name` and `rows` serve the build script and the index test.
#[allow(dead_code)]
mod names;
pub mod sentences;
pub mod time;
