//! `attache demo`: load the bundled sample corpus (`examples/corpus`, compiled in) into a fresh
//! database and show what it holds.

use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use attache_model::Syndication;
use attache_pipeline::dates::parse_date;
use attache_pipeline::{Hints, InputKind, Pipeline, RawInput};
use attache_store::{SqliteStore, Store};
use serde::Deserialize;

use crate::cli::{DemoArgs, Settings};

/// The sample corpus: (file name, contents).
const CORPUS: &[(&str, &str)] = &[
    (
        "000_6d70f838b76d5134.txt",
        include_str!("../../examples/corpus/000_6d70f838b76d5134.txt"),
    ),
    (
        "003_d24e86801bbec4fb.txt",
        include_str!("../../examples/corpus/003_d24e86801bbec4fb.txt"),
    ),
];
const MANIFEST: &str = include_str!("../../examples/corpus/manifest.json");

#[derive(Deserialize)]
struct Entry {
    file: String,
    published: Option<String>,
    site_name: Option<String>,
    url: Option<String>,
    syndication: Option<Syndication>,
}

/// The corpus as pipeline inputs, with the metadata of the manifest.
pub fn corpus_inputs() -> Result<Vec<RawInput>> {
    let manifest: Vec<Entry> = serde_json::from_str(MANIFEST).context("bundled manifest")?;
    CORPUS
        .iter()
        .map(|(name, text)| {
            let entry = manifest
                .iter()
                .find(|e| e.file == *name)
                .with_context(|| format!("{name} is not in the bundled manifest"))?;
            let published = entry.published.as_deref().and_then(parse_date);
            Ok(RawInput {
                origin: format!("examples/corpus/{name}"),
                kind: InputKind::Text,
                bytes: text.as_bytes().to_vec(),
                content_type: None,
                hints: Hints {
                    url: entry.url.clone(),
                    site_name: entry.site_name.clone(),
                    published: published.map(|(t, _)| t),
                    published_precision: published.map(|(_, p)| p),
                    syndication: entry.syndication.clone(),
                    ..Hints::default()
                },
            })
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
    let inputs = corpus_inputs()?;
    let mut pipeline: Pipeline = super::pipeline();
    let mut reporter = super::add::Reporter::new(0, false);
    let summary = pipeline.run(&mut store, inputs.into_iter().map(Ok), &mut reporter)?;
    println!("{}\n", summary.line());
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
                e.date.as_deref().unwrap_or("undated"),
                e.source.name,
                e.cameo,
                e.target.as_ref().map(|t| t.name.as_str()).unwrap_or("-")
            );
        }
    }
    let path = store.path().map(|p| p.to_path_buf()).unwrap_or_default();
    println!(
        "\nexplore it: attache --db {} search Lavrov | show <id> | events | stats",
        path.display()
    );
    drop(store);
    if !args.no_serve {
        super::serve::serve(&path, args.serve.addr, args.serve.token.clone())?;
    }
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
