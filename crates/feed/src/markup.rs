//! Markup values as consistent, self-contained HTML.
//!
//! Feeds carry markup two ways: escaped HTML (text or CDATA that is itself HTML) and inline
//! XML (Atom `type="xhtml"`, unescaped markup inside an RSS element). Both leave here as one
//! HTML fragment that any HTML parser reads the same way, whatever shape the publisher sent:
//!
//! - [`normalize_html`] re-serialises an HTML fragment: element and attribute names lowercased
//!   (except inside `<svg>`/`<math>`, where case is significant), attributes in sorted order
//!   (as XML canonicalisation does) and double-quoted with `& < > "` escaped, void elements
//!   written `<br />`, a bare `&` or a `<` that starts no tag escaped, character references
//!   kept (`&#X61;` spelled `&#x61;`, Windows-1252 code points 128–159 mapped to the characters
//!   meant), relative `href`/`src`/… made absolute against the value's base.
//! - [`xml_to_html`] serialises an element's XML content (after namespace processing) the same
//!   way: XHTML elements lose their prefix, SVG/MathML or other foreign elements carry the
//!   `xmlns` they need (and `xmlns:xlink` where `xlink:` attributes are used), empty elements
//!   are written `<x></x>` unless void.
//!
//! Nothing is removed: sanitising (scripts, event handlers) is the renderer's job.

use crate::xml::{Element, resolve_entity, resolve_url};

/// Elements that have no end tag in HTML.
const VOID: &[&str] = &[
    "area", "base", "basefont", "br", "col", "command", "embed", "frame", "hr", "img", "input",
    "isindex", "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements that break a line of text.
const BREAKING: &[&str] = &[
    "br",
    "p",
    "div",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "tr",
    "td",
    "th",
    "blockquote",
    "pre",
    "hr",
    "table",
    "dd",
    "dt",
];

/// Elements whose content is raw text in HTML.
const RAW_TEXT: &[&str] = &["script", "style"];

/// Attributes holding a URL that is resolved against the base.
const URL_ATTRS: &[&str] = &[
    "action",
    "background",
    "cite",
    "classid",
    "codebase",
    "data",
    "href",
    "longdesc",
    "poster",
    "profile",
    "src",
    "usemap",
];

const SVG_NS: &str = "http://www.w3.org/2000/svg";
const MATHML_NS: &str = "http://www.w3.org/1998/Math/MathML";
const XLINK_NS: &str = "http://www.w3.org/1999/xlink";

fn is_void(name: &str) -> bool {
    VOID.contains(&name)
}

/// Escape text content.
fn push_text(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            c => out.push(c),
        }
    }
}

