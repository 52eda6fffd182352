//! Page metadata from what the prescan collected: JSON-LD (`NewsArticle`, `Article`,
//! `BlogPosting`… also inside `@graph`), Open Graph and `article:*` properties, Twitter cards,
//! Dublin Core, Parse.ly and Sailthru tags, `itemprop`, `<link rel=canonical>`, `<time>`,
//! `<title>`/`<h1>` and dates in the URL.

use serde_json::Value;

use crate::dates::{FoundDate, date_from_url, parse_date};
use crate::prescan::{Prescan, collapse_ws};

#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub byline: Option<String>,
    pub published: Option<(FoundDate, &'static str)>,
    pub modified: Option<FoundDate>,
    pub site_name: Option<String>,
    pub canonical: Option<String>,
    pub language: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Default)]
struct Ld {
    headline: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    keywords: Vec<String>,
    description: Option<String>,
    language: Option<String>,
    url: Option<String>,
}

fn is_article_type(v: &Value) -> bool {
    let check = |s: &str| {
        let s = s.to_ascii_lowercase();
        s.contains("article") || s.contains("posting") || s == "report" || s == "newsarticle"
    };
    match v.get("@type") {
        Some(Value::String(s)) => check(s),
        Some(Value::Array(a)) => a.iter().any(|x| x.as_str().is_some_and(check)),
        _ => false,
    }
}

fn names(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) if !s.starts_with("http") => out.push(s.clone()),
        Value::Object(o) => {
            if let Some(Value::String(n)) = o.get("name") {
                out.push(n.clone());
            }
        }
        Value::Array(a) => a.iter().take(20).for_each(|x| names(x, out)),
        _ => {}
    }
}

fn str_of(v: Option<&Value>) -> Option<String> {
    match v? {
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_string()),
        Value::Array(a) => a.first().and_then(|x| str_of(Some(x))),
        Value::Object(o) => o
            .get("@id")
            .or_else(|| o.get("url"))
            .and_then(|x| str_of(Some(x))),
        _ => None,
    }
}

fn collect_ld(v: &Value, ld: &mut Ld, depth: usize) {
    if depth > 6 {
        return;
    }
    match v {
        Value::Array(a) => a.iter().take(50).for_each(|x| collect_ld(x, ld, depth + 1)),
        Value::Object(o) => {
            if let Some(g) = o.get("@graph") {
                collect_ld(g, ld, depth + 1);
            }
            if !is_article_type(v) {
                return;
            }
            if ld.headline.is_none() {
                ld.headline = str_of(o.get("headline")).or_else(|| str_of(o.get("name")));
            }
            if ld.published.is_none() {
                ld.published =
                    str_of(o.get("datePublished")).or_else(|| str_of(o.get("dateCreated")));
            }
            if ld.modified.is_none() {
                ld.modified = str_of(o.get("dateModified"));
            }
            if ld.authors.is_empty()
                && let Some(a) = o.get("author").or_else(|| o.get("creator"))
            {
                names(a, &mut ld.authors);
            }
            if ld.publisher.is_none()
                && let Some(p) = o.get("publisher")
            {
                let mut n = Vec::new();
                names(p, &mut n);
                ld.publisher = n.into_iter().next();
            }
            if ld.keywords.is_empty() {
                match o.get("keywords") {
                    Some(Value::String(s)) => ld.keywords = split_tags(s),
                    Some(Value::Array(a)) => {
                        ld.keywords = a
                            .iter()
                            .filter_map(|x| x.as_str().map(str::to_string))
                            .collect();
                    }
                    _ => {}
                }
            }
            if ld.description.is_none() {
                ld.description = str_of(o.get("description"));
            }
            if ld.language.is_none() {
                ld.language = str_of(o.get("inLanguage"));
            }
            if ld.url.is_none() {
                ld.url = str_of(o.get("url")).or_else(|| str_of(o.get("mainEntityOfPage")));
            }
        }
        _ => {}
    }
}

