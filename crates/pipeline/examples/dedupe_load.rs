//! How long a run takes to bring the dedupe index up to date with a store of N documents:
//! from stored fingerprints (what the pipeline does), from the texts (no fingerprints), and,
//! for comparison, from one serialised index blob (`Index::to_bytes`/`from_bytes`).
//!
//! `cargo run --release -p attache-pipeline --example dedupe_load -- [DATA] [N]`
//! (DATA defaults to ../shared/data; documents are Reuters-21578 bodies).

use std::time::Instant;

use attache_dedupe::Index;
use attache_model::{AnnotatedDocument, Annotations, Document};
use attache_pipeline::dedupe::IndexDeduper;
use attache_pipeline::{Deduper, StoredDocuments};
use attache_store::{DedupeInput, SqliteStore, Store, StoreError};

struct View<'a>(&'a SqliteStore, &'a str);

impl StoredDocuments for View<'_> {
    fn for_each_dedupe_input(
        &self,
        _scheme: &str,
        f: &mut dyn FnMut(&str, DedupeInput<'_>),
    ) -> Result<(), StoreError> {
        self.0.for_each_dedupe_input(self.1, f)
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let data = std::path::PathBuf::from(args.get(1).map_or("../shared/data", |s| s.as_str()));
    let n: usize = args.get(2).and_then(|s| s.parse().ok()).unwrap_or(20_000);
    let dir = data.join("corpora/reuters21578");
    let mut docs = Vec::new();
    for i in 0..22 {
        let Ok(bytes) = std::fs::read(dir.join(format!("reut2-{i:03}.sgm"))) else {
            continue;
        };
        let text = String::from_utf8_lossy(&bytes);
        for part in text.split("<BODY>").skip(1) {
            let body = part
                .split("</BODY>")
                .next()
                .unwrap_or("")
                .replace("&lt;", "<");
            let title = format!("reuters {}", docs.len());
            docs.push(Document::new(title, body));
        }
    }
    if docs.is_empty() {
        eprintln!("no Reuters-21578 files under {}", dir.display());
        std::process::exit(1);
    }
    while docs.len() < n {
        let k = docs.len();
        let mut d = docs[k % 19_000].clone();
        d.title = format!("reuters {k}");
        d.rehash();
        docs.push(d);
    }
    docs.truncate(n);
    let tmp = tempfile::tempdir().unwrap();
    let mut store = SqliteStore::open(&tmp.path().join("load.db")).unwrap();
    let batch: Vec<AnnotatedDocument> = docs
        .into_iter()
        .map(|document| AnnotatedDocument {
            document,
            annotations: Annotations::default(),
        })
        .collect();
    for b in batch.chunks(2000) {
        store.insert_batch(b).unwrap();
    }
    let chars: usize = batch.iter().map(|d| d.document.text.len()).sum();
    println!("{n} documents, {:.1} MB of text", chars as f64 / 1e6);

    let mut d = IndexDeduper::new();
    let scheme = d.scheme().to_string();
    let t = Instant::now();
    d.load(&View(&store, "none")).unwrap();
    let from_text = t.elapsed();
    let records = d.take_records();
    let fp_bytes: usize = records.fingerprints.iter().map(|(_, b)| b.len()).sum();
    let t = Instant::now();
    store
        .put_fingerprints(&scheme, &records.fingerprints)
        .unwrap();
    let write_fps = t.elapsed();

    let mut times = Vec::new();
    for _ in 0..5 {
        let mut d = IndexDeduper::new();
        let t = Instant::now();
        d.load(&View(&store, &scheme)).unwrap();
        times.push(t.elapsed());
    }
    times.sort();
    let from_fps = times[2];

    let index = Index::rebuild(Default::default(), batch.iter().map(|d| &d.document)).unwrap();
    let t = Instant::now();
    let blob = index.to_bytes();
    let ser = t.elapsed();
    let t = Instant::now();
    let back = Index::from_bytes(&blob).unwrap();
    let de = t.elapsed();
    assert_eq!(back.len(), index.len());

    println!("rebuild from texts (parallel fingerprinting): {from_text:.2?}");
    println!(
        "rebuild from stored fingerprints (median of 5): {from_fps:.2?}; \
         writing all {} fingerprints ({:.1} MB): {write_fps:.2?}",
        records.fingerprints.len(),
        fp_bytes as f64 / 1e6
    );
    println!(
        "serialised index: {:.1} MB, to_bytes {ser:.2?}, from_bytes {de:.2?} \
         (and the whole blob is rewritten after every run)",
        blob.len() as f64 / 1e6
    );
}
