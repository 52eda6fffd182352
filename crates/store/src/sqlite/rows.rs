//! Row mapping between the SQLite tables and the model types.

use attache_model::{
    Annotations, DateBasis, DatePrecision, Document, Entity, Event, EventActor, Location, Mention,
    MentionType, Plover, Role, Span, Timex, TimexType,
};
use jiff::Timestamp;
use rusqlite::{Connection, OptionalExtension, Row, Transaction, params};

use crate::{Result, StoreError};

/// Timestamps are stored as RFC 3339 UTC text with whole seconds, so that text order is time
/// order.
pub(crate) fn ts_sql(t: Timestamp) -> String {
    t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

pub(crate) fn parse_ts(s: Option<String>) -> Option<Timestamp> {
    s.and_then(|s| s.parse().ok())
}

fn json_vec<T: serde::de::DeserializeOwned>(s: &str, what: &str) -> Result<Vec<T>> {
    serde_json::from_str(s).map_err(|e| StoreError::Corrupt(format!("{what}: {e}")))
}

pub(crate) fn read_document(conn: &Connection, id: &str) -> Result<Option<Document>> {
    let row = conn
        .prepare_cached(
            "SELECT id, content_hash, url, title, byline, published, published_precision,
                    published_source, site_name, language, text, syndication, fetched, input
             FROM documents WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                Document {
                    id: r.get(0)?,
                    content_hash: r.get(1)?,
                    url: r.get(2)?,
                    title: r.get(3)?,
                    byline: r.get(4)?,
                    published: parse_ts(r.get(5)?),
                    published_precision: DatePrecision::parse(&r.get::<_, String>(6)?)
                        .unwrap_or_default(),
                    published_source: r.get(7)?,
                    site_name: r.get(8)?,
                    language: r.get(9)?,
                    text: r.get(10)?,
                    syndication: None,
                    fetched: parse_ts(r.get(12)?),
                    input: r.get(13)?,
                },
                r.get::<_, Option<String>>(11)?,
            ))
        })
        .optional()?;
    let Some((mut doc, syndication)) = row else {
        return Ok(None);
    };
    if let Some(s) = syndication {
        doc.syndication = Some(
            serde_json::from_str(&s)
                .map_err(|e| StoreError::Corrupt(format!("syndication of {id}: {e}")))?,
        );
    }
    Ok(Some(doc))
}