fn split_tags(s: &str) -> Vec<String> {
    s.split([',', ';'])
        .map(collapse_ws)
        .filter(|t| !t.is_empty() && t.chars().count() <= 60)
        .collect()
}

/// Separators sites put between a headline and their name.
const TITLE_SEPARATORS: [&str; 7] = [" | ", " – ", " — ", " - ", " :: ", " » ", " · "];

/// Split "Headline | Site" into the headline and the site part, when there is one.
pub(crate) fn split_title(t: &str) -> (String, Option<String>) {
    for sep in TITLE_SEPARATORS {
        if let Some(pos) = t.rfind(sep) {
            let (head, tail) = (&t[..pos], &t[pos + sep.len()..]);
            let tw = tail.split_whitespace().count();
            let hw = head.split_whitespace().count();
            if tw <= 4 && hw >= 2 && !tail.trim().is_empty() {
                return (head.trim().to_string(), Some(tail.trim().to_string()));
            }
            // "Site | Headline"
            let hw2 = head.split_whitespace().count();
            if hw2 <= 3 && tw >= 4 && !head.contains(" | ") {
                return (tail.trim().to_string(), Some(head.trim().to_string()));
            }
        }
    }
    (t.trim().to_string(), None)
}

fn meta<'a>(p: &'a Prescan, keys: &[&str]) -> Option<&'a str> {
    keys.iter().find_map(|k| {
        p.metas
            .iter()
            .find(|(n, c)| n == k && !c.is_empty())
            .map(|(_, c)| c.as_str())
    })
}

fn resolve(href: &str, base: Option<&str>) -> Option<String> {
    if href.starts_with("http://") || href.starts_with("https://") {
        return Some(href.to_string());
    }
    let base = base?;
    let (scheme, rest) = base.split_once("://")?;
    let host = rest.split('/').next()?;
    if let Some(h) = href.strip_prefix("//") {
        return Some(format!("{scheme}://{h}"));
    }
    href.starts_with('/')
        .then(|| format!("{scheme}://{host}{href}"))
}

fn path_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.find('/').map_or("/", |i| &rest[i..])
}

/// Normalise a language tag to its primary subtag ("en-GB" → "en").
pub(crate) fn normalise_lang(l: &str) -> Option<String> {
    let p = l.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (p.len() >= 2 && p.len() <= 3 && p.chars().all(|c| c.is_ascii_alphabetic())).then_some(p)
}

