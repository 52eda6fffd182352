//! Polling subscribed feeds: fetch what is due (conditionally), parse it, turn each new item into
//! a document through the [`Pipeline`], and save each feed's polling state.
//!
//! - Feeds are fetched together through a [`Transport`] (the [`BlockingFetcher`] keeps its
//!   per-host limits and politeness delay), with the stored validators (`If-None-Match`,
//!   `If-Modified-Since`). Local feeds (`file://` URLs) are read from disk; their modification
//!   time stands in for `Last-Modified`.
//! - 304 → status `not_modified`; 429/503 → the server's `Retry-After` sets the next poll;
//!   any error (network, HTTP status, unparsable feed) → `error_count` + 1, `last_error` set,
//!   exponential backoff; the other feeds go on. A chain of permanent redirects updates the
//!   stored URL.
//! - An item is new when [`Store::mark_feed_item`] says so (item identity comes from the parser
//!   and is stable), so no item is ever ingested twice. A new item's feed content becomes the
//!   document when it is long enough to be an article; otherwise its link is fetched as a page
//!   (robots.txt applies) and the page goes through the pipeline as HTML, with the item's
//!   title, link, date, author and the feed's title as hints. When the page cannot be fetched,
//!   whatever text the feed carries is used instead (with a warning), so no item is lost.
//! - The next poll time comes from [`attache_fetch::next_due`]: the feed's `ttl`, the server's
//!   freshness, how often the feed posts, backoff after errors.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use attache_feed::{FeedError, ParsedFeed};
use attache_fetch::{
    BlockingFetcher, FetchError, FetchOutcome, FetchRequest, Fetched, LastPoll, PollPolicy,
    PollState, ResponseMeta, Validators,
};
use attache_model::{DatePrecision, Feed, FeedItem, FeedStatus};
use attache_store::{Store, StoreError};
use jiff::Timestamp;
use serde::Serialize;

use crate::{Hints, InputKind, ItemReport, Observer, Pipeline, RawInput};

/// How the network is reached (the [`BlockingFetcher`] in the CLI, a fake in tests).
pub trait Transport {
    /// Perform the requests (concurrently where the transport can), results in request order.
    fn fetch_many(&self, requests: Vec<FetchRequest>) -> Vec<Result<FetchOutcome, FetchError>>;
}

impl Transport for BlockingFetcher {
    fn fetch_many(&self, requests: Vec<FetchRequest>) -> Vec<Result<FetchOutcome, FetchError>> {
        BlockingFetcher::fetch_many(self, requests)
    }
}

/// Settings of a poll.
#[derive(Debug, Clone)]
pub struct PollOptions {
    pub policy: PollPolicy,
    /// Poll every feed now, due or not.
    pub all: bool,
    /// Feed content with at least this many characters of text is taken as the article;
    /// shorter content is a summary, and the item's link is fetched instead (default 800).
    pub min_article_chars: usize,
    /// Fetch the article page of summary-only items (default true).
    pub fetch_pages: bool,
}

impl Default for PollOptions {
    fn default() -> Self {
        PollOptions {
            policy: PollPolicy::default(),
            all: false,
            min_article_chars: 800,
            fetch_pages: true,
        }
    }
}

/// How one feed's poll ended.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "outcome", rename_all = "snake_case")]
pub enum FeedOutcome {
    Fetched,
    NotModified,
    /// 429/503: the server asked to come back later.
    RetryLater {
        retry_after_secs: Option<u64>,
    },
    Failed {
        message: String,
    },
}

/// What happened to one feed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FeedReport {
    pub feed_id: i64,
    pub url: String,
    #[serde(flatten)]
    pub outcome: FeedOutcome,
    /// Items seen for the first time.
    pub new_items: u64,
    /// Documents stored from them.
    pub added: u64,
    /// New items whose content was already stored.
    pub duplicates: u64,
    /// New items that could not become a document.
    pub item_failures: u64,
    /// The new URL after a permanent redirect.
    pub moved_to: Option<String>,
    pub next_due: Option<Timestamp>,
}

/// Counts of one poll run.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PollSummary {
    pub polled: u64,
    pub fetched: u64,
    pub not_modified: u64,
    pub retry_later: u64,
    pub failed: u64,
    pub new_items: u64,
    pub added: u64,
    pub duplicates: u64,
    pub item_failures: u64,
    pub feeds: Vec<FeedReport>,
    #[serde(skip)]
    pub elapsed: Duration,
}

impl PollSummary {
    /// "polled 3 feeds: 1 fetched, 1 not modified, 0 deferred, 1 failed; 4 new items, added 4
    /// documents, 0 duplicates, 0 item failures in 1.20 s"
    pub fn line(&self) -> String {
        let plural =
            |n: u64, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        format!(
            "polled {}: {} fetched, {} not modified, {} deferred (429/503), {} failed; {}, added {}, {}, {} in {:.2} s",
            plural(self.polled, "feed", "feeds"),
            self.fetched,
            self.not_modified,
            self.retry_later,
            self.failed,
            plural(self.new_items, "new item", "new items"),
            plural(self.added, "document", "documents"),
            plural(self.duplicates, "duplicate", "duplicates"),
            plural(self.item_failures, "item failure", "item failures"),
            self.elapsed.as_secs_f64()
        )
    }
}

