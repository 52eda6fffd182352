//! Feed parsing for attache: format detection from content, lenient parsers for RSS 0.9x/2.0,
//! RSS 1.0 (RDF), Atom 0.3/1.0 and JSON Feed 1.0/1.1, dates as feeds really write them, and OPML.
//!
//! [`parse`] takes the bytes of a fetched feed (plus the HTTP `Content-Type`, for its charset, and
//! the URL it came from, for relative links; [`parse_http`] also takes `Content-Language`) and
//! returns a [`ParsedFeed`]: feed metadata and the
//! items as [`attache_model::FeedItem`]s, with richer per-item details alongside. The layers:
//!
//! - [`decode`](mod@decode): bytes to text (BOM, HTTP charset, XML declaration, fallbacks).
//! - `xml`: a lenient tree builder on quick-xml (HTML entities, bare `&`, undeclared entities,
//!   junk before the root, mismatched tags, truncation), with canonical namespaces and resolved
//!   `xml:base`/`xml:lang`.
//! - `rss`, `atom`, `jsonfeed`: one adapter per format from the wire shape to [`ParsedFeed`]
//!   (RSS 1.0 shares the RSS adapter; its `rdf:RDF` layout is handled there).
//! - `markup`: HTML values normalised and inline XML (XHTML, SVG, MathML) serialised as one
//!   consistent HTML fragment, relative URLs resolved (IRIs kept as written).
//! - `date`: [`parse_date`].
//! - [`opml`]: subscription lists.
//!
//! Nothing here does I/O, and no input makes it panic: unreadable input is a [`FeedError`],
//! readable-but-broken input is parsed leniently with the recoveries listed in
//! [`ParsedFeed::warnings`]. Item identity is stable across fetches: the feed's own id (guid),
//! else the link, else a hash of title and date.

mod atom;
pub mod date;
pub mod decode;
mod entities;
mod jsonfeed;
mod markup;
pub mod opml;
mod rss;
mod xml;

use attache_model::FeedItem;
use jiff::Timestamp;
use serde::Serialize;

pub use date::parse_date;
pub use xml::resolve_url;

/// Largest input accepted (bytes). Larger bodies are refused rather than parsed.
pub const MAX_FEED_BYTES: usize = 64 * 1024 * 1024;

/// Why a feed could not be parsed at all.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum FeedError {
    #[error("empty document")]
    Empty,
    #[error("feed too large: {0} bytes (limit {MAX_FEED_BYTES})")]
    TooLarge(usize),
    #[error("not a feed: {0}")]
    NotAFeed(String),
    #[error("invalid JSON feed: {0}")]
    Json(String),
}

/// The format (and version) of a feed, detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FeedFormat {
    Rss090,
    /// RSS 0.91 (UserLand).
    Rss091,
    /// RSS 0.91 with Netscape's DTD.
    Rss091Netscape,
    Rss092,
    Rss093,
    Rss094,
    Rss20,
    /// RSS without a recognisable version.
    Rss,
    Rss10,
    Atom03,
    Atom10,
    /// Atom without a recognisable version.
    Atom,
    JsonFeed10,
    JsonFeed11,
}

impl FeedFormat {
    /// Short name, as feedparser spells versions (`rss20`, `atom10`, `json11`…).
    pub fn as_str(self) -> &'static str {
        match self {
            FeedFormat::Rss090 => "rss090",
            FeedFormat::Rss091 => "rss091u",
            FeedFormat::Rss091Netscape => "rss091n",
            FeedFormat::Rss092 => "rss092",
            FeedFormat::Rss093 => "rss093",
            FeedFormat::Rss094 => "rss094",
            FeedFormat::Rss20 => "rss20",
            FeedFormat::Rss => "rss",
            FeedFormat::Rss10 => "rss10",
            FeedFormat::Atom03 => "atom03",
            FeedFormat::Atom10 => "atom10",
            FeedFormat::Atom => "atom",
            FeedFormat::JsonFeed10 => "json1",
            FeedFormat::JsonFeed11 => "json11",
        }
    }
}

/// How a text value is to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum TextKind {
    #[default]
    Text,
    Html,
    Xhtml,
}

impl TextKind {
    /// The MIME type feedparser reports for this kind.
    pub fn mime(self) -> &'static str {
        match self {
            TextKind::Text => "text/plain",
            TextKind::Html => "text/html",
            TextKind::Xhtml => "application/xhtml+xml",
        }
    }
}

