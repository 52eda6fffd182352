//! `attache add`: read files, directories, JSONL, stdin, feed files and URLs through the
//! pipeline into the store.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use attache_fetch::{FetchOutcome, FetchRequest};
use attache_pipeline::poll::{ItemSource, PollOptions, Transport, ingest_feed};
use attache_pipeline::{
    Hints, InputKind, Inputs, ItemReport, Observer, RawInput, Source, SourceOptions, Summary,
};
use attache_store::SqliteStore;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{AddArgs, Settings};

/// Prints failures and warnings to stderr above a progress bar.
pub struct Reporter {
    bar: ProgressBar,
}

impl Reporter {
    pub fn new(total_bytes: u64, show: bool) -> Self {
        let bar = if show && total_bytes > 0 {
            let bar =
                ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta})",
                )
                .expect("valid template"),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Reporter { bar }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Observer for Reporter {
    fn progress(&mut self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn report(&mut self, report: &ItemReport) {
        match report {
            ItemReport::Failed { origin, message } => {
                self.bar
                    .suspend(|| eprintln!("attache: {origin}: {message}"));
            }
            ItemReport::Warning { origin, message } => {
                self.bar
                    .suspend(|| eprintln!("attache: warning: {origin}: {message}"));
            }
            ItemReport::Duplicate { origin, id } => {
                tracing::info!("{origin}: already stored as {id}");
            }
            ItemReport::Added { origin, id, .. } => {
                tracing::debug!("{origin}: added as {id}");
            }
        }
    }
}

/// Run the pipeline over `sources` into `store`, reporting on stderr.
pub fn ingest(
    store: &mut SqliteStore,
    sources: &[Source],
    opts: SourceOptions,
    progress: bool,
) -> Result<Summary> {
    let inputs = Inputs::new(sources, opts);
    let mut reporter = Reporter::new(inputs.total_bytes(), progress);
    if inputs.skipped() > 0 {
        tracing::info!("skipped {} files with other extensions", inputs.skipped());
    }
    let mut pipeline = super::pipeline();
    let summary = pipeline.run(store, inputs, &mut reporter);
    reporter.finish();
    Ok(summary?)
}

fn is_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Extensions that name feed files.
const FEED_EXTENSIONS: &[&str] = &["rss", "atom", "rdf", "xml", "feed"];
/// Extensions that the ordinary inputs read (never sniffed as feeds).
const DOCUMENT_EXTENSIONS: &[&str] = &[
    "txt", "text", "md", "html", "htm", "xhtml", "jsonl", "ndjson",
];

/// Whether the start of a file looks like a feed: an XML document whose root is `rss`, `feed`
/// or `rdf:RDF`, or a JSON Feed.
pub fn looks_like_feed(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(&head[..head.len().min(4096)]).to_ascii_lowercase();
    if text.contains("jsonfeed.org/version") {
        return true;
    }
    let mut rest = text.trim_start_matches('\u{feff}').trim_start();
    // Skip the XML declaration, processing instructions, comments and a doctype.
    loop {
        if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = if rest.starts_with("<!--") {
                rest.find("-->").map(|i| i + 3)
            } else {
                rest.find('>').map(|i| i + 1)
            };
            match end {
                Some(i) => rest = rest[i..].trim_start(),
                None => return false,
            }
        } else {
            break;
        }
    }
    ["<rss", "<feed", "<rdf:rdf", "<rdf "]
        .iter()
        .any(|root| rest.starts_with(root))
}