/// Escape an attribute value (double-quoted).
fn push_attr_value(out: &mut String, s: &str) {
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// Escape an attribute value given as HTML source: references are kept (normalised like text),
/// a bare `&` and the characters `< > "` are escaped.
fn push_raw_attr_value(out: &mut String, s: &str) {
    let mut i = 0;
    let b = s.as_bytes();
    while i < b.len() {
        match b[i] {
            b'&' => i += char_ref(&s[i..], out),
            b'<' => {
                out.push_str("&lt;");
                i += 1
            }
            b'>' => {
                out.push_str("&gt;");
                i += 1
            }
            b'"' => {
                out.push_str("&quot;");
                i += 1
            }
            _ => {
                let next = s[i..]
                    .find(['&', '<', '>', '"'])
                    .map(|j| i + j)
                    .unwrap_or(b.len());
                out.push_str(&s[i..next]);
                i = next;
            }
        }
    }
}

/// Write sorted attributes, resolving URL-valued ones. `raw`: the values are HTML source
/// (references kept as written), else decoded character data.
fn push_attrs(out: &mut String, attrs: &mut [(String, String)], base: Option<&str>, raw: bool) {
    attrs.sort_by(|a, b| {
        a.0.to_ascii_lowercase()
            .cmp(&b.0.to_ascii_lowercase())
            .then(a.0.cmp(&b.0))
    });
    for (k, v) in attrs.iter() {
        out.push(' ');
        out.push_str(k);
        out.push_str("=\"");
        let resolved;
        let v = if base.is_some() && URL_ATTRS.contains(&k.as_str()) && !v.trim().is_empty() {
            resolved = resolve_url(v, base);
            resolved.as_str()
        } else {
            v.as_str()
        };
        if raw {
            push_raw_attr_value(out, v);
        } else {
            push_attr_value(out, v);
        }
        out.push('"');
    }
}

/// Re-serialise the HTML fragment `html` (see the module documentation).
pub fn normalize_html(html: &str, base: Option<&str>) -> String {
    let base = base.filter(|b| !b.is_empty());
    let mut out = String::with_capacity(html.len() + html.len() / 8);
    let b = html.as_bytes();
    let mut i = 0;
    // Depth inside <svg>/<math>, where names keep their case.
    let mut foreign = 0usize;
    while i < b.len() {
        let c = b[i];
        if c == b'&' {
            i += char_ref(&html[i..], &mut out);
            continue;
        }
        if c != b'<' {
            let next = html[i..].find(['&', '<']).map(|j| i + j).unwrap_or(b.len());
            out.push_str(&html[i..next]);
            i = next;
            continue;
        }
        let rest = &html[i..];
        let n1 = b.get(i + 1).copied().unwrap_or(0);
        if let Some(body) = rest.strip_prefix("<!--") {
            match body.find("-->") {
                Some(j) => {
                    out.push_str(&rest[..4 + j + 3]);
                    i += 4 + j + 3;
                }
                None => {
                    out.push_str("&lt;");
                    i += 1;
                }
            }
        } else if n1 == b'!' {
            let decl = rest.len() > 2
                && (rest.as_bytes()[2] == b'['
                    || rest
                        .get(2..9)
                        .is_some_and(|d| d.eq_ignore_ascii_case("doctype")));
            let end = if rest.starts_with("<![CDATA[") {
                rest.find("]]>").map(|j| j + 3)
            } else {
                rest.find('>').map(|j| j + 1)
            };
            match end {
                Some(j) if decl => {
                    out.push_str(&rest[..j]);
                    i += j;
                }
                None if decl => {
                    out.push_str(rest);
                    i = b.len();
                }
                _ => {
                    out.push_str("&lt;");
                    i += 1;
                }
            }
        } else if n1 == b'?' {
            match rest.find('>') {
                Some(j) => {
                    out.push_str(&rest[..j + 1]);
                    i += j + 1;
                }
                None => {
                    out.push_str("&lt;");
                    i += 1;
                }
            }
        } else if n1 == b'/' && b.get(i + 2).is_some_and(u8::is_ascii_alphabetic) {
            let name_end = rest[2..]
                .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                .map(|j| j + 2)
                .unwrap_or(rest.len());
            match rest[name_end..].find('>') {
                Some(j) => {
                    let raw = &rest[2..name_end];
                    let name = if foreign > 0 {
                        raw.to_string()
                    } else {
                        raw.to_ascii_lowercase()
                    };
                    let lname = name.to_ascii_lowercase();
                    if (lname == "svg" || lname == "math") && foreign > 0 {
                        foreign -= 1;
                    }
                    if !is_void(&lname) {
                        out.push_str("</");
                        out.push_str(&name);
                        out.push('>');
                    }
                    i += name_end + j + 1;
                }
                None => {
                    out.push_str("&lt;");
                    i += 1;
                }
            }
        } else if n1.is_ascii_alphabetic() {
            match start_tag(rest) {
                Some(tag) => {
                    let lname = tag.name.to_ascii_lowercase();
                    let entering = lname == "svg" || lname == "math";
                    if entering {
                        foreign += 1;
                    }
                    let keep_case = foreign > 0;
                    let name = if keep_case {
                        tag.name.to_string()
                    } else {
                        lname.clone()
                    };
                    let mut attrs: Vec<(String, String)> = Vec::with_capacity(tag.attrs.len());
                    for (k, v) in tag.attrs {
                        let k = if keep_case {
                            k.to_string()
                        } else {
                            k.to_ascii_lowercase()
                        };
                        if attrs.iter().any(|(x, _)| *x == k) {
                            continue;
                        }
                        let v = match v {
                            Some(v) => v.to_string(),
                            None => k.clone(),
                        };
                        attrs.push((k, v));
                    }
                    if entering && !attrs.iter().any(|(k, _)| k == "xmlns") {
                        let ns = if lname == "svg" { SVG_NS } else { MATHML_NS };
                        attrs.push(("xmlns".into(), ns.into()));
                    }
                    if keep_case
                        && attrs.iter().any(|(k, _)| k.starts_with("xlink:"))
                        && !attrs.iter().any(|(k, _)| k == "xmlns:xlink")
                    {
                        attrs.push(("xmlns:xlink".into(), XLINK_NS.into()));
                    }
                    out.push('<');
                    out.push_str(&name);
                    push_attrs(&mut out, &mut attrs, base, true);
                    i += tag.len;
                    if is_void(&lname) {
                        out.push_str(" />");
                    } else if tag.self_closing {
                        out.push_str("></");
                        out.push_str(&name);
                        out.push('>');
                        if entering {
                            foreign -= 1;
                        }
                    } else {
                        out.push('>');
                        if RAW_TEXT.contains(&lname.as_str()) {
                            let close = format!("</{lname}");
                            let body_end = html[i..]
                                .to_ascii_lowercase()
                                .find(&close)
                                .map(|j| i + j)
                                .unwrap_or(b.len());
                            out.push_str(&html[i..body_end]);
                            i = body_end;
                        }
                    }
                }
                None => {
                    out.push_str("&lt;");
                    i += 1;
                }
            }
        } else {
            out.push_str("&lt;");
            i += 1;
        }
    }
    out
}

/// The text of a normalised HTML fragment: tags and comments dropped, references decoded,
/// whitespace runs collapsed to one space.
pub fn html_to_text(html: &str) -> String {
    let mut raw = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        raw.push_str(&rest[..i]);
        let tag = &rest[i..];
        let end = if tag.starts_with("<!--") {
            tag.find("-->").map(|j| j + 3)
        } else {
            tag.find('>').map(|j| j + 1)
        };
        match end {
            Some(j) => {
                // Line-breaking elements separate words; inline ones do not.
                let name: String = tag[1..j]
                    .trim_start_matches('/')
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric())
                    .collect::<String>()
                    .to_ascii_lowercase();
                if BREAKING.contains(&name.as_str()) {
                    raw.push(' ');
                }
                rest = &tag[j..];
            }
            None => {
                rest = "";
            }
        }
    }
    raw.push_str(rest);
    let text = crate::xml::unescape(&raw, &[]);
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A start tag read from HTML source.
struct StartTag<'a> {
    name: &'a str,
    attrs: Vec<(&'a str, Option<&'a str>)>,
    self_closing: bool,
    /// Bytes consumed, `<` to `>` inclusive.
    len: usize,
}

