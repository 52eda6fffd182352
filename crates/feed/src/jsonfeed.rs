//! JSON Feed 1.0 and 1.1 (<https://jsonfeed.org/version/1.1>): wire types to [`ParsedFeed`].

use serde::Deserialize;

use crate::xml::resolve_url;
use crate::{
    Category, Enclosure, Entry, FeedError, FeedFormat, Head, Link, ParsedFeed, Person, TextKind,
    TextMeta, assemble, parse_date,
};

#[derive(Deserialize, Default)]
#[serde(default)]
struct Wire {
    version: Option<String>,
    title: Option<String>,
    home_page_url: Option<String>,
    feed_url: Option<String>,
    description: Option<String>,
    icon: Option<String>,
    favicon: Option<String>,
    language: Option<String>,
    author: Option<WirePerson>,
    authors: Vec<WirePerson>,
    items: Vec<WireItem>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WirePerson {
    name: Option<String>,
    url: Option<String>,
    email: Option<String>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireItem {
    id: Option<serde_json::Value>,
    url: Option<String>,
    external_url: Option<String>,
    title: Option<String>,
    content_html: Option<String>,
    content_text: Option<String>,
    summary: Option<String>,
    image: Option<String>,
    banner_image: Option<String>,
    date_published: Option<String>,
    date_modified: Option<String>,
    author: Option<WirePerson>,
    authors: Vec<WirePerson>,
    tags: Vec<serde_json::Value>,
    language: Option<String>,
    attachments: Vec<WireAttachment>,
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct WireAttachment {
    url: Option<String>,
    mime_type: Option<String>,
    size_in_bytes: Option<f64>,
}

fn person(p: WirePerson) -> Person {
    Person {
        name: p.name,
        email: p.email,
        uri: p.url,
    }
}

fn clean(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

pub(crate) fn parse(
    text: &str,
    base_url: Option<&str>,
    encoding: String,
    warnings: Vec<String>,
) -> Result<ParsedFeed, FeedError> {
    let w: Wire = serde_json::from_str(text).map_err(|e| FeedError::Json(e.to_string()))?;
    let version = w.version.clone().unwrap_or_default();
    if !version.contains("jsonfeed.org") && w.items.is_empty() {
        return Err(FeedError::NotAFeed(
            "JSON without a jsonfeed.org version".into(),
        ));
    }
    let format = if version.ends_with("/1") || version.ends_with("/1.0") {
        FeedFormat::JsonFeed10
    } else {
        FeedFormat::JsonFeed11
    };
    let abs = |u: Option<String>| clean(u).map(|u| resolve_url(&u, base_url));
    let mut head = Head::new(format);
    head.title = clean(w.title);
    head.site_url = abs(w.home_page_url);
    head.feed_url = abs(w.feed_url);
    head.description = clean(w.description);
    head.language = clean(w.language);
    head.details.icon = abs(w.favicon);
    head.details.image = abs(w.icon);
    head.details.title = head.title.as_ref().map(|_| TextMeta::default());
    head.details.authors = w.authors.into_iter().chain(w.author).map(person).collect();
    if let Some(s) = &head.site_url {
        head.details.links.push(Link {
            href: s.clone(),
            rel: "alternate".into(),
            ..Link::default()
        });
    }
    let entries = w
        .items
        .into_iter()
        .map(|it| {
            let mut e = Entry {
                title: clean(it.title),
                link: abs(it.url).or_else(|| abs(it.external_url.clone())),
                ..Entry::default()
            };
            let d = &mut e.details;
            d.guid = it.id.and_then(|v| match v {
                serde_json::Value::String(s) => clean(Some(s)),
                serde_json::Value::Number(n) => Some(n.to_string()),
                _ => None,
            });
            if let Some(html) = clean(it.content_html) {
                e.content = Some(html);
                d.content = Some(TextMeta {
                    kind: TextKind::Html,
                    ..TextMeta::default()
                });
            } else if let Some(t) = clean(it.content_text) {
                e.content = Some(t);
                d.content = Some(TextMeta::default());
            }
            e.summary = clean(it.summary);
            d.summary = e.summary.as_ref().map(|_| TextMeta::default());
            d.title = e.title.as_ref().map(|_| TextMeta::default());
            d.published_raw = clean(it.date_published);
            d.updated_raw = clean(it.date_modified);
            d.authors = it
                .authors
                .into_iter()
                .chain(it.author)
                .map(person)
                .collect();
            d.tags = it
                .tags
                .into_iter()
                .filter_map(|t| t.as_str().map(str::to_string))
                .map(|term| Category {
                    term,
                    ..Category::default()
                })
                .collect();
            d.image = abs(it.image).or_else(|| abs(it.banner_image));
            d.language = clean(it.language);
            if let Some(x) = abs(it.external_url) {
                d.links.push(Link {
                    href: x,
                    rel: "related".into(),
                    ..Link::default()
                });
            }
            d.enclosures = it
                .attachments
                .into_iter()
                .filter_map(|a| {
                    Some(Enclosure {
                        url: abs(a.url)?,
                        mime: a.mime_type,
                        length: a.size_in_bytes.filter(|s| *s >= 0.0).map(|s| s as u64),
                    })
                })
                .collect();
            e.published = d.published_raw.as_deref().and_then(parse_date);
            e.updated = d.updated_raw.as_deref().and_then(parse_date);
            if e.published.is_none() {
                e.published = e.updated;
            }
            e
        })
        .collect();
    Ok(assemble(head, entries, encoding, warnings))
}
