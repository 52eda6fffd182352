//! Atom 0.3 and 1.0: wire layout to [`ParsedFeed`].
//!
//! Atom 0.3 names (`tagline`, `copyright`, `issued`, `modified`, `url`, `mode="escaped"`) are
//! read as their 1.0 equivalents. Text constructs keep their kind (text, html, xhtml); XHTML
//! content is the markup inside the wrapping `<div>`.

use crate::markup::{TextIs, xml_to_html};
use crate::rss::atom_link;
use crate::xml::{Document, Element, resolve_url};
use crate::{
    Category, Enclosure, Entry, FeedFormat, Head, ParsedFeed, Person, Source, TextKind, TextMeta,
    assemble, nonempty, parse_date,
};

/// Read an Atom text construct (`type` = text | html | xhtml | a MIME type; 0.3 `mode`).
pub(crate) fn text_construct(
    el: &Element,
    src: &str,
    default: TextKind,
) -> Option<(String, TextMeta)> {
    let ty = el.attr("type").map(|t| t.trim().to_ascii_lowercase());
    let mode = el.attr("mode").map(|m| m.trim().to_ascii_lowercase());
    let mut binary = mode.as_deref() == Some("base64");
    let mut strip_div = false;
    let kind = match ty.as_deref() {
        Some("text" | "text/plain") => TextKind::Text,
        Some("html" | "text/html") => TextKind::Html,
        Some("xhtml") => {
            strip_div = true;
            TextKind::Xhtml
        }
        Some(t) if t.ends_with("+xml") || t.ends_with("/xml") => TextKind::Xhtml,
        Some(t) if t.starts_with("text/") => TextKind::Text,
        Some(t) if t.contains('/') => {
            binary = true;
            TextKind::Text
        }
        Some(_) => default,
        None => match mode.as_deref() {
            Some("escaped") => TextKind::Html,
            _ => default,
        },
    };
    let value = if binary {
        base64(el.text.trim()).unwrap_or_else(|| el.text.trim().to_string())
    } else if strip_div {
        match el
            .children
            .iter()
            .find(|c| c.name == "div" && (c.ns == "xhtml" || c.ns.is_empty()))
        {
            Some(div) if el.children.len() == 1 && el.text.trim().is_empty() => {
                xml_to_html(div, TextIs::Data).trim().to_string()
            }
            _ => xml_to_html(el, TextIs::Data).trim().to_string(),
        }
    } else if kind == TextKind::Xhtml && el.has_children() {
        // Atom 0.3 XML content: the wrapper, if any, is part of the content.
        xml_to_html(el, TextIs::Data).trim().to_string()
    } else {
        el.content(src)
    };
    let value = nonempty(value)?;
    Some((
        value,
        TextMeta {
            kind,
            lang: el.lang.as_deref().map(str::to_string),
            base: el.base.as_deref().map(str::to_string),
        },
    ))
}

fn base64(s: &str) -> Option<String> {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = Vec::with_capacity(s.len() * 3 / 4);
    let (mut acc, mut bits) = (0u32, 0u32);
    for b in s.bytes() {
        if b == b'=' {
            break;
        }
        if b.is_ascii_whitespace() {
            continue;
        }
        let v = T.iter().position(|&c| c == b)? as u32;
        acc = (acc << 6) | v;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
        }
    }
    String::from_utf8(out).ok()
}

/// An Atom person construct (`name`, `email`, `uri`; 0.3 `url`).
pub(crate) fn atom_person(el: &Element, src: &str) -> Person {
    let field = |names: &[&str]| {
        el.children
            .iter()
            .find(|c| names.contains(&c.name.as_str()))
            .and_then(|c| nonempty(c.content(src)).map(|t| (c, t)))
    };
    Person {
        name: field(&["name"]).map(|(_, t)| t),
        email: field(&["email"]).map(|(_, t)| t),
        uri: field(&["uri", "url", "homepage"]).map(|(c, t)| resolve_url(&t, c.base.as_deref())),
    }
}

fn category(c: &Element) -> Option<Category> {
    let term = c
        .attr("term")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(str::to_string)
        .or_else(|| nonempty(c.text.clone()))?;
    Some(Category {
        term,
        scheme: c.attr("scheme").map(str::to_string),
        label: c.attr("label").map(str::to_string),
    })
}

