//! Full-text search over documents.

use attache_store::Store;
use axum::extract::State;
use maud::{Markup, html};

use super::{Page, encode, layout};
use crate::params::{DEFAULT_PAGE, Params};
use crate::state::AppState;

/// A snippet whose matches are between `[` and `]`, with the matches marked (as text).
fn snippet(s: &str) -> Markup {
    let mut parts = Vec::new();
    let mut rest = s;
    while let Some(open) = rest.find('[') {
        let Some(close) = rest[open..].find(']') else {
            break;
        };
        parts.push((false, &rest[..open]));
        parts.push((true, &rest[open + 1..open + close]));
        rest = &rest[open + close + 1..];
    }
    parts.push((false, rest));
    html! { @for (hit, t) in parts { @if hit { mark { (t) } } @else { (t) } } }
}

pub async fn page(State(st): State<AppState>, p: Params) -> Page {
    let query = p.string("q");
    let limit = p.limit(DEFAULT_PAGE)?;
    let hits = match query.clone() {
        Some(q) => Some(st.db.read(move |s| s.search(&q, limit)).await?),
        None => None,
    };
    let body = html! {
        h1 { "Search" }
        form.filters role="search" action="/search" method="get" {
            label { "Words " input type="search" name="q" value=[query.as_deref()] autofocus; }
            button type="submit" { "Search" }
        }
        @if let Some(hits) = &hits {
            p { (hits.len()) " documents" }
            ol.hits { @for h in hits { li {
                a href={ "/documents/" (encode(&h.id)) } { (h.title) }
                @if let Some(s) = &h.site_name { " · " (s) }
                p.snippet { (snippet(&h.snippet)) }
            } } }
        }
    };
    Ok(layout("Search", "", body))
}
