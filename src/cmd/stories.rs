//! `attache stories`: story clusters (documents carrying the same text) with their origin and
//! each copy's delay and credit.

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use attache_pipeline::dates::parse_date;
use attache_pipeline::dedupe::same_outlet;
use attache_store::Store;
use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};
use jiff::Timestamp;
use serde::Serialize;

use super::output::clip;
use crate::cli::{ReportFormat, Settings, StoriesArgs};

#[derive(Debug, Serialize)]
struct Story {
    id: String,
    size: usize,
    canonical: String,
    title: String,
    origin: Option<String>,
    first_seen: Option<Timestamp>,
    last_seen: Option<Timestamp>,
    members: Vec<Member>,
}

#[derive(Debug, Serialize)]
struct Member {
    document: String,
    title: String,
    outlet: Option<String>,
    published: Option<Timestamp>,
    /// Seconds after the canonical document, when both dates are known.
    delay_seconds: Option<i64>,
    similarity: f32,
    credits_origin: bool,
}

/// "+2h05m", "-3d4h", "0", or empty when unknown.
pub fn delay(seconds: Option<i64>) -> String {
    let Some(s) = seconds else {
        return String::new();
    };
    if s == 0 {
        return "0".into();
    }
    let sign = if s < 0 { '-' } else { '+' };
    let a = s.unsigned_abs();
    let (d, h, m) = (a / 86_400, a % 86_400 / 3600, a % 3600 / 60);
    if d > 0 {
        format!("{sign}{d}d{h}h")
    } else if h > 0 {
        format!("{sign}{h}h{m:02}m")
    } else if m > 0 {
        format!("{sign}{m}m")
    } else {
        format!("{sign}{a}s")
    }
}

fn minute(t: Option<Timestamp>) -> String {
    t.map(|t| t.strftime("%Y-%m-%d %H:%M").to_string())
        .unwrap_or_default()
}

pub fn run(settings: &Settings, args: &StoriesArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let since = match &args.since {
        Some(d) => Some(
            parse_date(d)
                .ok_or_else(|| anyhow::anyhow!("--since {d:?} is not a date"))?
                .0,
        ),
        None => None,
    };
    let clusters: Vec<_> = store
        .clusters(usize::MAX >> 1)?
        .into_iter()
        .filter(|c| {
            args.outlet.as_deref().is_none_or(|o| {
                c.origin.as_deref().is_some_and(|x| same_outlet(x, o))
                    || c.members
                        .iter()
                        .any(|m| m.outlet.as_deref().is_some_and(|x| same_outlet(x, o)))
            })
        })
        .filter(|c| since.is_none_or(|s| c.last_seen.or(c.first_seen).is_some_and(|t| t >= s)))
        .take(args.limit)
        .collect();
    let ids: Vec<String> = clusters
        .iter()
        .flat_map(|c| c.members.iter().map(|m| m.document.clone()))
        .collect();
    let titles: HashMap<String, String> = store
        .document_heads(Some(&ids))?
        .into_iter()
        .map(|h| (h.id, h.title))
        .collect();
    let title = |id: &str| titles.get(id).cloned().unwrap_or_default();
    let stories: Vec<Story> = clusters
        .into_iter()
        .map(|c| Story {
            size: c.size(),
            title: title(&c.canonical),
            members: c
                .members
                .iter()
                .map(|m| Member {
                    document: m.document.clone(),
                    title: title(&m.document),
                    outlet: m.outlet.clone(),
                    published: m.published,
                    delay_seconds: m.delay_seconds,
                    similarity: m.similarity,
                    credits_origin: m.credits_origin,
                })
                .collect(),
            id: c.id,
            canonical: c.canonical,
            origin: c.origin,
            first_seen: c.first_seen,
            last_seen: c.last_seen,
        })
        .collect();

    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    match args.format {
        ReportFormat::Json => {
            serde_json::to_writer_pretty(&mut out, &stories)?;
            writeln!(out)?;
        }
        ReportFormat::Table => {
            if stories.is_empty() {
                writeln!(out, "(no stories: no stored document is a copy of another)")?;
            }
            for s in &stories {
                writeln!(
                    out,
                    "story {}  {} documents  origin {}  seen {} .. {}\n  {}",
                    &s.id[..s.id.len().min(12)],
                    s.size,
                    s.origin.as_deref().unwrap_or("(unknown)"),
                    minute(s.first_seen),
                    minute(s.last_seen),
                    clip(&s.title, 90),
                )?;
                let mut table = Table::new();
                table
                    .load_preset(UTF8_FULL_CONDENSED)
                    .set_content_arrangement(ContentArrangement::Dynamic)
                    .set_header(vec![
                        "document",
                        "outlet",
                        "published",
                        "delay",
                        "similarity",
                        "credits origin",
                        "title",
                    ]);
                for m in &s.members {
                    let canonical = m.document == s.canonical;
                    table.add_row(vec![
                        format!(
                            "{}{}",
                            &m.document[..m.document.len().min(12)],
                            if canonical { " *" } else { "" }
                        ),
                        m.outlet.clone().unwrap_or_default(),
                        minute(m.published),
                        delay(m.delay_seconds),
                        format!("{:.2}", m.similarity),
                        if canonical {
                            String::new()
                        } else if m.credits_origin {
                            "yes".into()
                        } else {
                            "no".into()
                        },
                        clip(&m.title, 50),
                    ]);
                }
                writeln!(out, "{table}\n")?;
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::delay;

    #[test]
    fn delays_read_well() {
        assert_eq!(delay(None), "");
        assert_eq!(delay(Some(0)), "0");
        assert_eq!(delay(Some(45)), "+45s");
        assert_eq!(delay(Some(600)), "+10m");
        assert_eq!(delay(Some(7500)), "+2h05m");
        assert_eq!(delay(Some(-90_000)), "-1d1h");
    }
}
