//! One linear pass over the raw HTML before any tree is built.
//!
//! It removes what never holds article text (`<script>`, `<style>`, `<noscript>`, `<svg>`,
//! `<template>`, `<iframe>`, `<math>`, comments) so the DOM parser sees a page a fraction of
//! its size, and it collects the metadata the page declares: `<meta>` tags, `<link
//! rel=canonical>`, `<title>`, `<html lang>`, `<time datetime>`, the first `<h1>` and the
//! JSON-LD blocks. Work is linear in the input; nothing recurses.

use memchr::{memchr, memmem};

/// What the prescan found.
#[derive(Debug, Default)]
pub(crate) struct Prescan {
    /// The page with non-content elements cut out.
    pub html: String,
    /// `(key, content)` for every `<meta>` with `name`, `property`, `itemprop` or `http-equiv`;
    /// keys are lowercased.
    pub metas: Vec<(String, String)>,
    /// `(rel, href)` for `<link>` tags.
    pub links: Vec<(String, String)>,
    pub title: Option<String>,
    pub lang: Option<String>,
    /// `datetime` attributes of `<time>` elements, in document order.
    pub times: Vec<String>,
    pub h1: Option<String>,
    pub json_ld: Vec<String>,
    /// Deepest element nesting seen (for the bad-input guard).
    pub max_depth: usize,
}

const SKIP: [&[u8]; 7] = [
    b"script",
    b"style",
    b"noscript",
    b"svg",
    b"template",
    b"iframe",
    b"math",
];

/// Elements that never have content or a closing tag.
const VOID: [&[u8]; 14] = [
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta", b"param",
    b"source", b"track", b"wbr",
];

/// How many `<time>` and JSON-LD items are kept at most.
const MAX_ITEMS: usize = 64;

pub(crate) fn prescan(html: &str) -> Prescan {
    let b = html.as_bytes();
    let mut out = Prescan {
        html: String::with_capacity(html.len() / 2),
        ..Prescan::default()
    };
    let mut i = 0;
    let mut last = 0;
    let mut depth: usize = 0;
    while let Some(p) = memchr(b'<', &b[i..]) {
        let s = i + p;
        let rest = &b[s + 1..];
        if rest.starts_with(b"!--") {
            out.html.push_str(&html[last..s]);
            let end = memmem::find(&b[s + 4..], b"-->").map_or(b.len(), |e| s + 4 + e + 3);
            i = end;
            last = end;
            continue;
        }
        let closing = rest.first() == Some(&b'/');
        let name_start = if closing { s + 2 } else { s + 1 };
        let name_len = b[name_start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
            .count();
        if name_len == 0 {
            i = s + 1;
            continue;
        }
        let name = &b[name_start..name_start + name_len];
        let tag_end = find_tag_end(b, name_start + name_len);
        let body_end = if tag_end > 0 && b[tag_end - 1] == b'>' {
            tag_end - 1
        } else {
            tag_end
        };
        let tag = &html[name_start + name_len..body_end.max(name_start + name_len)];
        if closing {
            depth = depth.saturating_sub(1);
            i = tag_end;
            continue;
        }
        let lname = name.to_ascii_lowercase();
        if SKIP.contains(&lname.as_slice()) {
            out.html.push_str(&html[last..s]);
            let close = find_close(b, tag_end, &lname);
            if lname == b"script" && out.json_ld.len() < MAX_ITEMS {
                let attrs = attrs(tag);
                if attr(&attrs, "type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json"))
                {
                    let inner_end = close.inner_end.max(tag_end);
                    out.json_ld.push(html[tag_end..inner_end].to_string());
                }
            }
            out.html.push(' ');
            i = close.end;
            last = close.end;
            continue;
        }
        let self_closing = tag.ends_with('/');
        if !VOID.contains(&lname.as_slice()) && !self_closing {
            depth += 1;
            out.max_depth = out.max_depth.max(depth);
        }
        match lname.as_slice() {
            b"html" => {
                let a = attrs(tag);
                if let Some(l) = attr(&a, "lang").or_else(|| attr(&a, "xml:lang")) {
                    out.lang = Some(l.to_string());
                }
            }
            b"meta" => {
                let a = attrs(tag);
                let key = attr(&a, "property")
                    .or_else(|| attr(&a, "name"))
                    .or_else(|| attr(&a, "itemprop"))
                    .or_else(|| attr(&a, "http-equiv"));
                let content = attr(&a, "content").or_else(|| attr(&a, "datetime"));
                if let (Some(k), Some(c)) = (key, content) {
                    out.metas.push((
                        k.to_ascii_lowercase(),
                        decode_entities(c).trim().to_string(),
                    ));
                }
            }
            b"link" => {
                let a = attrs(tag);
                if let (Some(r), Some(h)) = (attr(&a, "rel"), attr(&a, "href")) {
                    out.links.push((
                        r.to_ascii_lowercase(),
                        decode_entities(h).trim().to_string(),
                    ));
                }
            }
            b"time" if out.times.len() < MAX_ITEMS => {
                let a = attrs(tag);
                if let Some(d) = attr(&a, "datetime") {
                    out.times.push(d.trim().to_string());
                }
            }
            b"title" if out.title.is_none() => {
                let close = find_close(b, tag_end, b"title");
                let t = clean_inline(&html[tag_end..close.inner_end.max(tag_end)]);
                if !t.is_empty() {
                    out.title = Some(t);
                }
            }
            b"h1" if out.h1.is_none() => {
                let close = find_close(b, tag_end, b"h1");
                let t = clean_inline(&html[tag_end..close.inner_end.max(tag_end)]);
                if !t.is_empty() {
                    out.h1 = Some(t);
                }
            }
            _ => {}
        }
        i = tag_end;
    }
    out.html.push_str(&html[last..]);
    out
}

