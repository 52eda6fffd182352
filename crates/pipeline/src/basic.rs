//! The basic extractor: plain text (first non-empty line is the title) and HTML (the `<title>`
//! and the visible text, block by block). It does no boilerplate removal; the article
//! extraction stage replaces it for HTML.

use attache_model::{DatePrecision, Document};
use ego_tree::iter::Edge;
use scraper::{ElementRef, Html, Node};

use crate::decode::decode;
use crate::{Extracted, Extractor, Hints, InputKind, RawInput, StageError};

/// Plain text and HTML → document, without boilerplate removal.
#[derive(Debug, Default, Clone, Copy)]
pub struct BasicExtractor;

/// Elements whose content is never visible text.
const SKIP: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas",
    "button", "select", "form",
];
/// Elements that start a new paragraph.
const BLOCK: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "footer",
    "aside",
    "nav",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "dl",
    "dt",
    "dd",
    "table",
    "tr",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "br",
    "hr",
    "address",
    "details",
    "summary",
];

impl Extractor for BasicExtractor {
    fn name(&self) -> &'static str {
        "basic (text: first line is the title; HTML: title and visible text, no boilerplate removal)"
    }

    fn extract(&self, input: &RawInput) -> Result<Extracted, StageError> {
        let html = input.kind == InputKind::Html;
        let decoded = decode(&input.bytes, input.content_type.as_deref(), html)?;
        let mut warnings: Vec<String> = decoded.warning.into_iter().collect();
        let (title, text) = if html {
            html_title_and_text(&decoded.text)
        } else {
            text_title_and_body(&decoded.text)
        };
        let title = input.hints.title.clone().unwrap_or(title);
        if title.trim().is_empty() && text.trim().is_empty() {
            return Err(StageError::Empty);
        }
        if title.trim().is_empty() {
            warnings.push("no title found".into());
        }
        let mut document = Document::new(title.trim(), text);
        apply_hints(&mut document, &input.hints);
        document.input = Some(input.origin.clone());
        Ok(Extracted { document, warnings })
    }
}

/// Apply caller-supplied metadata to a document (hints win over what extraction found).
pub fn apply_hints(document: &mut Document, hints: &Hints) {
    if let Some(url) = &hints.url {
        document.url = Some(url.clone());
    }
    if let Some(byline) = &hints.byline {
        document.byline = Some(byline.clone());
    }
    if let Some(published) = hints.published {
        document.published = Some(published);
        document.published_precision = hints.published_precision.unwrap_or(DatePrecision::Day);
        document.published_source = Some("input".into());
    }
    if let Some(site) = &hints.site_name {
        document.site_name = Some(site.clone());
    }
    if let Some(lang) = &hints.language {
        document.language = Some(lang.clone());
    }
    if let Some(s) = &hints.syndication {
        document.syndication = Some(s.clone());
    }
    if let Some(f) = hints.fetched {
        document.fetched = Some(f);
    }
    if let Some(title) = &hints.title {
        document.title = title.clone();
    }
    // The outlet is part of a document's identity; title and outlet may have changed.
    document.rehash();
}

/// Normalise line endings and trailing spaces; collapse runs of blank lines to one.
fn tidy_lines(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut blank = 0;
    for line in text.lines() {
        let line = line.trim_end();
        if line.trim().is_empty() {
            blank += 1;
            continue;
        }
        if !out.is_empty() {
            out.push_str(if blank > 0 { "\n\n" } else { "\n" });
        }
        blank = 0;
        out.push_str(line);
    }
    out
}

/// The first non-empty line is the title; the rest, tidied, is the text.
pub fn text_title_and_body(text: &str) -> (String, String) {
    let text = text.trim_start_matches('\u{feff}');
    let mut lines = text.lines();
    let mut title = String::new();
    for line in lines.by_ref() {
        if !line.trim().is_empty() {
            title = line.trim().to_string();
            break;
        }
    }
    let rest: Vec<&str> = lines.collect();
    (title, tidy_lines(&rest.join("\n")))
}

/// The `<title>` (else the first `<h1>`) and the visible text of an HTML page.
pub fn html_title_and_text(source: &str) -> (String, String) {
    let dom = Html::parse_document(source);
    let collapse = |s: String| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let select_text = |sel: &str| {
        scraper::Selector::parse(sel).ok().and_then(|s| {
            dom.select(&s)
                .next()
                .map(|e| collapse(e.text().collect::<String>()))
                .filter(|t| !t.is_empty())
        })
    };
    let title = select_text("title")
        .or_else(|| select_text("h1"))
        .unwrap_or_default();
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let body = scraper::Selector::parse("body")
        .ok()
        .and_then(|s| dom.select(&s).next())
        .unwrap_or_else(|| dom.root_element());
    walk(body, &mut paragraphs, &mut current);
    flush(&mut paragraphs, &mut current);
    (title, paragraphs.join("\n\n"))
}