/// Read `<name attr=value …>` at the start of `s`. `None` when no `>` ends it.
fn start_tag(s: &str) -> Option<StartTag<'_>> {
    let b = s.as_bytes();
    let mut i = 1;
    while i < b.len() && !(b[i].is_ascii_whitespace() || b[i] == b'>' || b[i] == b'/') {
        i += 1;
    }
    let name = &s[1..i];
    let mut attrs = Vec::new();
    let mut self_closing = false;
    loop {
        while i < b.len() && (b[i].is_ascii_whitespace() || b[i] == b'/') {
            self_closing = b[i] == b'/';
            i += 1;
        }
        if i >= b.len() {
            return None;
        }
        if b[i] == b'>' {
            return Some(StartTag {
                name,
                attrs,
                self_closing,
                len: i + 1,
            });
        }
        self_closing = false;
        let k0 = i;
        while i < b.len() && !(b[i].is_ascii_whitespace() || matches!(b[i], b'=' | b'>' | b'/')) {
            i += 1;
        }
        // An attribute name starting with `=` (broken markup) takes the `=` as its name.
        if i == k0 {
            i += 1;
        }
        let key = &s[k0..i];
        let mut j = i;
        while j < b.len() && b[j].is_ascii_whitespace() {
            j += 1;
        }
        if j < b.len() && b[j] == b'=' && i > k0 {
            j += 1;
            while j < b.len() && b[j].is_ascii_whitespace() {
                j += 1;
            }
            if j >= b.len() {
                return None;
            }
            let q = b[j];
            if q == b'"' || q == b'\'' {
                let end = s[j + 1..].find(q as char)? + j + 1;
                attrs.push((key, Some(&s[j + 1..end])));
                i = end + 1;
            } else {
                let v0 = j;
                while j < b.len() && !(b[j].is_ascii_whitespace() || b[j] == b'>') {
                    j += 1;
                }
                attrs.push((key, Some(&s[v0..j])));
                i = j;
            }
        } else if key
            .bytes()
            .all(|c| c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c == b':')
        {
            attrs.push((key, None));
        }
    }
}

