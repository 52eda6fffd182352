//! Feeds a user follows and the items they carry.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

/// Health of a feed after its last poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedStatus {
    /// Never polled.
    #[default]
    New,
    Ok,
    /// The server answered 304 Not Modified.
    NotModified,
    Error,
}

impl FeedStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            FeedStatus::New => "new",
            FeedStatus::Ok => "ok",
            FeedStatus::NotModified => "not_modified",
            FeedStatus::Error => "error",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "new" => FeedStatus::New,
            "ok" => FeedStatus::Ok,
            "not_modified" => FeedStatus::NotModified,
            "error" => FeedStatus::Error,
            _ => return None,
        })
    }
}

/// A subscribed feed and its polling state.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Feed {
    pub id: i64,
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
    /// Whether fetching from private/loopback addresses is allowed for this feed.
    #[serde(default)]
    pub allow_private: bool,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    pub last_fetched: Option<Timestamp>,
    pub next_due: Option<Timestamp>,
    #[serde(default)]
    pub status: FeedStatus,
    pub last_error: Option<String>,
    #[serde(default)]
    pub error_count: u32,
    #[serde(default)]
    pub items: u64,
}

impl Feed {
    /// A feed that was never polled.
    pub fn new(url: impl Into<String>) -> Self {
        Feed {
            id: 0,
            url: url.into(),
            title: None,
            site_url: None,
            allow_private: false,
            etag: None,
            last_modified: None,
            last_fetched: None,
            next_due: None,
            status: FeedStatus::New,
            last_error: None,
            error_count: 0,
            items: 0,
        }
    }
}

/// One entry of a feed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FeedItem {
    /// Stable identity: guid, else link, else a hash of title + date; never random.
    pub id: String,
    pub title: Option<String>,
    pub link: Option<String>,
    pub summary: Option<String>,
    pub content: Option<String>,
    pub author: Option<String>,
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    #[serde(default)]
    pub categories: Vec<String>,
    #[serde(default)]
    pub enclosures: Vec<String>,
}
