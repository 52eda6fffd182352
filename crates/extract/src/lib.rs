//! Article extraction for attache: main text, metadata and syndication markers from news
//! pages (HTML) and plain-text files.
//!
//! The HTML path is:
//! 1. [`charset`]: bytes → UTF-8 (BOM, HTTP header, `<meta charset>`, UTF-8, detection);
//! 2. a linear prescan that cuts scripts, styles, SVG, comments and the like and collects the
//!    declared metadata (meta tags, JSON-LD, `<time>`, canonical link, `<html lang>`);
//! 3. the generic main-content step, done by the `dom_smoothie` crate (a Readability
//!    implementation) on the slimmed page;
//! 4. our own news layer over the resulting paragraphs: syndication markers (see
//!    [`syndication`](crate#syndication-markers)), date and byline lines, calls to action in
//!    many languages, disclaimers, menus and repeated boilerplate (see `clean`), and a check
//!    that what is left is an article at all.
//!
//! The plain-text path ([`extract_text`]) runs step 4 over the lines of the text, whose first
//! non-empty line is the title.
//!
//! Nothing here panics on bad input: empty, binary, huge, deeply nested or unclosed markup
//! all give a clear [`ExtractError`] or a result with warnings, in time linear in the input.
//!
//! # Syndication markers
//! The recognised patterns are listed in the `syndication` module docs and in the crate's
//! README.md.

pub mod charset;
mod clean;
pub mod dates;
mod html_text;
mod meta;
mod prescan;
mod syndication;

use attache_model::{DatePrecision, Document, Syndication};
use jiff::Timestamp;

pub use charset::decode;
pub use dates::FoundDate;

/// Pages larger than this are refused (bytes, before decoding).
pub const DEFAULT_MAX_BYTES: usize = 64 * 1024 * 1024;
/// Markup left after the prescan is cut to this size before the DOM step.
const MAX_MARKUP: usize = 4 * 1024 * 1024;
/// Deeper element nesting than this is read without the DOM step.
const MAX_DEPTH: usize = 512;

/// What the caller knows about the input.
#[derive(Debug, Clone)]
pub struct Options {
    /// The URL the page was fetched from (used for relative links, URL dates, canonical checks).
    pub url: Option<String>,
    /// The HTTP `Content-Type` header, when there was one.
    pub content_type: Option<String>,
    /// Inputs larger than this many bytes are refused with [`ExtractError::TooLarge`].
    pub max_bytes: usize,
    /// The publication time known from elsewhere (a feed item, the caller), used when the page
    /// has none of its own; a year-less date line is then removed without guessing its year.
    pub published: Option<(Timestamp, DatePrecision)>,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            url: None,
            content_type: None,
            max_bytes: DEFAULT_MAX_BYTES,
            published: None,
        }
    }
}

impl Options {
    /// Options with a URL.
    pub fn with_url(url: impl Into<String>) -> Self {
        Options {
            url: Some(url.into()),
            ..Options::default()
        }
    }
}

/// Why no article could be extracted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ExtractError {
    #[error("empty document")]
    Empty,
    #[error("binary content, not text")]
    Binary,
    #[error("no article found ({0})")]
    NoArticle(String),
    #[error("input too large: {size} bytes (limit {limit})")]
    TooLarge { size: usize, limit: usize },
}

/// What the input was: pages must hold an article, plain text is taken as one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Source {
    Html,
    Text,
}

/// An extracted article.
#[derive(Debug, Clone, PartialEq)]
pub struct Extraction {
    pub title: String,
    pub byline: Option<String>,
    pub published: Option<Timestamp>,
    pub published_precision: DatePrecision,
    /// How `published` was found: "metadata", "time element", "url", "text".
    pub published_source: Option<String>,
    pub modified: Option<Timestamp>,
    /// The outlet that carries this copy.
    pub site_name: Option<String>,
    /// The URL given in [`Options`].
    pub url: Option<String>,
    /// The page's canonical URL, when it declares one.
    pub canonical_url: Option<String>,
    /// ISO 639-1 code where one exists (else 639-3), declared or detected.
    pub language: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// The article text; paragraphs are separated by "\n\n".
    pub text: String,
    pub syndication: Option<Syndication>,
    /// Non-fatal problems ("decoded as windows-1252 (detected)").
    pub warnings: Vec<String>,
}

impl Extraction {
    /// The model document (URL: the canonical URL, else the given one).
    pub fn to_document(&self) -> Document {
        let mut d = Document::new(self.title.clone(), self.text.clone());
        d.url = self.canonical_url.clone().or_else(|| self.url.clone());
        d.byline = self.byline.clone();
        d.published = self.published;
        d.published_precision = self.published_precision;
        d.published_source = self.published_source.clone();
        d.site_name = self.site_name.clone();
        d.language = self.language.clone();
        d.syndication = self.syndication.clone();
        d
    }
}

