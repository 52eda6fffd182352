//! Actors: the list, an actor's page (counterparts, event types over time, people and roles)
//! and an entity's page.

use attache_store::Store;
use attache_store::analytics::Analytics;
use axum::extract::{Path, State};
use maud::html;

use super::{Page, WebError, cameo_label, encode, graph, layout, quad_legend, url, window_form};
use crate::api::actor_profile;
use crate::error::ApiError;
use crate::params::{DEFAULT_PAGE, Params};
use crate::state::AppState;

pub async fn list(State(st): State<AppState>, p: Params) -> Page {
    let limit = p.limit(100)?;
    let actors = st.db.read(move |s| s.actors(limit)).await?;
    let body = html! {
        h1 { "Actors" }
        div.scroll { table {
            thead { tr { th scope="col" { "Actor" } th scope="col" { "Code" } th.num scope="col" { "Events" }
                th.num scope="col" { "As source" } th.num scope="col" { "As target" } th.num scope="col" { "Counterparts" } } }
            tbody { @for a in &actors { tr {
                td { a href={ "/actors/" (encode(&a.code)) } { (a.name) } }
                td.code { (a.code) } td.num { (a.events) } td.num { (a.as_source) }
                td.num { (a.as_target) } td.num { (a.counterparts) }
            } } }
        } }
    };
    Ok(layout("Actors", "/actors", body))
}

pub async fn page(State(st): State<AppState>, Path(code): Path<String>, p: Params) -> Page {
    let a = actor_profile(&st, code.clone(), &p).await?;
    // Roles of the actor's country learned from the documents.
    let country = a
        .actor
        .code
        .parse::<attache_model::ActorCode>()
        .ok()
        .and_then(|c| c.country_code().map(String::from))
        .or_else(|| a.actor.country.clone());
    let roles = match country.clone() {
        Some(country) => {
            let mut filter = crate::api::people_filter(&Params::default(), DEFAULT_PAGE)?;
            filter.country = Some(country);
            filter.documents = Some(0);
            st.db.read(move |s| s.people(&filter)).await?
        }
        None => Vec::new(),
    };
    let (since, until) = (p.str("since"), p.str("until"));
    let months: Vec<(String, [u64; 4])> = a
        .months
        .iter()
        .map(|m| (m.bucket.clone(), m.quad_classes))
        .collect();
    let body = html! {
        h1 { (a.actor.name) " " span.code { (a.actor.code) } }
        p.lead {
            (a.actor.events) " events (" (a.actor.as_source) " as source, " (a.actor.as_target) " as target) with "
            (a.actor.counterparts) " counterparts · "
            a href=(url("/events", &[("actor", Some(&code)), ("since", since), ("until", until)])) { "all its events" }
        }
        (window_form(&format!("/actors/{}", encode(&code)), &p, html! {}))
        section {
            h2 { "Events per month" }
            @if months.is_empty() { p { "No dated events." } } @else { (quad_legend()) (graph::bars(&months)) }
        }
        div.columns {
            section {
                h2 { "Counterparts" }
                div.scroll { table {
                    thead { tr { th scope="col" { "Actor" } th.num scope="col" { "Events" } th.num scope="col" { "Out" } th.num scope="col" { "In" }
                        @for q in 1..=4u8 { th.num scope="col" { span class={ "swatch q" (q) } {} span.visually-hidden { (super::quad_label(q)) } } } } }
                    tbody { @for c in &a.counterparts {
                        @let pair = format!("{},{}", code, c.code);
                        tr {
                            td { a href={ "/actors/" (encode(&c.code)) } { (c.name) } " "
                                a.small href=(url("/events", &[("pair", Some(&pair)), ("since", since), ("until", until)])) { "events" } }
                            td.num { (c.events) } td.num { (c.outgoing) } td.num { (c.incoming) }
                            @for n in c.quad_classes { td.num { (n) } }
                        }
                    } }
                } }
            }
            section {
                h2 { "Event types" }
                table {
                    thead { tr { th scope="col" { "CAMEO" } th.num scope="col" { "Events" } } }
                    tbody { @for t in &a.event_types { tr {
                        td { span class={ "swatch q" (t.quad_class) } {}
                            a href=(url("/events", &[("actor", Some(&code)), ("cameo", Some(&t.root)), ("since", since), ("until", until)])) {
                                (t.root) " " (cameo_label(&t.root)) } }
                        td.num { (t.events) }
                    } } }
                }
            }
        }
        section {
            h2 { "People and roles" }
            @if a.people.is_empty() { p { "No people linked to this actor." } }
            ul.people { @for person in &a.people { li {
                a href={ "/entities/" (encode(&person.id)) } { (person.name) }
                " · " (person.mentions) " mentions"
                @if !person.roles.is_empty() { ul { @for r in &person.roles { li {
                    (r.title)
                    @if let Some(c) = &r.country { " (" (c) ")" }
                    @if r.since.is_some() || r.until.is_some() {
                        " " span.small { (r.since.as_deref().unwrap_or("?")) " – " (r.until.as_deref().unwrap_or("")) }
                    }
                } } } }
            } } }
        }
        @if let Some(country) = &country {
            section {
                h2 { "Roles in " (country) " learned from the documents" }
                @if roles.is_empty() { p { "No roles of this country stated in the stored documents." } }
                @else { div.scroll { table {
                    thead { tr { th scope="col" { "Person" } th scope="col" { "Role" } th scope="col" { "Code" }
                        th scope="col" { "First seen" } th scope="col" { "Last seen" } th.num scope="col" { "Documents" }
                        th scope="col" { "Evidence" } } }
                    tbody { @for r in &roles { tr {
                        td { a href={ "/entities/" (encode(&r.entity)) } { (r.name) } }
                        td { (r.title) @if let Some(u) = &r.ended { " " span.small { "(until " (u) ")" } } }
                        td.code { (r.actor_code.as_deref().unwrap_or("")) }
                        td { (r.first_seen.as_deref().unwrap_or("?")) }
                        td { (r.last_seen.as_deref().unwrap_or("?")) }
                        td.num { (r.documents) }
                        td { a.small href={ "/documents/" (encode(&r.evidence.document)) } { (clip(&r.evidence.text, 160)) } }
                    } } }
                } } }
            }
        }
    };
    Ok(layout(&a.actor.name, "/actors", body))
}

