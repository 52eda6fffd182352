//! RSS 0.9x, 2.0 and 1.0 (RDF): wire layout to [`ParsedFeed`].
//!
//! RSS 0.9x/2.0 put items inside `<channel>`; RSS 1.0 puts them beside it under `rdf:RDF`. Both
//! layouts (and the broken mixes of them) are accepted. Extension namespaces read here: Dublin
//! Core (`dc:`/`dcterms:`), `content:encoded`, `xhtml:body`, Media RSS, iTunes, Atom links,
//! `wfw:commentRss`.

use crate::atom::{atom_person, text_construct};
use crate::xml::{Document, Element, resolve_url};
use crate::{
    Category, Enclosure, Entry, FeedError, FeedFormat, Head, Link, ParsedFeed, Person, Source,
    TextKind, TextMeta, assemble, nonempty, parse_date, person_from_text,
};

fn meta(el: &Element, kind: TextKind) -> TextMeta {
    TextMeta {
        kind,
        lang: el.lang.as_deref().map(str::to_string),
        base: el.base.as_deref().map(str::to_string),
    }
}

fn text(el: &Element, src: &str) -> Option<String> {
    nonempty(el.content(src))
}

/// Text of an element that may hold markup: its kind is HTML unless an Atom-style `type` says
/// otherwise.
fn html_text(el: &Element, src: &str) -> Option<(String, TextMeta)> {
    if el.attr("type").is_some() || el.attr("mode").is_some() {
        return text_construct(el, src, TextKind::Html);
    }
    text(el, src).map(|v| (v, meta(el, TextKind::Html)))
}

/// `itunes:explicit`: Apple's values, exactly as the spec spells them.
fn bool_flag(s: &str) -> Option<bool> {
    match s {
        "yes" | "true" | "explicit" => Some(true),
        "no" | "false" | "clean" => Some(false),
        _ => None,
    }
}

/// `itunes:block`: only `yes` blocks.
fn block_flag(s: &str) -> bool {
    s == "yes"
}

/// RSS's own element names, matched case-insensitively (`<TITLE>`, `<PubDate>`), spelled the
/// way the adapters match them.
fn rss_name(c: &Element) -> &str {
    const CAMEL: &[&str] = &["pubDate", "lastBuildDate", "managingEditor", "webMaster"];
    let n = c.name.as_str();
    if !c.ns.is_empty() || !n.bytes().any(|b| b.is_ascii_uppercase()) || CAMEL.contains(&n) {
        return n;
    }
    const LOWER: &[&str] = &[
        "title",
        "link",
        "description",
        "language",
        "copyright",
        "author",
        "category",
        "generator",
        "docs",
        "ttl",
        "image",
        "guid",
        "comments",
        "enclosure",
        "source",
        "item",
        "summary",
    ];
    CAMEL
        .iter()
        .chain(LOWER)
        .find(|k| k.eq_ignore_ascii_case(n))
        .copied()
        .unwrap_or(n)
}

fn url_of(el: &Element, raw: &str) -> String {
    resolve_url(raw, el.base.as_deref())
}

pub(crate) fn parse(
    doc: &Document,
    encoding: String,
    warnings: Vec<String>,
) -> Result<ParsedFeed, FeedError> {
    let src = doc.source.as_str();
    let root = &doc.root;
    let root_name = root.name.to_ascii_lowercase();
    let is_rdf = root_name == "rdf";
    let format = if is_rdf {
        let head = crate::xml::head(src, 4096);
        if head.contains("my.netscape.com/rdf/simple/0.9") {
            FeedFormat::Rss090
        } else {
            FeedFormat::Rss10
        }
    } else {
        match root.attr("version").map(str::trim) {
            Some("0.91") if src.contains("-//Netscape Communications//DTD RSS 0.91") => {
                FeedFormat::Rss091Netscape
            }
            Some("0.91") => FeedFormat::Rss091,
            Some("0.92") => FeedFormat::Rss092,
            Some("0.93") => FeedFormat::Rss093,
            Some("0.94") => FeedFormat::Rss094,
            Some(v) if v.starts_with('2') => FeedFormat::Rss20,
            _ => FeedFormat::Rss,
        }
    };
    let channel = if root_name == "channel" {
        Some(root)
    } else {
        root.children
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case("channel"))
    };
    let mut head = Head::new(format);
    let mut item_els: Vec<&Element> = Vec::new();
    if let Some(ch) = channel {
        channel_fields(ch, src, &mut head);
        item_els.extend(
            ch.children
                .iter()
                .filter(|c| c.name.eq_ignore_ascii_case("item") && is_home(c)),
        );
    }
    // RSS 1.0 (and broken 2.0) items beside the channel; RSS 1.0 image beside it too.
    for c in &root.children {
        if c.name.eq_ignore_ascii_case("item") && is_home(c) {
            item_els.push(c);
        } else if c.name == "image" && is_home(c) && head.details.image.is_none() {
            head.details.image = c.child("", "url").and_then(|u| text(u, src));
        }
    }
    if channel.is_none() && item_els.is_empty() && root_name == "channel" {
        return Err(FeedError::NotAFeed(format!(
            "<{}> without channel or items",
            root.name
        )));
    }
    if head.language.is_none() {
        head.language = channel.and_then(|c| c.lang.as_deref()).map(str::to_string);
    }
    let entries = item_els.iter().map(|el| item(el, src)).collect();
    Ok(assemble(head, entries, encoding, warnings))
}