/// An Atom id is an IRI; one written as a relative path (`/a/b`, `a/b`) is resolved against
/// `xml:base` (RFC 4287 §2). Opaque tokens (`42`, `tag:…`) are kept as written.
fn atom_id(c: &Element, id: String) -> String {
    if id.contains('/') && !id.contains(':') && c.base.is_some() {
        resolve_url(&id, c.base.as_deref())
    } else {
        id
    }
}

fn is_atom(c: &Element) -> bool {
    c.ns == "atom" || c.ns.is_empty()
}

pub(crate) fn parse(doc: &Document, encoding: String, warnings: Vec<String>) -> ParsedFeed {
    let src = doc.source.as_str();
    let root = &doc.root;
    let head_src = crate::xml::head(src, 4096);
    let format = if head_src.contains("http://www.w3.org/2005/Atom") {
        FeedFormat::Atom10
    } else if head_src.contains("purl.org/atom/ns#") || root.attr("version") == Some("0.3") {
        FeedFormat::Atom03
    } else {
        FeedFormat::Atom
    };
    let mut head = Head::new(format);
    let mut entries = Vec::new();
    let d = &mut head.details;
    for c in root.children.iter().filter(|c| is_atom(c)) {
        match c.name.as_str() {
            "title" if head.title.is_none() => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    head.title = Some(v);
                    d.title = Some(m);
                }
            }
            "subtitle" | "tagline" if head.description.is_none() => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    head.description = Some(v);
                    d.description = Some(m);
                }
            }
            "rights" | "copyright" if d.rights.is_none() => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    d.rights = Some(v);
                    d.rights_meta = Some(m);
                }
            }
            "info" => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    d.info = Some(v);
                    d.info_meta = Some(m);
                }
            }
            "id" if head.id.is_none() => head.id = nonempty(c.content(src)).map(|i| atom_id(c, i)),
            "link" => {
                if let Some(l) = atom_link(c) {
                    match l.rel.as_str() {
                        "alternate" if head.site_url.is_none() => {
                            head.site_url = Some(l.href.clone())
                        }
                        "self" if head.feed_url.is_none() => head.feed_url = Some(l.href.clone()),
                        _ => {}
                    }
                    d.links.push(l);
                }
            }
            "updated" | "modified" if d.updated_raw.is_none() => {
                d.updated_raw = nonempty(c.content(src));
                head.updated = d.updated_raw.as_deref().and_then(parse_date);
            }
            "published" | "issued" if d.published_raw.is_none() => {
                d.published_raw = nonempty(c.content(src));
                head.published = d.published_raw.as_deref().and_then(parse_date);
            }
            "author" => d.authors.push(atom_person(c, src)),
            "contributor" => d.contributors.push(atom_person(c, src)),
            "category" => d.tags.extend(category(c)),
            "generator" => {
                d.generator = nonempty(c.content(src));
                d.generator_uri = c
                    .attr("uri")
                    .or(c.attr("url"))
                    .map(|u| resolve_url(u, c.base.as_deref()));
                d.generator_version = c.attr("version").map(str::to_string);
            }
            "icon" => d.icon = nonempty(c.content(src)).map(|u| resolve_url(&u, c.base.as_deref())),
            "logo" => {
                d.image = nonempty(c.content(src)).map(|u| resolve_url(&u, c.base.as_deref()))
            }
            // Atom 0.3 feeds that borrowed RSS's name for an entry.
            "entry" | "item" => entries.push(entry(c, src)),
            _ => {}
        }
    }
    // Non-Atom extensions on the feed.
    for c in root.children.iter().filter(|c| !is_atom(c)) {
        match (c.ns.as_ref(), c.name.as_str()) {
            ("dc", "language") if head.language.is_none() => {
                head.language = nonempty(c.content(src))
            }
            ("itunes", "explicit") => {
                d.explicit = match c.text.trim().to_ascii_lowercase().as_str() {
                    "yes" | "true" | "explicit" => Some(true),
                    "no" | "false" | "clean" => Some(false),
                    _ => None,
                }
            }
            _ => {}
        }
    }
    if head.language.is_none() {
        head.language = root.lang.as_deref().map(str::to_string);
    }
    assemble(head, entries, encoding, warnings)
}

