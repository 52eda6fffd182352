//! Documents: the list, and one document with its mentions highlighted, its events listed,
//! and the evidence of the event chosen in the URL (`?event=ID`) marked in the text.

use attache_model::{AnnotatedDocument, Event, Mention};
use attache_store::Store;
use axum::extract::{Path, State};
use maud::{Markup, html};

use super::{Page, cameo_label, encode, layout, url};
use crate::api::load_document;
use crate::params::{DEFAULT_PAGE, Params};
use crate::state::AppState;

pub async fn list(State(st): State<AppState>, p: Params) -> Page {
    let limit = p.limit(DEFAULT_PAGE)?;
    let offset = p.usize("offset")?.unwrap_or(0);
    let docs = st.db.read(move |s| s.documents(limit + 1, offset)).await?;
    let more = docs.len() > limit;
    let next = (offset + limit).to_string();
    let prev = offset.saturating_sub(limit).to_string();
    let body = html! {
        h1 { "Documents" }
        @if docs.is_empty() { p { "No documents stored." } }
        div.scroll { table {
            thead { tr { th scope="col" { "Title" } th scope="col" { "Outlet" } th scope="col" { "Published" } th.num scope="col" { "Characters" } } }
            tbody { @for d in docs.iter().take(limit) { tr {
                td { a href={ "/documents/" (encode(&d.id)) } { (d.title) } }
                td { (d.site_name.as_deref().unwrap_or("—")) }
                td.nowrap { @if let Some(t) = d.published { (t.strftime("%Y-%m-%d").to_string()) } }
                td.num { (d.chars) }
            } } }
        } }
        nav.pager aria-label="Pages" {
            @if offset > 0 { a href=(url("/documents", &[("offset", Some(&prev))])) { "← Previous" } " " }
            @if more { a rel="next" href=(url("/documents", &[("offset", Some(&next))])) { "Next →" } }
        }
    };
    Ok(layout("Documents", "/documents", body))
}

/// What covers one char of the text.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Cover {
    mention: Option<usize>,
    /// Index of the chosen event's evidence span covering the char.
    chosen: Option<usize>,
    /// Covered by some event's evidence.
    evidence: bool,
}

/// The text as paragraphs of runs, each run marked by what covers it. Offsets out of range
/// are clamped; overlapping mentions keep the first.
fn annotate(
    text: &str,
    mentions: &[Mention],
    events: &[Event],
    chosen: Option<&Event>,
    doc_id: &str,
) -> Markup {
    let chars: Vec<char> = text.chars().collect();
    let n = chars.len();
    let none = Cover {
        mention: None,
        chosen: None,
        evidence: false,
    };
    let mut cover = vec![none; n];
    for (i, m) in mentions.iter().enumerate() {
        for c in cover.iter_mut().take(m.end.min(n)).skip(m.start.min(n)) {
            if c.mention.is_none() {
                c.mention = Some(i);
            }
        }
    }
    for e in events {
        for ev in e.evidence.iter().filter(|ev| ev.document == doc_id) {
            for c in cover.iter_mut().take(ev.end.min(n)).skip(ev.start.min(n)) {
                c.evidence = true;
            }
        }
    }
    if let Some(e) = chosen {
        for (k, ev) in e
            .evidence
            .iter()
            .enumerate()
            .filter(|(_, ev)| ev.document == doc_id)
        {
            for c in cover.iter_mut().take(ev.end.min(n)).skip(ev.start.min(n)) {
                c.chosen = Some(k);
            }
        }
    }
    // Split into paragraphs, then runs of equal cover.
    let mut paragraphs: Vec<Vec<(Cover, String)>> = vec![Vec::new()];
    let mut i = 0;
    while i < n {
        if chars[i] == '\n' {
            if paragraphs.last().is_some_and(|p| !p.is_empty()) {
                paragraphs.push(Vec::new());
            }
            i += 1;
            continue;
        }
        let c = cover[i];
        let mut j = i;
        let mut s = String::new();
        while j < n && cover[j] == c && chars[j] != '\n' {
            s.push(chars[j]);
            j += 1;
        }
        paragraphs.last_mut().expect("never empty").push((c, s));
        i = j;
    }
    let mut anchored = std::collections::HashSet::new();
    html! {
        @for para in paragraphs.iter().filter(|p| !p.is_empty()) {
            p { @for (c, s) in para {
                @let mention = c.mention.map(|m| &mentions[m]);
                @let classes = format!("{}{}{}",
                    mention.map(|m| format!("m m-{} ", m.kind.as_str())).unwrap_or_default(),
                    if c.evidence { "ev " } else { "" },
                    if c.chosen.is_some() { "chosen" } else { "" });
                @let anchor = c.chosen.filter(|k| anchored.insert(*k)).map(|k| format!("ev-{k}"));
                @if classes.trim().is_empty() {
                    (s)
                } @else {
                    mark class=(classes.trim()) id=[anchor]
                        title=[mention.map(|m| format!("{}{}", m.kind.as_str(), m.actor_code.as_deref().map(|a| format!(" · {a}")).unwrap_or_default()))] { (s) }
                }
            } }
        }
    }
}