fn is_home(el: &Element) -> bool {
    el.ns.is_empty()
}

fn channel_fields(ch: &Element, src: &str, head: &mut Head) {
    let d = &mut head.details;
    for c in &ch.children {
        match (c.ns.as_ref(), rss_name(c)) {
            ("", "title") | ("dc", "title") if head.title.is_none() => {
                head.title = text(c, src);
                d.title = Some(meta(c, TextKind::Text));
            }
            ("", "link") if head.site_url.is_none() => {
                if let Some(t) = text(c, src) {
                    let href = url_of(c, &t);
                    d.links.push(Link {
                        href: href.clone(),
                        rel: "alternate".into(),
                        mime: Some("text/html".into()),
                        ..Link::default()
                    });
                    head.site_url = Some(href);
                }
            }
            ("atom", "link") => {
                if let Some(l) = atom_link(c) {
                    match l.rel.as_str() {
                        "self" if head.feed_url.is_none() => head.feed_url = Some(l.href.clone()),
                        "alternate" if head.site_url.is_none() => {
                            head.site_url = Some(l.href.clone())
                        }
                        _ => {}
                    }
                    d.links.push(l);
                }
            }
            ("", "description") | ("dc", "description") if head.description.is_none() => {
                if let Some((v, m)) = html_text(c, src) {
                    head.description = Some(v);
                    d.description = Some(m);
                }
            }
            ("itunes", "summary") | ("itunes", "subtitle") if head.description.is_none() => {
                head.description = text(c, src);
                d.description = Some(meta(c, TextKind::Text));
            }
            ("", "language") | ("dc", "language") if head.language.is_none() => {
                head.language = text(c, src);
            }
            ("", "copyright") | ("dc", "rights") if d.rights.is_none() => {
                d.rights = text(c, src);
                d.rights_meta = Some(meta(c, TextKind::Text));
            }
            ("", "managingEditor")
            | ("dc", "creator")
            | ("dc", "author")
            | ("itunes", "author")
            | ("", "author") => {
                if let Some(t) = text(c, src) {
                    d.authors.push(person_from_text(&t));
                }
            }
            ("dc", "contributor") => {
                if let Some(t) = text(c, src) {
                    d.contributors.push(person_from_text(&t));
                }
            }
            ("", "webMaster") | ("dc", "publisher") if d.publisher.is_none() => {
                d.publisher = text(c, src).map(|t| person_from_text(&t));
            }
            ("itunes", "owner") if d.publisher.is_none() => {
                d.publisher = Some(Person {
                    name: c.child("itunes", "name").and_then(|e| text(e, src)),
                    email: c.child("itunes", "email").and_then(|e| text(e, src)),
                    uri: None,
                });
            }
            ("", "pubDate") | ("dcterms", "issued") if d.published_raw.is_none() => {
                d.published_raw = text(c, src);
                head.published = d.published_raw.as_deref().and_then(parse_date);
            }
            ("", "lastBuildDate")
            | ("dc", "date")
            | ("dcterms", "modified")
            | ("atom", "updated")
                if d.updated_raw.is_none() =>
            {
                d.updated_raw = text(c, src);
                head.updated = d.updated_raw.as_deref().and_then(parse_date);
            }
            ("", "category") | ("dc", "subject") => {
                if let Some(term) = text(c, src) {
                    d.tags.push(Category {
                        term,
                        scheme: c.attr("domain").map(str::to_string),
                        label: None,
                    });
                }
            }
            ("itunes", "category") => itunes_categories(c, &mut d.tags),
            ("itunes", "keywords") => keywords(c, src, &mut d.tags),
            ("", "generator") => d.generator = text(c, src),
            ("admin", "generatorAgent") => {
                d.generator_uri = c.attr("resource").map(str::to_string);
            }
            ("", "docs") => d.docs = text(c, src).map(|t| url_of(c, &t)),
            ("", "ttl") => head.ttl = text(c, src).and_then(|t| t.parse().ok()),
            ("", "image") if d.image.is_none() => {
                d.image = c
                    .child("", "url")
                    .and_then(|u| text(u, src).map(|t| url_of(u, &t)));
                d.image_title = c.child("", "title").and_then(|t| text(t, src));
                d.image_link = c
                    .child("", "link")
                    .and_then(|l| text(l, src).map(|t| url_of(l, &t)));
                d.image_description = c.child("", "description").and_then(|t| text(t, src));
            }
            ("itunes", "image") => {
                if let Some(h) = c.attr("href").or(c.attr("url")) {
                    d.image = Some(url_of(c, h));
                }
            }
            ("itunes", "explicit") => d.explicit = bool_flag(&c.text),
            ("itunes", "block") => d.block = Some(block_flag(&c.text)),
            ("itunes", "link") if c.attr("rel") == Some("image") => {
                if let Some(h) = c.attr("href") {
                    d.image = Some(url_of(c, h));
                }
            }
            ("atom", "id") | ("", "guid") if head.id.is_none() => head.id = text(c, src),
            ("feedburner", "browserFriendly") if d.info.is_none() => {
                d.info = text(c, src);
                d.info_meta = Some(meta(c, TextKind::Text));
            }
            _ => {}
        }
    }
}

