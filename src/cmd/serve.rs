//! `attache serve`: the JSON API and the web pages over the database, with the followed feeds
//! polled in the background. Also used by `demo`.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use attache_pipeline::analysis::Analyzer;
use attache_pipeline::poll::{FeedOutcome, PollOptions, next_wake, poll};
use attache_server::{AppState, ServerConfig};
use attache_store::{SqliteStore, Store};
use jiff::Timestamp;

use crate::cli::{ServeArgs, Settings};

/// Longest sleep between two looks at the feed list, so that feeds added while serving (through
/// the API or `attache feeds add`) are polled soon.
const RECHECK: Duration = Duration::from_secs(5);

/// Polls due feeds on its own thread and store connection until stopped.
struct Poller {
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Poller {
    fn start(db: &Path) -> Result<Self> {
        let stop = Arc::new(AtomicBool::new(false));
        let flag = stop.clone();
        let db: PathBuf = db.to_path_buf();
        let thread = std::thread::Builder::new()
            .name("attache-poller".into())
            .spawn(move || {
                if let Err(e) = poll_loop(&db, &flag) {
                    eprintln!("attache: background polling stopped: {e:#}");
                }
            })
            .context("cannot start the feed poller")?;
        Ok(Poller {
            stop,
            thread: Some(thread),
        })
    }
}

impl Drop for Poller {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn poll_loop(db: &Path, stop: &AtomicBool) -> Result<()> {
    let mut store = SqliteStore::open(db)?;
    let fetcher = super::feed::fetcher()?;
    let mut pipeline = super::pipeline();
    let options = PollOptions::default();
    while !stop.load(Ordering::SeqCst) {
        let feeds = store.feeds()?;
        let now = Timestamp::now();
        if feeds.iter().any(|f| attache_pipeline::poll::is_due(f, now)) {
            let mut reporter = super::add::Reporter::new(0, false);
            match poll(&mut store, &fetcher, &mut pipeline, &options, &mut reporter) {
                Ok(summary) => {
                    for f in &summary.feeds {
                        if let FeedOutcome::Failed { message } = &f.outcome {
                            eprintln!("attache: {message}");
                        }
                    }
                    if summary.new_items > 0 || summary.failed > 0 {
                        println!("{}", summary.line());
                    }
                }
                // A store failure (disk full, database locked for too long): say so and try
                // again on the next round; nothing stored is lost.
                Err(e) => eprintln!("attache: polling: {e}"),
            }
        }
        let wait = next_wake(&store.feeds()?)
            .map(|t| {
                Duration::try_from(t.duration_since(Timestamp::now())).unwrap_or(Duration::ZERO)
            })
            .unwrap_or(RECHECK)
            .clamp(Duration::from_millis(200), RECHECK);
        let until = Instant::now() + wait;
        while Instant::now() < until && !stop.load(Ordering::SeqCst) {
            std::thread::sleep(
                until
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(100)),
            );
        }
    }
    Ok(())
}

/// Serve `db` as `args` say until Ctrl-C, printing the URL first; due feeds are polled in the
/// background unless `--no-poll`.
pub fn serve(db: &Path, args: &ServeArgs) -> Result<()> {
    let token = args.token.clone();
    attache_server::check_bind(args.addr, token.as_deref())?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("cannot start the server runtime")?;
    let poller = if args.no_poll {
        None
    } else {
        Some(Poller::start(db)?)
    };
    let result = runtime.block_on(async move {
        let mut config = ServerConfig::new(args.addr, db.to_path_buf());
        config.token = token.clone();
        // Documents posted to the API resolve bare surnames and titles through the people the
        // store knew at start.
        let analyzer = Analyzer::new();
        analyzer
            .set_people(SqliteStore::open(db)?.people(&attache_store::PeopleFilter::default())?);
        let analyzer = Arc::new(analyzer);
        let state =
            AppState::open(db, config.readers, token)?.with_annotator(Arc::new(move |doc| {
                attache_pipeline::run::annotate(&*analyzer, doc)
            }));
        let server = attache_server::bind_with(&config, state).await?;
        println!(
            "serving {} at http://{}/ (Ctrl-C to stop){}",
            db.display(),
            server.local_addr()?,
            if args.no_poll {
                ""
            } else {
                "; followed feeds are polled when due"
            }
        );
        server.run().await?;
        anyhow::Ok(())
    });
    drop(poller);
    result
}

pub fn run(settings: &Settings, args: &ServeArgs) -> Result<ExitCode> {
    // Open once through the store so that a bad path gets the store's one-line error and the
    // schema is up to date before the server's connections open.
    drop(super::open_store(settings)?);
    serve(&settings.db, args)?;
    Ok(ExitCode::SUCCESS)
}
