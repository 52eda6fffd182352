//! The dashboard: the relation graph for a chosen window and the busiest dyads.

use axum::extract::State;
use maud::html;

use super::{Page, graph, layout, quad_legend, url, window_form};
use crate::api::graph_query;
use crate::params::Params;
use crate::state::AppState;
use attache_store::analytics::Analytics;

pub async fn page(State(st): State<AppState>, p: Params) -> Page {
    let q = graph_query(&p)?;
    let (since, until) = (q.since.clone(), q.until.clone());
    let level = q.level;
    let g = st.graph(q).await?;
    let range = st.db.read(|s| s.event_date_range()).await?;
    let total: u64 = g.edges.iter().map(|e| e.events).sum();
    let body = html! {
        h1 { "Relations" }
        p.lead {
            (g.nodes.len()) " actors, " (g.edges.len()) " links, " (total) " events"
            @if let Some((first, last)) = &range {
                " · stored events run from " (first) " to " (last)
            }
        }
        (window_form("/", &p, html! {
            label { "Level "
                select name="level" {
                    option value="country" selected[level == attache_store::analytics::GraphLevel::Country] { "countries" }
                    option value="actor" selected[level == attache_store::analytics::GraphLevel::Actor] { "actors" }
                }
            }
            label { "CAMEO " input type="text" name="cameo" size="4" inputmode="numeric" placeholder="04" value=[p.str("cameo")]; }
        }))
        (quad_legend())
        (graph::svg(&g, since.as_deref(), until.as_deref()))
        section {
            h2 #dyads { "Busiest dyads" }
            @if g.edges.is_empty() {
                p { "No events in this window." }
            } @else {
                div.scroll { table {
                    thead { tr {
                        th scope="col" { "Actors" } th.num scope="col" { "Events" }
                        th.num scope="col" { "→" } th.num scope="col" { "←" }
                        @for q in 1..=4u8 { th.num scope="col" { span class={ "swatch q" (q) } {} span.visually-hidden { (super::quad_label(q)) } } }
                        th.num scope="col" { "Goldstein" }
                    } }
                    tbody {
                        @for e in g.edges.iter().take(20) {
                            @let label = |id: &str| g.nodes.iter().find(|n| n.id == id).map(|n| n.label.clone()).unwrap_or_else(|| id.to_string());
                            @let pair = format!("{},{}", e.a, e.b);
                            tr {
                                td { a href=(url("/events", &[("pair", Some(&pair)), ("since", since.as_deref()), ("until", until.as_deref())])) {
                                    (label(&e.a)) " – " (label(&e.b)) } }
                                td.num { (e.events) } td.num { (e.a_to_b) } td.num { (e.b_to_a) }
                                @for c in e.quad_classes { td.num { (c) } }
                                td.num { (format!("{:+.1}", e.goldstein)) }
                            }
                        }
                    }
                } }
            }
        }
    };
    Ok(layout("Dashboard", "/", body))
}
