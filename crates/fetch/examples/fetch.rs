//! Fetch one URL and print the outcome: `cargo run -p attache-fetch --example fetch -- URL
//! [--page] [--allow-private] [--etag E] [--last-modified LM]`.

use attache_fetch::{BlockingFetcher, FetchConfig, FetchOutcome, FetchRequest, Validators};

fn main() {
    let mut args = std::env::args().skip(1);
    let mut url = None;
    let mut page = false;
    let mut allow = false;
    let mut validators = Validators::default();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--page" => page = true,
            "--allow-private" => allow = true,
            "--etag" => validators.etag = args.next(),
            "--last-modified" => validators.last_modified = args.next(),
            _ => url = Some(a),
        }
    }
    let Some(url) = url else {
        eprintln!("usage: fetch URL [--page] [--allow-private] [--etag E] [--last-modified LM]");
        std::process::exit(2);
    };
    let fetcher = match BlockingFetcher::new(FetchConfig::default()) {
        Ok(f) => f,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(1);
        }
    };
    let req = if page {
        FetchRequest::page(url)
    } else {
        FetchRequest::feed(url).with_validators(validators)
    }
    .allow_private(allow);
    match fetcher.fetch(&req) {
        Ok(outcome) => {
            let meta = outcome.meta();
            println!("status: {}", meta.status);
            println!("final url: {}", meta.final_url);
            if let Some(p) = &meta.permanent_redirect {
                println!("permanent redirect: {p}");
            }
            println!("etag: {:?}", meta.validators.etag);
            println!("last-modified: {:?}", meta.validators.last_modified);
            println!("freshness: {:?}", meta.freshness);
            match outcome {
                FetchOutcome::Fetched(f) => println!(
                    "body: {} bytes ({} on the wire), content-type {:?}",
                    f.body.len(),
                    f.wire_bytes,
                    f.content_type
                ),
                FetchOutcome::NotModified(_) => println!("not modified"),
                FetchOutcome::RetryLater(r) => println!("retry later: {:?}", r.retry_after),
            }
        }
        Err(e) => {
            eprintln!("error [{}]: {e}", e.code());
            std::process::exit(1);
        }
    }
}
