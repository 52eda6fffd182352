//! Insert-and-query throughput and memory of the dedupe index, side by side with Python
//! datasketch's MinHashLSH on the same documents and parameters.
//!
//! `cargo run -p attache-dedupe --release --example dedupe_bench -- ../shared/data [SIZES] [PYTHON]`
//!
//! SIZES is a comma list of index sizes (default `100000,1000000`); PYTHON a Python with
//! datasketch installed (default: none, peer skipped). Documents are synthetic: 6–14 random
//! sentences drawn from the BBC and Reuters corpora (fixed seed), so vocabulary and lengths are
//! those of real news. The peer runs on the first size only (it takes minutes per 100k).

mod common;

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use attache_dedupe::{Config, Index};
use common::*;

fn sentences(data: &std::path::Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut push = |t: &str| {
        for s in t.split(". ") {
            let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
            if s.split(' ').count() >= 6 {
                out.push(format!("{s}."));
            }
        }
    };
    if let Ok(b) = read_bbc(data) {
        for a in &b {
            push(&a.body);
        }
    }
    if let Ok(r) = read_reuters(data) {
        for a in &r {
            if let Some(b) = &a.body {
                push(b);
            }
        }
    }
    out
}

fn make_doc(rng: &mut Rng, pool: &[String]) -> String {
    let n = 6 + rng.below(9);
    (0..n)
        .map(|_| rng.pick(pool).as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// User + system CPU seconds of this process (robust to a loaded machine).
fn cpu_seconds() -> f64 {
    let Ok(s) = std::fs::read_to_string("/proc/self/stat") else {
        return 0.0;
    };
    let rest = s.rsplit_once(')').map(|x| x.1).unwrap_or("");
    let f: Vec<&str> = rest.split_whitespace().collect();
    let tick = |i: usize| f.get(i).and_then(|v| v.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(11) + tick(12)) / 100.0
}

fn rss_kib() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/self/status").ok()?;
    let l = s.lines().find(|l| l.starts_with("VmRSS:"))?;
    l.split_whitespace().nth(1)?.parse().ok()
}

const PEER: &str = r#"
import sys, time, re, resource
from datasketch import MinHash, MinHashLSH
path, b, r, num_perm = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
docs = open(path, encoding='utf-8').read().split('\n\x1e\n')
word = re.compile(r"[^\W_]+")
def shingles(t):
    w = word.findall(t.replace("'", "").lower())
    return {' '.join(w[i:i+4]).encode() for i in range(max(1, len(w) - 3))}
def rss():
    for l in open('/proc/self/status'):
        if l.startswith('VmRSS:'): return int(l.split()[1])
lsh = MinHashLSH(num_perm=num_perm, params=(b, r))
before = rss()
t0 = time.perf_counter(); c0 = time.process_time(); t_lsh = 0.0; copies = 0
for i, d in enumerate(docs):
    m = MinHash(num_perm=num_perm)
    m.update_batch(shingles(d))
    t1 = time.perf_counter()
    if lsh.query(m): copies += 1
    lsh.insert(str(i), m)
    t_lsh += time.perf_counter() - t1
total = time.perf_counter() - t0
cpu = time.process_time() - c0
n = len(docs)
print(f"datasketch: {n} docs, {cpu*1e6/n:.1f} us/doc CPU time")
print(f"datasketch: {n} docs, {total*1e6/n:.1f} us/doc total (shingle+minhash+query+insert), {t_lsh*1e6/n:.1f} us/doc query+insert, {(rss()-before)*1024/n:.0f} B/doc RSS, {copies} with candidates")
"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let data = PathBuf::from(args.next().unwrap_or_else(|| "../shared/data".into()));
    let sizes: Vec<usize> = args
        .next()
        .unwrap_or_else(|| "100000,1000000".into())
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    let python = args.next();
    let pool = sentences(&data);
    if pool.is_empty() {
        println!("no corpus text at {}: skipped", data.display());
        return;
    }
    let cfg = Config::default();
    println!(
        "sentence pool {}; num_perm {}, bands {} × rows {}, shingle {} words",
        pool.len(),
        cfg.num_perm,
        cfg.bands,
        cfg.rows,
        cfg.word_shingle
    );
    for (k, &n) in sizes.iter().enumerate() {
        let mut rng = Rng(42);
        let rss0 = rss_kib().unwrap_or(0);
        let mut ix = Index::new(cfg.clone()).expect("config");
        let tail = 10_000.min(n);
        let mut copies = 0usize;
        let t = Instant::now();
        let cpu0 = cpu_seconds();
        let mut t_fp = 0.0;
        let mut t_tail = 0.0;
        let mut cpu_tail = 0.0;
        let mut stats_tail = (0, 0);
        let mut peer_file = None;
        if k == 0 && python.is_some() {
            let p = std::env::temp_dir().join("attache-dedupe-bench.txt");
            peer_file = Some((std::fs::File::create(&p).expect("temp file"), p));
        }
        for i in 0..n {
            let text = make_doc(&mut rng, &pool);
            if let Some((f, _)) = peer_file.as_mut() {
                if i > 0 {
                    f.write_all(b"\n\x1e\n").expect("write");
                }
                f.write_all(text.as_bytes()).expect("write");
            }
            if i == n - tail {
                cpu_tail = cpu_seconds();
                stats_tail = ix.query_stats();
            }
            let t0 = Instant::now();
            let fp = ix.fingerprint(&text);
            let t1 = Instant::now();
            t_fp += (t1 - t0).as_secs_f64();
            copies += usize::from(ix.insert_fingerprint(&format!("{i:016x}"), &fp).is_copy());
            if i >= n - tail {
                t_tail += t0.elapsed().as_secs_f64();
            }
        }
        let total = t.elapsed().as_secs_f64();
        let cpu_end = cpu_seconds();
        let cpu = cpu_end - cpu0;
        let cpu_tail = cpu_end - cpu_tail;
        let (q, c) = ix.query_stats();
        println!(
            "attache-dedupe: {n} docs; last {tail} docs {:.1} µs/doc CPU time; candidates verified per query {:.1} overall, {:.1} in the last {tail}",
            cpu_tail * 1e6 / tail as f64,
            c as f64 / q.max(1) as f64,
            (c - stats_tail.1) as f64 / (q - stats_tail.0).max(1) as f64
        );
        let rss1 = rss_kib().unwrap_or(0);
        println!(
            "attache-dedupe: {n} docs; {:.1} µs/doc CPU time",
            cpu * 1e6 / n as f64
        );
        println!(
            "attache-dedupe: {n} docs; {:.1} µs/doc average (fingerprint {:.1} + query/insert {:.1}); last {tail} docs {:.1} µs/doc; index {:.0} B/doc (RSS delta {:.0} B/doc incl. ids); {copies} copies found",
            total * 1e6 / n as f64,
            t_fp * 1e6 / n as f64,
            (total - t_fp) * 1e6 / n as f64,
            t_tail * 1e6 / tail as f64,
            ix.memory_bytes() as f64 / n as f64,
            (rss1.saturating_sub(rss0)) as f64 * 1024.0 / n as f64,
        );
        let bytes = ix.to_bytes();
        let t = Instant::now();
        let back = Index::from_bytes(&bytes).expect("round trip");
        println!(
            "  persisted: {:.0} B/doc; reload {:.2} s",
            bytes.len() as f64 / n as f64,
            t.elapsed().as_secs_f64()
        );
        drop(back);
        drop(ix);
        if let (Some(py), Some((f, p))) = (python.as_deref(), peer_file) {
            drop(f);
            let script = std::env::temp_dir().join("attache-dedupe-peer.py");
            std::fs::write(&script, PEER).expect("script");
            let out = std::process::Command::new(py)
                .arg(&script)
                .arg(&p)
                .arg(cfg.bands.to_string())
                .arg(cfg.rows.to_string())
                .arg(cfg.num_perm.to_string())
                .output();
            match out {
                Ok(o) => print!(
                    "{}{}",
                    String::from_utf8_lossy(&o.stdout),
                    String::from_utf8_lossy(&o.stderr)
                ),
                Err(e) => println!("peer failed: {e}"),
            }
        }
    }
}
