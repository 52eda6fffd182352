//! Story clusters: the copies of one story and where it came from.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// One document in a story cluster.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryMember {
    pub document: String,
    pub outlet: Option<String>,
    pub published: Option<Timestamp>,
    /// Similarity to the canonical document (1.0 for exact copies).
    pub similarity: f32,
    /// Seconds after the origin's publication, when both dates are known.
    pub delay_seconds: Option<i64>,
    /// Whether the copy names the origin (syndication marker, credit line).
    pub credits_origin: bool,
}

/// A story: every copy of one text.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryCluster {
    pub id: String,
    /// The document that stands for the story.
    pub canonical: String,
    /// The outlet that first published it, as far as attache can tell.
    pub origin: Option<String>,
    pub first_seen: Option<Timestamp>,
    pub last_seen: Option<Timestamp>,
    pub members: Vec<StoryMember>,
}

impl StoryCluster {
    pub fn size(&self) -> usize {
        self.members.len()
    }
}
