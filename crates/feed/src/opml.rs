//! OPML 2.0 subscription lists: import (nested outlines, lenient) and export.
//!
//! Import keeps every outline that names a feed URL (`xmlUrl`, case-insensitive, with `url` as
//! a fallback for `type="rss"` outlines), at any depth; folders are flattened. Duplicate URLs are
//! kept once. Export writes a flat OPML 2.0 document.

use crate::decode::decode;
use crate::xml::{self, Element};

/// One subscription in an OPML file.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct OpmlFeed {
    pub url: String,
    pub title: Option<String>,
    pub site_url: Option<String>,
}

/// Why an OPML document could not be read.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum OpmlError {
    #[error("not an OPML document: {0}")]
    NotOpml(String),
}

/// Read the feeds listed in an OPML document.
pub fn parse(bytes: &[u8]) -> Result<Vec<OpmlFeed>, OpmlError> {
    if bytes.len() > crate::MAX_FEED_BYTES {
        return Err(OpmlError::NotOpml(format!(
            "{} bytes is too large",
            bytes.len()
        )));
    }
    let text = decode(bytes, None).text;
    let doc =
        xml::parse(text, None, None).ok_or_else(|| OpmlError::NotOpml("no XML element".into()))?;
    if !doc.root.name.eq_ignore_ascii_case("opml") {
        return Err(OpmlError::NotOpml(format!(
            "root element is <{}>",
            doc.root.name
        )));
    }
    let body = doc
        .root
        .children
        .iter()
        .find(|c| c.name.eq_ignore_ascii_case("body"))
        .ok_or_else(|| OpmlError::NotOpml("no <body>".into()))?;
    let mut out = Vec::new();
    collect(body, &mut out, 0);
    Ok(out)
}

fn attr<'a>(el: &'a Element, name: &str) -> Option<&'a str> {
    el.attrs
        .iter()
        .find(|a| a.name.eq_ignore_ascii_case(name))
        .map(|a| a.value.trim())
        .filter(|v| !v.is_empty())
}

fn collect(el: &Element, out: &mut Vec<OpmlFeed>, depth: usize) {
    if depth > 64 {
        return;
    }
    for o in el
        .children
        .iter()
        .filter(|c| c.name.eq_ignore_ascii_case("outline"))
    {
        let is_feed_type = attr(o, "type").is_some_and(|t| {
            let t = t.to_ascii_lowercase();
            t == "rss" || t == "atom" || t == "feed"
        });
        let url = attr(o, "xmlUrl").or_else(|| is_feed_type.then(|| attr(o, "url")).flatten());
        if let Some(url) = url
            && !out.iter().any(|f| f.url == url)
        {
            out.push(OpmlFeed {
                url: url.to_string(),
                title: attr(o, "title")
                    .or_else(|| attr(o, "text"))
                    .map(str::to_string),
                site_url: attr(o, "htmlUrl").map(str::to_string),
            });
        }
        collect(o, out, depth + 1);
    }
}

fn esc(s: &str) -> String {
    let mut o = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => o.push_str("&amp;"),
            '<' => o.push_str("&lt;"),
            '>' => o.push_str("&gt;"),
            '"' => o.push_str("&quot;"),
            '\'' => o.push_str("&apos;"),
            '\n' => o.push_str("&#10;"),
            c if (c as u32) < 0x20 && c != '\t' => {}
            c => o.push(c),
        }
    }
    o
}

/// Write feeds as an OPML 2.0 document titled `title`.
pub fn write(feeds: &[OpmlFeed], title: &str) -> String {
    let mut s =
        String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<opml version=\"2.0\">\n");
    s.push_str(&format!(
        "  <head>\n    <title>{}</title>\n  </head>\n  <body>\n",
        esc(title)
    ));
    for f in feeds {
        let name = f.title.as_deref().unwrap_or(&f.url);
        s.push_str(&format!(
            "    <outline type=\"rss\" text=\"{0}\" title=\"{0}\" xmlUrl=\"{1}\"",
            esc(name),
            esc(&f.url)
        ));
        if let Some(h) = &f.site_url {
            s.push_str(&format!(" htmlUrl=\"{}\"", esc(h)));
        }
        s.push_str("/>\n");
    }
    s.push_str("  </body>\n</opml>\n");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nested_and_round_trip() {
        let src = br#"<?xml version="1.0"?><opml version="2.0"><head><title>x</title></head><body>
<outline text="News"><outline text="A &amp; B" type="rss" xmlUrl="http://a.example/feed" htmlUrl="http://a.example/"/>
<outline text="Deeper"><outline text="C" xmlurl="http://c.example/rss"/></outline></outline>
<outline text="dup" xmlUrl="http://a.example/feed"/><outline text="not a feed"/></body></opml>"#;
        let feeds = parse(src).unwrap();
        assert_eq!(feeds.len(), 2);
        assert_eq!(feeds[0].title.as_deref(), Some("A & B"));
        assert_eq!(feeds[0].site_url.as_deref(), Some("http://a.example/"));
        assert_eq!(feeds[1].url, "http://c.example/rss");
        let back = parse(write(&feeds, "My <feeds>").as_bytes()).unwrap();
        assert_eq!(back, feeds);
    }

    #[test]
    fn rejects_non_opml() {
        assert!(parse(b"<rss/>").is_err());
        assert!(parse(b"").is_err());
        assert!(parse(b"<opml><head/></opml>").is_err());
    }
}
