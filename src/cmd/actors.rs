//! `attache actors`: actors by number of events, or (`--people`) the people and roles learned
//! from the documents; both filtered by country and role.

use std::process::ExitCode;

use anyhow::Result;
use attache_model::ActorCode;
use attache_store::{ActorSummary, PeopleFilter, Store};

use super::output::{Listing, opt, print};
use crate::cli::{ActorsArgs, Settings};

/// How many of a person's most recent documents the JSON listing names.
const DOCUMENT_IDS: usize = 20;

pub fn run(settings: &Settings, args: &ActorsArgs) -> Result<ExitCode> {
    if args.people {
        return people(settings, args);
    }
    let store = super::open_store(settings)?;
    let filtered = args.country.is_some() || args.role.is_some();
    // Filters apply to the whole list, then the limit.
    let mut actors = store.actors(if filtered {
        usize::MAX
    } else {
        args.list.limit
    })?;
    if filtered {
        actors.retain(|a| actor_matches(a, args));
        actors.truncate(args.list.limit);
    }
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
        args.list.format,
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

fn actor_matches(a: &ActorSummary, args: &ActorsArgs) -> bool {
    let country = args.country.as_deref().is_none_or(|c| {
        a.country.as_deref() == Some(c)
            || a.code.parse::<ActorCode>().is_ok_and(|code| code.root == c)
    });
    let role = args.role.as_deref().is_none_or(|q| {
        let q = q.trim().to_lowercase();
        let code = a.code.parse::<ActorCode>().ok();
        code.is_some_and(|code| {
            code.sectors.iter().any(|s| s.to_lowercase().contains(&q))
                || code.describe().to_lowercase().contains(&q)
        })
    });
    country && role
}

fn people(settings: &Settings, args: &ActorsArgs) -> Result<ExitCode> {
    let store = super::open_store(settings)?;
    let people = store.people(&PeopleFilter {
        country: args.country.clone(),
        role: args.role.clone(),
        name: None,
        documents: Some(DOCUMENT_IDS),
        limit: Some(args.list.limit),
    })?;
    let rows = people
        .iter()
        .map(|p| {
            let role = match &p.ended {
                Some(until) => format!("{} (until {until})", p.title),
                None => p.title.clone(),
            };
            vec![
                p.name.clone(),
                role,
                opt(&p.country),
                opt(&p.actor_code),
                opt(&p.first_seen),
                opt(&p.last_seen),
                p.documents.to_string(),
            ]
        })
        .collect();
    print(
        args.list.format,
        Listing {
            header: &[
                "name",
                "role",
                "country",
                "code",
                "first_seen",
                "last_seen",
                "documents",
            ],
            rows,
            items: &people,
        },
    )?;
    Ok(ExitCode::SUCCESS)
}
