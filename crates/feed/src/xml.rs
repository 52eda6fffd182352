//! A lenient XML tree builder on quick-xml.
//!
//! Real feeds are often not well-formed: unescaped `&`, HTML entities such as `&nbsp;` that XML
//! does not declare, mismatched or missing end tags, junk before the root element, truncated
//! downloads. The builder recovers from all of these, notes each recovery as a warning, and keeps
//! what it could read. Namespace URIs are mapped to canonical short names (`dc`, `content`,
//! `media`, `atom`…) so adapters match elements whatever prefix a feed chose. `xml:base` and
//! `xml:lang` are resolved while building, so each element carries its effective base and
//! language.

use std::borrow::Cow;
use std::ops::Range;
use std::rc::Rc;

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// Canonical namespace name (a short name for known namespaces, else the URI itself).
pub type Ns = Cow<'static, str>;

/// An element of the document tree.
#[derive(Debug, Clone)]
pub struct Element {
    pub ns: Ns,
    pub name: String,
    pub attrs: Vec<Attr>,
    /// Character data directly inside this element (text, CDATA and resolved references).
    pub text: String,
    pub children: Vec<Element>,
    /// Effective `xml:base` (already resolved against the enclosing base).
    pub base: Option<Rc<str>>,
    /// Effective `xml:lang`.
    pub lang: Option<Rc<str>>,
    /// Byte range of the raw markup between the start and end tags.
    pub inner: Range<usize>,
    /// Byte offset in the parent's `text` at which this element occurs (for mixed content).
    pub at: usize,
}

/// An attribute, with its namespace canonicalised like element names.
#[derive(Debug, Clone)]
pub struct Attr {
    pub ns: Ns,
    pub name: String,
    pub value: String,
}

/// A parsed document: the root element, the source it points into and recovery warnings.
#[derive(Debug)]
pub struct Document {
    pub root: Element,
    pub source: String,
    pub warnings: Vec<String>,
}

impl Element {
    /// Whether this element is `ns:name`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.name == name && self.ns == ns
    }

    /// Attribute value by local name (attributes without a namespace or in `ns`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name && (a.ns.is_empty() || a.ns == "rdf"))
            .map(|a| a.value.as_str())
            .or_else(|| {
                self.attrs
                    .iter()
                    .find(|a| a.name.eq_ignore_ascii_case(name))
                    .map(|a| a.value.as_str())
            })
    }

    /// Attribute value by namespace and local name.
    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.name == name && a.ns == ns)
            .map(|a| a.value.as_str())
    }

    /// First child `ns:name`.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, name))
    }

    /// Whether the element contains child elements (mixed or markup content).
    pub fn has_children(&self) -> bool {
        !self.children.is_empty()
    }

    /// Trimmed text content: its character data, or, when the element holds child elements
    /// (markup inside a feed element), that markup serialised as HTML. A lone XHTML `<div>`
    /// wrapper is dropped and the text inside it read as HTML (escaped markup in a wrapper).
    pub fn content(&self, _source: &str) -> String {
        if !self.has_children() {
            return self.text.trim().to_string();
        }
        use crate::markup::{TextIs, xml_to_html};
        match self.children.as_slice() {
            [div]
                if div.name == "div"
                    && (div.ns == "xhtml" || div.ns.is_empty())
                    && self.text.trim().is_empty() =>
            {
                xml_to_html(div, TextIs::Html).trim().to_string()
            }
            _ => xml_to_html(self, TextIs::Data).trim().to_string(),
        }
    }
}

