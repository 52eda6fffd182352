//! Conformance of attache-feed against feedparser's test suite (and a robustness run over the
//! feed-rs fixtures).
//!
//! ```text
//! cargo run -p attache-feed --release --example conformance -- ../shared/data/feeds/feedparser \
//!     [../shared/data/feeds/feed-rs-fixtures] [--failures]
//! ```
//!
//! Every feedparser test file states, in a header comment, a Python expression over
//! feedparser's result (`Expect: not bozo and feed['title'] == u'Example'`). The harness parses
//! the file with [`attache_feed::parse`], builds the same dictionary shape from our result and
//! evaluates the expression. Expressions that use fields we do not produce (HTTP headers,
//! namespaces, GeoRSS, Podlove chapters…) are counted as out of scope; so are whole folders whose
//! subject is outside a feed parser's job (listed in the report with the reason).

mod pyexpr;

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use attache_feed::{ParsedFeed, Person, TextMeta};
use jiff::Timestamp;
use pyexpr::{Env, Outcome, V};

/// Folders left out of scope, with the reason.
const OUT_OF_SCOPE: &[(&str, &str)] = &[
    (
        "wellformed/sanitize",
        "feedparser's HTML sanitiser policy; attache keeps feed HTML as sent and sanitises when rendering",
    ),
    (
        "wellformed/http",
        "HTTP status, ETag and redirect handling belong to crates/fetch",
    ),
    (
        "wellformed/cdf",
        "Microsoft CDF (1997 Channel Definition Format), not a feed format we read",
    ),
    (
        "illformed/chardet",
        "legacy-encoding guessing with no declaration anywhere (chardet-specific expectations)",
    ),
];

