//! `attache demo`: the bundled sample feeds (`examples/feeds`, compiled in) followed by a fresh
//! database, polled once, shown, and served.
//!
//! The feeds deliver the two seed articles the way they reached us: an RSS 2.0 item of the RT
//! World News relay (IFTTT) dated 21 November 2025, and an item of the INA NEWS aggregator
//! without a date. They are written beside the database (`demo-feeds/`) and followed as local
//! feeds, so `feeds list` and the web UI's feed page show them like any other.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use attache_model::Feed;
use attache_pipeline::poll::{PollOptions, normalize_feed_address, poll};
use attache_store::{SqliteStore, Store};

use crate::cli::{DemoArgs, Settings};

/// The sample feeds: (file name, contents).
pub const FEEDS: &[(&str, &str)] = &[
    (
        "rt-world-news.xml",
        include_str!("../../examples/feeds/rt-world-news.xml"),
    ),
    (
        "ina-news.xml",
        include_str!("../../examples/feeds/ina-news.xml"),
    ),
];

/// Write the sample feeds into `dir` (replacing older copies); their paths in order.
pub fn write_feeds(dir: &Path) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir)
        .with_context(|| format!("cannot create directory {}", dir.display()))?;
    FEEDS
        .iter()
        .map(|(name, text)| {
            let path = dir.join(name);
            std::fs::write(&path, text)
                .with_context(|| format!("cannot write {}", path.display()))?;
            Ok(path)
        })
        .collect()
}

/// The database the demo uses: `--db` when given (it must be new or empty), else
/// `demo.db` beside the default database, recreated on every run.
fn fresh_store(settings: &Settings) -> Result<SqliteStore> {
    if settings.db_explicit {
        let store = super::open_store(settings)?;
        let n = store.stats()?.documents;
        if n > 0 {
            bail!(
                "refusing to load the demo into {}, which already holds {n} documents; \
                 pass --db with a new file",
                settings.db.display()
            );
        }
        return Ok(store);
    }
    let dir = settings
        .db
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default();
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create data directory {}", dir.display()))?;
    let path = dir.join("demo.db");
    for suffix in ["", "-wal", "-shm"] {
        let p = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
        if p.exists() {
            std::fs::remove_file(&p).with_context(|| format!("cannot remove {}", p.display()))?;
        }
    }
    Ok(SqliteStore::open(&path)?)
}

pub fn run(settings: &Settings, args: &DemoArgs) -> Result<ExitCode> {
    let mut store = fresh_store(settings)?;
    let path = store.path().map(|p| p.to_path_buf()).unwrap_or_default();
    let feed_dir = path
        .parent()
        .map(|p| p.to_path_buf())
        .unwrap_or_default()
        .join("demo-feeds");
    for file in write_feeds(&feed_dir)? {
        let url =
            normalize_feed_address(&file.display().to_string()).map_err(anyhow::Error::msg)?;
        if !store.feeds()?.iter().any(|f| f.url == url) {
            store.add_feed(&Feed::new(url))?;
        }
    }
    let fetcher = super::feed::fetcher()?;
    let mut pipeline = super::pipeline();
    let mut reporter = super::add::Reporter::new(0, false);
    let options = PollOptions {
        all: true,
        // The sample items carry their whole text; nothing is fetched from the network.
        fetch_pages: false,
        ..PollOptions::default()
    };
    let summary = poll(&mut store, &fetcher, &mut pipeline, &options, &mut reporter)?;
    reporter.finish();
    for f in &summary.feeds {
        if let attache_pipeline::poll::FeedOutcome::Failed { message } = &f.outcome {
            eprintln!("attache: {message}");
        }
    }
    let failed = summary.failed + summary.item_failures;
    println!(
        "followed {} sample feeds in {}; {}\n",
        summary.feeds.len(),
        feed_dir.display(),
        summary.line()
    );
    print!("{}", super::stats::summary(&store)?);
    println!("\ndocuments");
    for d in store.documents(100, 0)? {
        println!(
            "  {}  {}  {}",
            d.id,
            d.published
                .map(|p| p.strftime("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "undated   ".into()),
            d.title
        );
    }
    let events = store.events(&attache_store::EventFilter {
        limit: Some(20),
        ..Default::default()
    })?;
    if !events.is_empty() {
        println!("\nevents (latest 20)");
        for e in &events {
            println!(
                "  {}  {} [{}] {}",
                e.date_label(),
                e.source.name,
                e.cameo,
                e.target.as_ref().map(|t| t.name.as_str()).unwrap_or("-")
            );
        }
    }
    println!(
        "\nexplore it: attache --db {} search Lavrov | show <id> | events | stats",
        path.display()
    );
    drop(store);
    if !args.no_serve {
        super::serve::serve(&path, &args.serve)?;
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
