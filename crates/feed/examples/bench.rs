//! Throughput of `attache_feed::parse` on one thread over every feed file under the given
//! folders (feedparser's suite and the feed-rs fixtures by default), read into memory first.
//!
//! ```text
//! cargo run -p attache-feed --release --example bench -- [ROUNDS] [DIR…]
//! ```
//! Prints files, bytes, the median of ROUNDS passes, files/s and MB/s.

use std::path::{Path, PathBuf};
use std::time::Instant;

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(rd) = std::fs::read_dir(dir) else {
        return;
    };
    let mut v: Vec<_> = rd.flatten().map(|e| e.path()).collect();
    v.sort();
    for p in v {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "xml" || e == "json") {
            out.push(p);
        }
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let rounds: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(10);
    let mut dirs: Vec<String> = args.iter().skip(1).cloned().collect();
    if dirs.is_empty() {
        dirs = vec![
            "../shared/data/feeds/feedparser/tests".into(),
            "../shared/data/feeds/feed-rs-fixtures".into(),
        ];
    }
    let mut paths = Vec::new();
    for d in &dirs {
        files(Path::new(d), &mut paths);
    }
    if paths.is_empty() {
        eprintln!("no feed files under {dirs:?} (skipping)");
        return;
    }
    let docs: Vec<Vec<u8>> = paths.iter().filter_map(|p| std::fs::read(p).ok()).collect();
    let bytes: usize = docs.iter().map(Vec::len).sum();
    let mut times = Vec::with_capacity(rounds);
    let mut items = 0usize;
    for _ in 0..rounds {
        let t = Instant::now();
        items = 0;
        for d in &docs {
            if let Ok(f) = attache_feed::parse(d, None, None) {
                items += f.items.len();
            }
        }
        times.push(t.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let median = times[times.len() / 2];
    println!(
        "attache-feed: {} files, {:.2} MB, {items} items; median of {rounds}: {:.1} ms = {:.0} files/s, {:.1} MB/s",
        docs.len(),
        bytes as f64 / 1e6,
        median * 1e3,
        docs.len() as f64 / median,
        bytes as f64 / 1e6 / median
    );
}