/// Why a feed could not be read (stored as the feed's `last_error`, one line).
#[derive(Debug, thiserror::Error)]
pub enum PollError {
    #[error("{0}")]
    Fetch(#[from] FetchError),
    #[error("{url}: {source}")]
    Parse { url: String, source: FeedError },
    #[error("{path}: {detail}")]
    Local { path: String, detail: String },
}

/// The local path of a `file://` feed URL, `None` for any other URL.
pub fn local_path(url: &str) -> Option<PathBuf> {
    let u = url::Url::parse(url).ok()?;
    if u.scheme() != "file" {
        return None;
    }
    u.to_file_path().ok()
}

/// Check a feed address given by a user: an http(s) URL, or an existing local file (returned
/// as a `file://` URL). The error names the problem.
pub fn normalize_feed_address(address: &str) -> Result<String, String> {
    let address = address.trim();
    if address.is_empty() {
        return Err("empty feed address".into());
    }
    let lower = address.to_ascii_lowercase();
    if lower.starts_with("http://") || lower.starts_with("https://") {
        let u = url::Url::parse(address).map_err(|e| format!("{address}: invalid URL: {e}"))?;
        if u.host_str().is_none_or(str::is_empty) {
            return Err(format!("{address}: invalid URL: no host"));
        }
        return Ok(u.to_string());
    }
    if lower.starts_with("file://") {
        let path =
            local_path(address).ok_or_else(|| format!("{address}: not a usable file:// URL"))?;
        return file_url(&path);
    }
    if let Some((scheme, _)) = address.split_once("://") {
        return Err(format!(
            "{address}: unsupported URL scheme `{scheme}` (only http, https and local files)"
        ));
    }
    file_url(Path::new(address))
}

fn file_url(path: &Path) -> Result<String, String> {
    let shown = path.display().to_string();
    let abs = std::fs::canonicalize(path).map_err(|e| format!("{shown}: {e}"))?;
    if !abs.is_file() {
        return Err(format!("{shown}: not a file"));
    }
    url::Url::from_file_path(&abs)
        .map(|u| u.to_string())
        .map_err(|_| format!("{shown}: cannot be written as a file:// URL"))
}

/// Whether `feed` is due at `now`.
pub fn is_due(feed: &Feed, now: Timestamp) -> bool {
    feed.next_due.is_none_or(|d| d <= now)
}

/// The earliest time any feed is due (`None` without feeds).
pub fn next_wake(feeds: &[Feed]) -> Option<Timestamp> {
    feeds
        .iter()
        .map(|f| f.next_due.unwrap_or(Timestamp::UNIX_EPOCH))
        .min()
}

/// Read a local feed file; its modification time stands in for `Last-Modified`.
fn read_local(url: &str, path: &Path, validators: &Validators) -> Result<FetchOutcome, PollError> {
    let local = |detail: String| PollError::Local {
        path: path.display().to_string(),
        detail,
    };
    let meta = std::fs::metadata(path).map_err(|e| local(e.to_string()))?;
    if !meta.is_file() {
        return Err(local("not a file".into()));
    }
    if meta.len() > attache_feed::MAX_FEED_BYTES as u64 {
        return Err(local(format!(
            "{} bytes is over the {}-byte feed limit",
            meta.len(),
            attache_feed::MAX_FEED_BYTES
        )));
    }
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| Timestamp::try_from(t).ok())
        .map(|t| t.to_string());
    let response = |status| ResponseMeta {
        url: url.to_string(),
        final_url: url.to_string(),
        permanent_redirect: None,
        status,
        validators: Validators::new(None, mtime.clone()),
        freshness: None,
    };
    if mtime.is_some() && validators.last_modified == mtime {
        return Ok(FetchOutcome::NotModified(response(304)));
    }
    let body = std::fs::read(path).map_err(|e| local(e.to_string()))?;
    Ok(FetchOutcome::Fetched(Fetched {
        meta: response(200),
        content_type: None,
        content_language: None,
        wire_bytes: body.len() as u64,
        body,
    }))
}

/// Fetch a feed or read a local one, and parse it when a body came back.
pub fn fetch_and_parse(
    transport: &dyn Transport,
    url: &str,
    validators: &Validators,
    allow_private: bool,
) -> Result<(FetchOutcome, Option<ParsedFeed>), PollError> {
    let outcome = fetch_feeds(
        transport,
        &[(url.to_string(), validators.clone(), allow_private)],
    )
    .pop()
    .unwrap_or_else(|| {
        Err(PollError::Fetch(FetchError::Runtime(
            "no result from the transport".into(),
        )))
    })?;
    let parsed = parse_outcome(&outcome)?;
    Ok((outcome, parsed))
}