/// Map a namespace URI to its canonical short name.
pub fn canon_ns(uri: &str) -> Ns {
    let u = uri.trim();
    let lower = u.to_ascii_lowercase();
    let l = lower.trim_end_matches('/');
    let name: &'static str = match l {
        "http://www.w3.org/2005/atom" => "atom",
        "http://purl.org/atom/ns#" | "http://purl.org/atom/ns#draft-ietf-atompub-format-08" => {
            "atom"
        }
        "http://purl.org/rss/1.0" | "http://my.netscape.com/rdf/simple/0.9" => "",
        "http://backend.userland.com/rss2"
        | "http://backend.userland.com/rss"
        | "http://blogs.law.harvard.edu/tech/rss" => "",
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#" => "rdf",
        "http://purl.org/dc/elements/1.1" | "http://purl.org/dc/elements/1.0" => "dc",
        "http://purl.org/dc/terms" => "dcterms",
        "http://purl.org/rss/1.0/modules/content" => "content",
        "http://search.yahoo.com/mrss" | "http://video.search.yahoo.com/mrss" => "media",
        "http://www.itunes.com/dtds/podcast-1.0.dtd"
        | "http://example.com/dtds/podcast-1.0.dtd" => "itunes",
        "http://www.w3.org/1999/xhtml" => "xhtml",
        "http://www.w3.org/xml/1998/namespace" => "xml",
        "http://wellformedweb.org/commentapi" => "wfw",
        "http://purl.org/rss/1.0/modules/slash" => "slash",
        "http://www.georss.org/georss" => "georss",
        "http://podlove.org/simple-chapters" => "psc",
        "http://purl.org/rss/1.0/modules/syndication" => "sy",
        "http://rssnamespace.org/feedburner/ext/1.0" => "feedburner",
        "http://webns.net/mvcb" => "admin",
        "http://purl.org/syndication/thread/1.0" => "thr",
        "http://www.w3.org/2003/01/geo/wgs84_pos#" => "geo",
        "http://www.google.com/schemas/reader/atom" => "gr",
        "http://purl.org/rss/1.0/modules/image" => "image",
        "http://www.w3.org/2000/xmlns" => "xmlns",
        "http://purl.org/rss/1.0/modules/taxonomy" => "taxo",
        _ => return Cow::Owned(u.to_string()),
    };
    Cow::Borrowed(name)
}

/// Canonical namespace for a prefix that no `xmlns:` declared (a common breakage).
fn undeclared_prefix(prefix: &str) -> Ns {
    match prefix {
        "dc" | "dcterms" | "content" | "media" | "itunes" | "atom" | "xhtml" | "wfw" | "slash"
        | "georss" | "psc" | "sy" | "feedburner" | "admin" | "thr" | "geo" | "rdf" | "xml" => {
            Cow::Owned(prefix.to_string())
        }
        _ => Cow::Owned(format!("{prefix}:")),
    }
}

/// Decode the XML and HTML entity or character reference `name` (without `&` and `;`).
pub fn resolve_entity(name: &str) -> Option<Cow<'static, str>> {
    if let Some(num) = name.strip_prefix('#') {
        let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        // Windows-1252 code points 128–159 are what publishers mean by &#150; and the like.
        let code = match code {
            0x80..=0x9f => {
                let b = [code as u8];
                let (s, _, _) = encoding_rs::WINDOWS_1252.decode(&b);
                return Some(Cow::Owned(s.into_owned()));
            }
            0 => 0xfffd,
            c => c,
        };
        return Some(Cow::Owned(
            char::from_u32(code).unwrap_or('\u{fffd}').to_string(),
        ));
    }
    match name {
        "lt" => Some(Cow::Borrowed("<")),
        "gt" => Some(Cow::Borrowed(">")),
        "amp" => Some(Cow::Borrowed("&")),
        "apos" => Some(Cow::Borrowed("'")),
        "quot" => Some(Cow::Borrowed("\"")),
        _ => crate::entities::html4(name).map(|c| Cow::Owned(c.to_string())),
    }
}

/// Unescape text leniently: known references are decoded, anything else (a bare `&`, an
/// unknown entity) is kept literally.
pub fn unescape(raw: &str, entities: &[(String, String)]) -> String {
    if !raw.contains('&') {
        return raw.to_string();
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let end = after
            .char_indices()
            .take(40)
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '#'))
            .map(|(j, c)| (j, c == ';'));
        match end {
            Some((j, true)) if j > 0 => {
                let name = &after[..j];
                if let Some(v) = lookup(name, entities) {
                    out.push_str(&v);
                    rest = &after[j + 1..];
                    continue;
                }
                out.push('&');
                rest = after;
            }
            _ => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn lookup(name: &str, entities: &[(String, String)]) -> Option<Cow<'static, str>> {
    resolve_entity(name).or_else(|| {
        entities
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| Cow::Owned(v.clone()))
    })
}