/// Sentences, mentions, timexes and the entities the mentions link to (events are read
/// separately).
pub(crate) fn read_annotations(conn: &Connection, id: &str) -> Result<Annotations> {
    let sentences: String = conn
        .prepare_cached("SELECT sentences FROM documents WHERE id = ?1")?
        .query_row([id], |r| r.get(0))?;
    let sentences: Vec<Span> = json_vec(&sentences, "sentences")?;
    let mentions = conn
        .prepare_cached(
            "SELECT start, end, text, type, entity, country, actor_code FROM mentions
             WHERE document_id = ?1 ORDER BY start, end",
        )?
        .query_map([id], |r| {
            let kind: String = r.get(3)?;
            Ok(Mention {
                start: r.get::<_, i64>(0)? as usize,
                end: r.get::<_, i64>(1)? as usize,
                text: r.get(2)?,
                kind: MentionType::parse(&kind).unwrap_or(MentionType::Location),
                entity: r.get(4)?,
                country: r.get(5)?,
                actor_code: r.get(6)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let timexes = conn
        .prepare_cached(
            "SELECT start, end, text, type, value, mod FROM timexes
             WHERE document_id = ?1 ORDER BY start, end",
        )?
        .query_map([id], |r| {
            let kind: String = r.get(3)?;
            Ok(Timex {
                start: r.get::<_, i64>(0)? as usize,
                end: r.get::<_, i64>(1)? as usize,
                text: r.get(2)?,
                kind: TimexType::parse(&kind).unwrap_or(TimexType::Date),
                value: r.get(4)?,
                modifier: r.get(5)?,
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    let mut entity_ids: Vec<&str> = mentions
        .iter()
        .filter_map(|m| m.entity.as_deref())
        .collect();
    entity_ids.sort_unstable();
    entity_ids.dedup();
    let mut entities = Vec::with_capacity(entity_ids.len());
    for eid in entity_ids {
        if let Some(e) = read_entity(conn, eid)? {
            entities.push(e);
        }
    }
    Ok(Annotations {
        sentences,
        mentions,
        entities,
        timexes,
        events: Vec::new(),
    })
}

fn none_if_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

pub(crate) fn read_entity(conn: &Connection, id: &str) -> Result<Option<Entity>> {
    let row = conn
        .prepare_cached(
            "SELECT id, name, type, country, actor_code, aliases FROM entities WHERE id = ?1",
        )?
        .query_row([id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, Option<String>>(3)?,
                r.get::<_, Option<String>>(4)?,
                r.get::<_, String>(5)?,
            ))
        })
        .optional()?;
    let Some((id, name, kind, country, actor_code, aliases)) = row else {
        return Ok(None);
    };
    let roles = conn
        .prepare_cached(
            "SELECT title, country, sector, since, until FROM entity_roles
             WHERE entity_id = ?1 ORDER BY since, rowid",
        )?
        .query_map([&id], |r| {
            Ok(Role {
                title: r.get(0)?,
                country: none_if_empty(r.get(1)?),
                sector: none_if_empty(r.get(2)?),
                since: none_if_empty(r.get(3)?),
                until: none_if_empty(r.get(4)?),
            })
        })?
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(Some(Entity {
        aliases: json_vec(&aliases, "entity aliases")?,
        id,
        name,
        kind: MentionType::parse(&kind).unwrap_or(MentionType::Location),
        country,
        actor_code,
        roles,
    }))
}

pub(crate) fn insert_annotations(
    tx: &Transaction<'_>,
    doc_id: &str,
    a: &Annotations,
) -> Result<()> {
    let sentences = serde_json::to_string(&a.sentences).expect("spans serialise");
    tx.prepare_cached("UPDATE documents SET sentences = ?2 WHERE id = ?1")?
        .execute(params![doc_id, sentences])?;
    let mut stmt = tx.prepare_cached(
        "INSERT INTO mentions (document_id, start, end, text, type, entity, country, actor_code)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
    )?;
    for m in &a.mentions {
        stmt.execute(params![
            doc_id,
            m.start as i64,
            m.end as i64,
            m.text,
            m.kind.as_str(),
            m.entity,
            m.country,
            m.actor_code
        ])?;
    }
    let mut stmt = tx.prepare_cached(
        "INSERT INTO timexes (document_id, start, end, text, type, value, mod)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for t in &a.timexes {
        stmt.execute(params![
            doc_id,
            t.start as i64,
            t.end as i64,
            t.text,
            t.kind.as_str(),
            t.value,
            t.modifier
        ])?;
    }
    for e in &a.entities {
        upsert_entity(tx, doc_id, e)?;
    }
    for e in &a.events {
        insert_event(tx, doc_id, e)?;
    }
    super::people::record(tx, doc_id, a)?;
    Ok(())
}

fn upsert_entity(tx: &Transaction<'_>, doc_id: &str, e: &Entity) -> Result<()> {
    let stored: Option<String> = tx
        .prepare_cached("SELECT aliases FROM entities WHERE id = ?1")?
        .query_row([&e.id], |r| r.get(0))
        .optional()?;
    match stored {
        None => {
            tx.prepare_cached(
                "INSERT INTO entities (id, name, type, country, actor_code, aliases)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![
                e.id,
                e.name,
                e.kind.as_str(),
                e.country,
                e.actor_code,
                serde_json::to_string(&e.aliases).expect("strings serialise")
            ])?;
        }
        Some(aliases) => {
            let mut merged: Vec<String> = json_vec(&aliases, "entity aliases")?;
            let before = merged.len();
            for a in &e.aliases {
                if !merged.contains(a) {
                    merged.push(a.clone());
                }
            }
            if merged.len() != before {
                tx.prepare_cached("UPDATE entities SET aliases = ?2 WHERE id = ?1")?
                    .execute(params![
                        e.id,
                        serde_json::to_string(&merged).expect("strings serialise")
                    ])?;
            }
        }
    }
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO entity_roles (entity_id, title, country, sector, since, until,
            document_id)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?;
    for r in &e.roles {
        let s = |o: &Option<String>| o.clone().unwrap_or_default();
        stmt.execute(params![
            e.id,
            r.title,
            s(&r.country),
            s(&r.sector),
            s(&r.since),
            s(&r.until),
            doc_id
        ])?;
    }
    Ok(())
}

/// The stored event that `e` is another report of, when it is not `e` itself: the same source
/// and target (codes, else names), the same CAMEO root (two digits: 042 "visit" and 040
/// "meet" of one dyad on one day are one happening) and a compatible date — equal, one
/// containing the other (`2025-02` and `2025-02-26`, `2025` and `2025-SP`), or both unknown.
/// The oldest such event wins, so a report merges the same way whatever else is stored later.
fn merge_target(tx: &Transaction<'_>, e: &Event) -> Result<Option<(String, Option<String>)>> {
    let exists: bool = tx
        .prepare_cached("SELECT EXISTS(SELECT 1 FROM events WHERE id = ?1)")?
        .query_row([&e.id], |r| r.get(0))?;
    if exists {
        return Ok(None);
    }
    let Some(root) = e.cameo.get(..2) else {
        return Ok(None);
    };
    let next_root = format!("{:02}", root.parse::<u32>().unwrap_or(99) + 1);
    let target = e.target.as_ref();
    let found = tx
        .prepare_cached(
            "SELECT id, date FROM events
             WHERE source_code IS ?1 AND target_code IS ?2
               AND (?1 IS NOT NULL OR source_name = ?3)
               AND (?2 IS NOT NULL OR target_name IS ?4)
               AND cameo >= ?5 AND cameo < ?6
               AND ((date IS NULL AND ?7 IS NULL)
                    OR (date IS NOT NULL AND ?7 IS NOT NULL
                        AND (substr(date, 1, length(?7)) = ?7
                             OR substr(?7, 1, length(date)) = date)))
             ORDER BY rowid LIMIT 1",
        )?
        .query_row(
            params![
                e.source.code,
                target.and_then(|t| t.code.as_ref()),
                e.source.name,
                target.map(|t| &t.name),
                root,
                next_root,
                e.date,
            ],
            |r| Ok((r.get::<_, String>(0)?, r.get::<_, Option<String>>(1)?)),
        )
        .optional()?;
    Ok(found)
}

fn insert_event(tx: &Transaction<'_>, doc_id: &str, e: &Event) -> Result<()> {
    if let Some((id, date)) = merge_target(tx, e)? {
        // another report of a stored event: its report, its evidence, and its date when this
        // report dates it more precisely
        if e.date.as_ref().map(String::len) > date.as_ref().map(String::len) {
            tx.prepare_cached(
                "UPDATE events SET date = ?2, date_precision = ?3, date_basis = ?4,
                    date_before = ?5 WHERE id = ?1",
            )?
            .execute(params![
                id,
                e.date,
                e.date_precision.as_str(),
                e.date_basis.map(|b| b.as_str()),
                e.date_before
            ])?;
        }
        tx.prepare_cached("UPDATE events SET confidence = MAX(confidence, ?2) WHERE id = ?1")?
            .execute(params![id, e.confidence])?;
        let merged = Event { id, ..e.clone() };
        return insert_reports(tx, doc_id, &merged);
    }
    let target = e.target.as_ref();
    let loc = e.location.as_ref();
    tx.prepare_cached(
        "INSERT INTO events (id, date, date_precision, source_name, source_code, source_country,
            source_entity, target_name, target_code, target_country, target_entity, cameo,
            plover_event, plover_mode, plover_context, quad_class, goldstein, location_name,
            location_country, lat, lon, topics, reports, confidence, date_basis, date_before)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
            ?18, ?19, ?20, ?21, ?22, 0, ?23, ?24, ?25)
         ON CONFLICT (id) DO UPDATE SET confidence = MAX(confidence, excluded.confidence)",
    )?
    .execute(params![
        e.id,
        e.date,
        e.date_precision.as_str(),
        e.source.name,
        e.source.code,
        e.source.country,
        e.source.entity,
        target.map(|t| &t.name),
        target.and_then(|t| t.code.as_ref()),
        target.and_then(|t| t.country.as_ref()),
        target.and_then(|t| t.entity.as_ref()),
        e.cameo,
        e.plover.event,
        e.plover.mode,
        e.plover.context,
        e.quad_class,
        e.goldstein,
        loc.map(|l| &l.name),
        loc.and_then(|l| l.country.as_ref()),
        loc.and_then(|l| l.lat),
        loc.and_then(|l| l.lon),
        serde_json::to_string(&e.topics).expect("strings serialise"),
        e.confidence,
        e.date_basis.map(|b| b.as_str()),
        e.date_before,
    ])?;
    insert_reports(tx, doc_id, e)
}

/// The report of event `e` by document `doc_id`, with its evidence.
fn insert_reports(tx: &Transaction<'_>, doc_id: &str, e: &Event) -> Result<()> {
    tx.prepare_cached(
        "INSERT OR IGNORE INTO event_reports (event_id, document_id) VALUES (?1, ?2)",
    )?
    .execute(params![e.id, doc_id])?;
    let mut stmt = tx.prepare_cached(
        "INSERT OR IGNORE INTO event_evidence (event_id, document_id, start, end, text)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?;
    for ev in &e.evidence {
        stmt.execute(params![
            e.id,
            doc_id,
            ev.start as i64,
            ev.end as i64,
            ev.text
        ])?;
    }
    super::refresh_reports(tx, &e.id)?;
    Ok(())
}

pub(crate) fn event_columns() -> &'static str {
    "id, date, date_precision, source_name, source_code, source_country, source_entity,
     target_name, target_code, target_country, target_entity, cameo, plover_event, plover_mode,
     plover_context, quad_class, goldstein, location_name, location_country, lat, lon, topics,
     reports, confidence, date_basis, date_before"
}

pub(crate) fn event_from_row(r: &Row<'_>) -> rusqlite::Result<Event> {
    let target_name: Option<String> = r.get(7)?;
    let location_name: Option<String> = r.get(17)?;
    let topics: String = r.get(21)?;
    Ok(Event {
        id: r.get(0)?,
        date: r.get(1)?,
        date_precision: DatePrecision::parse(&r.get::<_, String>(2)?).unwrap_or_default(),
        date_basis: r
            .get::<_, Option<String>>(24)?
            .as_deref()
            .and_then(DateBasis::parse),
        date_before: r.get(25)?,
        source: EventActor {
            name: r.get(3)?,
            code: r.get(4)?,
            country: r.get(5)?,
            entity: r.get(6)?,
        },
        target: match target_name {
            Some(name) => Some(EventActor {
                name,
                code: r.get(8)?,
                country: r.get(9)?,
                entity: r.get(10)?,
            }),
            None => None,
        },
        cameo: r.get(11)?,
        plover: Plover {
            event: r.get(12)?,
            mode: r.get(13)?,
            context: r.get(14)?,
        },
        quad_class: r.get(15)?,
        goldstein: r.get(16)?,
        location: match location_name {
            Some(name) => Some(Location {
                name,
                country: r.get(18)?,
                lat: r.get(19)?,
                lon: r.get(20)?,
            }),
            None => None,
        },
        topics: serde_json::from_str(&topics).unwrap_or_default(),
        evidence: Vec::new(),
        reports: r.get(22)?,
        confidence: r.get::<_, f64>(23)? as f32,
    })
}