/// Kind, language and base URL of a text value (the value itself lives in the item or feed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct TextMeta {
    pub kind: TextKind,
    pub lang: Option<String>,
    pub base: Option<String>,
}

/// A link with its relation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Link {
    pub href: String,
    /// `alternate`, `self`, `enclosure`, `related`…
    pub rel: String,
    pub mime: Option<String>,
    pub title: Option<String>,
    pub length: Option<u64>,
    pub hreflang: Option<String>,
}

/// An author or contributor.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Person {
    pub name: Option<String>,
    pub email: Option<String>,
    pub uri: Option<String>,
}

impl Person {
    /// What to show for this person: the name, else the email, else the URI.
    pub fn display(&self) -> Option<String> {
        self.name
            .clone()
            .or_else(|| self.email.clone())
            .or_else(|| self.uri.clone())
    }
}

/// A category or tag.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Category {
    pub term: String,
    pub scheme: Option<String>,
    pub label: Option<String>,
}

/// A media attachment (RSS enclosure, Atom `rel="enclosure"`, Media RSS content, JSON attachment).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Enclosure {
    pub url: String,
    pub mime: Option<String>,
    pub length: Option<u64>,
}

/// Where an item was first published (RSS `<source>`, Atom `<source>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Source {
    pub title: Option<String>,
    pub url: Option<String>,
    pub id: Option<String>,
}

/// What an item carries beyond [`FeedItem`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct ItemDetails {
    /// The id the feed gave (guid / atom:id / JSON id), before the fallbacks of `FeedItem::id`.
    pub guid: Option<String>,
    /// The link was taken from a permalink guid.
    pub guid_is_link: bool,
    pub title: Option<TextMeta>,
    /// The title as HTML when the feed marked it up (Atom `type="html"`/`"xhtml"`);
    /// `FeedItem::title` then holds its plain text.
    pub title_html: Option<String>,
    pub summary: Option<TextMeta>,
    pub content: Option<TextMeta>,
    /// Raw date strings as found in the feed.
    pub published_raw: Option<String>,
    pub updated_raw: Option<String>,
    pub links: Vec<Link>,
    pub authors: Vec<Person>,
    pub contributors: Vec<Person>,
    pub tags: Vec<Category>,
    pub enclosures: Vec<Enclosure>,
    pub comments: Option<String>,
    pub rights: Option<String>,
    pub rights_meta: Option<TextMeta>,
    pub source: Option<Source>,
    pub language: Option<String>,
    pub image: Option<String>,
    pub thumbnails: Vec<String>,
    /// iTunes duration as written (`1:02:03`, `3723`).
    pub duration: Option<String>,
    pub explicit: Option<bool>,
    /// iTunes `block`.
    pub block: Option<bool>,
    /// Dublin Core `publisher` of the item.
    pub publisher: Option<Person>,
    /// A subtitle (iTunes `subtitle`), kept beside the summary.
    pub subtitle: Option<String>,
    /// Out-of-line content: the URL of Atom `<content src>`.
    pub content_src: Option<String>,
}

/// Feed-level details beyond the main fields of [`ParsedFeed`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct FeedDetails {
    pub title: Option<TextMeta>,
    /// The title as HTML when the feed marked it up; `ParsedFeed::title` then holds its text.
    pub title_html: Option<String>,
    pub description: Option<TextMeta>,
    pub rights: Option<String>,
    pub rights_meta: Option<TextMeta>,
    pub info: Option<String>,
    pub info_meta: Option<TextMeta>,
    pub updated_raw: Option<String>,
    pub published_raw: Option<String>,
    pub links: Vec<Link>,
    pub authors: Vec<Person>,
    pub contributors: Vec<Person>,
    pub publisher: Option<Person>,
    pub tags: Vec<Category>,
    pub generator: Option<String>,
    pub generator_uri: Option<String>,
    pub generator_version: Option<String>,
    pub docs: Option<String>,
    pub icon: Option<String>,
    pub image: Option<String>,
    /// RSS `<image>`: its title, the link it points to and its description.
    pub image_title: Option<String>,
    pub image_link: Option<String>,
    pub image_description: Option<String>,
    pub explicit: Option<bool>,
    pub block: Option<bool>,
}