fn itunes_categories(c: &Element, tags: &mut Vec<Category>) {
    if let Some(t) = c.attr("text").map(str::trim).filter(|t| !t.is_empty()) {
        tags.push(Category {
            term: t.to_string(),
            scheme: Some("http://www.itunes.com/".into()),
            label: None,
        });
    }
    for sub in c.children.iter().filter(|s| s.is("itunes", "category")) {
        itunes_categories(sub, tags);
    }
}

fn keywords(c: &Element, src: &str, tags: &mut Vec<Category>) {
    if let Some(t) = text(c, src) {
        for k in t.split(',').map(str::trim).filter(|k| !k.is_empty()) {
            if tags.iter().any(|x| x.term == k) {
                continue;
            }
            tags.push(Category {
                term: k.to_string(),
                scheme: Some("http://www.itunes.com/".into()),
                label: None,
            });
        }
    }
}

pub(crate) fn atom_link(c: &Element) -> Option<Link> {
    // Atom 0.3 feeds sometimes put the URL in the element's text; an empty `href` is a
    // same-document reference (the base itself).
    let href = match c.attr("href").map(str::trim) {
        Some("") => c.base.as_deref()?,
        Some(h) => h,
        None => c.text.trim(),
    };
    if href.is_empty() {
        return None;
    }
    Some(Link {
        href: url_of(c, href),
        rel: c
            .attr("rel")
            .map(str::trim)
            .filter(|r| !r.is_empty())
            .unwrap_or("alternate")
            .to_string(),
        mime: c.attr("type").map(str::to_string).or_else(|| {
            match c.attr("rel").map(str::trim).unwrap_or("alternate") {
                "self" => Some("application/atom+xml".to_string()),
                "alternate" | "" => Some("text/html".to_string()),
                _ => None,
            }
        }),
        title: c.attr("title").map(str::to_string),
        length: c.attr("length").and_then(|l| l.trim().parse().ok()),
        hreflang: c.attr("hreflang").map(str::to_string),
    })
}