/// Entities declared in an internal DTD subset: `<!ENTITY name "value">`.
fn dtd_entities(doctype: &str, out: &mut Vec<(String, String)>) {
    let mut rest = doctype;
    while let Some(i) = rest.find("<!ENTITY") {
        rest = &rest[i + 8..];
        let t = rest.trim_start();
        if t.starts_with('%') {
            continue;
        }
        let name_end = t.find(char::is_whitespace).unwrap_or(t.len());
        let name = &t[..name_end];
        let t2 = t[name_end..].trim_start();
        let Some(q) = t2.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            continue;
        };
        if let Some(close) = t2[1..].find(q) {
            let value = unescape(&t2[1..1 + close], out);
            out.push((name.to_string(), value));
        }
    }
}

/// Resolve `href` against `base` (both possibly relative) by the algorithm of RFC 3986 §5.2,
/// applied to IRIs as written: non-ASCII characters stay as they are (nothing is
/// percent-encoded or punycoded). Absolute references, and any reference when the base is not
/// absolute, are returned unchanged (trimmed; an `http:///host` with extra slashes is repaired).
pub fn resolve_url(href: &str, base: Option<&str>) -> String {
    let href = href.trim();
    if has_scheme(href) {
        return repair_slashes(href).into_owned();
    }
    let Some(base) = base.map(str::trim).filter(|b| has_scheme(b)) else {
        return href.to_string();
    };
    let base = repair_slashes(base);
    let b = UriRef::split(&base);
    let r = UriRef::split(href);
    let (authority, path, query);
    if r.authority.is_some() {
        authority = r.authority;
        path = remove_dot_segments(r.path);
        query = r.query;
    } else {
        authority = b.authority;
        if r.path.is_empty() {
            path = b.path.to_string();
            query = r.query.or(b.query);
        } else {
            path = if r.path.starts_with('/') {
                remove_dot_segments(r.path)
            } else {
                let merged = if b.authority.is_some() && b.path.is_empty() {
                    format!("/{}", r.path)
                } else {
                    match b.path.rfind('/') {
                        Some(i) => format!("{}{}", &b.path[..=i], r.path),
                        None => r.path.to_string(),
                    }
                };
                remove_dot_segments(&merged)
            };
            query = r.query;
        }
    }
    let mut out = String::with_capacity(base.len() + href.len());
    out.push_str(b.scheme.unwrap_or("http"));
    out.push(':');
    if let Some(a) = authority {
        out.push_str("//");
        out.push_str(a);
    }
    out.push_str(&path);
    if let Some(q) = query {
        out.push('?');
        out.push_str(q);
    }
    if let Some(f) = r.fragment {
        out.push('#');
        out.push_str(f);
    }
    out
}

/// `http:///host/` (too many slashes after a web scheme) read as `http://host/`, as browsers do.
fn repair_slashes(u: &str) -> Cow<'_, str> {
    for scheme in ["http:", "https:"] {
        if u.len() > scheme.len() + 2
            && u[..scheme.len()].eq_ignore_ascii_case(scheme)
            && u[scheme.len()..].starts_with("///")
        {
            let rest = u[scheme.len()..].trim_start_matches('/');
            return Cow::Owned(format!("{}//{rest}", &u[..scheme.len()]));
        }
    }
    Cow::Borrowed(u)
}

/// The five components of a URI reference (RFC 3986 appendix B).
struct UriRef<'a> {
    scheme: Option<&'a str>,
    authority: Option<&'a str>,
    path: &'a str,
    query: Option<&'a str>,
    fragment: Option<&'a str>,
}

impl<'a> UriRef<'a> {
    fn split(s: &'a str) -> Self {
        let (s, fragment) = match s.split_once('#') {
            Some((a, f)) => (a, Some(f)),
            None => (s, None),
        };
        let (s, query) = match s.split_once('?') {
            Some((a, q)) => (a, Some(q)),
            None => (s, None),
        };
        let (scheme, s) = if has_scheme(s) {
            let i = s.find(':').unwrap_or(0);
            (Some(&s[..i]), &s[i + 1..])
        } else {
            (None, s)
        };
        let (authority, path) = match s.strip_prefix("//") {
            Some(rest) => {
                let end = rest.find('/').unwrap_or(rest.len());
                (Some(&rest[..end]), &rest[end..])
            }
            None => (None, s),
        };
        UriRef {
            scheme,
            authority,
            path,
            query,
            fragment,
        }
    }
}

