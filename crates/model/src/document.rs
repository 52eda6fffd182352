//! Documents: one article (or any text) with its metadata.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::hash;

/// How precisely a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    Day,
    Month,
    Season,
    Year,
    #[default]
    Unknown,
}

impl DatePrecision {
    pub fn as_str(self) -> &'static str {
        match self {
            DatePrecision::Day => "day",
            DatePrecision::Month => "month",
            DatePrecision::Season => "season",
            DatePrecision::Year => "year",
            DatePrecision::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "day" => DatePrecision::Day,
            "month" => DatePrecision::Month,
            "season" => DatePrecision::Season,
            "year" => DatePrecision::Year,
            "unknown" => DatePrecision::Unknown,
            _ => return None,
        })
    }
}

/// Where a text came from when the outlet that carries it is not the one that wrote it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Syndication {
    /// The outlet that first published the text ("RT World News").
    pub origin: Option<String>,
    /// The origin's URL for this text, when given.
    pub origin_url: Option<String>,
    /// Relays and channels the text passed through ("IFTTT", "RSS"), in order.
    #[serde(default)]
    pub via: Vec<String>,
}

/// One document (an article, a press release, a text file).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Short stable id: the first 16 hex digits of `content_hash`.
    pub id: String,
    pub url: Option<String>,
    pub title: String,
    pub byline: Option<String>,
    /// When the document was published, as far as it is known (see `published_precision`).
    pub published: Option<Timestamp>,
    #[serde(default)]
    pub published_precision: DatePrecision,
    /// How `published` was obtained: "metadata", "input", "text", ... (None when unknown).
    #[serde(default)]
    pub published_source: Option<String>,
    /// The outlet that carries this copy ("INA NEWS").
    pub site_name: Option<String>,
    pub language: Option<String>,
    pub text: String,
    pub syndication: Option<Syndication>,
    /// When attache read the document.
    pub fetched: Option<Timestamp>,
    /// The file, URL or stream the document was read from.
    #[serde(default)]
    pub input: Option<String>,
    /// BLAKE3 of the outlet (`site_name`), normalised title and text (64 hex digits): the same
    /// text carried by two outlets is two documents, by one outlet it is one.
    pub content_hash: String,
}

impl Document {
    /// A document with the given title and text; id and content hash are computed.
    pub fn new(title: impl Into<String>, text: impl Into<String>) -> Self {
        let title = title.into();
        let text = text.into();
        let content_hash = hash::content_hash(&title, &text);
        Document {
            id: hash::short_id(&content_hash),
            url: None,
            title,
            byline: None,
            published: None,
            published_precision: DatePrecision::Unknown,
            published_source: None,
            site_name: None,
            language: None,
            text,
            syndication: None,
            fetched: None,
            input: None,
            content_hash,
        }
    }

    /// Recompute id and content hash after the outlet, title or text changed.
    pub fn rehash(&mut self) {
        self.content_hash = hash::document_hash(self.site_name.as_deref(), &self.title, &self.text);
        self.id = hash::short_id(&self.content_hash);
    }

    /// The outlet a user knows the document by: the site name, else the URL's host.
    pub fn outlet(&self) -> Option<String> {
        if let Some(name) = &self.site_name {
            return Some(name.clone());
        }
        let url = self.url.as_deref()?;
        let rest = url.split_once("://")?.1;
        let host = rest.split(['/', '?', '#']).next()?;
        let host = host.rsplit('@').next()?.split(':').next()?;
        (!host.is_empty()).then(|| host.trim_start_matches("www.").to_string())
    }

    /// The number of chars in the text (the unit of every offset).
    pub fn char_len(&self) -> usize {
        self.text.chars().count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_shape_has_the_extract_fields() {
        let mut d = Document::new("Title", "Body text.");
        d.published = Some("2025-11-21T00:00:00Z".parse().unwrap());
        d.published_precision = DatePrecision::Day;
        d.syndication = Some(Syndication {
            origin: Some("RT World News".into()),
            origin_url: None,
            via: vec!["IFTTT".into()],
        });
        let v = serde_json::to_value(&d).unwrap();
        for key in [
            "url",
            "title",
            "byline",
            "published",
            "site_name",
            "language",
            "text",
            "syndication",
        ] {
            assert!(v.get(key).is_some(), "missing {key}");
        }
        assert_eq!(v["published"], "2025-11-21T00:00:00Z");
        assert_eq!(v["published_precision"], "day");
        assert_eq!(v["syndication"]["via"][0], "IFTTT");
        let back: Document = serde_json::from_value(v).unwrap();
        assert_eq!(back, d);
    }

    #[test]
    fn outlet_falls_back_to_host() {
        let mut d = Document::new("t", "x");
        d.url = Some("https://www.rt.com/news/1-x/".into());
        assert_eq!(d.outlet().as_deref(), Some("rt.com"));
        d.site_name = Some("RT".into());
        assert_eq!(d.outlet().as_deref(), Some("RT"));
    }
}
