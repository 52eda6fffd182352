//! The events table with filters (cursor pages) and one event with its evidence.

use attache_store::Store;
use attache_store::analytics::Analytics;
use axum::extract::{Path, State};
use maud::html;

use super::{
    Page, WebError, actor_link, cameo_label, encode, events_table, layout, quad_label, url,
};
use crate::error::ApiError;
use crate::params::{DEFAULT_PAGE, Params};
use crate::state::AppState;

const FILTERS: &[(&str, &str, &str)] = &[
    ("actor", "Actor", "RUS"),
    ("dyad", "Dyad", "RUS,EGY"),
    ("pair", "Between", "RUS,TUR"),
    ("since", "Since", "2025-01"),
    ("until", "Until", "2025-12"),
    ("cameo", "CAMEO", "04"),
    ("topic", "Topic", "energy"),
];

pub async fn list(State(st): State<AppState>, p: Params) -> Page {
    let filter = p.event_filter()?;
    let pair = p.pair("pair")?;
    let limit = p.limit(DEFAULT_PAGE)?;
    let cursor = p.string("cursor");
    let page = st
        .db
        .read(move |s| match pair {
            Some((a, b)) => s.pair_page(&a, &b, &filter, cursor.as_deref(), limit),
            None => s.events_page(&filter, cursor.as_deref(), limit),
        })
        .await?;
    let mut next_pairs: Vec<(&str, Option<&str>)> =
        FILTERS.iter().map(|(k, _, _)| (*k, p.str(k))).collect();
    next_pairs.push(("document", p.str("document")));
    let first_url = url("/events", &next_pairs);
    next_pairs.push(("cursor", page.next.as_deref()));
    let next_url = url("/events", &next_pairs);
    let body = html! {
        h1 { "Events" }
        form.filters action="/events" method="get" {
            @for (name, label, hint) in FILTERS {
                label { (label) " " input type="text" name=(name) placeholder=(hint) value=[p.str(name)]; }
            }
            @if let Some(d) = p.str("document") { input type="hidden" name="document" value=(d); }
            button type="submit" { "Filter" }
            " " a href="/events" { "Clear" }
        }
        @if page.events.is_empty() {
            p { "No events match." }
        } @else {
            (events_table(&page.events))
        }
        nav.pager aria-label="Pages" {
            @if p.str("cursor").is_some() { a href=(first_url) { "First page" } " " }
            @if page.next.is_some() { a rel="next" href=(next_url) { "Next page →" } }
        }
    };
    Ok(layout("Events", "/events", body))
}

pub async fn one(State(st): State<AppState>, Path(id): Path<String>) -> Page {
    let key = id.clone();
    let e = st
        .db
        .read(move |s| s.event(&key))
        .await?
        .ok_or_else(|| WebError(ApiError::not_found(format!("event {id:?}"))))?;
    let body = html! {
        h1 {
            (e.source.name) " · " (cameo_label(&e.cameo))
            @if let Some(t) = &e.target { " · " (t.name) }
        }
        dl.facts {
            dt { "Date" } dd {
                (e.date_label()) " (" (e.date_precision.as_str())
                @if e.date_basis.is_some() { "; " (e.date_basis_label()) }
                ")"
            }
            dt { "Source" } dd { (actor_link(&e.source)) }
            dt { "Target" } dd { @if let Some(t) = &e.target { (actor_link(t)) } @else { "—" } }
            dt { "CAMEO" } dd { (e.cameo) " " (cameo_label(&e.cameo)) }
            dt { "PLOVER" } dd {
                (e.plover.event.as_deref().unwrap_or("—"))
                @if let Some(m) = &e.plover.mode { " / " (m) }
                @if let Some(c) = &e.plover.context { " / " (c) }
            }
            dt { "QuadClass" } dd { span class={ "swatch q" (e.quad_class) } {} (quad_label(e.quad_class)) }
            dt { "Goldstein" } dd { (format!("{:+.1}", e.goldstein)) }
            dt { "Where" } dd { @if let Some(l) = &e.location { (l.name) @if let Some(c) = &l.country { " (" (c) ")" } } @else { "—" } }
            dt { "Topics" } dd { (e.topics.join(", ")) }
            dt { "Reports" } dd { (e.reports) }
            dt { "Confidence" } dd { (format!("{:.2}", e.confidence)) }
        }
        h2 #evidence { "Evidence" }
        @if e.evidence.is_empty() { p { "No evidence stored." } }
        ol.evidence {
            @for (i, ev) in e.evidence.iter().enumerate() {
                li {
                    blockquote { (ev.text) }
                    a href={ "/documents/" (encode(&ev.document)) "?event=" (encode(&e.id)) "#ev-" (i) } {
                        "In document " (ev.document) ", characters " (ev.start) "–" (ev.end)
                    }
                }
            }
        }
    };
    Ok(layout("Event", "/events", body))
}