/// The index just past the `>` closing a tag, honouring quoted attribute values.
fn find_tag_end(b: &[u8], mut j: usize) -> usize {
    let mut quote: Option<u8> = None;
    while j < b.len() {
        let c = b[j];
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            // Only a quote that opens an attribute value counts.
            None if (c == b'"' || c == b'\'') && j > 0 && b[j - 1] == b'=' => quote = Some(c),
            None if c == b'>' => return j + 1,
            None => {}
        }
        j += 1;
    }
    b.len()
}

struct Close {
    /// Where the element's content ends (the `<` of the closing tag).
    inner_end: usize,
    /// Just past the closing tag.
    end: usize,
}

fn find_close(b: &[u8], from: usize, name: &[u8]) -> Close {
    let mut j = from;
    loop {
        match memmem::find(&b[j..], b"</") {
            None => {
                return Close {
                    inner_end: b.len(),
                    end: b.len(),
                };
            }
            Some(q) => {
                let t = j + q + 2;
                if b.len() >= t + name.len() && b[t..t + name.len()].eq_ignore_ascii_case(name) {
                    let end = memchr(b'>', &b[t..]).map_or(b.len(), |e| t + e + 1);
                    return Close {
                        inner_end: j + q,
                        end,
                    };
                }
                j = t;
            }
        }
    }
}

/// Attributes of a tag body (`name="v" other=x flag`), names lowercased.
pub(crate) fn attrs(tag: &str) -> Vec<(String, &str)> {
    let b = tag.as_bytes();
    let mut v = Vec::new();
    let mut i = 0;
    while i < b.len() {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            i += 1;
        }
        let ns = i;
        while i < b.len() && !b[i].is_ascii_whitespace() && b[i] != b'=' && b[i] != b'/' {
            i += 1;
        }
        if ns == i {
            i += 1;
            continue;
        }
        let name = tag[ns..i].to_ascii_lowercase();
        while i < b.len() && b[i].is_ascii_whitespace() {
            i += 1;
        }
        if i < b.len() && b[i] == b'=' {
            i += 1;
            while i < b.len() && b[i].is_ascii_whitespace() {
                i += 1;
            }
            if i < b.len() && (b[i] == b'"' || b[i] == b'\'') {
                let q = b[i];
                let vs = i + 1;
                let ve = memchr(q, &b[vs..]).map_or(b.len(), |e| vs + e);
                v.push((name, &tag[vs..ve]));
                i = ve + 1;
            } else {
                let vs = i;
                while i < b.len() && !b[i].is_ascii_whitespace() {
                    i += 1;
                }
                v.push((name, &tag[vs..i]));
            }
        } else {
            v.push((name, ""));
        }
    }
    v
}