/// RFC 3986 §5.2.4.
fn remove_dot_segments(path: &str) -> String {
    if !path.contains('.') {
        return path.to_string();
    }
    let mut out: Vec<&str> = Vec::new();
    let absolute = path.starts_with('/');
    let segs: Vec<&str> = path.split('/').collect();
    let last = segs.len() - 1;
    for (i, seg) in segs.iter().enumerate() {
        if i == 0 && absolute {
            continue;
        }
        match *seg {
            "." => {
                if i == last {
                    out.push("");
                }
            }
            ".." => {
                out.pop();
                if i == last {
                    out.push("");
                }
            }
            s => out.push(s),
        }
    }
    let joined = out.join("/");
    if absolute {
        format!("/{joined}")
    } else {
        joined
    }
}

fn has_scheme(s: &str) -> bool {
    match s.find(':') {
        Some(i) if i > 0 => {
            let scheme = &s[..i];
            scheme
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '+' || c == '-' || c == '.')
        }
        _ => false,
    }
}

struct Frame {
    qname: String,
    el: Element,
    ns_mark: usize,
}

/// Most errors tolerated before giving up on a document.
const MAX_RECOVERIES: usize = 1000;
/// Deepest nesting kept; deeper elements are flattened into their ancestor.
const MAX_DEPTH: usize = 256;