fn parse_outcome(outcome: &FetchOutcome) -> Result<Option<ParsedFeed>, PollError> {
    match outcome {
        FetchOutcome::Fetched(f) => {
            let base = f.meta.final_url.as_str();
            attache_feed::parse_http(&f.body, &http_context(f, base))
                .map(Some)
                .map_err(|source| PollError::Parse {
                    url: base.to_string(),
                    source,
                })
        }
        _ => Ok(None),
    }
}

/// What the response says about how to read the feed.
fn http_context<'a>(f: &'a Fetched, base: &'a str) -> attache_feed::HttpContext<'a> {
    attache_feed::HttpContext {
        content_type: f.content_type.as_deref(),
        base_url: Some(base),
        content_language: f.content_language.as_deref(),
    }
}

/// Fetch feeds (remote ones together), results in order.
fn fetch_feeds(
    transport: &dyn Transport,
    feeds: &[(String, Validators, bool)],
) -> Vec<Result<FetchOutcome, PollError>> {
    let mut results: Vec<Option<Result<FetchOutcome, PollError>>> =
        feeds.iter().map(|_| None).collect();
    let mut remote = Vec::new();
    let mut requests = Vec::new();
    for (i, (url, validators, allow_private)) in feeds.iter().enumerate() {
        if let Some(path) = local_path(url) {
            results[i] = Some(read_local(url, &path, validators));
        } else {
            remote.push(i);
            requests.push(
                FetchRequest::feed(url.clone())
                    .with_validators(validators.clone())
                    .allow_private(*allow_private),
            );
        }
    }
    let n = requests.len();
    let mut fetched = transport.fetch_many(requests).into_iter();
    for i in remote {
        let r = fetched.next().unwrap_or_else(|| {
            Err(FetchError::Runtime(format!(
                "the transport returned fewer than {n} results"
            )))
        });
        results[i] = Some(r.map_err(PollError::from));
    }
    results
        .into_iter()
        .map(|r| {
            r.unwrap_or_else(|| {
                Err(PollError::Fetch(FetchError::Runtime(
                    "feed not fetched".into(),
                )))
            })
        })
        .collect()
}

