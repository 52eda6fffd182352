//! Prints the document date and the timexes of a text file (or stdin), for inspection:
//! `cargo run -p attache-annotate --example timex -- FILE [DCT]`.

use std::io::Read;

use attache_annotate::time::{Dct, annotate};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut text = String::new();
    match args.first().map(String::as_str) {
        None | Some("-") => {
            if let Err(e) = std::io::stdin().read_to_string(&mut text) {
                eprintln!("error: cannot read stdin: {e}");
                std::process::exit(1);
            }
        }
        Some(path) => match std::fs::read(path) {
            Ok(b) => text = String::from_utf8_lossy(&b).into_owned(),
            Err(e) => {
                eprintln!("error: cannot read {path}: {e}");
                std::process::exit(1);
            }
        },
    }
    let dct = match args.get(1).map(|s| Dct::parse(s)) {
        Some(Ok(d)) => Some(d),
        Some(Err(e)) => {
            eprintln!("error: {e}");
            std::process::exit(2);
        }
        None => None,
    };
    let a = annotate(&text, dct);
    println!(
        "document date: {:?} ({}) {:?}",
        a.date.value,
        a.date.precision.as_str(),
        a.date.how
    );
    for t in a.timexes {
        println!(
            "{}..{}\t{:?}\t{}\t{}\t{}",
            t.start,
            t.end,
            t.text,
            t.kind.as_str(),
            t.value.unwrap_or_default(),
            t.modifier.unwrap_or_default()
        );
    }
}
