//! Read-side queries for the analyst's view (the JSON API and the web pages): cursor-paginated
//! event lists, the relation graph of actors over a time window, event counts over time,
//! counterparts and event types of an actor, entity (people, organisations, places) listings,
//! and single story clusters.
//!
//! [`Analytics`] is separate from [`crate::Store`] so that the ingest interface stays narrow; a
//! backend implements both. Every method only reads.

use attache_model::{Entity, Event, MentionType, Role, StoryCluster};
use serde::Serialize;

use crate::{ActorSummary, DocumentSummary, EventFilter, Result};

/// One page of events and the cursor of the next page (None on the last page).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventPage {
    pub events: Vec<Event>,
    /// Opaque; pass it back as `cursor` to get the next page.
    pub next: Option<String>,
}

/// How graph nodes group actors.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum GraphLevel {
    /// One node per country (ISO alpha-3), or per actor code when the actor has no country.
    #[default]
    Country,
    /// One node per CAMEO actor code (`RUSGOV`, `EGYMIL`), or per name when uncoded.
    Actor,
}

/// What the relation graph covers.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct GraphQuery {
    /// Earliest event date (TimeML value compared as text, as in [`EventFilter`]).
    pub since: Option<String>,
    /// Latest event date, inclusive of every value that starts with it.
    pub until: Option<String>,
    pub level: GraphLevel,
    /// CAMEO code prefix.
    pub cameo: Option<String>,
    /// Keep only edges with at least this many events.
    pub min_events: u64,
    /// Keep at most this many nodes (the busiest); 0 means no limit.
    pub max_nodes: usize,
}

/// A node of the relation graph.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphNode {
    /// Country code, actor code or name (see [`GraphLevel`]).
    pub id: String,
    /// A readable name ("Russia"); the id when none is known.
    pub label: String,
    /// Events on the node's edges in the graph.
    pub events: u64,
}

/// An undirected edge of the relation graph, `a < b`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct GraphEdge {
    pub a: String,
    pub b: String,
    pub events: u64,
    /// Events per QuadClass: verbal cooperation, material cooperation, verbal conflict,
    /// material conflict.
    pub quad_classes: [u64; 4],
    /// Events with `a` as source.
    pub a_to_b: u64,
    /// Events with `b` as source.
    pub b_to_a: u64,
    /// Mean Goldstein score.
    pub goldstein: f64,
}

impl GraphEdge {
    /// The QuadClass (1–4) with most events (the first on ties).
    pub fn dominant_quad_class(&self) -> u8 {
        let mut best = 0;
        for i in 1..4 {
            if self.quad_classes[i] > self.quad_classes[best] {
                best = i;
            }
        }
        best as u8 + 1
    }
}

#[derive(Debug, Clone, PartialEq, Default, Serialize)]
pub struct Graph {
    pub nodes: Vec<GraphNode>,
    pub edges: Vec<GraphEdge>,
}

/// Width of a time-series bucket.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bucket {
    #[default]
    Day,
    /// ISO weeks, named by their Monday.
    Week,
    Month,
}

/// Events in one time bucket.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SeriesPoint {
    /// The bucket's first day (`2025-02-24`) or month (`2025-02`).
    pub bucket: String,
    pub events: u64,
    pub quad_classes: [u64; 4],
}

/// An actor on the other side of another actor's events.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Counterpart {
    /// Actor code, or the name when uncoded.
    pub code: String,
    pub name: String,
    pub country: Option<String>,
    pub events: u64,
    /// Events where the queried actor is the source.
    pub outgoing: u64,
    /// Events where the queried actor is the target.
    pub incoming: u64,
    pub quad_classes: [u64; 4],
}

/// Events of an actor per CAMEO root code.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EventTypeCount {
    /// CAMEO root code ("04").
    pub root: String,
    pub quad_class: u8,
    pub events: u64,
}

/// Filters for entity listings (combined with AND).
#[derive(Debug, Clone, Default)]
pub struct EntityQuery {
    pub kind: Option<MentionType>,
    /// ISO alpha-3 country code of the entity.
    pub country: Option<String>,
    /// Actor code prefix; also matches entities whose country is the prefix's first three
    /// letters when `kind` is a person.
    pub actor: Option<String>,
    /// Case-insensitive substring of the name.
    pub name: Option<String>,
    pub limit: usize,
    pub offset: usize,
}

/// An entity with how often it is mentioned.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntitySummary {
    pub id: String,
    pub name: String,
    #[serde(rename = "type")]
    pub kind: MentionType,
    pub country: Option<String>,
    pub actor_code: Option<String>,
    pub roles: Vec<Role>,
    pub mentions: u64,
    pub documents: u64,
}

/// An entity, its mention counts and the documents that mention it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityDetail {
    pub entity: Entity,
    pub mentions: u64,
    pub documents: Vec<DocumentSummary>,
}

/// Read-side queries for the API and web pages.
pub trait Analytics {
    /// Events matching `filter` (its `limit` is ignored), latest date first (events without a
    /// date last), `limit` at a time, starting after `cursor` (from a previous page).
    fn events_page(
        &self,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage>;

    /// Like [`Analytics::events_page`], for the events between actors `a` and `b` in either
    /// direction (each a code prefix or exact name).
    fn pair_page(
        &self,
        a: &str,
        b: &str,
        filter: &EventFilter,
        cursor: Option<&str>,
        limit: usize,
    ) -> Result<EventPage>;

    /// The relation graph of actors for a time window.
    fn graph(&self, query: &GraphQuery) -> Result<Graph>;

    /// Events per bucket for the events matching `filter` (actor, dyad, dates, CAMEO, topic);
    /// only events whose date is precise enough for the bucket count.
    fn time_series(&self, filter: &EventFilter, bucket: Bucket) -> Result<Vec<SeriesPoint>>;

    /// One actor (code prefix or exact name) summarised, or None when it has no events.
    fn actor(&self, actor: &str) -> Result<Option<ActorSummary>>;

    /// The actors on the other side of `actor`'s events (filter's actor is replaced by it),
    /// busiest first.
    fn counterparts(
        &self,
        actor: &str,
        filter: &EventFilter,
        limit: usize,
    ) -> Result<Vec<Counterpart>>;

    /// Events of `actor` per CAMEO root code, busiest first.
    fn event_types(&self, actor: &str, filter: &EventFilter) -> Result<Vec<EventTypeCount>>;

    /// Entities (people, organisations, places) by number of mentions, most first.
    fn entities(&self, query: &EntityQuery) -> Result<Vec<EntitySummary>>;

    /// One entity with the documents that mention it (newest first, at most `limit`).
    fn entity(&self, id: &str, limit: usize) -> Result<Option<EntityDetail>>;

    /// One story cluster by id.
    fn cluster(&self, id: &str) -> Result<Option<StoryCluster>>;

    /// The id of the story cluster a document belongs to.
    fn cluster_of_document(&self, document: &str) -> Result<Option<String>>;

    /// Earliest and latest event dates.
    fn event_date_range(&self) -> Result<Option<(String, String)>>;

    /// A value that changes whenever events or documents are added (for caches).
    fn generation(&self) -> Result<u64>;
}