fn check_bytes(bytes: &[u8], opts: &Options) -> Result<(), ExtractError> {
    if bytes.len() > opts.max_bytes {
        return Err(ExtractError::TooLarge {
            size: bytes.len(),
            limit: opts.max_bytes,
        });
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(ExtractError::Empty);
    }
    let head = &bytes[..bytes.len().min(1024)];
    let utf16 = encoding_rs::Encoding::for_bom(bytes).is_some_and(|(e, _)| e != encoding_rs::UTF_8);
    if !utf16 && head.iter().filter(|b| **b == 0).count() > 2 {
        return Err(ExtractError::Binary);
    }
    Ok(())
}

/// Extract the article from an HTML page.
pub fn extract_html(bytes: &[u8], opts: &Options) -> Result<Extraction, ExtractError> {
    check_bytes(bytes, opts)?;
    let (html, warning) = charset::decode_html(bytes, opts.content_type.as_deref());
    let mut warnings: Vec<String> = warning.into_iter().collect();
    let mut pre = prescan::prescan(&html);
    drop(html);
    if pre.html.len() > MAX_MARKUP {
        let mut cut = MAX_MARKUP;
        while !pre.html.is_char_boundary(cut) {
            cut -= 1;
        }
        pre.html.truncate(cut);
        warnings.push(format!("markup cut to {} MiB", MAX_MARKUP / (1024 * 1024)));
    }
    let url = opts.url.as_deref();
    let m = meta::page_meta(&pre, url);

    let mut title = m.title.clone().unwrap_or_default();
    let paras = if pre.max_depth > MAX_DEPTH {
        warnings.push(format!(
            "markup nested {} deep; read without the DOM step",
            pre.max_depth
        ));
        html_text::paragraphs(&pre.html, true)
    } else {
        let cfg = dom_smoothie::Config {
            max_elements_to_parse: 200_000,
            disable_json_ld: true,
            keep_classes: true,
            ..dom_smoothie::Config::default()
        };
        let article = dom_smoothie::Readability::new(pre.html.as_str(), url, Some(cfg))
            .and_then(|mut r| r.parse());
        match article {
            Ok(a) => {
                if title.is_empty() {
                    title = a.title.clone();
                }
                let density = html_text::link_density(&a.content);
                if density > 0.5 {
                    return Err(ExtractError::NoArticle(format!(
                        "the main block is {:.0}% links",
                        density * 100.0
                    )));
                }
                html_text::paragraphs(&a.content, false)
            }
            Err(e) => return Err(ExtractError::NoArticle(e.to_string())),
        }
    };
    let mut paras = paras;
    // The headline repeated at the top of the body.
    if let Some(first) = paras.first()
        && !title.is_empty()
        && first.trim() == title.trim()
    {
        paras.remove(0);
    }
    let base = Extraction {
        title,
        byline: m.byline,
        published: m.published.map(|(f, _)| f.timestamp),
        published_precision: m
            .published
            .map_or(DatePrecision::Unknown, |(f, _)| f.precision),
        published_source: m.published.map(|(_, s)| s.to_string()),
        modified: m.modified.map(|f| f.timestamp),
        site_name: m.site_name,
        url: opts.url.clone(),
        canonical_url: m.canonical,
        language: m.language,
        description: m.description,
        tags: m.tags,
        text: String::new(),
        syndication: None,
        warnings,
    };
    finish(paras, known_date(base, opts), Source::Html)
}

/// Extract an article from plain text whose first non-empty line is the title.
pub fn extract_text(text: &str, opts: &Options) -> Result<Extraction, ExtractError> {
    if text.len() > opts.max_bytes {
        return Err(ExtractError::TooLarge {
            size: text.len(),
            limit: opts.max_bytes,
        });
    }
    let text = text.trim_start_matches('\u{feff}');
    if text.trim().is_empty() {
        return Err(ExtractError::Empty);
    }
    if text.contains('\0') {
        return Err(ExtractError::Binary);
    }
    let mut lines = text.lines().map(str::trim).skip_while(|l| l.is_empty());
    let raw_title = prescan::collapse_ws(lines.next().unwrap_or_default());
    let rest: Vec<&str> = lines.collect();
    let paras = text_paragraphs(&rest);
    let (title, site) = meta::split_title(&raw_title);
    let published = opts
        .url
        .as_deref()
        .and_then(dates::date_from_url)
        .map(|f| (f, "url"));
    let base = Extraction {
        title,
        byline: None,
        published: published.map(|(f, _)| f.timestamp),
        published_precision: published.map_or(DatePrecision::Unknown, |(f, _)| f.precision),
        published_source: published.map(|(_, s)| s.to_string()),
        modified: None,
        site_name: site,
        url: opts.url.clone(),
        canonical_url: None,
        language: None,
        description: None,
        tags: Vec::new(),
        text: String::new(),
        syndication: None,
        warnings: Vec::new(),
    };
    finish(paras, known_date(base, opts), Source::Text)
}