/// Write the reference starting at `s` (which begins with `&`); returns the bytes consumed.
fn char_ref(s: &str, out: &mut String) -> usize {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let mut j = start;
        while j < b.len()
            && (if hex {
                b[j].is_ascii_hexdigit()
            } else {
                b[j].is_ascii_digit()
            })
        {
            j += 1;
        }
        if j > start && j - start <= 8 {
            let digits = &s[start..j];
            let code = u32::from_str_radix(digits, if hex { 16 } else { 10 }).unwrap_or(0);
            let consumed = if b.get(j) == Some(&b';') { j + 1 } else { j };
            if (0x80..=0x9f).contains(&code)
                && let Some(c) = resolve_entity(&format!("#{code}")).and_then(|t| t.chars().next())
            {
                out.push_str(&format!("&#x{:x};", c as u32));
            } else if hex {
                out.push_str("&#x");
                out.push_str(&digits.to_ascii_lowercase());
                out.push(';');
            } else {
                out.push_str("&#");
                out.push_str(digits);
                out.push(';');
            }
            return consumed;
        }
        out.push_str("&amp;");
        return 1;
    }
    let mut j = 1;
    while j < b.len() && b[j].is_ascii_alphanumeric() && j < 40 {
        j += 1;
    }
    let name = &s[1..j];
    if j > 1 && (resolve_entity(name).is_some()) && !name.starts_with('#') {
        out.push('&');
        out.push_str(name);
        out.push(';');
        return if b.get(j) == Some(&b';') { j + 1 } else { j };
    }
    out.push_str("&amp;");
    1
}

/// How the character data of an element tree is read when it is serialised.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum TextIs {
    /// XML character data: escaped on output.
    Data,
    /// Character data that is itself HTML (escaped markup inside inline markup): copied as is
    /// (the caller normalises the result).
    Html,
}

/// Serialise the content of `el` (its text and child elements, not `el` itself) as HTML.
pub fn xml_to_html(el: &Element, text: TextIs) -> String {
    let mut out = String::with_capacity(el.inner.len() + 16);
    let mut ctx = Vec::new();
    content(el, text, &mut out, &mut ctx);
    out
}

fn push_chars(out: &mut String, s: &str, text: TextIs) {
    match text {
        TextIs::Data => push_text(out, s),
        TextIs::Html => out.push_str(s),
    }
}

/// Mixed content of `el`: text pieces interleaved with children at their offsets.
fn content(el: &Element, text: TextIs, out: &mut String, ctx: &mut Vec<(String, String)>) {
    let mut pos = 0;
    for c in &el.children {
        let at = c.at.clamp(pos, el.text.len());
        if let Some(t) = el.text.get(pos..at) {
            push_chars(out, t, text);
        }
        pos = at;
        element(c, el, text, out, ctx);
    }
    if let Some(t) = el.text.get(pos..) {
        push_chars(out, t, text);
    }
}

/// The namespace URI of a canonical namespace name: empty for XHTML, no namespace, the feed's
/// own namespaces (short names such as `atom`, markup there is read as HTML) and prefixes no
/// declaration bound (`p:`, kept in the name instead).
fn ns_uri(ns: &str) -> &str {
    match ns {
        "xlink" => XLINK_NS,
        other if other.contains(':') && !other.ends_with(':') => other,
        _ => "",
    }
}

