//! The annotate stage of attache: sentence splitting, the compiled-in gazetteer, and
//! recognition and linking of entities (people, organisations, countries, cities, regions,
//! nationalities) with their roles and CAMEO actor codes.
//!
//! Every function here is pure (no I/O) and never panics on input text; offsets are char
//! offsets into the text given.

pub mod entities;
pub mod gazetteer;
// `each_name` and `rows` serve the build script and the index test.
#[allow(dead_code)]
mod names;
pub mod sentences;
