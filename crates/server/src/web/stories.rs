//! Story clusters: the list and one story with its origin and copy chain.

use attache_store::Store;
use attache_store::analytics::Analytics;
use axum::extract::{Path, State};
use maud::html;

use super::{Page, WebError, encode, layout};
use crate::error::ApiError;
use crate::params::{DEFAULT_PAGE, Params};
use crate::state::AppState;

fn delay(s: Option<i64>) -> String {
    match s {
        None => "—".into(),
        Some(s) if s.abs() < 3600 => format!("{} min", s / 60),
        Some(s) if s.abs() < 172_800 => format!("{:.1} h", s as f64 / 3600.0),
        Some(s) => format!("{:.1} days", s as f64 / 86_400.0),
    }
}

pub async fn list(State(st): State<AppState>, p: Params) -> Page {
    let limit = p.limit(DEFAULT_PAGE)?;
    let stories = st.db.read(move |s| s.clusters(limit)).await?;
    let body = html! {
        h1 { "Stories" }
        @if stories.is_empty() { p { "No story clusters stored." } }
        div.scroll { table {
            thead { tr { th scope="col" { "Story" } th scope="col" { "Origin" } th.num scope="col" { "Copies" } th scope="col" { "First seen" } } }
            tbody { @for c in &stories { tr {
                td { a href={ "/stories/" (encode(&c.id)) } { (c.id) } }
                td { (c.origin.as_deref().unwrap_or("unknown")) }
                td.num { (c.size()) }
                td.nowrap { @if let Some(t) = c.first_seen { (t.strftime("%Y-%m-%d %H:%M").to_string()) } }
            } } }
        } }
    };
    Ok(layout("Stories", "/stories", body))
}

pub async fn page(State(st): State<AppState>, Path(id): Path<String>) -> Page {
    let key = id.clone();
    let c = st
        .db
        .read(move |s| s.cluster(&key))
        .await?
        .ok_or_else(|| WebError(ApiError::not_found(format!("story {id:?}"))))?;
    let body = html! {
        h1 { "Story " span.code { (c.id) } }
        dl.facts {
            dt { "Origin" } dd { (c.origin.as_deref().unwrap_or("unknown")) }
            dt { "Canonical copy" } dd { a href={ "/documents/" (encode(&c.canonical)) } { (c.canonical) } }
            dt { "First seen" } dd { @if let Some(t) = c.first_seen { (t.to_string()) } }
            dt { "Last seen" } dd { @if let Some(t) = c.last_seen { (t.to_string()) } }
        }
        h2 { "Copy chain" }
        ol.chain { @for m in &c.members { li {
            a href={ "/documents/" (encode(&m.document)) } { (m.outlet.as_deref().unwrap_or("unknown outlet")) }
            " · " @if let Some(t) = m.published { (t.to_string()) } @else { "date unknown" }
            " · after " (delay(m.delay_seconds))
            " · similarity " (format!("{:.2}", m.similarity))
            @if m.credits_origin { " · " strong { "credits the origin" } }
        } } }
    };
    Ok(layout("Story", "/stories", body))
}