/// Poll every due feed (every feed with [`PollOptions::all`]) once.
///
/// Per-feed problems are recorded on the feed and in the summary; only a store failure ends
/// the run early (with what was done so far saved).
pub fn poll<S: Store + ?Sized>(
    store: &mut S,
    transport: &dyn Transport,
    pipeline: &mut Pipeline,
    options: &PollOptions,
    observer: &mut dyn Observer,
) -> Result<PollSummary, StoreError> {
    let started = Instant::now();
    let now = Timestamp::now();
    let all_feeds = store.feeds()?;
    let due: Vec<Feed> = all_feeds
        .iter()
        .filter(|f| options.all || is_due(f, now))
        .cloned()
        .collect();
    let requests: Vec<(String, Validators, bool)> = due
        .iter()
        .map(|f| {
            (
                f.url.clone(),
                Validators::new(f.etag.clone(), f.last_modified.clone()),
                f.allow_private,
            )
        })
        .collect();
    let outcomes = fetch_feeds(transport, &requests);
    let mut summary = PollSummary::default();
    let known_urls: Vec<String> = all_feeds.iter().map(|f| f.url.clone()).collect();
    for (feed, outcome) in due.into_iter().zip(outcomes) {
        let report = poll_one(
            store,
            transport,
            pipeline,
            options,
            observer,
            feed,
            outcome,
            &known_urls,
        )?;
        summary.polled += 1;
        match &report.outcome {
            FeedOutcome::Fetched => summary.fetched += 1,
            FeedOutcome::NotModified => summary.not_modified += 1,
            FeedOutcome::RetryLater { .. } => summary.retry_later += 1,
            FeedOutcome::Failed { .. } => summary.failed += 1,
        }
        summary.new_items += report.new_items;
        summary.added += report.added;
        summary.duplicates += report.duplicates;
        summary.item_failures += report.item_failures;
        summary.feeds.push(report);
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// A feed fetch, parsed.
enum Polled {
    Fetched(ResponseMeta, Box<ParsedFeed>),
    NotModified(ResponseMeta),
    RetryLater(attache_fetch::RetryLater),
}

#[allow(clippy::too_many_arguments)]
fn poll_one<S: Store + ?Sized>(
    store: &mut S,
    transport: &dyn Transport,
    pipeline: &mut Pipeline,
    options: &PollOptions,
    observer: &mut dyn Observer,
    mut feed: Feed,
    outcome: Result<FetchOutcome, PollError>,
    known_urls: &[String],
) -> Result<FeedReport, StoreError> {
    let now = Timestamp::now();
    let policy = &options.policy;
    let mut report = FeedReport {
        feed_id: feed.id,
        url: feed.url.clone(),
        outcome: FeedOutcome::Fetched,
        new_items: 0,
        added: 0,
        duplicates: 0,
        item_failures: 0,
        moved_to: None,
        next_due: None,
    };
    feed.last_fetched = Some(now);
    let outcome = outcome.and_then(|o| match o {
        FetchOutcome::Fetched(f) => {
            let base = f.meta.final_url.clone();
            attache_feed::parse_http(&f.body, &http_context(&f, &base))
                .map(|p| Polled::Fetched(f.meta, Box::new(p)))
                .map_err(|source| PollError::Parse { url: base, source })
        }
        FetchOutcome::NotModified(meta) => Ok(Polled::NotModified(meta)),
        FetchOutcome::RetryLater(r) => Ok(Polled::RetryLater(r)),
    });
    let fail = |feed: &mut Feed, message: String, last: LastPoll| {
        feed.status = FeedStatus::Error;
        feed.error_count = feed.error_count.saturating_add(1);
        feed.last_error = Some(message.replace('\n', " "));
        let mut state = PollState::new(last);
        state.consecutive_errors = feed.error_count;
        feed.next_due = Some(due_at(now, &state, policy));
    };
    match outcome {
        Err(e) => {
            let message = e.to_string();
            fail(&mut feed, message.clone(), LastPoll::Failed);
            report.outcome = FeedOutcome::Failed { message };
        }
        Ok(Polled::RetryLater(r)) => {
            let wait = r
                .retry_after
                .map(|d| format!(", retry after {} s", d.as_secs()))
                .unwrap_or_default();
            fail(
                &mut feed,
                format!("{}: HTTP status {}{wait}", r.meta.final_url, r.meta.status),
                LastPoll::RetryLater {
                    retry_after: r.retry_after,
                },
            );
            report.outcome = FeedOutcome::RetryLater {
                retry_after_secs: r.retry_after.map(|d| d.as_secs()),
            };
        }
        Ok(Polled::NotModified(meta)) => {
            succeed(&mut feed, &meta, known_urls, &mut report);
            feed.status = FeedStatus::NotModified;
            let mut state = PollState::new(LastPoll::NotModified);
            state.freshness = meta.freshness;
            feed.next_due = Some(due_at(now, &state, policy));
            report.outcome = FeedOutcome::NotModified;
        }
        Ok(Polled::Fetched(meta, parsed)) => {
            succeed(&mut feed, &meta, known_urls, &mut report);
            feed.status = FeedStatus::Ok;
            if feed.title.is_none() {
                feed.title = parsed.title.clone();
            }
            if feed.site_url.is_none() {
                feed.site_url = parsed.site_url.clone();
            }
            let dates: Vec<Timestamp> = parsed
                .items
                .iter()
                .filter_map(|i| i.published.or(i.updated))
                .collect();
            let mut state = PollState::new(LastPoll::Fetched);
            state.freshness = meta.freshness;
            state.ttl = parsed
                .ttl
                .map(|minutes| Duration::from_secs(u64::from(minutes) * 60));
            state.item_interval = attache_fetch::item_interval(&dates, now);
            feed.next_due = Some(due_at(now, &state, policy));
            ingest_items(
                store,
                transport,
                pipeline,
                options,
                observer,
                &mut feed,
                &parsed,
                &mut report,
            )?;
        }
    }
    report.next_due = feed.next_due;
    store.update_feed(&feed)?;
    Ok(report)
}

/// [`attache_fetch::next_due`] rounded up to the whole second (the store keeps seconds), so a
/// server's `Retry-After` is never cut short.
fn due_at(now: Timestamp, state: &PollState, policy: &PollPolicy) -> Timestamp {
    let t = attache_fetch::next_due(now, state, policy);
    if t.subsec_nanosecond() == 0 {
        return t;
    }
    Timestamp::new(t.as_second().saturating_add(1), 0).unwrap_or(t)
}

/// Bookkeeping shared by 200 and 304: validators, error state, permanent redirects.
fn succeed(feed: &mut Feed, meta: &ResponseMeta, known_urls: &[String], report: &mut FeedReport) {
    feed.etag = meta.validators.etag.clone();
    feed.last_modified = meta.validators.last_modified.clone();
    feed.error_count = 0;
    feed.last_error = None;
    if let Some(moved) = &meta.permanent_redirect
        && *moved != feed.url
    {
        if known_urls.iter().any(|u| u == moved) {
            tracing::warn!(
                "{}: permanently redirected to {moved}, which is already subscribed; keeping the old URL",
                feed.url
            );
        } else {
            feed.url = moved.clone();
            report.moved_to = Some(moved.clone());
        }
    }
}

/// Characters of visible text in an HTML fragment (tags skipped, entities counted as one).
fn text_chars(html: &str) -> usize {
    let mut n = 0;
    let mut in_tag = false;
    let mut in_entity = false;
    let mut space = true;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag => {}
            '&' => {
                in_entity = true;
                n += 1;
                space = false;
            }
            ';' if in_entity => in_entity = false,
            _ if in_entity && (c.is_ascii_alphanumeric() || c == '#') => {}
            c if c.is_whitespace() => {
                in_entity = false;
                if !space {
                    n += 1;
                    space = true;
                }
            }
            _ => {
                in_entity = false;
                n += 1;
                space = false;
            }
        }
    }
    n
}