/// Whether a path named on the command line is a feed file (by extension, or by its content
/// when the extension is not one the ordinary inputs read).
fn is_feed_file(path: &Path) -> bool {
    if !path.is_file() {
        return false;
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .map(|e| e.to_ascii_lowercase());
    if let Some(ext) = &ext {
        if FEED_EXTENSIONS.contains(&ext.as_str()) {
            return true;
        }
        if DOCUMENT_EXTENSIONS.contains(&ext.as_str()) {
            return false;
        }
    }
    let mut head = Vec::new();
    std::fs::File::open(path)
        .and_then(|f| f.take(4096).read_to_end(&mut head))
        .is_ok()
        && looks_like_feed(&head)
}

/// Adds the counts of one part of a run to the run's summary.
fn fold_summary(total: &mut Summary, part: &Summary) {
    total.added += part.added;
    total.duplicates += part.duplicates;
    total.failed += part.failed;
    total.warnings += part.warnings;
    total.copies += part.copies;
    if part.stories.is_some() {
        total.stories = part.stories;
    }
}

/// Parse feed bytes (with the response's `Content-Type` and `Content-Language` when fetched)
/// and add every item; problems are reported and counted as one failure.
#[allow(clippy::too_many_arguments)]
pub fn add_feed_bytes(
    store: &mut SqliteStore,
    transport: &dyn Transport,
    options: &PollOptions,
    observer: &mut dyn Observer,
    origin: &str,
    bytes: &[u8],
    http: (Option<&str>, Option<&str>),
    allow_private: bool,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let context = attache_feed::HttpContext {
        content_type: http.0,
        base_url: is_url(origin).then_some(origin),
        content_language: http.1,
    };
    let parsed = match attache_feed::parse_http(bytes, &context) {
        Ok(p) => p,
        Err(e) => {
            observer.report(&ItemReport::Failed {
                origin: origin.to_string(),
                message: e.to_string(),
            });
            summary.failed += 1;
            return Ok(summary);
        }
    };
    if parsed.items.is_empty() {
        observer.report(&ItemReport::Warning {
            origin: origin.to_string(),
            message: "the feed has no items".into(),
        });
        summary.warnings += 1;
    }
    let mut pipeline = super::pipeline();
    let source = ItemSource {
        feed_url: origin,
        site_name: parsed.title.clone(),
        allow_private,
    };
    let done = ingest_feed(
        store,
        transport,
        &mut pipeline,
        options,
        observer,
        &source,
        &parsed,
    )?;
    fold_summary(&mut summary, &done.summary());
    Ok(summary)
}

/// Fetch a URL (robots.txt applies) and add it as a feed or as an article page.
fn add_url(
    store: &mut SqliteStore,
    fetcher: &attache_fetch::BlockingFetcher,
    observer: &mut dyn Observer,
    url: &str,
    allow_private: bool,
) -> Result<Summary> {
    let mut summary = Summary::default();
    let fail = |observer: &mut dyn Observer, summary: &mut Summary, message: String| {
        observer.report(&ItemReport::Failed {
            origin: url.to_string(),
            message,
        });
        summary.failed += 1;
    };
    let fetched = match fetcher.fetch(&FetchRequest::page(url).allow_private(allow_private)) {
        Ok(FetchOutcome::Fetched(f)) => f,
        Ok(other) => {
            fail(
                observer,
                &mut summary,
                format!("HTTP status {}", other.meta().status),
            );
            return Ok(summary);
        }
        Err(e) => {
            fail(observer, &mut summary, e.to_string());
            return Ok(summary);
        }
    };
    let final_url = fetched.meta.final_url.clone();
    if looks_like_feed(&fetched.body) {
        let options = PollOptions::default();
        return add_feed_bytes(
            store,
            fetcher,
            &options,
            observer,
            &final_url,
            &fetched.body,
            (
                fetched.content_type.as_deref(),
                fetched.content_language.as_deref(),
            ),
            allow_private,
        );
    }
    let input = RawInput {
        origin: url.to_string(),
        kind: InputKind::Html,
        bytes: fetched.body,
        content_type: fetched.content_type,
        hints: Hints {
            url: Some(final_url),
            fetched: Some(jiff::Timestamp::now()),
            ..Hints::default()
        },
    };
    let mut pipeline = super::pipeline();
    let part = pipeline.run(store, std::iter::once(Ok(input)), observer)?;
    fold_summary(&mut summary, &part);
    Ok(summary)
}

pub fn run(settings: &Settings, args: &AddArgs) -> Result<ExitCode> {
    let meta = args.meta.validate().map_err(anyhow::Error::msg)?;
    let mut sources: Vec<Source> = Vec::new();
    let mut feeds: Vec<PathBuf> = Vec::new();
    let mut urls: Vec<&str> = Vec::new();
    for p in &args.paths {
        if p == "-" {
            sources.push(Source::Stdin);
        } else if is_url(p) {
            urls.push(p);
        } else if is_feed_file(Path::new(p)) {
            feeds.push(PathBuf::from(p));
        } else {
            sources.push(Source::Path(PathBuf::from(p)));
        }
    }
    let mut store = super::open_store(settings)?;
    let started = std::time::Instant::now();
    let mut total = Summary::default();
    if !sources.is_empty() {
        let opts = SourceOptions {
            max_file_bytes: args.max_size * 1024 * 1024,
            hints: super::hints(&meta),
            ..SourceOptions::default()
        };
        let part = ingest(&mut store, &sources, opts, settings.progress)?;
        fold_summary(&mut total, &part);
    }
    if !feeds.is_empty() || !urls.is_empty() {
        let fetcher = super::feed::fetcher()?;
        let options = PollOptions::default();
        let mut reporter = Reporter::new(0, false);
        let max = args.max_size * 1024 * 1024;
        for path in &feeds {
            let origin = path.display().to_string();
            let bytes = std::fs::File::open(path).and_then(|f| {
                let mut buf = Vec::new();
                f.take(max + 1).read_to_end(&mut buf)?;
                Ok(buf)
            });
            match bytes {
                Ok(b) if b.len() as u64 > max => {
                    reporter.report(&ItemReport::Failed {
                        origin,
                        message: format!("file larger than {} MB", args.max_size),
                    });
                    total.failed += 1;
                }
                Ok(b) => {
                    let part = add_feed_bytes(
                        &mut store,
                        &fetcher,
                        &options,
                        &mut reporter,
                        &origin,
                        &b,
                        (None, None),
                        args.allow_private,
                    )?;
                    fold_summary(&mut total, &part);
                }
                Err(e) => {
                    reporter.report(&ItemReport::Failed {
                        origin,
                        message: e.to_string(),
                    });
                    total.failed += 1;
                }
            }
        }
        for url in &urls {
            let part = add_url(&mut store, &fetcher, &mut reporter, url, args.allow_private)?;
            fold_summary(&mut total, &part);
        }
    }
    total.elapsed = started.elapsed();
    println!("{}", total.line());
    Ok(if total.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