pub(crate) fn attr<'a>(attrs: &[(String, &'a str)], name: &str) -> Option<&'a str> {
    attrs.iter().find(|(n, _)| n == name).map(|(_, v)| *v)
}

/// Text of an inline fragment: tags dropped, entities decoded, whitespace collapsed.
pub(crate) fn clean_inline(s: &str) -> String {
    let mut t = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                t.push(' ');
            }
            _ if !in_tag => t.push(c),
            _ => {}
        }
    }
    collapse_ws(&decode_entities(&t))
}

pub(crate) fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Decode the common named entities and all numeric ones.
pub(crate) fn decode_entities(s: &str) -> String {
    if !s.contains('&') {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        rest = &rest[p..];
        let end = rest[1..]
            .char_indices()
            .take(10)
            .find(|(_, c)| *c == ';')
            .map(|(i, _)| i + 1);
        let Some(end) = end else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let ent = &rest[1..end];
        let rep = if let Some(num) = ent.strip_prefix('#') {
            let code = if let Some(h) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(h, 16).ok()
            } else {
                num.parse().ok()
            };
            code.and_then(char::from_u32).map(String::from)
        } else {
            match ent {
                "amp" => Some("&".into()),
                "lt" => Some("<".into()),
                "gt" => Some(">".into()),
                "quot" => Some("\"".into()),
                "apos" => Some("'".into()),
                "nbsp" => Some("\u{a0}".into()),
                "ndash" => Some("–".into()),
                "mdash" => Some("—".into()),
                "lsquo" => Some("‘".into()),
                "rsquo" => Some("’".into()),
                "ldquo" => Some("“".into()),
                "rdquo" => Some("”".into()),
                "hellip" => Some("…".into()),
                "copy" => Some("©".into()),
                _ => None,
            }
        };
        match rep {
            Some(r) => {
                out.push_str(&r);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strips_scripts_and_collects_metadata() {
        let html = r#"<!doctype html><html lang="en-GB"><head><title>A &amp; B | Site</title>
<meta property="og:site_name" content="The Site"><meta name=author content='Jane Roe'>
<link rel="canonical" href="https://ex.com/a">
<script type="application/ld+json">{"@type":"NewsArticle"}</script>
<script>var x = "</div>";</script><style>p{}</style></head>
<body><!-- c --><h1>Head <b>line</b></h1><time datetime="2024-05-01">May 1</time><p>Text</p></body></html>"#;
        let p = prescan(html);
        assert!(!p.html.contains("var x"));
        assert!(!p.html.contains("p{}"));
        assert!(p.html.contains("<p>Text</p>"));
        assert_eq!(p.title.as_deref(), Some("A & B | Site"));
        assert_eq!(p.lang.as_deref(), Some("en-GB"));
        assert_eq!(p.h1.as_deref(), Some("Head line"));
        assert_eq!(p.times, vec!["2024-05-01"]);
        assert_eq!(p.json_ld, vec![r#"{"@type":"NewsArticle"}"#]);
        assert!(p.metas.contains(&("author".into(), "Jane Roe".into())));
        assert!(
            p.links
                .contains(&("canonical".into(), "https://ex.com/a".into()))
        );
    }

    #[test]
    fn unclosed_things_end_at_eof() {
        for html in [
            "<script>never closed",
            "<!-- open",
            "<div class=\"x",
            "<",
            "<a",
            "</",
        ] {
            let _ = prescan(html);
        }
        assert_eq!(prescan("a<script>x").html, "a ");
    }

    #[test]
    fn entities() {
        assert_eq!(
            decode_entities("a&#39;b&#x2014;c&amp;d&bogus;e&"),
            "a'b—c&d&bogus;e&"
        );
    }
}