/// A parsed feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ParsedFeed {
    pub format: FeedFormat,
    /// The character encoding the bytes were read with.
    pub encoding: String,
    pub id: Option<String>,
    pub title: Option<String>,
    /// The site the feed belongs to (RSS `link`, Atom `rel="alternate"`, JSON `home_page_url`).
    pub site_url: Option<String>,
    /// The feed's own URL as it states it (Atom/RSS `rel="self"`, JSON `feed_url`).
    pub feed_url: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub author: Option<String>,
    pub updated: Option<Timestamp>,
    pub published: Option<Timestamp>,
    /// RSS `<ttl>`: minutes the feed may be cached.
    pub ttl: Option<u32>,
    pub items: Vec<FeedItem>,
    /// Details of `items[i]`, same length and order as `items`.
    pub item_details: Vec<ItemDetails>,
    pub details: FeedDetails,
    /// Recoveries made while reading broken input (empty for a clean feed).
    pub warnings: Vec<String>,
}

impl ParsedFeed {
    /// Whether anything had to be recovered (feedparser's "bozo").
    pub fn is_lenient(&self) -> bool {
        !self.warnings.is_empty()
    }
}

/// An item as an adapter builds it, before identity is settled.
#[derive(Debug, Default)]
pub(crate) struct Entry {
    pub title: Option<String>,
    pub link: Option<String>,
    pub summary: Option<String>,
    pub content: Option<String>,
    pub published: Option<Timestamp>,
    pub updated: Option<Timestamp>,
    pub details: ItemDetails,
    /// The feed's id for the item as written, when `details.guid` holds it resolved against
    /// the base: identity keeps to what the feed wrote.
    pub id_as_written: Option<String>,
}

/// Feed-level fields as an adapter builds them.
#[derive(Debug)]
pub(crate) struct Head {
    pub format: FeedFormat,
    pub id: Option<String>,
    pub title: Option<String>,
    pub site_url: Option<String>,
    pub feed_url: Option<String>,
    pub description: Option<String>,
    pub language: Option<String>,
    pub updated: Option<Timestamp>,
    pub published: Option<Timestamp>,
    pub ttl: Option<u32>,
    pub details: FeedDetails,
}

impl Head {
    pub(crate) fn new(format: FeedFormat) -> Self {
        Head {
            format,
            id: None,
            title: None,
            site_url: None,
            feed_url: None,
            description: None,
            language: None,
            updated: None,
            published: None,
            ttl: None,
            details: FeedDetails::default(),
        }
    }
}

/// Settle identity and split entries into model items and details.
pub(crate) fn assemble(
    head: Head,
    entries: Vec<Entry>,
    encoding: String,
    warnings: Vec<String>,
) -> ParsedFeed {
    let feed_author = head.details.authors.first().and_then(Person::display);
    let mut items = Vec::with_capacity(entries.len());
    let mut item_details = Vec::with_capacity(entries.len());
    let mut head = head;
    absolutize(&mut head.title, &head.details.title);
    head.details.title_html = plain_title(&mut head.title, &head.details.title);
    absolutize(&mut head.description, &head.details.description);
    absolutize(&mut head.details.rights, &head.details.rights_meta);
    absolutize(&mut head.details.info, &head.details.info_meta);
    for mut e in entries {
        absolutize(&mut e.title, &e.details.title);
        e.details.title_html = plain_title(&mut e.title, &e.details.title);
        absolutize(&mut e.summary, &e.details.summary);
        absolutize(&mut e.content, &e.details.content);
        absolutize(&mut e.details.rights, &e.details.rights_meta);
        let id = item_id(&e);
        let d = e.details;
        items.push(FeedItem {
            id,
            title: e.title,
            link: e.link,
            summary: e.summary,
            content: e.content,
            author: d
                .authors
                .first()
                .and_then(Person::display)
                .or_else(|| feed_author.clone()),
            published: e.published,
            updated: e.updated,
            categories: d.tags.iter().map(|t| t.term.clone()).collect(),
            enclosures: d.enclosures.iter().map(|x| x.url.clone()).collect(),
        });
        item_details.push(d);
    }
    ParsedFeed {
        format: head.format,
        encoding,
        id: head.id,
        title: head.title,
        site_url: head.site_url,
        feed_url: head.feed_url,
        description: head.description,
        language: head.language,
        author: feed_author,
        updated: head.updated,
        published: head.published,
        ttl: head.ttl,
        items,
        item_details,
        details: head.details,
        warnings,
    }
}

/// Normalise HTML values (see `markup`), resolving relative URLs against their base.
fn absolutize(value: &mut Option<String>, meta: &Option<TextMeta>) {
    if let (Some(v), Some(m)) = (value.as_mut(), meta)
        && m.kind == TextKind::Html
    {
        *v = markup::normalize_html(v, m.base.as_deref());
    }
}

