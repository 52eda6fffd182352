//! `attache outlets`: the republishing network per outlet (originals, copies, credit, who
//! copies whom, how fast).

use std::process::ExitCode;

use anyhow::Result;
use attache_pipeline::dedupe::{all_doc_metas, outlet_summary};
use attache_store::Store;

use super::output::{Listing, print};
use super::stories::delay;
use crate::cli::{ListFormat, OutletsArgs, ReportFormat, Settings};

/// "RT ×3, TASS ×1" (the first few).
fn pairs(v: &[(String, usize)]) -> String {
    let mut s: Vec<String> = v.iter().take(4).map(|(o, n)| format!("{o} ×{n}")).collect();
    if v.len() > 4 {
        s.push(format!("+{} more", v.len() - 4));
    }
    s.join(", ")
}

pub fn run(settings: &Settings, args: &OutletsArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let docs = all_doc_metas(&store)?;
    let clusters = store.clusters(usize::MAX >> 1)?;
    let summary = outlet_summary(&docs, &clusters);
    let rows = summary
        .iter()
        .map(|o| {
            vec![
                o.outlet.clone(),
                o.documents.to_string(),
                o.originals.to_string(),
                o.copies.to_string(),
                o.credited.to_string(),
                pairs(&o.copied_from),
                pairs(&o.copied_by),
                delay(o.median_delay_seconds),
            ]
        })
        .collect();
    let format = match args.format {
        ReportFormat::Table => ListFormat::Table,
        ReportFormat::Json => ListFormat::Json,
    };
    print(
        format,
        Listing {
            header: &[
                "outlet",
                "documents",
                "originals",
                "copies",
                "credited",
                "copied from",
                "copied by",
                "median delay",
            ],
            rows,
            items: &summary,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
