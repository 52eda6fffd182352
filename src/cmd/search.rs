//! `attache search QUERY`: full-text search.

use std::process::ExitCode;

use anyhow::Result;
use attache_store::Store;

use super::output::{Listing, clip, day, opt, print};
use crate::cli::{SearchArgs, Settings};

pub fn run(settings: &Settings, args: &SearchArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let query = args.query.join(" ");
    let hits = store.search(&query, args.list.limit)?;
    let rows = hits
        .iter()
        .map(|h| {
            vec![
                h.id.clone(),
                day(h.published),
                opt(&h.site_name),
                clip(&h.title, 50),
                clip(&h.snippet, 90),
            ]
        })
        .collect();
    print(
        args.list.format,
        Listing {
            header: &["id", "published", "outlet", "title", "match"],
            rows,
            items: &hits,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