/// A title marked up as HTML becomes plain text (what a headline is); the markup is returned.
fn plain_title(title: &mut Option<String>, meta: &Option<TextMeta>) -> Option<String> {
    if meta.as_ref().is_none_or(|m| m.kind == TextKind::Text) {
        return None;
    }
    let html = title.take()?;
    *title = nonempty(markup::html_to_text(&html));
    Some(html)
}

/// guid, else link, else a hash of title + date (+ summary when there is neither).
fn item_id(e: &Entry) -> String {
    if let Some(g) = e
        .id_as_written
        .as_deref()
        .or(e.details.guid.as_deref())
        .map(str::trim)
        .filter(|g| !g.is_empty())
    {
        return g.to_string();
    }
    if let Some(l) = e.link.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        return l.to_string();
    }
    let date = e
        .published
        .or(e.updated)
        .map(|t| t.to_string())
        .or_else(|| e.details.published_raw.clone())
        .or_else(|| e.details.updated_raw.clone())
        .unwrap_or_default();
    let title = e.title.as_deref().unwrap_or_default();
    let body = if title.is_empty() {
        e.summary
            .as_deref()
            .or(e.content.as_deref())
            .unwrap_or_default()
    } else {
        ""
    };
    format!(
        "urn:attache:item:{}",
        attache_model::hash::stable_id(&[title, &date, body])
    )
}

/// What the HTTP response said about a feed body, as far as parsing needs it.
#[derive(Debug, Clone, Copy, Default)]
pub struct HttpContext<'a> {
    /// `Content-Type` (its `charset` overrides the XML declaration).
    pub content_type: Option<&'a str>,
    /// The URL the feed was fetched from (or its `Content-Location`), against which relative
    /// links resolve.
    pub base_url: Option<&'a str>,
    /// `Content-Language`: the language of text that does not state its own (`xml:lang`).
    pub content_language: Option<&'a str>,
}

/// Detect the format of `bytes` and parse it.
///
/// `content_type` is the HTTP `Content-Type` (its `charset` overrides the XML declaration);
/// `base_url` is the URL the feed was fetched from, against which relative links resolve.
/// [`parse_http`] takes the other headers that matter too.
pub fn parse(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: Option<&str>,
) -> Result<ParsedFeed, FeedError> {
    parse_http(
        bytes,
        &HttpContext {
            content_type,
            base_url,
            content_language: None,
        },
    )
}

/// [`parse`] with everything the HTTP response said ([`HttpContext`]).
pub fn parse_http(bytes: &[u8], http: &HttpContext<'_>) -> Result<ParsedFeed, FeedError> {
    let (content_type, base_url) = (http.content_type, http.base_url);
    let content_language = http
        .content_language
        .and_then(|l| l.split(',').next())
        .map(str::trim)
        .filter(|l| !l.is_empty());
    if bytes.len() > MAX_FEED_BYTES {
        return Err(FeedError::TooLarge(bytes.len()));
    }
    let decoded = decode::decode(bytes, content_type);
    let text = decoded.text;
    let start = text.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    if start.is_empty() {
        return Err(FeedError::Empty);
    }
    if start.starts_with('{') {
        return jsonfeed::parse(start, base_url, decoded.encoding, decoded.warnings).map(
            |mut f| {
                if f.language.is_none() {
                    f.language = content_language.map(str::to_string);
                }
                f
            },
        );
    }
    let mut warnings = decoded.warnings;
    if let Some(mime) = content_type
        .and_then(|c| c.split(';').next())
        .map(|m| m.trim().to_ascii_lowercase())
        .filter(|m| {
            !m.is_empty() && !m.contains("xml") && !m.contains("rss") && !m.contains("atom")
        })
    {
        warnings.push(format!("served as {mime}, not an XML media type"));
    }
    let doc = xml::parse(text, base_url, content_language)
        .ok_or_else(|| FeedError::NotAFeed("no XML element found".into()))?;
    warnings.extend(doc.warnings.iter().cloned());
    let root = &doc.root;
    let parsed = match root.name.to_ascii_lowercase().as_str() {
        "rss" | "rdf" | "channel" => rss::parse(&doc, decoded.encoding, warnings),
        "feed" => Ok(atom::parse(&doc, decoded.encoding, warnings)),
        "html" => Err(FeedError::NotAFeed("an HTML page, not a feed".into())),
        "opml" => Err(FeedError::NotAFeed(
            "an OPML subscription list, not a feed".into(),
        )),
        other => Err(FeedError::NotAFeed(format!(
            "unknown root element <{other}>"
        ))),
    };
    parsed.map(|mut f| {
        if f.language.is_none() {
            f.language = content_language.map(str::to_string);
        }
        f
    })
}

