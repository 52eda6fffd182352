//! `attache poll [--watch]`: fetch what is due and store new items as documents.

use std::process::ExitCode;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use anyhow::{Context, Result};
use attache_pipeline::poll::{FeedOutcome, PollOptions, PollSummary, next_wake, poll};
use attache_store::Store;
use jiff::Timestamp;

use super::add::Reporter;
use crate::cli::{PollArgs, Settings};

pub fn run(settings: &Settings, args: &PollArgs) -> Result<ExitCode> {
    let mut store = super::open_store(settings)?;
    let fetcher = super::feed::fetcher()?;
    let mut pipeline = super::pipeline();
    let options = PollOptions {
        all: args.all,
        ..PollOptions::default()
    };
    let stop = Arc::new(AtomicBool::new(false));
    if args.watch {
        let flag = stop.clone();
        ctrlc::set_handler(move || flag.store(true, Ordering::SeqCst))
            .context("cannot install the Ctrl-C handler")?;
    }
    let mut once = |store: &mut attache_store::SqliteStore, options: &PollOptions| {
        let mut reporter = Reporter::new(0, false);
        let summary = poll(store, &fetcher, &mut pipeline, options, &mut reporter)?;
        reporter.finish();
        print_summary(&summary, args.json)?;
        anyhow::Ok(summary)
    };
    let summary = once(&mut store, &options)?;
    if !args.watch {
        return Ok(if summary.failed > 0 {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        });
    }
    // Later rounds poll what is due, whatever the first one did.
    let options = PollOptions {
        all: false,
        ..options
    };
    let longest = Duration::from_secs(args.interval.max(1));
    loop {
        let wake = next_wake(&store.feeds()?);
        let wait = wake
            .map(|t| {
                let d = t.duration_since(Timestamp::now());
                Duration::try_from(d).unwrap_or(Duration::ZERO)
            })
            .unwrap_or(longest)
            .clamp(Duration::from_secs(1), longest);
        tracing::info!("next poll in {} s", wait.as_secs());
        let until = Instant::now() + wait;
        while Instant::now() < until {
            if stop.load(Ordering::SeqCst) {
                return Ok(ExitCode::SUCCESS);
            }
            std::thread::sleep(
                until
                    .saturating_duration_since(Instant::now())
                    .min(Duration::from_millis(100)),
            );
        }
        if stop.load(Ordering::SeqCst) {
            return Ok(ExitCode::SUCCESS);
        }
        once(&mut store, &options)?;
    }
}

fn print_summary(summary: &PollSummary, json: bool) -> Result<()> {
    for f in &summary.feeds {
        match &f.outcome {
            FeedOutcome::Failed { message } => eprintln!("attache: {message}"),
            FeedOutcome::RetryLater { retry_after_secs } => eprintln!(
                "attache: {}: the server asks to come back {}",
                f.url,
                retry_after_secs
                    .map(|s| format!("in {s} s"))
                    .unwrap_or_else(|| "later".into())
            ),
            _ => {}
        }
        if let Some(to) = &f.moved_to {
            eprintln!("attache: {}: moved permanently to {to}; URL updated", f.url);
        }
    }
    if json {
        println!("{}", serde_json::to_string(summary)?);
    } else {
        println!("{}", summary.line());
    }
    Ok(())
}
