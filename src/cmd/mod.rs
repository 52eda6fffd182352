//! One module per command; this one dispatches and holds what they share (opening the store,
//! building the pipeline, output helpers).

mod actors;
mod add;
mod annotate;
mod demo;
mod events;
mod feed;
mod feeds;
mod outlets;
mod output;
mod poll;
mod reprocess;
mod search;
mod serve;
mod show;
mod stats;
mod stories;

use std::process::ExitCode;

use anyhow::{Context, Result};
use attache_pipeline::analysis::Analyzer;
use attache_pipeline::article::ArticleExtractor;
use attache_pipeline::dedupe::IndexDeduper;
use attache_pipeline::{Hints, Pipeline};
use attache_store::SqliteStore;

use crate::cli::{Command, Meta, Settings};

pub fn run(settings: &Settings) -> Result<ExitCode> {
    match &settings.command {
        Command::Add(args) => add::run(settings, args),
        Command::Show(args) => show::run(settings, args),
        Command::Search(args) => search::run(settings, args),
        Command::Events(args) => events::run(settings, args),
        Command::Actors(args) => actors::run(settings, args),
        Command::Stats(args) => stats::run(settings, args),
        Command::Demo(args) => demo::run(settings, args),
        Command::Serve(args) => serve::run(settings, args),
        Command::Extract(args) => annotate::run(args, false),
        Command::Annotate(args) => annotate::run(args, true),
        Command::Reprocess => reprocess::run(settings),
        Command::Feed(args) => feed::run(args),
        Command::Feeds(args) => feeds::run(settings, args),
        Command::Poll(args) => poll::run(settings, args),
        Command::Stories(args) => stories::run(settings, args),
        Command::Outlets(args) => outlets::run(settings, args),
    }
}

/// An error and its causes on one line: "cannot open database x: directory y does not exist".
pub fn one_line(err: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in err.chain() {
        let s = cause.to_string();
        if !parts.iter().any(|p| p.contains(&s)) {
            parts.push(s);
        }
    }
    parts.join(": ").replace('\n', " ")
}

/// The stage sequence of this build.
pub fn pipeline() -> Pipeline {
    Pipeline::new(
        Box::new(ArticleExtractor),
        Box::new(IndexDeduper::new()),
        Box::new(Analyzer::new()),
    )
}

/// The `--help` paragraph naming each stage of this build.
pub fn stages_help() -> String {
    let p = pipeline();
    format!(
        "Stages in this build:\n  extract   {}\n  dedupe    {}\n  annotate  {}\n\n\
         Exit codes: 0 ok, 1 some inputs failed (each named on stderr) or the command failed, \
         2 usage error.",
        p.extractor.name(),
        p.deduper.name(),
        p.annotator.name()
    )
}

/// Open the database, creating the default directory when the default path is used.
pub fn open_store(settings: &Settings) -> Result<SqliteStore> {
    if !settings.db_explicit
        && let Some(dir) = settings.db.parent()
    {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create data directory {}", dir.display()))?;
    }
    Ok(SqliteStore::open(&settings.db)?)
}

/// Pipeline hints from validated command-line metadata.
pub fn hints(meta: &Meta) -> Hints {
    Hints {
        url: meta.url.clone(),
        site_name: meta.source.clone(),
        published: meta.published.map(|(t, _)| t),
        published_precision: meta.published.map(|(_, p)| p),
        ..Hints::default()
    }
}