/// Parse a feed and return only its items (the common case when polling).
pub fn parse_items(
    bytes: &[u8],
    content_type: Option<&str>,
    base_url: Option<&str>,
) -> Result<Vec<FeedItem>, FeedError> {
    parse(bytes, content_type, base_url).map(|f| f.items)
}

/// Split `"name (email)"`, `"email (name)"` or `"Name <email>"` into a person.
pub(crate) fn person_from_text(s: &str) -> Person {
    let s = s.trim();
    let mut p = Person::default();
    if s.is_empty() {
        return p;
    }
    let email_like = |t: &str| t.contains('@') && !t.contains(char::is_whitespace);
    if let Some(open) = s.find(['(', '<']) {
        let close_ch = if s.as_bytes()[open] == b'(' { ')' } else { '>' };
        if let Some(close) = s[open..].find(close_ch) {
            let inside = s[open + 1..open + close].trim();
            let outside = format!("{} {}", &s[..open], &s[open + close + 1..]);
            let outside = outside.trim();
            if email_like(inside) {
                p.email = Some(inside.trim_start_matches("mailto:").to_string());
                p.name = (!outside.is_empty()).then(|| outside.to_string());
                return p;
            }
            if email_like(outside) {
                p.email = Some(outside.to_string());
                p.name = (!inside.is_empty()).then(|| inside.to_string());
                return p;
            }
        }
    }
    if email_like(s) {
        p.email = Some(s.to_string());
    } else {
        p.name = Some(s.to_string());
    }
    p
}

/// Non-empty trimmed string.
pub(crate) fn nonempty(s: String) -> Option<String> {
    let t = s.trim();
    if t.is_empty() {
        None
    } else if t.len() == s.len() {
        Some(s)
    } else {
        Some(t.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn people() {
        let p = person_from_text("me@example.com (Me Myself)");
        assert_eq!(p.name.as_deref(), Some("Me Myself"));
        assert_eq!(p.email.as_deref(), Some("me@example.com"));
        let p = person_from_text("Me <me@example.com>");
        assert_eq!(p.name.as_deref(), Some("Me"));
        assert_eq!(
            person_from_text("Just A Name").name.as_deref(),
            Some("Just A Name")
        );
    }

    #[test]
    fn http_context_and_markup() {
        let atom = br#"<feed xmlns="http://www.w3.org/2005/Atom" xml:base="http://e.org/a/"><entry><id>/x/1</id><title type="html">Q&amp;A &lt;br&gt;</title><content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><a href="p">1 &amp; 2</a></div></content></entry></feed>"#;
        let f = parse_http(
            atom,
            &HttpContext {
                content_type: Some("application/atom+xml"),
                base_url: None,
                content_language: Some("fr, en"),
            },
        )
        .unwrap();
        assert_eq!(f.language.as_deref(), Some("fr"));
        let (it, d) = (&f.items[0], &f.item_details[0]);
        assert_eq!(it.title.as_deref(), Some("Q&A"));
        assert_eq!(d.title_html.as_deref(), Some("Q&amp;A <br />"));
        assert_eq!(d.title.as_ref().unwrap().lang.as_deref(), Some("fr"));
        assert_eq!(
            it.content.as_deref(),
            Some(r#"<a href="http://e.org/a/p">1 &amp; 2</a>"#)
        );
        // The id is resolved against xml:base; identity keeps what the feed wrote.
        assert_eq!(d.guid.as_deref(), Some("http://e.org/x/1"));
        assert_eq!(it.id, "/x/1");
        let plain = parse(b"<rss><channel></channel></rss>", Some("text/plain"), None).unwrap();
        assert!(plain.is_lenient());
    }

    #[test]
    fn refuses_what_is_not_a_feed() {
        assert_eq!(parse(b"", None, None), Err(FeedError::Empty));
        assert!(matches!(
            parse(b"<html><body>hi</body></html>", None, None),
            Err(FeedError::NotAFeed(_))
        ));
        assert!(matches!(
            parse(b"plain text", None, None),
            Err(FeedError::NotAFeed(_))
        ));
        assert!(matches!(
            parse(b"{not json", None, None),
            Err(FeedError::Json(_))
        ));
    }
}
