//! Evaluation and throughput harness over the Zyte article-extraction benchmark.
//!
//! ```text
//! cargo run -p attache-extract --release --example zyte -- [DIR] [--python PY] [--out FILE] [--show N]
//! ```
//! DIR defaults to `../shared/data/extraction/zyte` (html/*.html.gz + ground-truth.json). The
//! metric is the benchmark's own: `\w+` tokens, 4-gram shingles with multiplicity, per-page
//! tp/fp/fn normalised by their sum, precision and recall averaged over pages, F1 from the two
//! averages, accuracy = pages whose token list equals the ground truth exactly.
//!
//! `--python PY` also runs Python trafilatura (`PY -c …`, one thread, in-process loop over the
//! same decompressed pages) in the same run and scores it with the same code.
//! `--show N` prints the N pages with the lowest F1.

use std::collections::HashMap;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Instant;

use attache_extract::{Options, extract_html};

struct Page {
    id: String,
    url: String,
    html: Vec<u8>,
    truth: String,
}

fn tokens(s: &str, re: &regex::Regex) -> Vec<String> {
    re.find_iter(s).map(|m| m.as_str().to_string()).collect()
}

fn shingles(t: &[String]) -> HashMap<&[String], usize> {
    let mut m = HashMap::new();
    let n = 4;
    let end = if t.len() >= n { t.len() - n + 1 } else { 1 };
    for i in 0..end {
        let s = &t[i..(i + n).min(t.len())];
        if !s.is_empty() {
            *m.entry(s).or_insert(0) += 1;
        }
    }
    m
}

/// (tp, fp, fn) normalised, and exact token match.
fn score(truth: &str, pred: &str, re: &regex::Regex) -> (f64, f64, f64, bool) {
    let tt = tokens(truth, re);
    let pt = tokens(pred, re);
    let a = shingles(&tt);
    let b = shingles(&pt);
    let (mut tp, mut fp, mut fn_) = (0f64, 0f64, 0f64);
    for (k, &c) in &a {
        let p = *b.get(k).unwrap_or(&0);
        tp += c.min(p) as f64;
        fn_ += c.saturating_sub(p) as f64;
    }
    for (k, &p) in &b {
        let c = *a.get(k).unwrap_or(&0);
        fp += p.saturating_sub(c) as f64;
    }
    let s = tp + fp + fn_;
    if s > 0.0 {
        (tp / s, fp / s, fn_ / s, tt == pt)
    } else {
        (0.0, 0.0, 0.0, tt == pt)
    }
}

struct Metrics {
    p: f64,
    r: f64,
    f1: f64,
    acc: f64,
    per_page: Vec<f64>,
}

fn evaluate(pages: &[Page], preds: &[String]) -> Metrics {
    let re = regex::Regex::new(r"\w+").expect("regex");
    let (mut ps, mut np, mut rs, mut nr, mut acc) = (0.0, 0usize, 0.0, 0usize, 0usize);
    let mut per_page = Vec::new();
    for (page, pred) in pages.iter().zip(preds) {
        let (tp, fp, fn_, exact) = score(&page.truth, pred, &re);
        let both_zero = fp == 0.0 && fn_ == 0.0;
        let p = if both_zero {
            1.0
        } else if tp == 0.0 && fp == 0.0 {
            0.0
        } else {
            tp / (tp + fp)
        };
        let r = if both_zero {
            1.0
        } else if tp == 0.0 && fn_ == 0.0 {
            0.0
        } else {
            tp / (tp + fn_)
        };
        if tp + fp > 0.0 {
            ps += p;
            np += 1;
        }
        if tp + fn_ > 0.0 {
            rs += r;
            nr += 1;
        }
        if exact {
            acc += 1;
        }
        per_page.push(if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        });
    }
    let p = ps / np.max(1) as f64;
    let r = rs / nr.max(1) as f64;
    Metrics {
        p,
        r,
        f1: if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        },
        acc: acc as f64 / pages.len().max(1) as f64,
        per_page,
    }
}

const PY: &str = r#"
import json, sys, time, gzip
import trafilatura
d = sys.argv[1]
ids = json.load(open(sys.argv[2]))
pages = [gzip.open(f"{d}/html/{i}.html.gz").read().decode("utf-8", "replace") for i in ids]
t0 = time.perf_counter()
out = [trafilatura.extract(h) or "" for h in pages]
el = time.perf_counter() - t0
json.dump({"seconds": el, "version": trafilatura.__version__, "texts": out}, open(sys.argv[3], "w"))
"#;