/// Decode bytes (BOM, `Content-Type`, UTF-8, detection) and extract from the text.
pub fn extract_text_bytes(bytes: &[u8], opts: &Options) -> Result<Extraction, ExtractError> {
    check_bytes(bytes, opts)?;
    let (text, warning) = charset::decode(bytes, opts.content_type.as_deref());
    let mut e = extract_text(&text, opts)?;
    e.warnings.extend(warning);
    Ok(e)
}

/// Paragraphs of plain text: blank-line separated blocks; inside a block, hard-wrapped lines
/// are joined and other lines are paragraphs of their own.
fn text_paragraphs(lines: &[&str]) -> Vec<String> {
    let mut blocks: Vec<Vec<&str>> = vec![Vec::new()];
    for l in lines {
        if l.is_empty() {
            if !blocks.last().is_some_and(Vec::is_empty) {
                blocks.push(Vec::new());
            }
        } else if let Some(b) = blocks.last_mut() {
            b.push(l);
        }
    }
    let mut out = Vec::new();
    for b in blocks.into_iter().filter(|b| !b.is_empty()) {
        // Hard-wrapped: every line but the last is 50–100 chars and does not end a sentence.
        let wrapped = b.len() > 1
            && b[..b.len() - 1].iter().all(|l| {
                let n = l.chars().count();
                (50..=100).contains(&n) && !l.ends_with(['.', '!', '?', ':'])
            });
        if wrapped {
            out.push(prescan::collapse_ws(&b.join(" ")));
        } else {
            out.extend(b.iter().map(|l| prescan::collapse_ws(l)));
        }
    }
    out
}

/// Word count, with runs of CJK characters counted as one word per two characters.
pub(crate) fn words(s: &str) -> usize {
    let cjk = s
        .chars()
        .filter(|c| matches!(*c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF))
        .count();
    s.split_whitespace().count() + cjk / 2
}

/// The caller's publication time when the input has none of its own.
fn known_date(mut e: Extraction, opts: &Options) -> Extraction {
    if e.published.is_none()
        && let Some((t, p)) = opts.published
    {
        e.published = Some(t);
        e.published_precision = p;
        e.published_source = Some("caller".into());
    }
    e
}

/// The news layer shared by both paths.
fn finish(
    mut paras: Vec<String>,
    mut e: Extraction,
    source: Source,
) -> Result<Extraction, ExtractError> {
    let found = syndication::detect(&mut paras);
    e.syndication = found.syndication;

    // Date and byline lines at the top.
    let mut i = 0;
    while i < paras.len().min(3) {
        let p = paras[i].trim();
        let w = words(p);
        if w <= 8 && !p.ends_with(['.', '?', '!']) {
            if let Some(f) = dates::parse_written(p) {
                if e.published.is_none() {
                    e.published = Some(f.timestamp);
                    e.published_precision = f.precision;
                    e.published_source = Some("text".into());
                }
                paras.remove(i);
                continue;
            }
            if let Some((m, d)) = dates::day_month_without_year(p) {
                if e.published.is_none()
                    && let Some(y) = latest_year(&paras)
                    && let Some(f) = dates::with_year(y, m, d)
                {
                    e.published = Some(f.timestamp);
                    e.published_precision = f.precision;
                    e.published_source = Some("text".into());
                    e.warnings.push(format!(
                        "date line {p:?} has no year; {y} taken from the text"
                    ));
                }
                paras.remove(i);
                continue;
            }
            if let Some(name) = p.strip_prefix("By ").or_else(|| p.strip_prefix("by "))
                && (1..=6).contains(&words(name))
            {
                if e.byline.is_none() {
                    e.byline = Some(name.trim().to_string());
                }
                paras.remove(i);
                continue;
            }
        }
        i += 1;
    }

    let cleaned = clean::clean(&mut paras, &e.title);
    if let Some(t) = cleaned.better_title {
        e.title = t;
    }

    // Is there an article at all?
    let prose_words: usize = paras
        .iter()
        .filter(|p| words(p) >= 8)
        .map(|p| words(p))
        .sum();
    // A page must hold an article; a text file is one, however short (a headline alone too).
    if paras.is_empty() && (source == Source::Html || e.title.is_empty()) {
        return Err(ExtractError::NoArticle(
            "no text left after removing boilerplate".into(),
        ));
    }
    if source == Source::Html && prose_words < 40 {
        return Err(ExtractError::NoArticle(format!(
            "only {prose_words} words of running text"
        )));
    }
    e.text = paras.join("\n\n");
    if e.title.is_empty() {
        e.title = paras
            .first()
            .map(|p| p.chars().take(120).collect())
            .unwrap_or_default();
    }
    if e.language.is_none() {
        e.language = detect_language(&e.text);
    }
    Ok(e)
}

