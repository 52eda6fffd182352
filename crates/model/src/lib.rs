//! Domain model of attache: documents, feeds, annotations (sentences, mentions, entities, time
//! expressions), events, actors and story clusters, plus the reference code tables (CAMEO event
//! codes with QuadClass and Goldstein weights, the CAMEO → PLOVER mapping) compiled in from
//! `data/`.
//!
//! This crate does no I/O. Every type is `serde`-serialisable and its JSON shape is the one
//! documented in DESIGN.md ("Interfaces that users and tests rely on"); the tests at the bottom
//! of each module pin those shapes.
//!
//! Offsets (`start`, `end`) always count Unicode scalar values (chars) into `Document::text`.

pub mod actor;
pub mod annotation;
pub mod cameo;
pub mod document;
pub mod event;
pub mod feed;
pub mod hash;
pub mod story;

pub use actor::{ActorCode, ActorCodeError, Sector};
pub use annotation::{
    AnnotatedDocument, Annotations, Entity, Mention, MentionType, Role, Span, Timex, TimexType,
};
pub use cameo::{CameoCode, Plover, QuadClass};
pub use document::{DatePrecision, Document, Syndication};
pub use event::{DateBasis, Event, EventActor, Evidence, Location};
pub use feed::{Feed, FeedItem, FeedStatus};
pub use story::{StoryCluster, StoryMember};
