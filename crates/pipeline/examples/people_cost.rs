//! What resolving through known people costs and finds: annotates a corpus of `.txt` files
//! (first line the title) once without knowledge, learns the people and roles those
//! annotations state, then annotates again with that knowledge, and prints the time of each
//! pass and how many mentions the knowledge resolved.
//!
//! ```text
//! cargo run -p attache-pipeline --release --example people_cost -- \
//!     ../shared/data/corpora/bbc-news-2225/bbc
//! ```

use std::path::{Path, PathBuf};
use std::time::Instant;

use attache_model::{Annotations, Document};
use attache_pipeline::Annotator;
use attache_pipeline::analysis::Analyzer;
use attache_store::people::{aggregate, observations};

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        if p.is_dir() {
            files(&p, out);
        } else if p.extension().is_some_and(|e| e == "txt") {
            out.push(p);
        }
    }
}

fn resolved(a: &Annotations) -> usize {
    a.mentions
        .iter()
        .filter(|m| m.kind == attache_model::MentionType::Person && m.country.is_some())
        .count()
}

fn main() {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "../shared/data/corpora/bbc-news-2225/bbc".into());
    let mut paths = Vec::new();
    files(Path::new(&dir), &mut paths);
    if paths.is_empty() {
        eprintln!("no .txt files under {dir}; nothing to measure");
        return;
    }
    let docs: Vec<Document> = paths
        .iter()
        .filter_map(|p| {
            let bytes = std::fs::read(p).ok()?;
            let text = String::from_utf8_lossy(&bytes);
            let (title, body) = text.split_once('\n').unwrap_or(("", &text));
            let mut d = Document::new(title.trim(), body.trim());
            d.published = Some("2005-06-01T00:00:00Z".parse().ok()?);
            Some(d)
        })
        .collect();
    let analyzer = Analyzer::new();
    let t0 = Instant::now();
    let plain: Vec<Annotations> = docs.iter().map(|d| analyzer.annotate(d)).collect();
    let without = t0.elapsed();
    let roles = aggregate(
        docs.iter()
            .zip(&plain)
            .flat_map(|(d, a)| observations(d, a)),
    );
    let people = roles.len();
    analyzer.set_people(roles);
    let t1 = Instant::now();
    let known: Vec<Annotations> = docs.iter().map(|d| analyzer.annotate(d)).collect();
    let with = t1.elapsed();
    // The resolution pass alone, over the recogniser's output of the first pass.
    let knowledge = analyzer.people();
    let mut outputs: Vec<_> = plain
        .iter()
        .map(|a| (a.mentions.clone(), a.entities.clone()))
        .collect();
    let t2 = Instant::now();
    for (d, (m, e)) in docs.iter().zip(&mut outputs) {
        knowledge.resolve(&d.text, Some("2005-06-01"), m, e);
    }
    let pass = t2.elapsed();
    println!(
        "resolution pass alone: {:.3} s ({:.1} µs/doc, {:.1}% of the annotation without it)",
        pass.as_secs_f64(),
        pass.as_secs_f64() * 1e6 / docs.len() as f64,
        pass.as_secs_f64() / without.as_secs_f64() * 100.0
    );
    let before: usize = plain.iter().map(resolved).sum();
    let after: usize = known.iter().map(resolved).sum();
    let changed = plain.iter().zip(&known).filter(|(a, b)| a != b).count();
    // With PEOPLE_SHOW=N, show the first N mentions the knowledge resolved.
    let show: usize = std::env::var("PEOPLE_SHOW")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    let mut shown = 0;
    for ((d, a), b) in docs.iter().zip(&plain).zip(&known) {
        for m in &b.mentions {
            if shown >= show || m.kind != attache_model::MentionType::Person || m.country.is_none()
            {
                continue;
            }
            let was = a
                .mentions
                .iter()
                .any(|x| x.start == m.start && x.country == m.country && x.entity == m.entity);
            if was {
                continue;
            }
            let name = b
                .entities
                .iter()
                .find(|e| Some(&e.id) == m.entity.as_ref())
                .map(|e| e.name.as_str())
                .unwrap_or("?");
            let ctx: String = d
                .text
                .chars()
                .skip(m.start.saturating_sub(40))
                .take(m.end - m.start.saturating_sub(40) + 30)
                .collect();
            println!(
                "{:?} -> {name} {:?}: …{}…",
                m.text,
                m.actor_code,
                ctx.replace('\n', " ")
            );
            shown += 1;
        }
    }
    println!(
        "{} documents; {people} person roles learned\n\
         without knowledge: {:.2} s ({:.0} docs/s)\n\
         with knowledge:    {:.2} s ({:.0} docs/s), {:+.1}%\n\
         person mentions with a country: {before} -> {after}; documents changed: {changed}",
        docs.len(),
        without.as_secs_f64(),
        docs.len() as f64 / without.as_secs_f64(),
        with.as_secs_f64(),
        docs.len() as f64 / with.as_secs_f64(),
        (with.as_secs_f64() / without.as_secs_f64() - 1.0) * 100.0,
    );
}
