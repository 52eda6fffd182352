//! `attache add`: read files, directories, JSONL and stdin through the pipeline into the store.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use attache_pipeline::{Inputs, ItemReport, Observer, Source, SourceOptions, Summary};
use attache_store::SqliteStore;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::cli::{AddArgs, Settings};

/// Prints failures and warnings to stderr above a progress bar.
pub struct Reporter {
    bar: ProgressBar,
}

impl Reporter {
    pub fn new(total_bytes: u64, show: bool) -> Self {
        let bar = if show && total_bytes > 0 {
            let bar =
                ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta})",
                )
                .expect("valid template"),
            );
            bar
        } else {
            ProgressBar::hidden()
        };
        Reporter { bar }
    }

    pub fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

impl Observer for Reporter {
    fn progress(&mut self, bytes: u64) {
        self.bar.inc(bytes);
    }

    fn report(&mut self, report: &ItemReport) {
        match report {
            ItemReport::Failed { origin, message } => {
                self.bar
                    .suspend(|| eprintln!("attache: {origin}: {message}"));
            }
            ItemReport::Warning { origin, message } => {
                self.bar
                    .suspend(|| eprintln!("attache: warning: {origin}: {message}"));
            }
            ItemReport::Duplicate { origin, id } => {
                tracing::info!("{origin}: already stored as {id}");
            }
            ItemReport::Added { origin, id, .. } => {
                tracing::debug!("{origin}: added as {id}");
            }
        }
    }
}

/// Run the pipeline over `sources` into `store`, reporting on stderr.
pub fn ingest(
    store: &mut SqliteStore,
    sources: &[Source],
    opts: SourceOptions,
    progress: bool,
) -> Result<Summary> {
    let inputs = Inputs::new(sources, opts);
    let mut reporter = Reporter::new(inputs.total_bytes(), progress);
    if inputs.skipped() > 0 {
        tracing::info!("skipped {} files with other extensions", inputs.skipped());
    }
    let mut pipeline = super::pipeline();
    let summary = pipeline.run(store, inputs, &mut reporter);
    reporter.finish();
    Ok(summary?)
}

pub fn run(settings: &Settings, args: &AddArgs) -> Result<ExitCode> {
    let meta = args.meta.validate().map_err(anyhow::Error::msg)?;
    let sources: Vec<Source> = args
        .paths
        .iter()
        .map(|p| {
            if p == "-" {
                Source::Stdin
            } else {
                Source::Path(PathBuf::from(p))
            }
        })
        .collect();
    let mut store = super::open_store(settings)?;
    let opts = SourceOptions {
        max_file_bytes: args.max_size * 1024 * 1024,
        hints: super::hints(&meta),
        ..SourceOptions::default()
    };
    let summary = ingest(&mut store, &sources, opts, settings.progress)?;
    println!("{}", summary.line());
    Ok(if summary.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
