//! Print a parsed feed as JSON: `cargo run -p attache-feed --example dump -- FILE [CONTENT-TYPE]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        eprintln!("usage: dump FILE [CONTENT-TYPE]");
        std::process::exit(2);
    };
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    };
    match attache_feed::parse(&bytes, args.get(1).map(String::as_str), None) {
        Ok(f) => println!("{}", serde_json::to_string_pretty(&f).unwrap_or_default()),
        Err(e) => {
            eprintln!("{path}: {e}");
            std::process::exit(1);
        }
    }
}