/// Build the tree of `source`, starting at its first element (junk before it is skipped).
/// Returns `None` when the text contains no element at all.
/// `lang` is the document's language from outside it (HTTP `Content-Language`).
pub fn parse(source: String, base_url: Option<&str>, lang: Option<&str>) -> Option<Document> {
    let mut warnings = Vec::new();
    let mut entities: Vec<(String, String)> = Vec::new();
    let mut ns_stack: Vec<(String, Ns)> = Vec::new();
    let mut stack: Vec<Frame> = Vec::new();
    let mut root: Option<Element> = None;
    let doc_base: Option<Rc<str>> = base_url.map(Rc::from);
    let doc_lang: Option<Rc<str>> = lang.map(Rc::from);

    let mut reader = Reader::from_str(&source);
    {
        let c = reader.config_mut();
        c.check_end_names = false;
        c.allow_unmatched_ends = true;
        c.allow_dangling_amp = true;
        c.check_comments = false;
        c.trim_text(false);
    }
    let mut errors = 0usize;
    let mut last_err_pos = usize::MAX;
    loop {
        let before = reader.buffer_position() as usize;
        let ev = match reader.read_event() {
            Ok(ev) => ev,
            Err(e) => {
                let pos = reader.buffer_position() as usize;
                errors += 1;
                if errors == 1 {
                    warnings.push(format!("xml error at byte {pos}: {e}"));
                }
                if errors > MAX_RECOVERIES || pos == last_err_pos || pos >= source.len() {
                    break;
                }
                last_err_pos = pos;
                continue;
            }
        };
        match ev {
            Event::Eof => break,
            Event::Start(e) | Event::Empty(e) if root.is_some() && stack.is_empty() => {
                let _ = e;
                warnings.push("content after the root element ignored".into());
                break;
            }
            Event::Start(e) => {
                let after = reader.buffer_position() as usize;
                let frame = open(
                    &e,
                    &mut ns_stack,
                    stack.last().map(|f| &f.el),
                    (&doc_base, &doc_lang),
                    &entities,
                    after,
                );
                if stack.len() >= MAX_DEPTH {
                    ns_stack.truncate(frame.ns_mark);
                    if warnings.len() < 50 {
                        warnings.push("nesting too deep; inner elements flattened".into());
                    }
                    continue;
                }
                stack.push(frame);
            }
            Event::Empty(e) => {
                let after = reader.buffer_position() as usize;
                let frame = open(
                    &e,
                    &mut ns_stack,
                    stack.last().map(|f| &f.el),
                    (&doc_base, &doc_lang),
                    &entities,
                    after,
                );
                ns_stack.truncate(frame.ns_mark);
                let mut el = frame.el;
                el.inner = after..after;
                match stack.last_mut() {
                    Some(parent) => {
                        el.at = parent.el.text.len();
                        parent.el.children.push(el)
                    }
                    None => {
                        root = Some(el);
                    }
                }
            }
            Event::End(e) => {
                let name = String::from_utf8_lossy(e.name().as_ref()).into_owned();
                let Some(idx) = stack.iter().rposition(|f| f.qname == name) else {
                    if warnings.len() < 50 {
                        warnings.push(format!("unmatched end tag </{name}> ignored"));
                    }
                    continue;
                };
                if idx + 1 != stack.len() && warnings.len() < 50 {
                    warnings.push(format!("unclosed element inside <{name}>"));
                }
                while stack.len() > idx {
                    let mut f = stack.pop().expect("stack non-empty");
                    f.el.inner.end = before.max(f.el.inner.start);
                    ns_stack.truncate(f.ns_mark);
                    match stack.last_mut() {
                        Some(parent) => {
                            f.el.at = parent.el.text.len();
                            parent.el.children.push(f.el)
                        }
                        None => root = Some(f.el),
                    }
                }
            }
            Event::Text(t) => {
                if let Some(f) = stack.last_mut() {
                    let raw = String::from_utf8_lossy(t.as_ref());
                    f.el.text.push_str(&raw);
                }
            }
            Event::CData(t) => {
                if let Some(f) = stack.last_mut() {
                    f.el.text.push_str(&String::from_utf8_lossy(t.as_ref()));
                }
            }
            Event::GeneralRef(r) => {
                if let Some(f) = stack.last_mut() {
                    let name = String::from_utf8_lossy(r.as_ref()).into_owned();
                    match lookup(&name, &entities) {
                        Some(v) => f.el.text.push_str(&v),
                        None => {
                            if warnings.len() < 50 {
                                warnings.push(format!("undeclared entity &{name}; kept as text"));
                            }
                            f.el.text.push('&');
                            f.el.text.push_str(&name);
                            f.el.text.push(';');
                        }
                    }
                }
            }
            Event::DocType(t) => {
                dtd_entities(&String::from_utf8_lossy(t.as_ref()), &mut entities);
            }
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
    if !stack.is_empty() {
        warnings.push("document truncated: unclosed elements at end of input".into());
        let end = source.len();
        while let Some(mut f) = stack.pop() {
            f.el.inner.end = end.max(f.el.inner.start);
            match stack.last_mut() {
                Some(parent) => {
                    f.el.at = parent.el.text.len();
                    parent.el.children.push(f.el)
                }
                None => root = Some(f.el),
            }
        }
    }
    drop(reader);
    if let Some(r) = root.as_mut()
        && matches!(r.ns, Cow::Owned(_))
    {
        let ns = r.ns.to_string();
        rehome(r, &ns);
    }
    root.map(|root| Document {
        root,
        source,
        warnings,
    })
}

/// Treat an unknown namespace of the root element as the format's own (no namespace).
fn rehome(el: &mut Element, ns: &str) {
    if el.ns == ns {
        el.ns = Cow::Borrowed("");
    }
    for c in &mut el.children {
        rehome(c, ns);
    }
}

fn open(
    e: &BytesStart<'_>,
    ns_stack: &mut Vec<(String, Ns)>,
    parent: Option<&Element>,
    (doc_base, doc_lang): (&Option<Rc<str>>, &Option<Rc<str>>),
    entities: &[(String, String)],
    after: usize,
) -> Frame {
    let ns_mark = ns_stack.len();
    let qname = String::from_utf8_lossy(e.name().as_ref()).into_owned();
    let mut raw_attrs: Vec<(String, String)> = Vec::new();
    for a in e.html_attributes().with_checks(false).flatten() {
        let key = String::from_utf8_lossy(a.key.as_ref()).into_owned();
        let value = unescape(&String::from_utf8_lossy(&a.value), entities);
        if key == "xmlns" {
            ns_stack.push((String::new(), canon_ns(&value)));
        } else if let Some(p) = key.strip_prefix("xmlns:") {
            ns_stack.push((p.to_string(), canon_ns(&value)));
        } else {
            raw_attrs.push((key, value));
        }
    }
    let resolve_prefix = |prefix: &str, ns_stack: &[(String, Ns)]| -> Ns {
        if prefix == "xml" {
            return Cow::Borrowed("xml");
        }
        match ns_stack.iter().rev().find(|(p, _)| p == prefix) {
            Some((_, ns)) => ns.clone(),
            None if prefix.is_empty() => Cow::Borrowed(""),
            None => undeclared_prefix(prefix),
        }
    };
    let (prefix, local) = split_qname(&qname);
    let ns = resolve_prefix(prefix, ns_stack);
    let mut attrs = Vec::with_capacity(raw_attrs.len());
    let mut base = parent
        .map(|p| p.base.clone())
        .unwrap_or_else(|| doc_base.clone());
    let mut lang = match parent {
        Some(p) => p.lang.clone(),
        None => doc_lang.clone(),
    };
    for (key, value) in raw_attrs {
        let (p, l) = split_qname(&key);
        let ans = if p.is_empty() {
            Cow::Borrowed("")
        } else {
            resolve_prefix(p, ns_stack)
        };
        if ans == "xml" && l == "base" {
            base = Some(Rc::from(resolve_url(&value, base.as_deref())));
        } else if ans == "xml" && l == "lang" {
            let v = value.trim().replace('_', "-");
            lang = (!v.is_empty()).then(|| Rc::from(v.as_str()));
        }
        attrs.push(Attr {
            ns: ans,
            name: l.to_string(),
            value,
        });
    }
    Frame {
        el: Element {
            ns,
            name: local.to_string(),
            attrs,
            text: String::new(),
            children: Vec::new(),
            base,
            lang,
            inner: after..after,
            at: 0,
        },
        qname,
        ns_mark,
    }
}

/// The first `n` bytes of `s`, cut back to a character boundary.
pub fn head(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

fn split_qname(q: &str) -> (&str, &str) {
    match q.split_once(':') {
        Some((p, l)) => (p, l),
        None => ("", q),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recovers_from_common_breakage() {
        let src = "junk<rss><channel><title>A &amp; B &nbsp;&bogus; & c</title><item><b>x</item></channel></rss>";
        let d = parse(src.to_string(), None, None).unwrap();
        let ch = d.root.child("", "channel").unwrap();
        assert_eq!(
            ch.child("", "title").unwrap().text,
            "A & B \u{a0}&bogus; & c"
        );
        assert!(ch.child("", "item").is_some());
        assert!(!d.warnings.is_empty());
    }

    #[test]
    fn namespaces_and_base() {
        let src = r#"<feed xmlns="http://www.w3.org/2005/Atom" xmlns:d="http://purl.org/dc/elements/1.1/" xml:base="http://ex.org/a/" xml:lang="en"><d:creator>me</d:creator><link xml:base="b/" href="c"/></feed>"#;
        let d = parse(src.to_string(), None, None).unwrap();
        assert!(d.root.is("atom", "feed"));
        assert_eq!(d.root.child("dc", "creator").unwrap().text, "me");
        let l = d.root.child("atom", "link").unwrap();
        assert_eq!(l.base.as_deref(), Some("http://ex.org/a/b/"));
        assert_eq!(l.lang.as_deref(), Some("en"));
        assert_eq!(resolve_url("c", l.base.as_deref()), "http://ex.org/a/b/c");
    }

    #[test]
    fn truncated_input_keeps_what_was_read() {
        let d = parse(
            "<rss><channel><title>t</title><item><title>x".into(),
            None,
            None,
        )
        .unwrap();
        let ch = d.root.child("", "channel").unwrap();
        assert_eq!(
            ch.child("", "item")
                .unwrap()
                .child("", "title")
                .unwrap()
                .text,
            "x"
        );
    }

    #[test]
    fn references_resolve_as_rfc_3986_says_and_iris_stay_iris() {
        let b = Some("http://a/b/c/d;p?q");
        for (r, want) in [
            ("g", "http://a/b/c/g"),
            ("./g/", "http://a/b/c/g/"),
            ("/g", "http://a/g"),
            ("//g", "http://g"),
            ("?y", "http://a/b/c/d;p?y"),
            ("#s", "http://a/b/c/d;p?q#s"),
            ("", "http://a/b/c/d;p?q"),
            ("../..", "http://a/"),
            ("../../../g", "http://a/g"),
            ("g?y/./x", "http://a/b/c/g?y/./x"),
            ("mailto:x@y", "mailto:x@y"),
        ] {
            assert_eq!(resolve_url(r, b), want, "{r}");
        }
        assert_eq!(
            resolve_url("\u{c0}", Some("http://www.\u{8a79}.com/feed")),
            "http://www.\u{8a79}.com/\u{c0}"
        );
        assert_eq!(
            resolve_url("x", Some("http:///e.com/t/")),
            "http://e.com/t/x"
        );
        assert_eq!(resolve_url("x", Some("relative/base")), "x");
    }

    #[test]
    fn unescape_is_lenient() {
        assert_eq!(
            unescape("a &amp; b & c &#8217; &hellip; &zz;", &[]),
            "a & b & c \u{2019} \u{2026} &zz;"
        );
    }
}
