//! `attache stats`: what the database holds.

use std::process::ExitCode;

use anyhow::Result;
use attache_store::{SqliteStore, Store};

use super::output::day;
use crate::cli::{Settings, ShowFormat, StatsArgs};

pub fn run(settings: &Settings, args: &StatsArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    match args.format {
        ShowFormat::Json => println!("{}", serde_json::to_string_pretty(&store.stats()?)?),
        ShowFormat::Text => print!("{}", summary(&store)?),
    }
    Ok(ExitCode::SUCCESS)
}

/// The text summary printed by `stats` and `demo`.
pub fn summary(store: &SqliteStore) -> Result<String> {
    let s = store.stats()?;
    let mut out = String::new();
    if let Some(path) = store.path() {
        out += &format!("database     {}\n", path.display());
    }
    out += &format!("documents    {}\n", s.documents);
    if s.documents > 0 {
        out += &format!(
            "published    {} … {}\n",
            non_empty(day(s.first_published)),
            non_empty(day(s.last_published))
        );
    }
    out += &format!(
        "annotations  {} mentions, {} entities, {} time expressions\n",
        s.mentions, s.entities, s.timexes
    );
    out += &format!(
        "events       {} ({} evidence spans)\n",
        s.events, s.evidence
    );
    out += &format!("stories      {}\n", s.clusters);
    out += &format!("feeds        {}\n", s.feeds);
    if !s.outlets.is_empty() {
        out += "outlets\n";
        for (name, n) in &s.outlets {
            out += &format!("  {n:>6}  {name}\n");
        }
    }
    Ok(out)
}

fn non_empty(s: String) -> String {
    if s.is_empty() { "?".into() } else { s }
}