fn flush(paragraphs: &mut Vec<String>, current: &mut String) {
    let p = current.split_whitespace().collect::<Vec<_>>().join(" ");
    if !p.is_empty() {
        paragraphs.push(p);
    }
    current.clear();
}

/// Collect the visible text under `root`, one paragraph per block element. Iterative, so
/// deeply nested markup cannot exhaust the stack.
fn walk(root: ElementRef<'_>, paragraphs: &mut Vec<String>, current: &mut String) {
    let mut skipping = 0usize;
    for edge in root.traverse() {
        match edge {
            Edge::Open(node) => match node.value() {
                Node::Element(e) => {
                    if skipping > 0 || SKIP.contains(&e.name()) || e.attr("hidden").is_some() {
                        skipping += 1;
                    } else if BLOCK.contains(&e.name()) {
                        flush(paragraphs, current);
                    }
                }
                Node::Text(t) if skipping == 0 => current.push_str(t),
                _ => {}
            },
            Edge::Close(node) => {
                if let Node::Element(e) = node.value() {
                    if skipping > 0 {
                        skipping -= 1;
                    } else if BLOCK.contains(&e.name()) {
                        flush(paragraphs, current);
                    } else {
                        current.push(' ');
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw(kind: InputKind, s: &str) -> RawInput {
        RawInput {
            origin: "test".into(),
            kind,
            bytes: s.as_bytes().to_vec(),
            content_type: None,
            hints: Hints::default(),
        }
    }

    #[test]
    fn text_first_line_is_title() {
        let x = BasicExtractor
            .extract(&raw(
                InputKind::Text,
                "\n  Title here \r\nLine one.\r\n\r\n\r\nLine two.\n",
            ))
            .unwrap();
        assert_eq!(x.document.title, "Title here");
        assert_eq!(x.document.text, "Line one.\n\nLine two.");
        assert_eq!(x.document.input.as_deref(), Some("test"));
    }

    #[test]
    fn html_title_and_visible_text() {
        let page = "<html><head><title> A &amp; B </title><style>p{}</style></head>\
            <body><nav>Menu</nav><p>First <b>bold</b> para.</p><script>alert(1)</script>\
            <div>Second<br>line</div></body></html>";
        let x = BasicExtractor.extract(&raw(InputKind::Html, page)).unwrap();
        assert_eq!(x.document.title, "A & B");
        assert_eq!(
            x.document.text,
            "Menu\n\nFirst bold para.\n\nSecond\n\nline"
        );
    }

    #[test]
    fn empty_and_binary_are_errors() {
        assert_eq!(
            BasicExtractor
                .extract(&raw(InputKind::Text, " \n\n "))
                .err(),
            Some(StageError::Empty)
        );
        assert_eq!(
            BasicExtractor
                .extract(&raw(InputKind::Html, "<html><body></body></html>"))
                .err(),
            Some(StageError::Empty)
        );
        let bin = RawInput {
            bytes: vec![0, 1, 2, 3, 0, 0],
            ..raw(InputKind::Text, "")
        };
        assert_eq!(BasicExtractor.extract(&bin).err(), Some(StageError::Binary));
    }

    #[test]
    fn deep_nesting_does_not_overflow() {
        let page = "<div>".repeat(5_000) + "deep text";
        let x = BasicExtractor
            .extract(&raw(InputKind::Html, &page))
            .unwrap();
        assert_eq!(x.document.text, "deep text");
    }

    #[test]
    fn hints_win() {
        let mut input = raw(InputKind::Text, "Title\nBody");
        input.hints.title = Some("Other".into());
        input.hints.published = Some("2025-11-21T00:00:00Z".parse().unwrap());
        input.hints.site_name = Some("RT".into());
        let d = BasicExtractor.extract(&input).unwrap().document;
        assert_eq!(d.title, "Other");
        assert_eq!(d.site_name.as_deref(), Some("RT"));
        assert_eq!(d.published_source.as_deref(), Some("input"));
        let mut expected = Document::new("Other", "Body");
        expected.site_name = Some("RT".into());
        expected.rehash();
        assert_eq!(d.content_hash, expected.content_hash);
    }
}