fn entry(el: &Element, src: &str) -> Entry {
    let mut e = Entry::default();
    let mut created: Option<String> = None;
    for c in &el.children {
        let d = &mut e.details;
        if !is_atom(c) {
            match (c.ns.as_ref(), c.name.as_str()) {
                ("dc", "creator") => {
                    if let Some(t) = nonempty(c.content(src)) {
                        d.authors.push(crate::person_from_text(&t));
                    }
                }
                ("dc", "subject") => {
                    if let Some(t) = nonempty(c.content(src)) {
                        d.tags.push(Category {
                            term: t,
                            ..Category::default()
                        });
                    }
                }
                ("dc", "date") if d.updated_raw.is_none() => {
                    d.updated_raw = nonempty(c.content(src))
                }
                ("media", "thumbnail") => {
                    if let Some(u) = c.attr("url") {
                        d.thumbnails.push(resolve_url(u, c.base.as_deref()));
                    }
                }
                ("media", "group") => {
                    for g in c.children.iter().filter(|g| g.ns == "media") {
                        if g.name == "thumbnail" {
                            if let Some(u) = g.attr("url") {
                                d.thumbnails.push(resolve_url(u, g.base.as_deref()));
                            }
                        } else if g.name == "description" && e.summary.is_none() {
                            e.summary = nonempty(g.content(src));
                        } else if g.name == "content"
                            && let Some(u) = g.attr("url")
                        {
                            d.enclosures.push(Enclosure {
                                url: resolve_url(u, g.base.as_deref()),
                                mime: g.attr("type").map(str::to_string),
                                length: g.attr("fileSize").and_then(|l| l.parse().ok()),
                            });
                        }
                    }
                }
                ("itunes", "duration") => d.duration = nonempty(c.content(src)),
                _ => {}
            }
            continue;
        }
        match c.name.as_str() {
            "title" if e.title.is_none() => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    e.title = Some(v);
                    d.title = Some(m);
                }
            }
            "link" => {
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
            "id" if d.guid.is_none() => {
                if let Some(i) = nonempty(c.content(src)) {
                    e.id_as_written = Some(i.clone());
                    d.guid = Some(atom_id(c, i));
                }
            }
            // A repeated date element overrides the earlier one.
            "updated" | "modified" => {
                if let Some(v) = nonempty(c.content(src)) {
                    d.updated_raw = Some(v);
                }
            }
            "published" | "issued" => {
                if let Some(v) = nonempty(c.content(src)) {
                    d.published_raw = Some(v);
                }
            }
            "created" => created = nonempty(c.content(src)),
            "summary" if e.summary.is_none() => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    e.summary = Some(v);
                    d.summary = Some(m);
                }
            }
            "content" if e.content.is_none() => {
                if let Some(s) = c.attr("src") {
                    d.content_src = Some(resolve_url(s, c.base.as_deref()));
                    d.links.push(crate::Link {
                        href: resolve_url(s, c.base.as_deref()),
                        rel: "content".into(),
                        mime: c.attr("type").map(str::to_string),
                        ..crate::Link::default()
                    });
                } else if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    e.content = Some(v);
                    d.content = Some(m);
                }
            }
            "author" => d.authors.push(atom_person(c, src)),
            "contributor" => d.contributors.push(atom_person(c, src)),
            "category" => d.tags.extend(category(c)),
            "rights" | "copyright" if d.rights.is_none() => {
                if let Some((v, m)) = text_construct(c, src, TextKind::Text) {
                    d.rights = Some(v);
                    d.rights_meta = Some(m);
                }
            }
            "source" => {
                let mut s = Source::default();
                for sc in c.children.iter().filter(|x| is_atom(x)) {
                    match sc.name.as_str() {
                        "title" => {
                            s.title = text_construct(sc, src, TextKind::Text).map(|(v, _)| v)
                        }
                        "id" => s.id = nonempty(sc.content(src)),
                        "link" if s.url.is_none() => {
                            s.url = atom_link(sc)
                                .filter(|l| l.rel == "alternate" || l.rel == "self")
                                .map(|l| l.href)
                        }
                        _ => {}
                    }
                }
                d.source = Some(s);
            }
            _ => {}
        }
    }
    let d = &mut e.details;
    if d.published_raw.is_none() {
        d.published_raw = created;
    }
    d.language = el.lang.as_deref().map(str::to_string);
    e.published = d.published_raw.as_deref().and_then(parse_date);
    e.updated = d.updated_raw.as_deref().and_then(parse_date);
    if e.published.is_none() {
        e.published = e.updated;
    }
    e
}
