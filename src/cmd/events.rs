//! `attache events`: coded events with filters.

use std::process::ExitCode;

use anyhow::Result;
use attache_model::{CameoCode, Event};
use attache_store::{EventFilter, Store};

use super::output::{Listing, clip, opt, print};
use crate::cli::{EventsArgs, ListFormat, Settings};

pub fn run(settings: &Settings, args: &EventsArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let filter = EventFilter {
        actor: args.actor.clone(),
        dyad: args
            .dyad
            .as_deref()
            .and_then(|d| d.split_once('-'))
            .map(|(a, b)| (a.to_string(), b.to_string())),
        since: args.since.clone(),
        until: args.until.clone(),
        cameo: args.cameo.clone(),
        topic: args.topic.clone(),
        document: None,
        limit: Some(args.list.limit),
    };
    let events = store.events(&filter)?;
    let table = args.list.format == ListFormat::Table;
    let rows = events.iter().map(|e| row(e, table)).collect();
    let header: &[&str] = if table {
        &[
            "date", "source", "event", "target", "where", "reports", "id",
        ]
    } else {
        &[
            "id",
            "date",
            "date_precision",
            "date_basis",
            "date_before",
            "source_name",
            "source_code",
            "target_name",
            "target_code",
            "cameo",
            "plover_event",
            "plover_mode",
            "plover_context",
            "quad_class",
            "goldstein",
            "location",
            "topics",
            "reports",
            "confidence",
            "evidence",
        ]
    };
    print(
        args.list.format,
        Listing {
            header,
            rows,
            items: &events,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}

fn row(e: &Event, table: bool) -> Vec<String> {
    let target = e.target.as_ref();
    if table {
        let label = CameoCode::lookup(&e.cameo).map(|c| c.label).unwrap_or("");
        let side = |name: &str, code: &Option<String>| match code {
            Some(c) => format!("{name} ({c})"),
            None => name.to_string(),
        };
        return vec![
            e.date_label(),
            side(&e.source.name, &e.source.code),
            clip(&format!("{} {label}", e.cameo), 40),
            target.map(|t| side(&t.name, &t.code)).unwrap_or_default(),
            e.location
                .as_ref()
                .map(|l| l.name.clone())
                .unwrap_or_default(),
            e.reports.to_string(),
            e.id.clone(),
        ];
    }
    vec![
        e.id.clone(),
        opt(&e.date),
        e.date_precision.as_str().into(),
        e.date_basis.map(|b| b.as_str()).unwrap_or_default().into(),
        opt(&e.date_before),
        e.source.name.clone(),
        opt(&e.source.code),
        target.map(|t| t.name.clone()).unwrap_or_default(),
        target.and_then(|t| t.code.clone()).unwrap_or_default(),
        e.cameo.clone(),
        opt(&e.plover.event),
        opt(&e.plover.mode),
        opt(&e.plover.context),
        e.quad_class.to_string(),
        e.goldstein.to_string(),
        e.location
            .as_ref()
            .map(|l| l.name.clone())
            .unwrap_or_default(),
        e.topics.join(";"),
        e.reports.to_string(),
        format!("{:.2}", e.confidence),
        e.evidence
            .first()
            .map(|v| v.text.clone())
            .unwrap_or_default(),
    ]
}
