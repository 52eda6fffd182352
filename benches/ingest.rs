//! Ingest benchmark: `attache add` throughput (documents/s) and peak memory over the BBC News
//! (2,225 .txt files) and Reuters-21578 (21,578 stories, converted once to JSONL) corpora.
//!
//! cargo bench --bench ingest -- [DATA_DIR] [--runs N]
//!
//! DATA_DIR defaults to ../shared/data; the benchmark skips cleanly when it is absent. Each
//! measurement runs in a child process (this executable with `--one`) on a fresh database, so
//! that peak memory (VmHWM) belongs to that run alone; medians over the runs are printed.

use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use attache_pipeline::analysis::Analyzer;
use attache_pipeline::article::ArticleExtractor;
use attache_pipeline::basic::BasicExtractor;
use attache_pipeline::{
    Collect, Inputs, PassThroughAnnotator, PassThroughDeduper, Pipeline, Source, SourceOptions,
};
use attache_store::SqliteStore;

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1).and_then(|v| v.parse().ok()))
        })
        .unwrap_or(0)
}

/// One measured run: add `source` into `db`, then again (all duplicates), print a JSON line.
/// `full` runs the stages of the `attache` binary (article extraction, annotation); otherwise
/// the store path alone (basic extraction, no annotation).
fn one(source: &Path, db: &Path, full: bool) {
    let mut store = SqliteStore::open(db).expect("open db");
    let mut pipeline = if full {
        Pipeline::new(
            Box::new(ArticleExtractor),
            Box::new(PassThroughDeduper),
            Box::new(Analyzer::new()),
        )
    } else {
        Pipeline::new(
            Box::new(BasicExtractor),
            Box::new(PassThroughDeduper),
            Box::new(PassThroughAnnotator),
        )
    };
    let mut run = |store: &mut SqliteStore| {
        let inputs = Inputs::new(
            &[Source::Path(source.to_path_buf())],
            SourceOptions::default(),
        );
        let mut sink = Collect::default();
        let started = Instant::now();
        let summary = pipeline.run(store, inputs, &mut sink).expect("run");
        (summary, started.elapsed().as_secs_f64())
    };
    let (first, secs) = run(&mut store);
    let (again, secs_again) = run(&mut store);
    println!(
        "{{\"docs\":{},\"failed\":{},\"secs\":{secs},\"dup_docs\":{},\"dup_secs\":{secs_again},\"peak_kb\":{}}}",
        first.added,
        first.failed,
        again.duplicates,
        peak_rss_kb()
    );
}

/// Reuters-21578 SGML (Latin-1) → JSONL with title, text and date.
fn reuters_jsonl(dir: &Path, out: &Path) -> std::io::Result<usize> {
    let mut lines = String::new();
    let mut n = 0;
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "sgm"))
        .collect();
    files.sort();
    let tag = |s: &str, t: &str| -> Option<String> {
        let open = format!("<{t}>");
        let close = format!("</{t}>");
        let a = s.find(&open)? + open.len();
        let b = s[a..].find(&close)? + a;
        Some(
            s[a..b]
                .replace("&lt;", "<")
                .replace("&gt;", ">")
                .replace("&amp;", "&")
                .replace('\u{3}', ""),
        )
    };
    for f in files {
        let bytes = std::fs::read(&f)?;
        let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&bytes);
        for story in text.split("</REUTERS>") {
            if !story.contains("<REUTERS") {
                continue;
            }
            let title = tag(story, "TITLE").unwrap_or_default();
            let body = tag(story, "BODY").unwrap_or_default();
            let date = tag(story, "DATE").unwrap_or_default();
            let id = story
                .split("NEWID=\"")
                .nth(1)
                .and_then(|s| s.split('"').next())
                .unwrap_or("");
            let rec = serde_json::json!({
                "title": if title.trim().is_empty() { format!("Reuters {id}") } else { title },
                "text": body,
                "url": format!("reuters21578:{id}"),
                "site_name": "Reuters",
                "raw_date": date.trim(),
            });
            lines.push_str(&rec.to_string());
            lines.push('\n');
            n += 1;
        }
    }
    std::fs::write(out, lines)?;
    Ok(n)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    v[v.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    if args.first().map(String::as_str) == Some("--one") {
        one(
            Path::new(&args[1]),
            Path::new(&args[2]),
            args.get(3).is_some_and(|a| a == "full"),
        );
        return;
    }
    let mut runs = 5;
    let mut data = PathBuf::from("../shared/data");
    let mut it = args.iter();
    while let Some(a) = it.next() {
        if a == "--runs" {
            runs = it.next().and_then(|v| v.parse().ok()).unwrap_or(runs);
        } else if !a.starts_with('-') {
            data = PathBuf::from(a);
        }
    }
    let bbc = data.join("corpora/bbc-news-2225/bbc");
    let reuters = data.join("corpora/reuters21578");
    if !bbc.is_dir() || !reuters.is_dir() {
        eprintln!("ingest bench: {} not found, skipping", data.display());
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let reuters_file = tmp.path().join("reuters21578.jsonl");
    let n = reuters_jsonl(&reuters, &reuters_file).expect("convert reuters");
    eprintln!("converted {n} Reuters stories to JSONL");
    let exe = std::env::current_exe().expect("current exe");
    println!(
        "| stages | corpus | documents | add: docs/s (median of {runs}) | re-add (all duplicates): docs/s | peak RSS |"
    );
    println!("|---|---|---:|---:|---:|---:|");
    let corpora = [
        ("BBC News (.txt files)", bbc),
        ("Reuters-21578 (JSONL)", reuters_file),
    ];
    for ((name, source), mode) in corpora.iter().flat_map(|c| [(c, "store"), (c, "full")]) {
        let mut rates = Vec::new();
        let mut dup_rates = Vec::new();
        let mut peaks = Vec::new();
        let mut docs = 0;
        for r in 0..runs {
            let db = tmp
                .path()
                .join(format!("{r}-{}.db", rates.len() + name.len()));
            let out = Command::new(&exe)
                .args(["--one"])
                .arg(source)
                .arg(&db)
                .arg(mode)
                .output()
                .expect("child run");
            let line = String::from_utf8_lossy(&out.stdout);
            let v: serde_json::Value = serde_json::from_str(line.trim()).expect("child output");
            docs = v["docs"].as_u64().unwrap_or(0);
            rates.push(docs as f64 / v["secs"].as_f64().unwrap_or(f64::NAN));
            dup_rates.push(
                v["dup_docs"].as_f64().unwrap_or(0.0) / v["dup_secs"].as_f64().unwrap_or(f64::NAN),
            );
            peaks.push(v["peak_kb"].as_f64().unwrap_or(0.0));
            let _ = std::fs::remove_file(&db);
        }
        let stages = if mode == "full" {
            "full (article extraction + annotation)"
        } else {
            "store path (basic extraction, no annotation)"
        };
        println!(
            "| {stages} | {name} | {docs} | {:.0} | {:.0} | {:.0} MB |",
            median(rates),
            median(dup_rates),
            median(peaks) / 1024.0
        );
    }
}
