//! `attache actors`: actors by number of events.

use std::process::ExitCode;

use anyhow::Result;
use attache_store::Store;

use super::output::{Listing, opt, print};
use crate::cli::{ListArgs, Settings};

pub fn run(settings: &Settings, args: &ListArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let actors = store.actors(args.limit)?;
    let rows = actors
        .iter()
        .map(|a| {
            vec![
                a.code.clone(),
                a.name.clone(),
                opt(&a.country),
                a.events.to_string(),
                a.as_source.to_string(),
                a.as_target.to_string(),
                a.counterparts.to_string(),
            ]
        })
        .collect();
    print(
        args.format,
        Listing {
            header: &[
                "code",
                "name",
                "country",
                "events",
                "as_source",
                "as_target",
                "counterparts",
            ],
            rows,
            items: &actors,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
