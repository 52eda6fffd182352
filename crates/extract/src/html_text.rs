//! HTML fragment → paragraphs, in one linear pass (no tree, no recursion).
//!
//! Block elements end a paragraph, `<br>` ends a line, table cells are joined with spaces,
//! entities are decoded and whitespace is collapsed. With `drop_chrome`, the content of
//! navigation, header, footer, aside, form, button and select elements is skipped (used when
//! a page has to be read without the DOM step).

use crate::prescan::{collapse_ws, decode_entities};

const BLOCK: [&str; 38] = [
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "table",
    "tr",
    "blockquote",
    "pre",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "dd",
    "dt",
    "dl",
    "hr",
    "main",
    "aside",
    "nav",
    "form",
    "address",
    "details",
    "summary",
    "center",
    "tbody",
    "thead",
    "caption",
    "fieldset",
    "body",
];

const CHROME: [&str; 8] = [
    "nav", "header", "footer", "aside", "form", "button", "select", "menu",
];

/// Tokens in `class`/`id` values that mark non-article blocks inside the main content.
const NOISE_CLASS: [&str; 24] = [
    "caption",
    "credit",
    "share",
    "sharing",
    "social",
    "related",
    "newsletter",
    "promo",
    "byline",
    "author-bio",
    "subscribe",
    "advert",
    "sponsor",
    "comment",
    "breadcrumb",
    "recirc",
    "outbrain",
    "taboola",
    "more-stories",
    "read-more",
    "readmore",
    "signup",
    "tags",
    "comments",
];

fn noisy_attrs(tag: &str) -> bool {
    if !(tag.contains("class") || tag.contains("id=")) {
        return false;
    }
    let a = crate::prescan::attrs(tag);
    ["class", "id"].iter().any(|k| {
        crate::prescan::attr(&a, k).is_some_and(|v| {
            let v = v.to_ascii_lowercase();
            let content = [
                "entry-content",
                "article-body",
                "post-content",
                "story-body",
                "main-content",
                "article-content",
            ]
            .iter()
            .any(|c| v.contains(c));
            !content
                && v.split(|c: char| c.is_whitespace() || c == '_').any(|tok| {
                    NOISE_CLASS.iter().any(|n| {
                        tok == *n
                            || tok.starts_with(&format!("{n}-"))
                            || (!n.contains('-') && tok.split('-').any(|part| part == *n))
                    })
                })
        })
    })
}

/// The paragraphs of an HTML fragment.
pub(crate) fn paragraphs(html: &str, drop_chrome: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut skip: Option<(String, usize)> = None;
    let b = html.as_bytes();
    let mut i = 0;
    let flush = |cur: &mut String, out: &mut Vec<String>| {
        let t = collapse_ws(&decode_entities(cur));
        if !t.is_empty() {
            out.push(t);
        }
        cur.clear();
    };
    while i < b.len() {
        let Some(p) = memchr::memchr(b'<', &b[i..]) else {
            if skip.is_none() {
                cur.push_str(&html[i..]);
            }
            break;
        };
        let s = i + p;
        if skip.is_none() {
            cur.push_str(&html[i..s]);
        }
        let closing = b.get(s + 1) == Some(&b'/');
        let ns = if closing { s + 2 } else { s + 1 };
        let nl = b[ns.min(b.len())..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let end = memchr::memchr(b'>', &b[s..]).map_or(b.len(), |e| s + e + 1);
        if nl == 0 {
            if skip.is_none() {
                cur.push('<');
            }
            i = s + 1;
            continue;
        }
        let name = html[ns..ns + nl].to_ascii_lowercase();
        i = end;
        if let Some((sn, depth)) = &mut skip {
            if *sn == name {
                if closing {
                    *depth -= 1;
                    if *depth == 0 {
                        skip = None;
                    }
                } else {
                    *depth += 1;
                }
            }
            continue;
        }
        let void = matches!(
            name.as_str(),
            "img"
                | "br"
                | "hr"
                | "input"
                | "meta"
                | "link"
                | "source"
                | "wbr"
                | "area"
                | "col"
                | "embed"
                | "param"
                | "track"
                | "base"
        ) || html[..end].ends_with("/>");
        let skip_this = !closing
            && !void
            && ((drop_chrome && CHROME.contains(&name.as_str()))
                || name == "figcaption"
                || (name != "body"
                    && name != "article"
                    && noisy_attrs(&html[ns + nl..end.saturating_sub(1).max(ns + nl)])));
        if skip_this {
            flush(&mut cur, &mut out);
            skip = Some((name, 1));
            continue;
        }
        if name == "br" || BLOCK.contains(&name.as_str()) {
            flush(&mut cur, &mut out);
        } else if name == "td" || name == "th" {
            cur.push(' ');
        }
    }
    flush(&mut cur, &mut out);
    out
}

/// Share of the text of an HTML fragment that sits inside links (0.0–1.0).
pub(crate) fn link_density(html: &str) -> f64 {
    let b = html.as_bytes();
    let (mut total, mut linked) = (0usize, 0usize);
    let mut in_a = 0usize;
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'<' {
            let closing = b.get(i + 1) == Some(&b'/');
            let ns = if closing { i + 2 } else { i + 1 };
            let is_a = b.get(ns).is_some_and(|c| c.eq_ignore_ascii_case(&b'a'))
                && b.get(ns + 1).is_none_or(|c| !c.is_ascii_alphanumeric());
            if is_a {
                if closing {
                    in_a = in_a.saturating_sub(1);
                } else {
                    in_a += 1;
                }
            }
            i = memchr::memchr(b'>', &b[i..]).map_or(b.len(), |e| i + e + 1);
            continue;
        }
        if !b[i].is_ascii_whitespace() {
            total += 1;
            if in_a > 0 {
                linked += 1;
            }
        }
        i += 1;
    }
    if total == 0 {
        0.0
    } else {
        linked as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_inline() {
        let p = paragraphs(
            "<div><p>One <b>bold</b> &amp; more</p><p>Two<br>Three</p><nav>Menu</nav>tail</div>",
            true,
        );
        assert_eq!(p, vec!["One bold & more", "Two", "Three", "tail"]);
        let p = paragraphs("<p>a<nav>Menu</nav></p>", false);
        assert_eq!(p, vec!["a", "Menu"]);
    }

    #[test]
    fn unclosed_and_stray() {
        assert_eq!(paragraphs("<p>a < b and <i>c", false), vec!["a < b and c"]);
        assert_eq!(paragraphs("<nav><nav>x</nav>", true), Vec::<String>::new());
        assert_eq!(
            paragraphs(
                "<img class=\"wp-caption\"><p>kept</p><div class=\"share-tools\">x</div>",
                false
            ),
            vec!["kept"]
        );
    }

    #[test]
    fn density() {
        assert!(link_density("<a href=x>abcd</a>ab") > 0.6);
        assert_eq!(link_density("<p>abc</p>"), 0.0);
    }
}