fn escape_html(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The item's feed text (content, else summary) as an HTML page, when it has any text.
fn feed_text_page(item: &FeedItem) -> Option<(String, usize)> {
    let best = [item.content.as_deref(), item.summary.as_deref()]
        .into_iter()
        .flatten()
        .map(|s| (s, text_chars(s)))
        .max_by_key(|(_, n)| *n)?;
    if best.1 == 0 {
        return None;
    }
    let title = item.title.as_deref().unwrap_or_default();
    Some((
        format!(
            "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{}</title></head><body><article>{}</article></body></html>",
            escape_html(title),
            best.0
        ),
        best.1,
    ))
}

fn item_hints(
    item: &FeedItem,
    source: &ItemSource<'_>,
    parsed: &ParsedFeed,
    now: Timestamp,
) -> Hints {
    let published = item.published.or(item.updated);
    Hints {
        url: item.link.clone(),
        title: item.title.clone().filter(|t| !t.trim().is_empty()),
        byline: item.author.clone(),
        published,
        published_precision: published.map(|_| DatePrecision::Day),
        site_name: source.site_name.clone(),
        language: parsed.language.clone(),
        fetched: Some(now),
        ..Hints::default()
    }
}

/// Forwards reports and remembers which document each origin became.
struct Track<'a> {
    inner: &'a mut dyn Observer,
    ids: HashMap<String, String>,
    added: u64,
    duplicates: u64,
    failed: u64,
}

impl Observer for Track<'_> {
    fn progress(&mut self, bytes: u64) {
        self.inner.progress(bytes);
    }

    fn report(&mut self, report: &ItemReport) {
        match report {
            ItemReport::Added { origin, id, .. } => {
                self.added += 1;
                self.ids.insert(origin.clone(), id.clone());
            }
            ItemReport::Duplicate { origin, id } => {
                self.duplicates += 1;
                self.ids.insert(origin.clone(), id.clone());
            }
            ItemReport::Failed { .. } => self.failed += 1,
            ItemReport::Warning { .. } => {}
        }
        self.inner.report(report);
    }
}

#[allow(clippy::too_many_arguments)]
fn ingest_items<S: Store + ?Sized>(
    store: &mut S,
    transport: &dyn Transport,
    pipeline: &mut Pipeline,
    options: &PollOptions,
    observer: &mut dyn Observer,
    feed: &mut Feed,
    parsed: &ParsedFeed,
    report: &mut FeedReport,
) -> Result<(), StoreError> {
    // Oldest first (by date, else feed order reversed), so documents are stored in
    // publication order.
    let mut fresh: Vec<&FeedItem> = Vec::new();
    for item in parsed.items.iter().rev() {
        if store.mark_feed_item(feed.id, &item.id, None)? {
            fresh.push(item);
        }
    }
    fresh.sort_by_key(|i| i.published.or(i.updated));
    report.new_items = fresh.len() as u64;
    feed.items = feed.items.saturating_add(fresh.len() as u64);
    if fresh.is_empty() {
        return Ok(());
    }
    let source = ItemSource {
        feed_url: &feed.url,
        site_name: parsed.title.clone().or_else(|| feed.title.clone()),
        allow_private: feed.allow_private,
    };
    let ingested = ingest_feed_items(
        store, transport, pipeline, options, observer, &source, parsed, &fresh,
    )?;
    report.added += ingested.added;
    report.duplicates += ingested.duplicates;
    report.item_failures += ingested.failed;
    for (item_id, doc_id) in &ingested.documents {
        store.mark_feed_item(feed.id, item_id, Some(doc_id))?;
    }
    Ok(())
}

/// Where feed items come from, for their hints and page fetches.
#[derive(Debug, Clone)]
pub struct ItemSource<'a> {
    /// The feed's address (names items without a link).
    pub feed_url: &'a str,
    /// The outlet the items are credited to (the feed's title).
    pub site_name: Option<String>,
    /// Whether article pages may be fetched from private addresses.
    pub allow_private: bool,
}

/// What became of a set of feed items.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ItemsIngested {
    pub added: u64,
    pub duplicates: u64,
    pub failed: u64,
    pub warnings: u64,
    /// Copy links recorded by the run (see [`crate::Summary::copies`]).
    pub copies: u64,
    /// Story clusters stored after the run, when it recorded copy links.
    pub stories: Option<u64>,
    /// (item id, document id) for every item that is stored (added now or before).
    pub documents: Vec<(String, String)>,
}

impl ItemsIngested {
    /// The counts as a run summary (`elapsed` left zero).
    pub fn summary(&self) -> crate::Summary {
        crate::Summary {
            added: self.added,
            duplicates: self.duplicates,
            failed: self.failed,
            warnings: self.warnings,
            copies: self.copies,
            stories: self.stories,
            ..crate::Summary::default()
        }
    }
}