/// ctx: in-scope (prefix, uri) declarations written so far; prefix "" is the default namespace.
fn element(
    el: &Element,
    parent: &Element,
    text: TextIs,
    out: &mut String,
    ctx: &mut Vec<(String, String)>,
) {
    let mark = ctx.len();
    let uri = ns_uri(&el.ns);
    let foreign = !uri.is_empty();
    let name = if foreign {
        el.name.clone()
    } else if el.ns.ends_with(':') {
        format!("{}{}", el.ns, el.name)
    } else {
        el.name.to_ascii_lowercase()
    };
    let mut attrs: Vec<(String, String)> = Vec::with_capacity(el.attrs.len() + 1);
    let default_ns = ctx
        .iter()
        .rev()
        .find(|(p, _)| p.is_empty())
        .map(|(_, u)| u.as_str())
        .unwrap_or("");
    if default_ns != uri {
        attrs.push(("xmlns".into(), uri.to_string()));
        ctx.push((String::new(), uri.to_string()));
    }
    for a in &el.attrs {
        let key = match a.ns.as_ref() {
            "" => a.name.clone(),
            "xml" if a.name == "base" => continue,
            "xml" => format!("xml:{}", a.name),
            ns if ns.ends_with(':') => format!("{ns}{}", a.name),
            ns => {
                let auri = ns_uri(ns);
                let prefix = match auri {
                    XLINK_NS => "xlink".to_string(),
                    _ => ns
                        .trim_end_matches(':')
                        .rsplit(['/', '#', ':'])
                        .find(|p| !p.is_empty() && p.bytes().all(|c| c.is_ascii_alphanumeric()))
                        .unwrap_or("ns")
                        .to_ascii_lowercase(),
                };
                if !auri.is_empty() && !ctx.iter().any(|(p, u)| *p == prefix && u == auri) {
                    attrs.push((format!("xmlns:{prefix}"), auri.to_string()));
                    ctx.push((prefix.clone(), auri.to_string()));
                }
                format!("{prefix}:{}", a.name)
            }
        };
        if !attrs.iter().any(|(k, _)| *k == key) {
            attrs.push((key, a.value.clone()));
        }
    }
    let base = el.base.as_deref().or(parent.base.as_deref());
    out.push('<');
    out.push_str(&name);
    push_attrs(out, &mut attrs, base, false);
    let void = !foreign && is_void(&name);
    if void {
        out.push_str(" />");
        // Whatever a void element wrongly holds follows it.
        content(el, text, out, ctx);
    } else {
        out.push('>');
        content(el, text, out, ctx);
        out.push_str("</");
        out.push_str(&name);
        out.push('>');
    }
    ctx.truncate(mark);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_is_normalised() {
        assert_eq!(
            normalize_html("Q&A &amp; &copy &#X61;", None),
            "Q&amp;A &amp; &copy; &#x61;"
        );
        assert_eq!(
            normalize_html(
                "a<br>b<BR/>c<img src=x.png alt='a \"b\"'>",
                Some("http://e.org/d/")
            ),
            "a<br />b<br />c<img alt=\"a &quot;b&quot;\" src=\"http://e.org/d/x.png\" />"
        );
        assert_eq!(
            normalize_html(r#"<a href=http://e.com/">x</a>"#, None),
            r#"<a href="http://e.com/&quot;">x</a>"#
        );
        assert_eq!(
            normalize_html(r#"<img src="c.jpg" alt="cat<br />dog">"#, None),
            r#"<img alt="cat&lt;br /&gt;dog" src="c.jpg" />"#
        );
        assert_eq!(
            normalize_html("<!' <a href=\"foo\">", None),
            "&lt;!' <a href=\"foo\">"
        );
        assert_eq!(normalize_html("1 < 2 <b/>", None), "1 &lt; 2 <b></b>");
        assert_eq!(normalize_html("&#150;", None), "&#x2013;");
        assert_eq!(normalize_html("<p", None), "&lt;p");
        assert_eq!(
            normalize_html("<script>if (a<b && c) {}</script>", None),
            "<script>if (a<b && c) {}</script>"
        );
    }

    #[test]
    fn text_of_html() {
        assert_eq!(
            html_to_text("Q&amp;A <b>n</b>ow<br />&#x2019;s <!-- c -->end"),
            "Q&A now \u{2019}s end"
        );
    }

    #[test]
    fn any_prefix_of_broken_markup_is_handled() {
        let tricky = "<p class=\"a>b</p><!-- c <a href='d\u{e9}'>&#x1F600;&#99999999999;&bogus<br/ \
                      <script>x</scr <svg:q><![CDATA[ <!DOCTYPE é ü <math/>";
        for (i, _) in tricky.char_indices() {
            let _ = normalize_html(&tricky[..i], Some("http://e.org/"));
        }
    }

    #[test]
    fn foreign_markup_keeps_case_and_gets_its_namespace() {
        assert_eq!(
            normalize_html(r#"<svg viewBox="0 0 1 1"><circle r="1"/></svg>"#, None),
            r#"<svg viewBox="0 0 1 1" xmlns="http://www.w3.org/2000/svg"><circle r="1"></circle></svg>"#
        );
    }

    #[test]
    fn xml_content_becomes_html() {
        let src = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:svg="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"><content><div xmlns="http://www.w3.org/1999/xhtml">a &amp; <b>b</b><br/><svg:svg width="1"><svg:a xlink:href="u"><svg:circle r="1"/></svg:a></svg:svg> c</div></content></feed>"#;
        let doc = crate::xml::parse(src.to_string(), None, None).unwrap();
        let c = &doc.root.children[0];
        assert_eq!(
            xml_to_html(&c.children[0], TextIs::Data),
            r#"a &amp; <b>b</b><br /><svg width="1" xmlns="http://www.w3.org/2000/svg"><a xlink:href="u" xmlns:xlink="http://www.w3.org/1999/xlink"><circle r="1"></circle></a></svg> c"#
        );
    }
}
