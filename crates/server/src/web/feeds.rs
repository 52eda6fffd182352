//! Feeds with their health.

use attache_model::FeedStatus;
use attache_store::Store;
use axum::extract::State;
use maud::html;

use super::{Page, layout};
use crate::state::AppState;

pub async fn page(State(st): State<AppState>) -> Page {
    let feeds = st.db.read(|s| s.feeds()).await?;
    let now = jiff::Timestamp::now();
    let body = html! {
        h1 { "Feeds" }
        p { "Feeds are added with " code { "attache feeds add URL" } " or " code { "POST /api/v1/feeds" } " (with the API token)." }
        @if feeds.is_empty() { p { "No feeds." } }
        div.scroll { table {
            thead { tr { th scope="col" { "Feed" } th scope="col" { "Health" } th.num scope="col" { "Items" }
                th scope="col" { "Last fetched" } th scope="col" { "Next due" } th scope="col" { "Last error" } } }
            tbody { @for f in &feeds {
                @let health = match (f.status, f.error_count) {
                    (FeedStatus::Error, n) if n >= 3 => ("failing", "bad"),
                    (FeedStatus::Error, _) => ("error", "warn"),
                    (FeedStatus::New, _) => ("never polled", "idle"),
                    _ if f.next_due.is_some_and(|d| d < now - jiff::SignedDuration::from_hours(24)) => ("overdue", "warn"),
                    _ => ("ok", "good"),
                };
                tr {
                    td { (f.title.as_deref().unwrap_or(&f.url)) br; span.url.small { (f.url) } }
                    td { span class={ "health " (health.1) } { (health.0) } @if f.error_count > 0 { " (" (f.error_count) " errors)" } }
                    td.num { (f.items) }
                    td.nowrap { @if let Some(t) = f.last_fetched { (t.strftime("%Y-%m-%d %H:%M").to_string()) } @else { "—" } }
                    td.nowrap { @if let Some(t) = f.next_due { (t.strftime("%Y-%m-%d %H:%M").to_string()) } @else { "—" } }
                    td { (f.last_error.as_deref().unwrap_or("")) }
                }
            } }
        } }
    };
    Ok(layout("Feeds", "/feeds", body))
}