/// Every item of a parsed feed through the pipeline, oldest first, without any subscription:
/// `attache add FEED` and the demo. Items already stored come back as duplicates.
pub fn ingest_feed<S: Store + ?Sized>(
    store: &mut S,
    transport: &dyn Transport,
    pipeline: &mut Pipeline,
    options: &PollOptions,
    observer: &mut dyn Observer,
    source: &ItemSource<'_>,
    parsed: &ParsedFeed,
) -> Result<ItemsIngested, StoreError> {
    let mut items: Vec<&FeedItem> = parsed.items.iter().rev().collect();
    items.sort_by_key(|i| i.published.or(i.updated));
    ingest_feed_items(
        store, transport, pipeline, options, observer, source, parsed, &items,
    )
}

/// Turn `items` into documents: the feed's text when it is long enough to be the article,
/// else the article page behind the item's link (the feed's text when that fails).
#[allow(clippy::too_many_arguments)]
fn ingest_feed_items<S: Store + ?Sized>(
    store: &mut S,
    transport: &dyn Transport,
    pipeline: &mut Pipeline,
    options: &PollOptions,
    observer: &mut dyn Observer,
    source: &ItemSource<'_>,
    parsed: &ParsedFeed,
    items: &[&FeedItem],
) -> Result<ItemsIngested, StoreError> {
    let now = Timestamp::now();
    let mut done = ItemsIngested::default();
    if items.is_empty() {
        return Ok(done);
    }

    // Which items need their page fetched.
    let mut pages: Vec<(usize, FetchRequest)> = Vec::new();
    let texts: Vec<Option<(String, usize)>> = items.iter().map(|i| feed_text_page(i)).collect();
    for (k, item) in items.iter().enumerate() {
        let long_enough = texts[k]
            .as_ref()
            .is_some_and(|(_, n)| *n >= options.min_article_chars);
        if let Some(link) = &item.link
            && !long_enough
            && options.fetch_pages
            && (link.starts_with("http://") || link.starts_with("https://"))
        {
            pages.push((
                k,
                FetchRequest::page(link.clone()).allow_private(source.allow_private),
            ));
        }
    }
    let (page_index, page_requests): (Vec<usize>, Vec<FetchRequest>) = pages.into_iter().unzip();
    let mut page_results: HashMap<usize, Result<FetchOutcome, FetchError>> =
        if page_requests.is_empty() {
            HashMap::new()
        } else {
            page_index
                .into_iter()
                .zip(transport.fetch_many(page_requests))
                .collect()
        };

    let mut inputs: Vec<RawInput> = Vec::new();
    let mut origins: Vec<(String, &FeedItem)> = Vec::new();
    let mut used = std::collections::HashSet::new();
    for (k, item) in items.iter().enumerate() {
        let base = item
            .link
            .clone()
            .unwrap_or_else(|| format!("{}#{}", source.feed_url, item.id));
        let mut origin = base.clone();
        let mut n = 1;
        while !used.insert(origin.clone()) {
            n += 1;
            origin = format!("{base} (#{n})");
        }
        let hints = item_hints(item, source, parsed, now);
        let page = match page_results.remove(&k) {
            Some(Ok(FetchOutcome::Fetched(f))) => Some(Ok(f)),
            Some(Ok(other)) => Some(Err(format!(
                "{}: HTTP status {}",
                other.meta().final_url,
                other.meta().status
            ))),
            Some(Err(e)) => Some(Err(e.to_string())),
            None => None,
        };
        let input = match (page, &texts[k]) {
            (Some(Ok(f)), _) => RawInput {
                origin: origin.clone(),
                kind: InputKind::Html,
                bytes: f.body,
                content_type: f.content_type,
                hints,
            },
            (Some(Err(message)), Some((html, _))) => {
                done.warnings += 1;
                observer.report(&ItemReport::Warning {
                    origin: origin.clone(),
                    message: format!("article page not fetched ({message}); using the feed's text"),
                });
                feed_input(&origin, html, hints)
            }
            (Some(Err(message)), None) => {
                done.failed += 1;
                observer.report(&ItemReport::Failed {
                    origin: origin.clone(),
                    message: format!(
                        "article page not fetched and the feed has no text: {message}"
                    ),
                });
                continue;
            }
            (None, Some((html, _))) => feed_input(&origin, html, hints),
            (None, None) => {
                done.failed += 1;
                observer.report(&ItemReport::Failed {
                    origin: origin.clone(),
                    message: "the item has no text and no link to fetch".into(),
                });
                continue;
            }
        };
        origins.push((origin, *item));
        inputs.push(input);
    }

    let mut track = Track {
        inner: observer,
        ids: HashMap::new(),
        added: 0,
        duplicates: 0,
        failed: 0,
    };
    let summary = pipeline.run(store, inputs.into_iter().map(Ok), &mut track)?;
    done.copies = summary.copies;
    done.stories = summary.stories;
    done.warnings += summary.warnings;
    done.added += track.added;
    done.duplicates += track.duplicates;
    done.failed += track.failed;
    for (origin, item) in origins {
        if let Some(id) = track.ids.get(&origin) {
            done.documents.push((item.id.clone(), id.clone()));
        }
    }
    Ok(done)
}

