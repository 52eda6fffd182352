//! `attache feed`: parse one feed (file, URL or stdin) and print it as JSON; nothing is stored.
//! Also the fetcher shared by the feed commands.

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use attache_fetch::{BlockingFetcher, FetchConfig, FetchOutcome, Validators};

use crate::cli::FeedArgs;

/// The HTTP fetcher of the feed commands (default limits and manners).
pub fn fetcher() -> Result<BlockingFetcher> {
    Ok(BlockingFetcher::new(FetchConfig::default())?)
}

fn is_url(s: &str) -> bool {
    let l = s.to_ascii_lowercase();
    l.starts_with("http://") || l.starts_with("https://")
}

/// Fetch (or read) and parse a feed: stdin for `-`, the network for http(s) URLs, else a file.
pub fn load(source: &str, allow_private: bool) -> Result<attache_feed::ParsedFeed> {
    let (bytes, content_type, base, language) = if source == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .take(attache_feed::MAX_FEED_BYTES as u64 + 1)
            .read_to_end(&mut buf)
            .context("cannot read stdin")?;
        (buf, None, None, None)
    } else if is_url(source) {
        match fetcher()?.fetch_feed(source, &Validators::default(), allow_private)? {
            FetchOutcome::Fetched(f) => (
                f.body,
                f.content_type,
                Some(f.meta.final_url),
                f.content_language,
            ),
            FetchOutcome::NotModified(m) => {
                bail!("{}: unexpected 304 Not Modified", m.final_url)
            }
            FetchOutcome::RetryLater(r) => bail!(
                "{}: HTTP status {}: the server asks to come back{}",
                r.meta.final_url,
                r.meta.status,
                r.retry_after
                    .map(|d| format!(" in {} s", d.as_secs()))
                    .unwrap_or_else(|| " later".into())
            ),
        }
    } else {
        let path = std::path::Path::new(source);
        let meta = std::fs::metadata(path).with_context(|| format!("cannot read {source}"))?;
        if meta.len() > attache_feed::MAX_FEED_BYTES as u64 {
            bail!(
                "{source}: {} bytes is over the {}-byte feed limit",
                meta.len(),
                attache_feed::MAX_FEED_BYTES
            );
        }
        let bytes = std::fs::read(path).with_context(|| format!("cannot read {source}"))?;
        let base = std::fs::canonicalize(path)
            .ok()
            .map(|p| format!("file://{}", p.display()));
        (bytes, None, base, None)
    };
    let http = attache_feed::HttpContext {
        content_type: content_type.as_deref(),
        base_url: base.as_deref(),
        content_language: language.as_deref(),
    };
    attache_feed::parse_http(&bytes, &http)
        .with_context(|| format!("{source}: cannot parse the feed"))
}

pub fn run(args: &FeedArgs) -> Result<ExitCode> {
    let feed = load(&args.source, args.allow_private)?;
    for w in &feed.warnings {
        eprintln!("attache: warning: {}: {w}", args.source);
    }
    println!("{}", serde_json::to_string_pretty(&feed)?);
    Ok(ExitCode::SUCCESS)
}