fn main() {
    let mut dir = PathBuf::from("../shared/data/extraction/zyte");
    let mut python: Option<String> = None;
    let mut out: Option<PathBuf> = None;
    let mut show = 0usize;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--python" => python = args.next(),
            "--out" => out = args.next().map(PathBuf::from),
            "--show" => show = args.next().and_then(|s| s.parse().ok()).unwrap_or(10),
            _ => dir = PathBuf::from(a),
        }
    }
    let gt_path = dir.join("ground-truth.json");
    let Ok(gt) = std::fs::read_to_string(&gt_path) else {
        eprintln!("skipping: {} not found", gt_path.display());
        return;
    };
    let gt: serde_json::Value = match serde_json::from_str(&gt) {
        Ok(v) => v,
        Err(e) => {
            eprintln!("error: {}: {e}", gt_path.display());
            std::process::exit(1);
        }
    };
    let mut pages = Vec::new();
    for (id, v) in gt.as_object().into_iter().flatten() {
        let mut html = Vec::new();
        let path = dir.join("html").join(format!("{id}.html.gz"));
        let ok = std::fs::File::open(&path)
            .map(|f| flate2::read::GzDecoder::new(f).read_to_end(&mut html));
        if !matches!(ok, Ok(Ok(_))) {
            eprintln!("error: cannot read {}", path.display());
            std::process::exit(1);
        }
        pages.push(Page {
            id: id.clone(),
            url: v["url"].as_str().unwrap_or_default().to_string(),
            html,
            truth: v["articleBody"].as_str().unwrap_or_default().to_string(),
        });
    }
    let mb: f64 = pages.iter().map(|p| p.html.len()).sum::<usize>() as f64 / 1e6;
    println!("{} pages, {mb:.1} MB of HTML", pages.len());

    // Warm-up pass (page cache, lazy statics), then the timed pass.
    let opts: Vec<Options> = pages
        .iter()
        .map(|p| Options::with_url(p.url.clone()))
        .collect();
    for (p, o) in pages.iter().zip(&opts).take(5) {
        let _ = extract_html(&p.html, o);
    }
    let t0 = Instant::now();
    let mut preds = Vec::with_capacity(pages.len());
    let mut errors = 0;
    for (p, o) in pages.iter().zip(&opts) {
        match extract_html(&p.html, o) {
            Ok(e) => preds.push(e.text),
            Err(_) => {
                errors += 1;
                preds.push(String::new());
            }
        }
    }
    let ours_s = t0.elapsed().as_secs_f64();
    let m = evaluate(&pages, &preds);
    println!(
        "attache-extract      precision={:.3} recall={:.3} F1={:.3} accuracy={:.3}  {:.2}s  {:.1} pages/s  ({} no-article)",
        m.p,
        m.r,
        m.f1,
        m.acc,
        ours_s,
        pages.len() as f64 / ours_s,
        errors
    );
    if show > 0 {
        let mut idx: Vec<usize> = (0..pages.len()).collect();
        idx.sort_by(|a, b| m.per_page[*a].total_cmp(&m.per_page[*b]));
        for i in idx.into_iter().take(show) {
            println!("  F1={:.3} {} {}", m.per_page[i], pages[i].id, pages[i].url);
        }
    }
    if let Some(out) = out {
        let map: serde_json::Map<String, serde_json::Value> = pages
            .iter()
            .zip(&preds)
            .map(|(p, t)| (p.id.clone(), serde_json::json!({ "articleBody": t })))
            .collect();
        let written = std::fs::File::create(&out)
            .and_then(|mut f| f.write_all(serde_json::Value::Object(map).to_string().as_bytes()));
        if let Err(e) = written {
            eprintln!("error: {}: {e}", out.display());
        }
    }

    if let Some(py) = python {
        run_python(&py, &dir, &pages, ours_s);
    }
}

fn run_python(py: &str, dir: &Path, pages: &[Page], ours_s: f64) {
    let tmp = std::env::temp_dir().join(format!("zyte-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&tmp);
    let ids: Vec<&str> = pages.iter().map(|p| p.id.as_str()).collect();
    let ids_path = tmp.join("ids.json");
    let out_path = tmp.join("out.json");
    let script = tmp.join("run.py");
    let wrote = std::fs::write(&ids_path, serde_json::to_string(&ids).unwrap_or_default())
        .and_then(|_| std::fs::write(&script, PY));
    if let Err(e) = wrote {
        eprintln!("error: {e}");
        return;
    }
    let status = std::process::Command::new(py)
        .arg(&script)
        .arg(dir)
        .arg(&ids_path)
        .arg(&out_path)
        .env("OMP_NUM_THREADS", "1")
        .status();
    if !matches!(status, Ok(s) if s.success()) {
        eprintln!("error: python trafilatura run failed: {status:?}");
        return;
    }
    let Ok(v) = std::fs::read_to_string(&out_path)
        .map_err(|e| e.to_string())
        .and_then(|s| serde_json::from_str::<serde_json::Value>(&s).map_err(|e| e.to_string()))
    else {
        eprintln!("error: cannot read python output");
        return;
    };
    let secs = v["seconds"].as_f64().unwrap_or(f64::NAN);
    let texts: Vec<String> = v["texts"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|t| t.as_str().unwrap_or_default().to_string())
        .collect();
    let m = evaluate(pages, &texts);
    println!(
        "trafilatura {:<8} precision={:.3} recall={:.3} F1={:.3} accuracy={:.3}  {:.2}s  {:.1} pages/s",
        v["version"].as_str().unwrap_or("?"),
        m.p,
        m.r,
        m.f1,
        m.acc,
        secs,
        pages.len() as f64 / secs
    );
    println!(
        "speed ratio (attache-extract / trafilatura): {:.1}x",
        secs / ours_s
    );
    let _ = std::fs::remove_dir_all(&tmp);
}