fn feed_input(origin: &str, html: &str, hints: Hints) -> RawInput {
    RawInput {
        origin: origin.to_string(),
        kind: InputKind::Html,
        bytes: html.as_bytes().to_vec(),
        content_type: Some("text/html; charset=utf-8".into()),
        hints,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::basic::BasicExtractor;
    use crate::{Collect, PassThroughAnnotator, PassThroughDeduper};
    use attache_fetch::{RetryLater, Target};
    use attache_store::SqliteStore;
    use std::cell::RefCell;

    type Handler = dyn Fn(&FetchRequest) -> Result<FetchOutcome, FetchError>;

    struct Fake {
        handler: RefCell<Box<Handler>>,
        log: RefCell<Vec<FetchRequest>>,
    }

    impl Fake {
        fn new(h: impl Fn(&FetchRequest) -> Result<FetchOutcome, FetchError> + 'static) -> Self {
            Fake {
                handler: RefCell::new(Box::new(h)),
                log: RefCell::new(Vec::new()),
            }
        }

        fn set(&self, h: impl Fn(&FetchRequest) -> Result<FetchOutcome, FetchError> + 'static) {
            *self.handler.borrow_mut() = Box::new(h);
        }
    }

    impl Transport for Fake {
        fn fetch_many(&self, requests: Vec<FetchRequest>) -> Vec<Result<FetchOutcome, FetchError>> {
            requests
                .into_iter()
                .map(|r| {
                    self.log.borrow_mut().push(r.clone());
                    (self.handler.borrow())(&r)
                })
                .collect()
        }
    }

    fn meta(url: &str, status: u16, etag: Option<&str>) -> ResponseMeta {
        ResponseMeta {
            url: url.into(),
            final_url: url.into(),
            permanent_redirect: None,
            status,
            validators: Validators::new(etag.map(str::to_string), None),
            freshness: None,
        }
    }

    fn ok(url: &str, etag: &str, body: &str) -> Result<FetchOutcome, FetchError> {
        Ok(FetchOutcome::Fetched(Fetched {
            meta: meta(url, 200, Some(etag)),
            content_type: Some("text/html; charset=utf-8".into()),
            content_language: None,
            body: body.as_bytes().to_vec(),
            wire_bytes: body.len() as u64,
        }))
    }

    const FEED: &str = "https://wire.example/rss";

    fn rss(items: &[(&str, &str, bool)]) -> String {
        let mut s = String::from(
            "<rss version=\"2.0\"><channel><title>Wire</title><link>https://wire.example/</link>",
        );
        for (guid, title, full) in items {
            let body = if *full {
                "Officials met to discuss energy and trade. ".repeat(30)
            } else {
                "Short summary.".to_string()
            };
            s.push_str(&format!(
                "<item><guid>{guid}</guid><title>{title}</title><link>https://wire.example/{guid}</link>\
                 <pubDate>Fri, 21 Nov 2025 08:00:00 GMT</pubDate><description>{body}</description></item>"
            ));
        }
        s + "</channel></rss>"
    }

    fn pipeline() -> Pipeline {
        Pipeline::new(
            Box::new(BasicExtractor),
            Box::new(PassThroughDeduper),
            Box::new(PassThroughAnnotator),
        )
    }

    fn run(store: &mut SqliteStore, t: &Fake, all: bool) -> (PollSummary, Vec<ItemReport>) {
        let mut obs = Collect::default();
        let options = PollOptions {
            all,
            ..PollOptions::default()
        };
        let s = poll(store, t, &mut pipeline(), &options, &mut obs).unwrap();
        (s, obs.0)
    }

    #[test]
    fn states_validators_and_items_once() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store.add_feed(&Feed::new(FEED)).unwrap();
        let body = rss(&[("a", "Alpha talks", true), ("b", "Beta talks", false)]);
        let t = Fake::new(move |r| match r.target {
            Target::Feed => ok(&r.url, "\"1\"", &body),
            _ => ok(
                &r.url,
                "\"p\"",
                "<html><head><title>Beta page</title></head><body><p>Beta full article text.</p></body></html>",
            ),
        });
        let (s, _) = run(&mut store, &t, false);
        assert_eq!((s.polled, s.fetched, s.new_items, s.added), (1, 1, 2, 2));
        // Only the summary-only item had its page fetched.
        let pages: Vec<String> = t
            .log
            .borrow()
            .iter()
            .filter(|r| r.target == Target::Page)
            .map(|r| r.url.clone())
            .collect();
        assert_eq!(pages, ["https://wire.example/b"]);
        let f = &store.feeds().unwrap()[0];
        assert_eq!(f.status, FeedStatus::Ok);
        assert_eq!(f.etag.as_deref(), Some("\"1\""));
        assert_eq!(f.title.as_deref(), Some("Wire"));
        assert_eq!(f.items, 2);
        assert!(f.next_due.unwrap() > Timestamp::now());

        // Not due: nothing fetched.
        let n = t.log.borrow().len();
        let (s, _) = run(&mut store, &t, false);
        assert_eq!(s.polled, 0);
        assert_eq!(t.log.borrow().len(), n);

        // Forced: validators sent, 304.
        t.set(|r| {
            assert_eq!(r.validators.etag.as_deref(), Some("\"1\""));
            Ok(FetchOutcome::NotModified(meta(&r.url, 304, Some("\"1\""))))
        });
        let (s, _) = run(&mut store, &t, true);
        assert_eq!((s.not_modified, s.new_items), (1, 0));
        assert_eq!(store.feeds().unwrap()[0].status, FeedStatus::NotModified);

        // Same items again in full: nothing new.
        let body = rss(&[("a", "Alpha talks", true), ("b", "Beta talks", false)]);
        t.set(move |r| ok(&r.url, "\"2\"", &body));
        let (s, _) = run(&mut store, &t, true);
        assert_eq!((s.fetched, s.new_items, s.added), (1, 0, 0));
        assert_eq!(store.stats().unwrap().documents, 2);

        // 429 then an error: counted, backed off, last error kept.
        t.set(|r| {
            Ok(FetchOutcome::RetryLater(RetryLater {
                meta: meta(&r.url, 429, None),
                retry_after: Some(Duration::from_secs(7200)),
            }))
        });
        let before = Timestamp::now();
        let (s, _) = run(&mut store, &t, true);
        assert_eq!(s.retry_later, 1);
        let f = &store.feeds().unwrap()[0];
        assert_eq!((f.status, f.error_count), (FeedStatus::Error, 1));
        assert!(f.next_due.unwrap() >= before + jiff::SignedDuration::from_secs(7200));
        assert_eq!(f.etag.as_deref(), Some("\"2\""), "validators kept on 429");
        t.set(|r| {
            Err(FetchError::Status {
                url: r.url.clone(),
                status: 500,
                reason: None,
            })
        });
        let (s, _) = run(&mut store, &t, true);
        assert_eq!(s.failed, 1);
        let f = &store.feeds().unwrap()[0];
        assert_eq!(f.error_count, 2);
        assert!(f.last_error.as_deref().unwrap().contains("500"));
    }

    #[test]
    fn page_failure_falls_back_to_feed_text_and_broken_feed_is_isolated() {
        let mut store = SqliteStore::open_in_memory().unwrap();
        store
            .add_feed(&Feed::new("https://bad.example/rss"))
            .unwrap();
        store.add_feed(&Feed::new(FEED)).unwrap();
        let body = rss(&[("c", "Gamma talks", false)]);
        let t = Fake::new(move |r| match (r.target, r.url.as_str()) {
            (Target::Feed, "https://bad.example/rss") => ok(&r.url, "\"x\"", "<html>no</html>"),
            (Target::Feed, _) => ok(&r.url, "\"1\"", &body),
            _ => Err(FetchError::RobotsDisallowed {
                url: r.url.clone(),
                detail: None,
            }),
        });
        let (s, reports) = run(&mut store, &t, false);
        assert_eq!((s.polled, s.failed, s.fetched, s.added), (2, 1, 1, 1));
        assert!(reports.iter().any(|r| matches!(r,
            ItemReport::Warning { message, .. } if message.contains("robots.txt"))));
        let feeds = store.feeds().unwrap();
        assert_eq!(feeds[0].status, FeedStatus::Error);
        assert!(feeds[0].etag.is_none());
        assert!(
            feeds[0]
                .last_error
                .as_deref()
                .unwrap()
                .contains("not a feed")
        );
        assert_eq!(feeds[1].status, FeedStatus::Ok);
    }

    #[test]
    fn addresses_and_text_length() {
        assert_eq!(
            normalize_feed_address("https://Example.org/feed").unwrap(),
            "https://example.org/feed"
        );
        assert!(normalize_feed_address("ftp://x.example/feed").is_err());
        assert!(normalize_feed_address("/no/such/file.xml").is_err());
        assert!(normalize_feed_address("http://").is_err());
        let dir = tempfile::tempdir().unwrap();
        let f = dir.path().join("f.xml");
        std::fs::write(&f, "<rss/>").unwrap();
        let url = normalize_feed_address(f.to_str().unwrap()).unwrap();
        assert!(url.starts_with("file:///"), "{url}");
        assert_eq!(
            local_path(&url).unwrap(),
            std::fs::canonicalize(&f).unwrap()
        );
        assert_eq!(text_chars("<p>Hello &amp;  <b>world</b></p>"), 13);
        assert_eq!(text_chars(""), 0);
    }
}
