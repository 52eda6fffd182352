//! Print the sentences, mentions and entities of a text file (or stdin) as JSON.
//!
//! `cargo run -p attache-annotate --example annotate -- FILE [DATE]`

use std::io::Read;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut text = String::new();
    let read = match args.first().map(String::as_str) {
        None | Some("-") => std::io::stdin().read_to_string(&mut text).map(|_| ()),
        Some(p) => std::fs::read_to_string(p).map(|t| text = t),
    };
    if let Err(e) = read {
        eprintln!("error: cannot read input: {e}");
        std::process::exit(1);
    }
    let rec = match attache_annotate::entities::EntityRecognizer::new() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    eprintln!("gazetteer loaded in {:?}", rec.load_time());
    let sentences = attache_annotate::sentences::split(&text);
    let (mentions, entities) = rec.annotate(&text, &sentences, args.get(1).map(String::as_str));
    for m in &mentions {
        println!(
            "{:>6} {:<12} {:<40} {:<10} {}",
            m.start,
            m.kind.as_str(),
            m.text,
            m.actor_code.as_deref().unwrap_or("-"),
            m.entity.as_deref().unwrap_or("-")
        );
    }
    for e in &entities {
        println!(
            "ENTITY {} {:<12} {:<40} {:?} {:?} roles={:?}",
            e.id,
            e.kind.as_str(),
            e.name,
            e.country,
            e.actor_code,
            e.roles
                .iter()
                .map(|r| format!("{} ({:?} {:?})", r.title, r.country, r.sector))
                .collect::<Vec<_>>()
        );
    }
}