fn s(v: &str) -> V {
    V::Str(v.to_string())
}
fn opt(v: &Option<String>) -> V {
    v.as_deref().map(s).unwrap_or(V::None)
}
fn dict(pairs: Vec<(&str, V)>) -> V {
    V::Dict(pairs.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
}

fn time_tuple(t: Timestamp) -> V {
    let z = t.to_zoned(jiff::tz::TimeZone::UTC);
    let wd = z.weekday().to_monday_zero_offset() as i64;
    V::List(vec![
        V::Int(z.year() as i64),
        V::Int(z.month() as i64),
        V::Int(z.day() as i64),
        V::Int(z.hour() as i64),
        V::Int(z.minute() as i64),
        V::Int(z.second() as i64),
        V::Int(wd),
        V::Int(z.day_of_year() as i64),
        V::Int(0),
    ])
}

fn detail(value: &Option<String>, meta: &Option<TextMeta>) -> Option<V> {
    let v = value.as_ref()?;
    let m = meta.clone().unwrap_or_default();
    Some(dict(vec![
        ("value", s(v)),
        ("type", s(m.kind.mime())),
        ("language", opt(&m.lang)),
        ("base", s(m.base.as_deref().unwrap_or(""))),
    ]))
}

fn person(p: &Person) -> V {
    let mut d = vec![];
    if let Some(n) = &p.name {
        d.push(("name", s(n)));
    }
    if let Some(e) = &p.email {
        d.push(("email", s(e)));
    }
    if let Some(u) = &p.uri {
        d.push(("href", s(u)));
    }
    dict(d)
}

fn author_string(p: &Person) -> Option<String> {
    match (&p.name, &p.email) {
        (Some(n), Some(e)) => Some(format!("{n} ({e})")),
        (Some(n), None) => Some(n.clone()),
        (None, Some(e)) => Some(e.clone()),
        _ => p.uri.clone(),
    }
}

fn push_text(
    out: &mut Vec<(&'static str, V)>,
    keys: &[(&'static str, &'static str)],
    value: &Option<String>,
    meta: &Option<TextMeta>,
) {
    if let (Some(v), Some(dv)) = (value, detail(value, meta)) {
        for (k, kd) in keys {
            out.push((k, s(v)));
            out.push((kd, dv.clone()));
        }
    }
}

fn links(ls: &[attache_feed::Link]) -> V {
    V::List(
        ls.iter()
            .map(|l| {
                let mut d = vec![("href", s(&l.href)), ("rel", s(&l.rel))];
                if let Some(m) = &l.mime {
                    d.push(("type", s(m)));
                }
                if let Some(t) = &l.title {
                    d.push(("title", s(t)));
                }
                if let Some(n) = l.length {
                    d.push(("length", s(&n.to_string())));
                }
                dict(d)
            })
            .collect(),
    )
}

fn tags(ts: &[attache_feed::Category]) -> V {
    V::List(
        ts.iter()
            .map(|t| {
                dict(vec![
                    ("term", s(&t.term)),
                    ("scheme", opt(&t.scheme)),
                    ("label", opt(&t.label)),
                ])
            })
            .collect(),
    )
}

fn people(out: &mut Vec<(&'static str, V)>, authors: &[Person], contributors: &[Person]) {
    if let Some(a) = authors.first() {
        if let Some(st) = author_string(a) {
            out.push(("author", s(&st)));
        }
        out.push(("author_detail", person(a)));
        out.push(("authors", V::List(authors.iter().map(person).collect())));
    }
    if !contributors.is_empty() {
        out.push((
            "contributors",
            V::List(contributors.iter().map(person).collect()),
        ));
    }
}

fn dates(out: &mut Vec<(&'static str, V)>, updated: &Option<String>, published: &Option<String>) {
    let upd = updated.clone().or_else(|| published.clone());
    for (k, kp, raw) in [
        ("updated", "updated_parsed", &upd),
        ("published", "published_parsed", published),
    ] {
        if let Some(r) = raw {
            out.push((k, s(r)));
            out.push((
                kp,
                attache_feed::parse_date(r)
                    .map(time_tuple)
                    .unwrap_or(V::None),
            ));
        }
    }
    if let Some(r) = &upd {
        out.push(("modified", s(r)));
        out.push(("date", s(r)));
        out.push((
            "modified_parsed",
            attache_feed::parse_date(r)
                .map(time_tuple)
                .unwrap_or(V::None),
        ));
        out.push((
            "date_parsed",
            attache_feed::parse_date(r)
                .map(time_tuple)
                .unwrap_or(V::None),
        ));
    }
    if let Some(r) = published {
        out.push(("issued", s(r)));
        out.push((
            "issued_parsed",
            attache_feed::parse_date(r)
                .map(time_tuple)
                .unwrap_or(V::None),
        ));
    }
}

fn flag(b: Option<bool>) -> V {
    b.map(V::Bool).unwrap_or(V::None)
}

/// feedparser's result dictionary, built from ours.
fn to_feedparser(f: &ParsedFeed) -> V {
    let d = &f.details;
    let mut feed: Vec<(&'static str, V)> = vec![];
    let title = d.title_html.clone().or_else(|| f.title.clone());
    push_text(&mut feed, &[("title", "title_detail")], &title, &d.title);
    push_text(
        &mut feed,
        &[
            ("subtitle", "subtitle_detail"),
            ("tagline", "tagline_detail"),
            ("description", "description_detail"),
        ],
        &f.description,
        &d.description,
    );
    push_text(
        &mut feed,
        &[
            ("rights", "rights_detail"),
            ("copyright", "copyright_detail"),
        ],
        &d.rights,
        &d.rights_meta,
    );
    push_text(&mut feed, &[("info", "info_detail")], &d.info, &d.info_meta);
    if let Some(l) = &f.site_url {
        feed.push(("link", s(l)));
    }
    if !d.links.is_empty() {
        feed.push(("links", links(&d.links)));
    }
    if let Some(i) = &f.id {
        feed.push(("id", s(i)));
        feed.push(("guid", s(i)));
    }
    if let Some(l) = &f.language {
        feed.push(("language", s(l)));
    }
    people(&mut feed, &d.authors, &d.contributors);
    if let Some(p) = &d.publisher {
        if let Some(st) = author_string(p) {
            feed.push(("publisher", s(&st)));
        }
        feed.push(("publisher_detail", person(p)));
    }
    dates(&mut feed, &d.updated_raw, &d.published_raw);
    if !d.tags.is_empty() {
        feed.push(("tags", tags(&d.tags)));
        feed.push(("category", s(&d.tags[0].term)));
    }
    if let Some(g) = &d.generator {
        feed.push(("generator", s(g)));
    }
    if d.generator.is_some() || d.generator_uri.is_some() {
        feed.push((
            "generator_detail",
            dict(vec![
                ("name", opt(&d.generator)),
                ("href", opt(&d.generator_uri)),
                ("version", opt(&d.generator_version)),
            ]),
        ));
    }
    if let Some(x) = &d.docs {
        feed.push(("docs", s(x)));
    }
    if let Some(t) = f.ttl {
        feed.push(("ttl", s(&t.to_string())));
    }
    if let Some(i) = &d.image {
        let mut img = vec![("href", s(i)), ("url", s(i))];
        if let Some(t) = &d.image_title {
            img.push(("title", s(t)));
        }
        if let Some(l) = &d.image_link {
            img.push(("link", s(l)));
        }
        if let Some(x) = &d.image_description {
            img.push(("description", s(x)));
        }
        feed.push(("image", dict(img)));
        feed.push(("logo", s(i)));
    }
    if let Some(i) = &d.icon {
        feed.push(("icon", s(i)));
    }
    if d.explicit.is_some() {
        feed.push(("itunes_explicit", flag(d.explicit)));
    }
    if let Some(b) = d.block {
        feed.push(("itunes_block", V::Int(b as i64)));
    }
    let entries = f
        .items
        .iter()
        .zip(&f.item_details)
        .map(|(it, d)| {
            let mut e: Vec<(&'static str, V)> = vec![];
            let title = d.title_html.clone().or_else(|| it.title.clone());
            push_text(&mut e, &[("title", "title_detail")], &title, &d.title);
            push_text(
                &mut e,
                &[
                    ("summary", "summary_detail"),
                    ("description", "description_detail"),
                ],
                &it.summary,
                &d.summary,
            );
            if let (None, Some(src)) = (&it.content, &d.content_src) {
                e.push((
                    "content",
                    V::List(vec![dict(vec![("value", s("")), ("src", s(src))])]),
                ));
            }
            if let (Some(c), Some(cd)) = (&it.content, detail(&it.content, &d.content)) {
                let _ = c;
                e.push(("content", V::List(vec![cd])));
                if it.summary.is_none() {
                    push_text(
                        &mut e,
                        &[
                            ("summary", "summary_detail"),
                            ("description", "description_detail"),
                        ],
                        &it.content,
                        &d.content,
                    );
                }
            }
            if let Some(l) = &it.link {
                e.push(("link", s(l)));
            }
            if !d.links.is_empty() {
                e.push(("links", links(&d.links)));
            }
            if let Some(g) = &d.guid {
                e.push(("id", s(g)));
                e.push(("guid", s(g)));
            }
            e.push(("guidislink", V::Bool(d.guid_is_link)));
            people(&mut e, &d.authors, &d.contributors);
            if let Some(p) = &d.publisher {
                if let Some(st) = author_string(p) {
                    e.push(("publisher", s(&st)));
                }
                e.push(("publisher_detail", person(p)));
            }
            if let Some(x) = &d.subtitle {
                e.push(("subtitle", s(x)));
            }
            dates(&mut e, &d.updated_raw, &d.published_raw);
            if !d.tags.is_empty() {
                e.push(("tags", tags(&d.tags)));
                e.push(("category", s(&d.tags[0].term)));
            }
            if !d.enclosures.is_empty() {
                e.push((
                    "enclosures",
                    V::List(
                        d.enclosures
                            .iter()
                            .map(|x| {
                                let mut v = vec![("href", s(&x.url))];
                                if let Some(m) = &x.mime {
                                    v.push(("type", s(m)));
                                }
                                if let Some(n) = x.length {
                                    v.push(("length", s(&n.to_string())));
                                }
                                dict(v)
                            })
                            .collect(),
                    ),
                ));
            }
            if let Some(c) = &d.comments {
                e.push(("comments", s(c)));
            }
            push_text(
                &mut e,
                &[
                    ("rights", "rights_detail"),
                    ("copyright", "copyright_detail"),
                ],
                &d.rights,
                &d.rights_meta,
            );
            if let Some(src) = &d.source {
                let mut v = vec![];
                if let Some(t) = &src.title {
                    v.push(("title", s(t)));
                }
                if let Some(u) = &src.url {
                    v.push(("href", s(u)));
                    v.push(("url", s(u)));
                }
                if let Some(i) = &src.id {
                    v.push(("id", s(i)));
                }
                // Only these source fields are modelled; others are out of scope.
                v.push(("__open__", V::Bool(true)));
                e.push(("source", dict(v)));
            }
            if let Some(i) = &d.image {
                e.push(("image", dict(vec![("href", s(i))])));
            }
            if !d.thumbnails.is_empty() {
                e.push((
                    "media_thumbnail",
                    V::List(
                        d.thumbnails
                            .iter()
                            .map(|u| dict(vec![("url", s(u))]))
                            .collect(),
                    ),
                ));
            }
            if let Some(l) = &d.language {
                e.push(("language", s(l)));
            }
            if let Some(x) = &d.duration {
                e.push(("itunes_duration", s(x)));
            }
            if d.explicit.is_some() {
                e.push(("itunes_explicit", flag(d.explicit)));
            }
            if let Some(b) = d.block {
                e.push(("itunes_block", V::Int(b as i64)));
            }
            dict(e)
        })
        .collect();
    dict(vec![
        ("bozo", V::Bool(f.is_lenient())),
        ("encoding", s(&f.encoding)),
        ("version", s(f.format.as_str())),
        ("feed", dict(feed.clone())),
        ("channel", dict(feed)),
        ("entries", V::List(entries)),
    ])
}

/// Every key `to_feedparser` can produce: a missing one of these is a failure, a missing other
/// key is out of scope.
const SUPPORTED: &[&str] = &[
    "bozo",
    "encoding",
    "version",
    "feed",
    "channel",
    "entries",
    "title",
    "title_detail",
    "subtitle",
    "subtitle_detail",
    "tagline",
    "tagline_detail",
    "description",
    "description_detail",
    "rights",
    "rights_detail",
    "copyright",
    "copyright_detail",
    "info",
    "info_detail",
    "link",
    "links",
    "id",
    "guid",
    "language",
    "author",
    "author_detail",
    "authors",
    "contributors",
    "publisher",
    "publisher_detail",
    "updated",
    "updated_parsed",
    "published",
    "published_parsed",
    "modified",
    "modified_parsed",
    "date",
    "date_parsed",
    "issued",
    "issued_parsed",
    "tags",
    "category",
    "generator",
    "generator_detail",
    "docs",
    "ttl",
    "image",
    "logo",
    "icon",
    "itunes_explicit",
    "itunes_block",
    "summary",
    "summary_detail",
    "content",
    "guidislink",
    "enclosures",
    "comments",
    "source",
    "media_thumbnail",
    "itunes_duration",
    "value",
    "type",
    "base",
    "href",
    "rel",
    "name",
    "email",
    "term",
    "scheme",
    "label",
    "url",
    "length",
    "src",
];

struct Case {
    expect: String,
    content_type: Option<String>,
    content_location: Option<String>,
    content_language: Option<String>,
    skip: bool,
}

fn header(text: &str) -> Option<Case> {
    let start = text.find("<!--")?;
    let end = start + text[start..].find("-->")?;
    let comment = &text[start + 4..end];
    let mut expect = None;
    let mut content_type = None;
    let mut content_location = None;
    let mut content_language = None;
    let mut skip = false;
    for line in comment.lines() {
        let line = line.trim();
        if let Some(e) = line.strip_prefix("Expect:") {
            expect = Some(e.trim().to_string());
        } else if let Some(h) = line.strip_prefix("Header:") {
            if let Some((k, v)) = h.split_once(':')
                && k.trim().eq_ignore_ascii_case("content-type")
            {
                content_type = Some(v.trim().to_string());
            } else if let Some((k, v)) = h.split_once(':')
                && k.trim().eq_ignore_ascii_case("content-location")
            {
                content_location = Some(v.trim().to_string());
            } else if let Some((k, v)) = h.split_once(':')
                && k.trim().eq_ignore_ascii_case("content-language")
            {
                content_language = Some(v.trim().to_string());
            }
        } else if line.starts_with("SkipUnless:") {
            skip = true;
        }
    }
    Some(Case {
        expect: expect?,
        content_type,
        content_location,
        content_language,
        skip,
    })
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    entries.sort();
    for p in entries {
        if p.is_dir() {
            files(&p, out);
        } else if p
            .extension()
            .is_some_and(|e| e == "xml" || e == "json" || e == "rdf" || e == "atom")
        {
            out.push(p);
        }
    }
}

#[derive(Default)]
struct Tally {
    files: usize,
    in_scope: usize,
    pass: usize,
    out: usize,
    errors: usize,
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let show_failures = args.iter().any(|a| a == "--failures");
    let paths: Vec<&String> = args.iter().filter(|a| !a.starts_with("--")).collect();
    let suite = PathBuf::from(
        paths
            .first()
            .map(|s| s.as_str())
            .unwrap_or("../shared/data/feeds/feedparser"),
    );
    let tests = suite.join("tests");
    if !tests.is_dir() {
        eprintln!(
            "feedparser suite not found at {} (skipping)",
            suite.display()
        );
        return;
    }
    let supported: HashSet<&'static str> = SUPPORTED.iter().copied().collect();
    let mut all = Vec::new();
    files(&tests, &mut all);
    let mut per: BTreeMap<String, Tally> = BTreeMap::new();
    let mut panics = 0;
    let mut oos_reasons: BTreeMap<String, usize> = BTreeMap::new();
    for p in &all {
        let rel = p.strip_prefix(&tests).unwrap_or(p);
        let folder = rel
            .parent()
            .map(|f| f.display().to_string())
            .unwrap_or_default();
        let bytes = std::fs::read(p).unwrap_or_default();
        let text = String::from_utf8_lossy(&bytes);
        let case = header(&text);
        let ct = case.as_ref().and_then(|c| c.content_type.clone());
        let lang = case.as_ref().and_then(|c| c.content_language.clone());
        // Files named http_* are served by feedparser's test server; its URL is their base,
        // and a Content-Location header (what crates/fetch passes on) overrides it.
        let served = format!("http://127.0.0.1:8097/tests/{}", rel.display());
        let name = rel
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        let base = case
            .as_ref()
            .and_then(|c| c.content_location.clone())
            .map(|l| attache_feed::resolve_url(&l, Some(&served)))
            .or_else(|| name.starts_with("http").then(|| served.clone()));
        let result = std::panic::catch_unwind(|| {
            attache_feed::parse_http(
                &bytes,
                &attache_feed::HttpContext {
                    content_type: ct.as_deref(),
                    base_url: base.as_deref(),
                    content_language: lang.as_deref(),
                },
            )
        });
        let t = per.entry(folder.clone()).or_default();
        t.files += 1;
        let Ok(result) = result else {
            panics += 1;
            eprintln!("PANIC {}", rel.display());
            continue;
        };
        let Some(case) = case else { continue };
        let folder_oos = OUT_OF_SCOPE.iter().any(|(f, _)| folder.starts_with(f));
        if case.skip {
            t.out += 1;
            continue;
        }
        let root = match &result {
            Ok(f) => to_feedparser(f),
            Err(_) => dict(vec![
                ("bozo", V::Bool(true)),
                ("encoding", s("")),
                ("version", s("")),
                ("feed", dict(vec![])),
                ("entries", V::List(vec![])),
            ]),
        };
        let env = Env {
            root: &root,
            supported: &supported,
        };
        match pyexpr::eval(&case.expect, &env) {
            Outcome::OutOfScope(why) => {
                t.out += 1;
                *oos_reasons.entry(why).or_default() += 1;
            }
            _ if folder_oos => t.out += 1,
            Outcome::Done(ok) => {
                t.in_scope += 1;
                if ok {
                    t.pass += 1;
                } else if show_failures {
                    println!("FAIL {}: {}", rel.display(), case.expect);
                }
            }
            Outcome::Error(e) => {
                t.in_scope += 1;
                t.errors += 1;
                if show_failures {
                    println!("FAIL {} ({e}): {}", rel.display(), case.expect);
                }
            }
        }
    }
    println!("\n| folder | files | in scope | hold | % | out of scope |");
    println!("|---|---:|---:|---:|---:|---:|");
    let (mut wf_in, mut wf_pass, mut tot_in, mut tot_pass) = (0, 0, 0, 0);
    for (folder, t) in &per {
        let pct = if t.in_scope > 0 {
            100.0 * t.pass as f64 / t.in_scope as f64
        } else {
            0.0
        };
        let oos = OUT_OF_SCOPE.iter().any(|(f, _)| folder.starts_with(f));
        println!(
            "| {folder}{} | {} | {} | {} | {:.1} | {} |",
            if oos { " (out of scope)" } else { "" },
            t.files,
            t.in_scope,
            t.pass,
            pct,
            t.out
        );
        if folder.starts_with("wellformed") {
            wf_in += t.in_scope;
            wf_pass += t.pass;
        }
        tot_in += t.in_scope;
        tot_pass += t.pass;
    }
    println!(
        "\nwell-formed, in scope: {wf_pass}/{wf_in} = {:.1}%",
        100.0 * wf_pass as f64 / wf_in.max(1) as f64
    );
    println!(
        "all folders, in scope: {tot_pass}/{tot_in} = {:.1}%",
        100.0 * tot_pass as f64 / tot_in.max(1) as f64
    );
    println!("files: {}, panics: {panics}", all.len());
    println!("\nfolders out of scope:");
    for (f, why) in OUT_OF_SCOPE {
        println!("- {f}: {why}");
    }
    if show_failures {
        println!("\nout-of-scope expressions by reason:");
        let mut r: Vec<_> = oos_reasons.into_iter().collect();
        r.sort_by_key(|x| std::cmp::Reverse(x.1));
        for (why, n) in r.iter().take(40) {
            println!("  {n:4} {why}");
        }
    }
    date_vectors(&suite.join("date-vectors.jsonl"));
    if let Some(fx) = paths.get(1) {
        fixtures(Path::new(fx.as_str()));
    }
}

fn date_vectors(path: &Path) {
    let Ok(text) = std::fs::read_to_string(path) else {
        return;
    };
    let (mut n, mut ok) = (0, 0);
    let mut misses = Vec::new();
    for line in text.lines() {
        let Ok(v) = serde_json::from_str::<serde_json::Value>(line) else {
            continue;
        };
        let input = v["input"].as_str().unwrap_or_default();
        let want: Option<Vec<i64>> = v["expected_time_struct_utc"]
            .as_array()
            .map(|a| a.iter().take(6).filter_map(|x| x.as_i64()).collect());
        let got: Option<Vec<i64>> = attache_feed::parse_date(input).map(|t| {
            let z = t.to_zoned(jiff::tz::TimeZone::UTC);
            vec![
                z.year() as i64,
                z.month() as i64,
                z.day() as i64,
                z.hour() as i64,
                z.minute() as i64,
                z.second() as i64,
            ]
        });
        n += 1;
        if got == want {
            ok += 1;
        } else {
            misses.push(format!("{input:?}: want {want:?} got {got:?}"));
        }
    }
    println!("\ndate vectors: {ok}/{n} hold");
    for m in misses {
        println!("  miss {m}");
    }
}

fn fixtures(dir: &Path) {
    let mut all = Vec::new();
    files(dir, &mut all);
    let (mut ok, mut items, mut panics) = (0, 0, 0);
    let mut errs = Vec::new();
    for p in &all {
        let bytes = std::fs::read(p).unwrap_or_default();
        match std::panic::catch_unwind(|| attache_feed::parse(&bytes, None, None)) {
            Ok(Ok(f)) => {
                ok += 1;
                items += f.items.len();
            }
            Ok(Err(e)) => errs.push(format!("{}: {e}", p.display())),
            Err(_) => panics += 1,
        }
    }
    println!(
        "\nfeed-rs fixtures: {} files, {ok} parsed ({items} items), {} refused, {panics} panics",
        all.len(),
        errs.len()
    );
    for e in errs {
        println!("  refused {e}");
    }
}