pub(crate) fn page_meta(p: &Prescan, url: Option<&str>) -> PageMeta {
    let mut ld = Ld::default();
    for block in &p.json_ld {
        if let Ok(v) = serde_json::from_str::<Value>(block.trim()) {
            collect_ld(&v, &mut ld, 0);
        }
    }
    let mut m = PageMeta::default();

    // Title.
    let raw_title = p.title.as_deref().map(collapse_ws);
    let (title_head, title_site) = raw_title.as_deref().map(split_title).unwrap_or_default();
    let og = meta(p, &["og:title", "twitter:title"]).map(collapse_ws);
    let h1 = p.h1.clone();
    m.title = ld
        .headline
        .clone()
        .map(|h| collapse_ws(&h))
        .or_else(|| og.as_deref().map(|o| split_title(o).0))
        .or_else(|| {
            h1.clone()
                .filter(|h| raw_title.as_deref().is_some_and(|t| t.contains(h.as_str())))
        })
        .or_else(|| (!title_head.is_empty()).then(|| title_head.clone()))
        .or(h1);

    // Byline.
    let mut authors = ld.authors.clone();
    if authors.is_empty()
        && let Some(a) = meta(
            p,
            &[
                "author",
                "article:author",
                "dc.creator",
                "parsely-author",
                "sailthru.author",
                "byl",
            ],
        )
        && !a.starts_with("http")
    {
        authors.push(a.to_string());
    }
    let authors: Vec<String> = authors
        .iter()
        .map(|a| collapse_ws(a.trim_start_matches("By ").trim_start_matches("by ")))
        .filter(|a| !a.is_empty() && a.chars().count() <= 100)
        .collect();
    if !authors.is_empty() {
        let mut uniq: Vec<String> = Vec::new();
        for a in authors {
            if !uniq.contains(&a) {
                uniq.push(a);
            }
        }
        m.byline = Some(uniq.join(", "));
    }

    // Dates.
    let published_candidates = [
        ld.published.clone().map(|d| (d, "metadata")),
        meta(
            p,
            &[
                "article:published_time",
                "og:published_time",
                "datepublished",
                "pubdate",
                "publishdate",
                "publish-date",
                "publication_date",
                "parsely-pub-date",
                "sailthru.date",
                "dc.date.issued",
                "dc.date",
                "dcterms.created",
                "date",
                "article.published",
                "cxenseparse:recs:publishtime",
            ],
        )
        .map(|d| (d.to_string(), "metadata")),
        p.times.first().cloned().map(|d| (d, "time element")),
    ];
    m.published = published_candidates
        .into_iter()
        .flatten()
        .find_map(|(d, src)| parse_date(&d).map(|f| (f, src)))
        .or_else(|| url.and_then(date_from_url).map(|f| (f, "url")));
    m.modified = ld
        .modified
        .as_deref()
        .or_else(|| {
            meta(
                p,
                &[
                    "article:modified_time",
                    "og:updated_time",
                    "datemodified",
                    "dcterms.modified",
                    "last-modified",
                ],
            )
        })
        .and_then(parse_date);

    // Site name.
    m.site_name = meta(p, &["og:site_name", "application-name", "twitter:site"])
        .map(|s| s.trim_start_matches('@').to_string())
        .or(ld.publisher.clone())
        .or(title_site);

    // Canonical URL (a canonical pointing at the home page for an article URL is ignored).
    let canonical = p
        .links
        .iter()
        .find(|(r, _)| r.split_whitespace().any(|x| x == "canonical"))
        .map(|(_, h)| h.as_str())
        .or_else(|| meta(p, &["og:url"]))
        .and_then(|h| resolve(h, url))
        .or_else(|| ld.url.as_deref().and_then(|h| resolve(h, url)));
    m.canonical = canonical.filter(|c| {
        let given = url.map(path_of).unwrap_or("/");
        !(path_of(c) == "/" && given != "/")
    });

    m.language = p
        .lang
        .as_deref()
        .or(ld.language.as_deref())
        .or_else(|| {
            meta(
                p,
                &["content-language", "og:locale", "language", "dc.language"],
            )
        })
        .and_then(normalise_lang);
    m.description = meta(p, &["description", "og:description", "twitter:description"])
        .map(collapse_ws)
        .or(ld.description.clone());

    let mut tags: Vec<String> = p
        .metas
        .iter()
        .filter(|(k, _)| k == "article:tag")
        .flat_map(|(_, c)| split_tags(c))
        .collect();
    if tags.is_empty() {
        tags = meta(p, &["news_keywords", "keywords", "parsely-tags"])
            .map(split_tags)
            .unwrap_or_default();
    }
    if tags.is_empty() {
        tags = ld.keywords.clone();
    }
    let mut uniq: Vec<String> = Vec::new();
    for t in tags {
        if !uniq.iter().any(|u| u.eq_ignore_ascii_case(&t)) && uniq.len() < 50 {
            uniq.push(t);
        }
    }
    m.tags = uniq;
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles() {
        assert_eq!(
            split_title("Big news today | The Site"),
            ("Big news today".into(), Some("The Site".into()))
        );
        assert_eq!(
            split_title("World News: What does Russia want from the Middle East? – INA NEWS"),
            (
                "World News: What does Russia want from the Middle East?".into(),
                Some("INA NEWS".into())
            )
        );
        assert_eq!(
            split_title("No separator here"),
            ("No separator here".into(), None)
        );
    }

    #[test]
    fn langs() {
        assert_eq!(normalise_lang("en-GB").as_deref(), Some("en"));
        assert_eq!(normalise_lang("pt_BR").as_deref(), Some("pt"));
        assert_eq!(normalise_lang("x").as_deref(), None);
    }
}
