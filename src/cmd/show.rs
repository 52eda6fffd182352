//! `attache show ID`: a document with its annotations, or an event.

use std::process::ExitCode;

use anyhow::{Result, bail};
use attache_model::{AnnotatedDocument, CameoCode, Event};
use attache_store::Store;

use crate::cli::{Settings, ShowArgs, ShowFormat};

pub fn run(settings: &Settings, args: &ShowArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    if let Some(doc) = store.document(&args.id)? {
        match args.format {
            ShowFormat::Json => println!("{}", serde_json::to_string_pretty(&doc)?),
            ShowFormat::Text => print!("{}", document_text(&doc)),
        }
        return Ok(ExitCode::SUCCESS);
    }
    if let Some(event) = store.event(&args.id)? {
        match args.format {
            ShowFormat::Json => println!("{}", serde_json::to_string_pretty(&event)?),
            ShowFormat::Text => print!("{}", event_text(&event)),
        }
        return Ok(ExitCode::SUCCESS);
    }
    bail!("no document or event with id {:?}", args.id)
}

fn document_text(a: &AnnotatedDocument) -> String {
    let d = &a.document;
    let mut out = format!("{}\n", d.title);
    out += &format!("id         {}\n", d.id);
    if let Some(site) = &d.site_name {
        out += &format!("outlet     {site}\n");
    }
    if let Some(url) = &d.url {
        out += &format!("url        {url}\n");
    }
    if let Some(byline) = &d.byline {
        out += &format!("byline     {byline}\n");
    }
    match d.published {
        Some(p) => {
            out += &format!(
                "published  {} ({} precision{})\n",
                p.strftime("%Y-%m-%d"),
                d.published_precision.as_str(),
                d.published_source
                    .as_deref()
                    .map(|s| format!(", from {s}"))
                    .unwrap_or_default()
            )
        }
        None => out += "published  unknown\n",
    }
    if let Some(s) = &d.syndication {
        out += &format!(
            "syndicated from {}{}{}\n",
            s.origin.as_deref().unwrap_or("an unnamed origin"),
            s.origin_url
                .as_deref()
                .map(|u| format!(" <{u}>"))
                .unwrap_or_default(),
            if s.via.is_empty() {
                String::new()
            } else {
                format!(" via {}", s.via.join(", "))
            }
        );
    }
    if let Some(input) = &d.input {
        out += &format!("read from  {input}\n");
    }
    out += &format!("\n{}\n\n", d.text);
    let n = &a.annotations;
    out += &format!(
        "{} sentences, {} mentions, {} entities, {} time expressions, {} events\n",
        n.sentences.len(),
        n.mentions.len(),
        n.entities.len(),
        n.timexes.len(),
        n.events.len()
    );
    for e in &n.events {
        out += &format!("  {}", event_line(e));
    }
    out
}

fn event_line(e: &Event) -> String {
    let label = CameoCode::lookup(&e.cameo).map(|c| c.label).unwrap_or("");
    format!(
        "{} {} [{} {}] {}  ({})\n",
        e.date_label(),
        e.source.name,
        e.cameo,
        label,
        e.target.as_ref().map(|t| t.name.as_str()).unwrap_or("-"),
        e.id
    )
}

fn event_text(e: &Event) -> String {
    let mut out = event_line(e);
    out += &format!(
        "quad class {}, Goldstein {:+.1}, PLOVER {} {} {}, {} report(s), confidence {:.2}\n",
        e.quad_class,
        e.goldstein,
        e.plover.event.as_deref().unwrap_or("-"),
        e.plover.mode.as_deref().unwrap_or(""),
        e.plover.context.as_deref().unwrap_or(""),
        e.reports,
        e.confidence
    );
    if let Some(l) = &e.location {
        out += &format!("where: {}\n", l.name);
    }
    for ev in &e.evidence {
        out += &format!(
            "evidence {} [{}..{}]: {}\n",
            ev.document, ev.start, ev.end, ev.text
        );
    }
    out
}