fn item(el: &Element, src: &str) -> Entry {
    let mut e = Entry::default();
    let mut dc_date: Option<String> = None;
    let mut fallback_summary: Option<(String, TextMeta)> = None;
    let mut guid_permalink = false;
    if let Some(about) = el.attr_ns("rdf", "about").or(el.attr("about")) {
        e.details.guid = nonempty(about.to_string());
    }
    let mut media_title: Option<String> = None;
    let mut summary_elem = false;
    for c in &el.children {
        let d = &mut e.details;
        match (c.ns.as_ref(), rss_name(c)) {
            ("", "title") | ("dc", "title") if e.title.is_none() => {
                e.title = text(c, src);
                d.title = Some(meta(c, TextKind::Text));
            }
            ("media", "title") if media_title.is_none() => media_title = text(c, src),
            ("", "link") if e.link.is_none() => {
                e.link = text(c, src).map(|t| url_of(c, &t));
                if let Some(l) = &e.link {
                    d.links.push(Link {
                        href: l.clone(),
                        rel: "alternate".into(),
                        mime: Some("text/html".into()),
                        ..Link::default()
                    });
                }
            }
            ("atom", "link") => {
                if let Some(l) = atom_link(c) {
                    if l.rel == "alternate" && e.link.is_none() {
                        e.link = Some(l.href.clone());
                    }
                    if l.rel == "enclosure" {
                        d.enclosures.push(Enclosure {
                            url: l.href.clone(),
                            mime: l.mime.clone(),
                            length: l.length,
                        });
                    }
                    d.links.push(l);
                }
            }
            // A non-standard `<summary>` beside `<description>`: the first is the summary,
            // the second the content.
            ("", "description") | ("", "summary")
                if e.summary.is_none()
                    || (e.content.is_none() && (summary_elem || c.name != "description")) =>
            {
                if let Some((v, m)) = html_text(c, src) {
                    if e.summary.is_none() {
                        summary_elem = c.name != "description";
                        e.summary = Some(v);
                        d.summary = Some(m);
                    } else {
                        e.content = Some(v);
                        d.content = Some(m);
                    }
                }
            }
            ("itunes", "subtitle") => {
                let t = text(c, src);
                if d.subtitle.is_none() {
                    d.subtitle = t.clone();
                }
                if fallback_summary.is_none() {
                    fallback_summary = t.map(|v| (v, meta(c, TextKind::Text)));
                }
            }
            ("dc", "description") | ("itunes", "summary") | ("media", "description")
                if fallback_summary.is_none() =>
            {
                let kind = if c.ns == "dc" {
                    TextKind::Html
                } else {
                    TextKind::Text
                };
                fallback_summary = text(c, src).map(|v| (v, meta(c, kind)));
            }
            ("content", "encoded") if e.content.is_none() => {
                e.content = text(c, src);
                d.content = Some(meta(c, TextKind::Html));
            }
            ("", "fullitem") if e.content.is_none() => {
                e.content = text(c, src);
                d.content = Some(meta(c, TextKind::Html));
            }
            ("xhtml", "body") | ("", "body") if e.content.is_none() => {
                e.content = nonempty(crate::markup::xml_to_html(c, crate::markup::TextIs::Data));
                d.content = Some(meta(c, TextKind::Xhtml));
            }
            ("atom", "content") if e.content.is_none() => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    e.content = Some(v);
                    d.content = Some(m);
                }
            }
            ("atom", "summary") if e.summary.is_none() => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    e.summary = Some(v);
                    d.summary = Some(m);
                }
            }
            ("", "guid") | ("atom", "id") => {
                if let Some(g) = text(c, src) {
                    guid_permalink = c.name == "guid"
                        && !c
                            .attr("isPermaLink")
                            .is_some_and(|p| p.trim().eq_ignore_ascii_case("false"));
                    d.guid = Some(g);
                }
            }
            ("", "pubDate") | ("dcterms", "issued") | ("atom", "published")
                if d.published_raw.is_none() =>
            {
                d.published_raw = text(c, src);
            }
            ("dc", "date") | ("dcterms", "modified") | ("atom", "updated") if dc_date.is_none() => {
                dc_date = text(c, src);
            }
            ("", "author") | ("dc", "creator") | ("dc", "author") | ("itunes", "author") => {
                if let Some(t) = text(c, src) {
                    d.authors.push(person_from_text(&t));
                } else if c.has_children() {
                    d.authors.push(atom_person(c, src));
                }
            }
            ("atom", "author") => d.authors.push(atom_person(c, src)),
            ("dc", "contributor") => {
                if let Some(t) = text(c, src) {
                    d.contributors.push(person_from_text(&t));
                }
            }
            ("dc", "publisher") if d.publisher.is_none() => {
                d.publisher = text(c, src).map(|t| person_from_text(&t));
            }
            ("", "category") | ("dc", "subject") => {
                if let Some(term) = text(c, src) {
                    d.tags.push(Category {
                        term,
                        scheme: c.attr("domain").map(str::to_string),
                        label: None,
                    });
                }
            }
            ("itunes", "category") => itunes_categories(c, &mut d.tags),
            ("itunes", "keywords") => keywords(c, src, &mut d.tags),
            ("", "enclosure") => {
                if let Some(u) = c.attr("url").map(str::trim).filter(|u| !u.is_empty()) {
                    let enc = Enclosure {
                        url: url_of(c, u),
                        mime: c.attr("type").map(str::to_string),
                        length: c.attr("length").and_then(|l| l.trim().parse().ok()),
                    };
                    d.links.push(Link {
                        href: enc.url.clone(),
                        rel: "enclosure".into(),
                        mime: enc.mime.clone(),
                        length: enc.length,
                        ..Link::default()
                    });
                    d.enclosures.push(enc);
                }
            }
            ("media", "content") => media_content(c, d),
            ("media", "group") => {
                for g in &c.children {
                    match g.name.as_str() {
                        "content" if g.ns == "media" => media_content(g, d),
                        "thumbnail" if g.ns == "media" => media_thumb(g, d),
                        "title" if g.ns == "media" && media_title.is_none() => {
                            media_title = text(g, src)
                        }
                        "description" if g.ns == "media" && fallback_summary.is_none() => {
                            fallback_summary = text(g, src).map(|v| (v, meta(g, TextKind::Text)))
                        }
                        _ => {}
                    }
                }
            }
            ("media", "thumbnail") => media_thumb(c, d),
            ("media", "category") => {
                if let Some(term) = text(c, src) {
                    d.tags.push(Category {
                        term,
                        scheme: Some(
                            c.attr("scheme")
                                .unwrap_or("http://search.yahoo.com/mrss/category_schema")
                                .to_string(),
                        ),
                        label: c.attr("label").map(str::to_string),
                    });
                }
            }
            ("", "comments") => d.comments = text(c, src).map(|t| url_of(c, &t)),
            ("wfw", "commentRss") | ("wfw", "commentRSS") if d.comments.is_none() => {
                d.comments = text(c, src).map(|t| url_of(c, &t));
            }
            ("", "source") => {
                d.source = Some(Source {
                    title: text(c, src),
                    url: c.attr("url").map(|u| url_of(c, u)),
                    id: None,
                });
            }
            ("itunes", "duration") => d.duration = text(c, src),
            ("itunes", "explicit") => d.explicit = bool_flag(&c.text),
            ("itunes", "block") => d.block = Some(block_flag(&c.text)),
            ("itunes", "link") if c.attr("rel") == Some("image") => {
                if let Some(h) = c.attr("href") {
                    d.image = Some(url_of(c, h));
                }
            }
            ("itunes", "image") => {
                if let Some(h) = c.attr("href").or(c.attr("url")) {
                    d.image = Some(url_of(c, h));
                }
            }
            ("", "copyright") | ("dc", "rights") if d.rights.is_none() => {
                d.rights = text(c, src);
            }
            ("dc", "language") | ("", "language") if d.language.is_none() => {
                d.language = text(c, src);
            }
            _ => {}
        }
    }
    if e.title.is_none() {
        e.title = media_title;
    }
    if e.summary.is_none()
        && let Some((v, m)) = fallback_summary
    {
        e.summary = Some(v);
        e.details.summary = Some(m);
    }
    if e.details.language.is_none() {
        e.details.language = el.lang.as_deref().map(str::to_string);
    }
    if e.link.is_none()
        && guid_permalink
        && let Some(g) = e.details.guid.as_deref().filter(|g| looks_like_url(g))
    {
        e.link = Some(url_of(el, g));
        e.details.guid_is_link = true;
    }
    e.details.updated_raw = dc_date;
    e.published = e.details.published_raw.as_deref().and_then(parse_date);
    e.updated = e.details.updated_raw.as_deref().and_then(parse_date);
    if e.published.is_none() {
        e.published = e.updated;
    }
    e
}

fn looks_like_url(s: &str) -> bool {
    s.starts_with("http://") || s.starts_with("https://") || s.starts_with('/')
}

fn media_content(c: &Element, d: &mut crate::ItemDetails) {
    if let Some(u) = c.attr("url").map(str::trim).filter(|u| !u.is_empty()) {
        let url = url_of(c, u);
        if d.enclosures.iter().any(|x| x.url == url) {
            return;
        }
        d.enclosures.push(Enclosure {
            url,
            mime: c
                .attr("type")
                .map(str::to_string)
                .or_else(|| c.attr("medium").map(|m| format!("{m}/*"))),
            length: c.attr("fileSize").and_then(|l| l.trim().parse().ok()),
        });
    }
}

fn media_thumb(c: &Element, d: &mut crate::ItemDetails) {
    if let Some(u) = c.attr("url").map(str::trim).filter(|u| !u.is_empty()) {
        d.thumbnails.push(url_of(c, u));
    }
}
