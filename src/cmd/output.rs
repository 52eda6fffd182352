//! Output formats shared by the listing commands: table, JSON, JSON lines and CSV.

use std::io::Write;

use anyhow::Result;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use serde::Serialize;

use crate::cli::ListFormat;

/// Rows with a header, for table and CSV output; `items` for JSON output.
pub struct Listing<'a, T: Serialize> {
    pub header: &'a [&'a str],
    pub rows: Vec<Vec<String>>,
    pub items: &'a [T],
}

pub fn print<T: Serialize>(format: ListFormat, listing: Listing<'_, T>) -> Result<()> {
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match format {
        ListFormat::Table => {
            if listing.rows.is_empty() {
                writeln!(out, "(none)")?;
                return Ok(());
            }
            let mut table = Table::new();
            table
                .load_preset(UTF8_FULL_CONDENSED)
                .set_content_arrangement(ContentArrangement::Dynamic)
                .set_header(listing.header.to_vec());
            for row in listing.rows {
                table.add_row(row);
            }
            writeln!(out, "{table}")?;
        }
        ListFormat::Json => {
            serde_json::to_writer_pretty(&mut out, listing.items)?;
            writeln!(out)?;
        }
        ListFormat::Jsonl => {
            for item in listing.items {
                serde_json::to_writer(&mut out, item)?;
                writeln!(out)?;
            }
        }
        ListFormat::Csv => {
            let mut w = csv::Writer::from_writer(out);
            w.write_record(listing.header)?;
            for row in listing.rows {
                w.write_record(row)?;
            }
            w.flush()?;
        }
    }
    Ok(())
}

/// Shorten text to `max` chars for table cells.
pub fn clip(s: &str, max: usize) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() <= max {
        s
    } else {
        let mut c: String = s.chars().take(max.saturating_sub(1)).collect();
        c.push('…');
        c
    }
}

pub fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

/// A timestamp's date part, or empty.
pub fn day(t: Option<jiff::Timestamp>) -> String {
    t.map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_default()
}
