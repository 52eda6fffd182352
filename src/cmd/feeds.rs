//! `attache feeds add|list|remove|import|export`: the feeds attache follows.

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use attache_feed::opml::{self, OpmlFeed};
use attache_fetch::{FetchOutcome, Validators};
use attache_model::Feed;
use attache_pipeline::poll::{fetch_and_parse, normalize_feed_address};
use attache_store::{Store, StoreError};

use super::output::{self, Listing, clip, opt};
use crate::cli::{FeedsAddArgs, FeedsArgs, FeedsCommand, FeedsImportArgs, FeedsListArgs, Settings};

pub fn run(settings: &Settings, args: &FeedsArgs) -> Result<ExitCode> {
    match &args.command {
        FeedsCommand::Add(a) => add(settings, a),
        FeedsCommand::List(a) => list(settings, a),
        FeedsCommand::Remove(a) => {
            let mut store = super::open_store(settings)?;
            if !store.remove_feed(a.feed.trim())? {
                bail!("no feed {:?} (see `attache feeds list`)", a.feed);
            }
            println!("removed feed {}", a.feed.trim());
            Ok(ExitCode::SUCCESS)
        }
        FeedsCommand::Import(a) => import(settings, a),
        FeedsCommand::Export => export(settings),
    }
}

fn add(settings: &Settings, args: &FeedsAddArgs) -> Result<ExitCode> {
    let url = normalize_feed_address(&args.address).map_err(anyhow::Error::msg)?;
    let mut feed = Feed::new(url.clone());
    feed.allow_private = args.allow_private;
    let mut store = super::open_store(settings)?;
    if store.feeds()?.iter().any(|f| f.url == url) {
        bail!("feed {url} is already followed");
    }
    if !args.no_check {
        let fetcher = super::feed::fetcher()?;
        let (outcome, parsed) =
            fetch_and_parse(&fetcher, &url, &Validators::default(), args.allow_private)
                .with_context(|| format!("cannot add feed {url}"))?;
        if let FetchOutcome::RetryLater(r) = &outcome {
            eprintln!(
                "attache: warning: {url}: the server asks to come back later (HTTP {}); added unchecked",
                r.meta.status
            );
        }
        if let Some(p) = parsed {
            feed.title = p.title;
            feed.site_url = p.site_url;
        }
    }
    let stored = store.add_feed(&feed)?;
    println!(
        "added feed {}: {}{}",
        stored.id,
        stored.url,
        stored
            .title
            .as_deref()
            .map(|t| format!(" ({})", clip(t, 60)))
            .unwrap_or_default()
    );
    Ok(ExitCode::SUCCESS)
}

fn time(t: Option<jiff::Timestamp>) -> String {
    t.map(|t| t.strftime("%Y-%m-%d %H:%M:%S").to_string())
        .unwrap_or_default()
}

fn list(settings: &Settings, args: &FeedsListArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let feeds = store.feeds()?;
    let rows = feeds
        .iter()
        .map(|f| {
            vec![
                f.id.to_string(),
                clip(f.title.as_deref().unwrap_or(&f.url), 40),
                clip(&f.url, 60),
                f.status.as_str().to_string(),
                time(f.last_fetched),
                time(f.next_due),
                f.error_count.to_string(),
                f.items.to_string(),
                clip(&opt(&f.last_error), 80),
            ]
        })
        .collect();
    output::print(
        args.format,
        Listing {
            header: &[
                "id",
                "title",
                "url",
                "status",
                "last fetch (UTC)",
                "next due (UTC)",
                "errors",
                "items",
                "last error",
            ],
            rows,
            items: &feeds,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

fn import(settings: &Settings, args: &FeedsImportArgs) -> Result<ExitCode> {
    let bytes = if args.path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(attache_feed::MAX_FEED_BYTES as u64 + 1)
            .read_to_end(&mut buf)
            .context("cannot read stdin")?;
        buf
    } else {
        std::fs::read(&args.path).with_context(|| format!("cannot read {}", args.path))?
    };
    let entries = opml::parse(&bytes).with_context(|| args.path.clone())?;
    let mut store = super::open_store(settings)?;
    let (mut added, mut known, mut invalid) = (0u64, 0u64, 0u64);
    for entry in entries {
        let url = match normalize_feed_address(&entry.url) {
            Ok(u) => u,
            Err(reason) => {
                invalid += 1;
                eprintln!("attache: skipped: {reason}");
                continue;
            }
        };
        let mut feed = Feed::new(url.clone());
        // An export writes the URL as the text of an untitled feed.
        feed.title = entry.title.filter(|t| *t != entry.url && *t != url);
        feed.site_url = entry.site_url;
        feed.allow_private = args.allow_private;
        match store.add_feed(&feed) {
            Ok(_) => added += 1,
            Err(StoreError::Conflict(_)) => {
                known += 1;
                eprintln!("attache: already followed: {url}");
            }
            Err(e) => return Err(e.into()),
        }
    }
    println!("imported {added} feeds, {known} already followed, {invalid} invalid");
    Ok(if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

fn export(settings: &Settings) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let feeds: Vec<OpmlFeed> = store
        .feeds()?
        .into_iter()
        .map(|f| OpmlFeed {
            url: f.url,
            title: f.title,
            site_url: f.site_url,
        })
        .collect();
    print!("{}", opml::write(&feeds, "attache feeds"));
    Ok(ExitCode::SUCCESS)
}