pub async fn page(State(st): State<AppState>, Path(id): Path<String>, p: Params) -> Page {
    let d = load_document(&st, id).await?;
    let AnnotatedDocument {
        document: doc,
        annotations: a,
    } = &d.document;
    let chosen_id = p.str("event");
    let chosen = chosen_id.and_then(|id| a.events.iter().find(|e| e.id == id));
    let body = html! {
        article.document {
            h1 { (doc.title) }
            dl.facts {
                dt { "Outlet" } dd { (doc.outlet().unwrap_or_else(|| "unknown".into())) }
                dt { "Published" } dd { @if let Some(t) = doc.published { (t.to_string()) " (" (doc.published_precision.as_str()) ")" } @else { "unknown" } }
                @if let Some(b) = &doc.byline { dt { "Byline" } dd { (b) } }
                @if let Some(u) = &doc.url { dt { "URL" } dd.url { (u) } }
                @if let Some(s) = &doc.syndication {
                    dt { "Syndication" } dd {
                        "first published by " (s.origin.as_deref().unwrap_or("unknown"))
                        @if let Some(u) = &s.origin_url { " (" span.url { (u) } ")" }
                        @if !s.via.is_empty() { " via " (s.via.join(" → ")) }
                    }
                }
                @if let Some(story) = &d.story { dt { "Story" } dd { a href={ "/stories/" (encode(story)) } { "every copy of this story" } } }
                dt { "Id" } dd.code { (doc.id) }
            }
            div.columns.wide {
                section.text aria-label="Text" {
                    @if let Some(e) = chosen {
                        p.chosen-note { "Evidence of: " (e.source.name) " · " (cameo_label(&e.cameo))
                            @if let Some(t) = &e.target { " · " (t.name) }
                            " — " a href={ "/documents/" (encode(&doc.id)) } { "clear" } }
                    } @else if let Some(id) = chosen_id {
                        p.error { "This document does not report event " (id) "." }
                    }
                    (annotate(&doc.text, &a.mentions, &a.events, chosen, &doc.id))
                }
                aside {
                    h2 { "Events" }
                    @if a.events.is_empty() { p { "No events found in this document." } }
                    ol.doc-events { @for e in &a.events {
                        li class=[(chosen.map(|c| c.id == e.id) == Some(true)).then_some("current")] {
                            a href={ "/documents/" (encode(&doc.id)) "?event=" (encode(&e.id)) "#ev-0" }
                                class={ "q q" (e.quad_class) } {
                                (e.date_label()) ": " (e.source.name) " · " (cameo_label(&e.cameo))
                                @if let Some(t) = &e.target { " · " (t.name) }
                            }
                            " " a.small href={ "/events/" (encode(&e.id)) } { "details" }
                        }
                    } }
                    h2 { "Entities" }
                    ul { @for en in &a.entities { li {
                        a href={ "/entities/" (encode(&en.id)) } { (en.name) } " " span.code { (en.kind.as_str()) }
                        @for r in &en.roles { " · " (r.title) }
                    } } }
                    h2 { "Legend" }
                    ul.legend {
                        @for t in attache_model::MentionType::ALL { li { mark class={ "m m-" (t.as_str()) } { (t.as_str()) } } }
                        li { mark.ev { "evidence" } } li { mark.chosen { "chosen event" } }
                    }
                }
            }
        }
    };
    Ok(layout(&doc.title, "/documents", body))
}