/// The most recent plausible year written in the text.
fn latest_year(paras: &[String]) -> Option<i16> {
    let mut best: Option<i16> = None;
    for p in paras {
        for w in p.split(|c: char| !c.is_ascii_digit()) {
            if w.len() == 4
                && let Ok(y) = w.parse::<i16>()
                && (1990..=2100).contains(&y)
            {
                best = Some(best.map_or(y, |b| b.max(y)));
            }
        }
    }
    best
}

/// Language of the text by whatlang, when it is reliable.
fn detect_language(text: &str) -> Option<String> {
    let sample: String = text.chars().take(3000).collect();
    let info = whatlang::detect(&sample)?;
    if !info.is_reliable() && info.confidence() < 0.5 {
        return None;
    }
    let code = info.lang().code();
    let two = match code {
        "eng" => "en",
        "rus" => "ru",
        "cmn" => "zh",
        "spa" => "es",
        "por" => "pt",
        "ita" => "it",
        "ben" => "bn",
        "fra" => "fr",
        "deu" => "de",
        "ukr" => "uk",
        "kat" => "ka",
        "ara" => "ar",
        "hin" => "hi",
        "jpn" => "ja",
        "heb" => "he",
        "yid" => "yi",
        "pol" => "pl",
        "amh" => "am",
        "jav" => "jv",
        "kor" => "ko",
        "nob" => "nb",
        "dan" => "da",
        "swe" => "sv",
        "fin" => "fi",
        "tur" => "tr",
        "nld" => "nl",
        "hun" => "hu",
        "ces" => "cs",
        "ell" => "el",
        "bul" => "bg",
        "bel" => "be",
        "mar" => "mr",
        "kan" => "kn",
        "ron" => "ro",
        "slv" => "sl",
        "hrv" => "hr",
        "srp" => "sr",
        "mkd" => "mk",
        "lit" => "lt",
        "lav" => "lv",
        "est" => "et",
        "tam" => "ta",
        "vie" => "vi",
        "urd" => "ur",
        "tha" => "th",
        "guj" => "gu",
        "uzb" => "uz",
        "pan" => "pa",
        "aze" => "az",
        "ind" => "id",
        "tel" => "te",
        "pes" => "fa",
        "mal" => "ml",
        "ori" => "or",
        "mya" => "my",
        "nep" => "ne",
        "sin" => "si",
        "khm" => "km",
        "tuk" => "tk",
        "aka" => "ak",
        "zul" => "zu",
        "sna" => "sn",
        "afr" => "af",
        "lat" => "la",
        "slk" => "sk",
        "cat" => "ca",
        "tgl" => "tl",
        "hye" => "hy",
        "epo" => "eo",
        other => other,
    };
    Some(two.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_and_binary() {
        let o = Options::default();
        assert_eq!(extract_html(b"", &o), Err(ExtractError::Empty));
        assert_eq!(extract_html(b"   \n", &o), Err(ExtractError::Empty));
        assert_eq!(
            extract_html(b"\x00\x01\x00\x02\x00PK", &o),
            Err(ExtractError::Binary)
        );
        assert_eq!(extract_text("", &o), Err(ExtractError::Empty));
        let small = Options {
            max_bytes: 10,
            ..Options::default()
        };
        assert!(matches!(
            extract_html(b"<p>more than ten bytes</p>", &small),
            Err(ExtractError::TooLarge { .. })
        ));
    }

    #[test]
    fn text_paragraphs_join_hard_wraps() {
        let lines = [
            "This is a long line that was wrapped by an editor at about seventy",
            "characters wide, and it continues here until the sentence ends.",
            "",
            "Short line",
            "Another short line.",
        ];
        let p = text_paragraphs(&lines);
        assert_eq!(p.len(), 3, "{p:?}");
        assert!(p[0].ends_with("sentence ends."));
    }

    #[test]
    fn language_detection() {
        assert_eq!(
            detect_language("The quick brown fox jumps over the lazy dog while the government met in the capital to discuss the budget.").as_deref(),
            Some("en")
        );
    }
}
