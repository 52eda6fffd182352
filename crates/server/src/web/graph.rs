//! The relation graph drawn server-side as SVG: the busiest actor in the centre, the others on
//! rings around it by how busy they are; edge width grows with the number of events and its
//! colour is the dominant QuadClass. Every node links to the actor page and every edge to the
//! events between the two actors, so the graph works by keyboard and without script.

use attache_store::analytics::Graph;
use maud::{Markup, html};

use super::{encode, quad_label, url};

const W: f64 = 960.0;
const H: f64 = 640.0;

/// Positions of the nodes (same order as `graph.nodes`).
pub fn layout(n: usize) -> Vec<(f64, f64)> {
    let (cx, cy) = (W / 2.0, H / 2.0);
    let mut pos = Vec::with_capacity(n);
    if n == 0 {
        return pos;
    }
    pos.push((cx, cy));
    let mut placed = 1;
    let mut ring = 0;
    while placed < n {
        let capacity = 10 + ring * 8;
        let count = capacity.min(n - placed);
        let radius = 190.0 + ring as f64 * 95.0;
        for i in 0..count {
            let angle = -std::f64::consts::FRAC_PI_2
                + (i as f64 + 0.5 * ring as f64) * std::f64::consts::TAU / count as f64;
            pos.push((
                cx + radius * angle.cos() * 1.35,
                cy + radius * angle.sin() * 0.95,
            ));
        }
        placed += count;
        ring += 1;
    }
    pos
}

/// The graph as an SVG figure; `since`/`until` are carried into the edge links.
pub fn svg(graph: &Graph, since: Option<&str>, until: Option<&str>) -> Markup {
    let pos = layout(graph.nodes.len());
    let index: std::collections::HashMap<&str, usize> = graph
        .nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), i))
        .collect();
    let label = |id: &str| {
        index
            .get(id)
            .map(|&i| graph.nodes[i].label.clone())
            .unwrap_or_else(|| id.to_string())
    };
    let max_node = graph
        .nodes
        .iter()
        .map(|n| n.events)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let view = format!("0 0 {W} {H}");
    html! {
        figure.graph {
            svg #relation-graph viewBox=(view) role="group"
                aria-label={ "Relation graph: " (graph.nodes.len()) " actors, " (graph.edges.len()) " links" } {
                g.edges {
                    @for e in graph.edges.iter().rev() {
                        @if let (Some(&i), Some(&j)) = (index.get(e.a.as_str()), index.get(e.b.as_str())) {
                            @let (x1, y1) = pos[i];
                            @let (x2, y2) = pos[j];
                            @let width = (1.0 + (e.events as f64).log2() * 1.6).min(14.0);
                            @let q = e.dominant_quad_class();
                            @let pair = format!("{},{}", e.a, e.b);
                            @let title = format!("{} – {}: {} events, mostly {}", label(&e.a), label(&e.b), e.events, quad_label(q));
                            a.edge href=(url("/events", &[("pair", Some(&pair)), ("since", since), ("until", until)]))
                                data-a=(e.a) data-b=(e.b) data-events=(e.events) aria-label=(title) {
                                title { (title) }
                                line class={ "q" (q) } x1=(fmt(x1)) y1=(fmt(y1)) x2=(fmt(x2)) y2=(fmt(y2)) stroke-width=(fmt(width)) {}
                            }
                        }
                    }
                }
                g.nodes {
                    @for (i, n) in graph.nodes.iter().enumerate() {
                        @let (x, y) = pos[i];
                        @let r = 7.0 + 18.0 * (n.events as f64 / max_node).sqrt();
                        a.node href={ "/actors/" (encode(&n.id)) } data-id=(n.id) aria-label={ (n.label) ": " (n.events) " events" } {
                            title { (n.label) " (" (n.id) "): " (n.events) " events" }
                            circle cx=(fmt(x)) cy=(fmt(y)) r=(fmt(r)) {}
                            text x=(fmt(x)) y=(fmt(y + r + 14.0)) text-anchor="middle" { (n.label) }
                        }
                    }
                }
            }
            @if graph.nodes.is_empty() {
                figcaption { "No events with two sides in this window." }
            }
        }
    }
}

fn fmt(v: f64) -> String {
    format!("{v:.1}")
}

/// A stacked bar chart of counts per bucket and QuadClass.
pub fn bars(points: &[(String, [u64; 4])]) -> Markup {
    let max = points
        .iter()
        .map(|(_, q)| q.iter().sum::<u64>())
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let n = points.len().max(1) as f64;
    let (w, h) = (720.0, 160.0);
    let bw = (w / n).min(40.0);
    let view = format!("0 0 {w} {}", h + 20.0);
    html! {
        svg.bars viewBox=(view) role="img" aria-label="Events over time by QuadClass" {
            @for (i, (bucket, q)) in points.iter().enumerate() {
                @let x = i as f64 * bw;
                @let total: u64 = q.iter().sum();
                g {
                    title { (bucket) ": " (total) " events" }
                    @for (k, y0, bh) in stack(q, max, h) {
                        rect class={ "q" (k + 1) } x=(fmt(x + 1.0)) y=(fmt(y0)) width=(fmt((bw - 2.0).max(1.0))) height=(fmt(bh)) {}
                    }
                }
            }
            @if let (Some(first), Some(last)) = (points.first(), points.last()) {
                text x="0" y=(fmt(h + 16.0)) { (first.0) }
                text x=(fmt(w)) y=(fmt(h + 16.0)) text-anchor="end" { (last.0) }
            }
        }
    }
}

/// (QuadClass index, top y, height) of each non-empty segment of a stacked bar.
fn stack(q: &[u64; 4], max: f64, h: f64) -> Vec<(usize, f64, f64)> {
    let mut y = h;
    let mut out = Vec::new();
    for (k, c) in q.iter().enumerate() {
        if *c == 0 {
            continue;
        }
        let bh = *c as f64 / max * h;
        y -= bh;
        out.push((k, y, bh));
    }
    out
}
