//! `attache reprocess`: re-run the annotation over every stored document, replacing what the
//! previous version stored. Documents themselves are not changed.

use std::process::ExitCode;

use anyhow::Result;
use attache_store::Store;
use indicatif::{ProgressBar, ProgressDrawTarget};
use rayon::prelude::*;

use crate::cli::Settings;

pub fn run(settings: &Settings) -> Result<ExitCode> {
    let mut store = super::open_store(settings)?;
    let ids = store.document_ids()?;
    let pipeline = super::pipeline();
    // Bare surnames and titles resolve through the people the store already knows.
    pipeline.learn_people(&store)?;
    let bar = if settings.progress {
        ProgressBar::with_draw_target(Some(ids.len() as u64), ProgressDrawTarget::stderr())
    } else {
        ProgressBar::hidden()
    };
    let started = std::time::Instant::now();
    for chunk in ids.chunks(256) {
        let mut docs = Vec::with_capacity(chunk.len());
        for id in chunk {
            if let Some(d) = store.document(id)? {
                docs.push(d.document);
            }
        }
        let batch: Vec<(String, attache_model::Annotations)> = docs
            .par_iter()
            .map(|d| (d.id.clone(), pipeline.annotator.annotate(d)))
            .collect();
        store.replace_annotations(&batch)?;
        bar.inc(chunk.len() as u64);
    }
    bar.finish_and_clear();
    println!(
        "reprocessed {} documents in {:.2} s with: {}",
        ids.len(),
        started.elapsed().as_secs_f64(),
        pipeline.annotator.name()
    );
    Ok(ExitCode::SUCCESS)
}