pub async fn entity(State(st): State<AppState>, Path(id): Path<String>, p: Params) -> Page {
    let limit = p.limit(DEFAULT_PAGE)?;
    let key = id.clone();
    let d = st
        .db
        .read(move |s| s.entity(&key, limit))
        .await?
        .ok_or_else(|| WebError(ApiError::not_found(format!("entity {id:?}"))))?;
    let e = &d.entity;
    let body = html! {
        h1 { (e.name) " " span.code { (e.kind.as_str()) } }
        dl.facts {
            dt { "Country" } dd { (e.country.as_deref().unwrap_or("—")) }
            dt { "Actor code" } dd { @if let Some(c) = &e.actor_code { a href={ "/actors/" (encode(c)) } { (c) } } @else { "—" } }
            dt { "Also known as" } dd { (e.aliases.join(", ")) }
            dt { "Mentions" } dd { (d.mentions) }
        }
        h2 { "Roles" }
        @if e.roles.is_empty() { p { "No roles known." } }
        ul { @for r in &e.roles { li { (r.title)
            @if let Some(c) = &r.country { " (" (c) ")" }
            @if let Some(s) = &r.sector { " · " (s) }
            " · " (r.since.as_deref().unwrap_or("?")) " – " (r.until.as_deref().unwrap_or(""))
        } } }
        h2 { "Documents" }
        ul { @for doc in &d.documents { li { a href={ "/documents/" (encode(&doc.id)) } { (doc.title) }
            @if let Some(s) = &doc.site_name { " · " (s) } } } }
    };
    Ok(layout(&e.name, "/actors", body))
}

/// At most `max` chars of `s`, with an ellipsis when cut.
fn clip(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}
