//! `attache extract` and `attache annotate`: one document through the stages, printed as JSON,
//! nothing stored.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use attache_pipeline::{Inputs, Source, SourceOptions};

use crate::cli::ExtractArgs;

pub fn run(args: &ExtractArgs, annotate: bool) -> Result<ExitCode> {
    let meta = args.meta.validate().map_err(anyhow::Error::msg)?;
    let source = if args.path == "-" {
        Source::Stdin
    } else {
        Source::Path(PathBuf::from(&args.path))
    };
    let opts = SourceOptions {
        hints: super::hints(&meta),
        ..SourceOptions::default()
    };
    let mut inputs = Inputs::new(&[source], opts);
    let input = match inputs.next() {
        Some(Ok(input)) => input,
        Some(Err(e)) => bail!("{}: {}", e.origin, e.message),
        None => bail!("{}: nothing to read", args.path),
    };
    if inputs.next().is_some() {
        bail!(
            "{}: holds more than one document; use `attache add` for JSONL files",
            args.path
        );
    }
    let (doc, warnings) = super::pipeline()
        .process_one(&input)
        .map_err(|m| anyhow::anyhow!("{}: {m}", input.origin))?;
    for w in warnings {
        eprintln!("attache: warning: {}: {w}", input.origin);
    }
    let json = if annotate {
        serde_json::to_string_pretty(&doc)?
    } else {
        serde_json::to_string_pretty(&doc.document)?
    };
    println!("{json}");
    Ok(ExitCode::SUCCESS)
}
