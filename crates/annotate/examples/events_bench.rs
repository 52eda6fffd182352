//! Throughput of the whole annotate stage as the pipeline runs it (time expressions, sentence
//! split, entities with actor codes, event coding), on one core, over the Reuters-21578 bodies.
//!
//! `cargo run -p attache-annotate --release --example events_bench -- [DATA] [--fallback]`
//! (DATA defaults to `../shared/data`; reads `corpora/reuters21578/reut2-*.sgm`, SGML in
//! Latin-1). `--fallback` takes the actors from the Phoenix dictionary stand-in instead of the
//! entity module.

use std::time::{Duration, Instant};

use attache_annotate::entities::EntityRecognizer;
use attache_annotate::events::fallback_actors::FallbackActors;
use attache_annotate::events::{CoderInput, EventCoder, split_sentences};
use attache_annotate::{sentences, time};

fn bodies(data: &str) -> Vec<String> {
    let dir = std::path::Path::new(data).join("corpora/reuters21578");
    let Ok(rd) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut files: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sgm"))
        .collect();
    files.sort();
    let mut out = Vec::new();
    for f in files {
        let Ok(bytes) = std::fs::read(&f) else {
            continue;
        };
        let text: String = bytes.iter().map(|&b| b as char).collect(); // Latin-1
        for part in text.split("<BODY>").skip(1) {
            if let Some(body) = part.split("</BODY>").next() {
                out.push(
                    body.replace("&lt;", "<")
                        .replace("&gt;", ">")
                        .replace("&amp;", "&"),
                );
            }
        }
    }
    out
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let fallback = args.iter().any(|a| a == "--fallback");
    let data = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .cloned()
        .unwrap_or_else(|| "../shared/data".into());
    let docs = bodies(&data);
    if docs.is_empty() {
        println!("skipped: no Reuters-21578 bodies under {data}");
        return;
    }
    let t = Instant::now();
    let coder = EventCoder::new();
    let actors = FallbackActors::new();
    let recognizer = if fallback {
        None
    } else {
        match EntityRecognizer::new() {
            Ok(r) => Some(r),
            Err(e) => {
                println!("the gazetteer does not load ({e}); using the fallback actors");
                None
            }
        }
    };
    println!(
        "setup: {:.1} ms (lexicon {:?} forms/patterns)",
        t.elapsed().as_secs_f64() * 1e3,
        coder.lexicon_size()
    );
    let (mut sents, mut events, mut chars) = (0usize, 0usize, 0usize);
    let (mut t_time, mut t_sent, mut t_act, mut t_ev) = (
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
        Duration::ZERO,
    );
    let mut runs = Vec::new();
    for round in 0..3 {
        let start = Instant::now();
        for d in &docs {
            let a = Instant::now();
            let ta = time::annotate(d, None);
            let b = Instant::now();
            let sentences = match &recognizer {
                Some(_) => sentences::split(d),
                None => split_sentences(d),
            };
            let c = Instant::now();
            let (mentions, entities) = match &recognizer {
                Some(r) => r.annotate(d, &sentences, ta.date.value.as_deref()),
                None => (actors.mentions(d, &sentences), Vec::new()),
            };
            let e = Instant::now();
            let input = CoderInput {
                document: "r",
                text: d,
                sentences: &sentences,
                mentions: &mentions,
                entities: &entities,
                timexes: &ta.timexes,
                date: ta.date.value.as_deref(),
                date_precision: ta.date.precision,
            };
            let ev = coder.code(&input);
            let f = Instant::now();
            if round == 0 {
                sents += sentences.len();
                events += ev.len();
                chars += d.chars().count();
                t_time += b - a;
                t_sent += c - b;
                t_act += e - c;
                t_ev += f - e;
            }
        }
        runs.push(start.elapsed().as_secs_f64());
    }
    runs.sort_by(f64::total_cmp);
    let med = runs[1];
    println!(
        "documents {}, sentences {sents}, chars {chars}, events {events}",
        docs.len()
    );
    println!(
        "median of 3 runs: {med:.2} s = {:.0} sentences/s, {:.1} MB/s",
        sents as f64 / med,
        chars as f64 / med / 1e6
    );
    let tot = (t_time + t_sent + t_act + t_ev).as_secs_f64();
    for (name, d) in [
        ("time", t_time),
        ("sentences", t_sent),
        (
            if recognizer.is_some() {
                "entities"
            } else {
                "fallback actors"
            },
            t_act,
        ),
        ("events", t_ev),
    ] {
        println!(
            "  {name}: {:.0}% ({:.0} sentences/s alone)",
            d.as_secs_f64() / tot * 100.0,
            sents as f64 / d.as_secs_f64()
        );
    }
}
