//! Server-rendered web pages (one file per page) built with maud, which escapes every
//! interpolated value: article text and metadata are untrusted and only ever appear as text.
//! No script runs on any page; the stylesheet is compiled into the binary and served from
//! `/static/app.css`. Every view's state is in its URL.

pub mod actor;
pub mod dashboard;
pub mod document;
pub mod events;
pub mod feeds;
pub mod graph;
pub mod search;
pub mod stories;

use attache_model::{CameoCode, Event, EventActor};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use maud::{DOCTYPE, Markup, html};

use crate::error::ApiError;
use crate::params::Params;

const CSS: &str = include_str!("../../static/app.css");

/// A web page or an error page.
pub type Page = Result<Html<String>, WebError>;

/// An [`ApiError`] shown as an HTML page.
#[derive(Debug)]
pub struct WebError(pub ApiError);

impl From<ApiError> for WebError {
    fn from(e: ApiError) -> Self {
        WebError(e)
    }
}

impl IntoResponse for WebError {
    fn into_response(self) -> Response {
        let status = self.0.status;
        let title = status.canonical_reason().unwrap_or("Error");
        let body = html! {
            h1 { (status.as_u16()) " " (title) }
            p.error { (self.0.message) }
            p { a href="/" { "Back to the dashboard" } }
        };
        (status, layout(title, "", body)).into_response()
    }
}

pub async fn not_found() -> WebError {
    WebError(ApiError::new(
        StatusCode::NOT_FOUND,
        "not_found",
        "there is no page at this address",
    ))
}

pub async fn stylesheet() -> impl IntoResponse {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        CSS,
    )
}

const NAV: &[(&str, &str)] = &[
    ("/", "Dashboard"),
    ("/events", "Events"),
    ("/actors", "Actors"),
    ("/documents", "Documents"),
    ("/stories", "Stories"),
    ("/feeds", "Feeds"),
];

/// The frame of every page.
pub fn layout(title: &str, active: &str, body: Markup) -> Html<String> {
    Html(
        html! {
            (DOCTYPE)
            html lang="en" {
                head {
                    meta charset="utf-8";
                    meta name="viewport" content="width=device-width, initial-scale=1";
                    meta name="referrer" content="no-referrer";
                    title { (title) " · attache" }
                    link rel="stylesheet" href="/static/app.css";
                }
                body {
                    a.skip href="#main" { "Skip to content" }
                    header.top {
                        a.brand href="/" { "attache" }
                        nav aria-label="Main" {
                            ul {
                                @for (href, label) in NAV {
                                    li {
                                        @if *href == active {
                                            a href=(href) aria-current="page" { (label) }
                                        } @else {
                                            a href=(href) { (label) }
                                        }
                                    }
                                }
                            }
                        }
                        form.search role="search" action="/search" method="get" {
                            label.visually-hidden for="q-top" { "Search documents" }
                            input #q-top type="search" name="q" placeholder="Search documents";
                            button type="submit" { "Search" }
                        }
                    }
                    main #main tabindex="-1" { (body) }
                    footer { "attache · " a href="/api/openapi.json" { "API (OpenAPI)" } }
                }
            }
        }
        .into_string(),
    )
}

/// A URL path with a query string built from pairs (values percent-encoded); empty values
/// are left out.
pub fn url(path: &str, pairs: &[(&str, Option<&str>)]) -> String {
    let mut out = path.to_string();
    let mut first = true;
    for (k, v) in pairs {
        let Some(v) = v.filter(|v| !v.is_empty()) else {
            continue;
        };
        out.push(if first { '?' } else { '&' });
        first = false;
        out += k;
        out.push('=');
        out += &encode(v);
    }
    out
}

/// Percent-encode a path segment or query value.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(b as char);
        } else {
            out += &format!("%{b:02X}");
        }
    }
    out
}

/// The label of a CAMEO code ("Make a visit"), or the code.
pub fn cameo_label(code: &str) -> String {
    CameoCode::lookup(code)
        .map(|c| c.label.to_string())
        .unwrap_or_else(|| code.to_string())
}

pub fn quad_label(q: u8) -> &'static str {
    attache_model::QuadClass::from_number(q)
        .map(|q| q.label())
        .unwrap_or("unknown")
}

/// The key an actor is linked by (its code, else its name).
pub fn actor_key(a: &EventActor) -> &str {
    a.code.as_deref().unwrap_or(&a.name)
}

pub fn actor_link(a: &EventActor) -> Markup {
    html! {
        a href={ "/actors/" (encode(actor_key(a))) } { (a.name) }
        @if let Some(code) = &a.code { " " span.code { (code) } }
    }
}

/// A table of events with links to each event's evidence.
pub fn events_table(events: &[Event]) -> Markup {
    html! {
        div.scroll {
            table.events {
                thead { tr {
                    th scope="col" { "Date" } th scope="col" { "Source" }
                    th scope="col" { "Event" } th scope="col" { "Target" }
                    th scope="col" { "Where" } th scope="col" { "Reports" }
                } }
                tbody {
                    @for e in events {
                        tr {
                            td.nowrap { (e.date_label()) }
                            td { (actor_link(&e.source)) }
                            td {
                                a href={ "/events/" (encode(&e.id)) } class={ "q q" (e.quad_class) } {
                                    (cameo_label(&e.cameo))
                                }
                                " " span.code { (e.cameo) }
                            }
                            td { @if let Some(t) = &e.target { (actor_link(t)) } @else { "—" } }
                            td { @if let Some(l) = &e.location { (l.name) } }
                            td.num { (e.reports) }
                        }
                    }
                }
            }
        }
    }
}

/// Legend of the QuadClass colours.
pub fn quad_legend() -> Markup {
    html! {
        ul.legend aria-label="Colours" {
            @for q in 1..=4u8 { li { span class={ "swatch q" (q) } {} (quad_label(q)) } }
        }
    }
}

/// The window form shared by pages that take since/until.
pub fn window_form(action: &str, p: &Params, extra: Markup) -> Markup {
    html! {
        form.filters action=(action) method="get" {
            label { "Since " input type="text" name="since" inputmode="numeric" placeholder="2025-01" value=[p.str("since")]; }
            label { "Until " input type="text" name="until" inputmode="numeric" placeholder="2025-12" value=[p.str("until")]; }
            (extra)
            button type="submit" { "Show" }
        }
    }
}
