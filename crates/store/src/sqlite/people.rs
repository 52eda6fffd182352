//! The `person_roles` table: what each stored document says about people's roles, written
//! with its annotations and read grouped by person, title and country.

use attache_model::{Annotations, Evidence, MentionType};
use rusqlite::{Connection, OptionalExtension, Transaction, params};

use super::rows::read_document;
use crate::Result;
use crate::people::{self, PeopleFilter, PersonObservation, PersonRole};

/// Create the table when a database lacks it although its schema version says otherwise (a
/// build that shipped a later migration in this one's place); the migration is idempotent.
pub(crate) fn ensure_table(conn: &Connection) -> Result<()> {
    let present: Option<i64> = conn
        .query_row(
            "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'person_roles'",
            [],
            |r| r.get(0),
        )
        .optional()?;
    if present.is_none() {
        conn.execute_batch(include_str!("migrations/0003_people.sql"))?;
    }
    Ok(())
}

/// Replace the role statements of `doc_id` with those of `a` (the document row must exist).
pub(crate) fn record(tx: &Transaction<'_>, doc_id: &str, a: &Annotations) -> Result<()> {
    tx.prepare_cached("DELETE FROM person_roles WHERE document_id = ?1")?
        .execute([doc_id])?;
    let teaches = a
        .entities
        .iter()
        .any(|e| e.kind == MentionType::Person && !e.roles.is_empty());
    if !teaches {
        return Ok(());
    }
    let Some(document) = read_document(tx, doc_id)? else {
        return Ok(());
    };
    let mut stmt = tx.prepare_cached(
        "INSERT OR REPLACE INTO person_roles (document_id, entity_id, name, title, title_key,
            country, sector, actor_code, seen, since, until, start, end, sentence)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
    )?;
    for o in people::observations(&document, a) {
        stmt.execute(params![
            doc_id,
            o.entity,
            o.name,
            o.title,
            o.title_key,
            o.country.unwrap_or_default(),
            o.sector.unwrap_or_default(),
            o.actor_code,
            o.seen,
            o.since,
            o.until,
            o.evidence.start as i64,
            o.evidence.end as i64,
            o.evidence.text,
        ])?;
    }
    Ok(())
}

fn none_if_empty(s: String) -> Option<String> {
    (!s.is_empty()).then_some(s)
}

/// People and their roles, filtered, most recently seen first.
pub(crate) fn people(conn: &Connection, filter: &PeopleFilter) -> Result<Vec<PersonRole>> {
    let mut sql = String::from(
        "SELECT document_id, entity_id, name, title, title_key, country, sector, actor_code,
                seen, since, until, start, end, sentence
         FROM person_roles",
    );
    let country = filter
        .country
        .as_deref()
        .map(|c| c.trim().to_ascii_uppercase());
    if country.is_some() {
        sql += " WHERE country = ?1";
    }
    let mut stmt = conn.prepare_cached(&sql)?;
    let row = |r: &rusqlite::Row<'_>| {
        Ok(PersonObservation {
            evidence: Evidence {
                document: r.get(0)?,
                start: r.get::<_, i64>(11)? as usize,
                end: r.get::<_, i64>(12)? as usize,
                text: r.get(13)?,
            },
            entity: r.get(1)?,
            name: r.get(2)?,
            title: r.get(3)?,
            title_key: r.get(4)?,
            country: none_if_empty(r.get(5)?),
            sector: none_if_empty(r.get(6)?),
            actor_code: r.get(7)?,
            seen: r.get(8)?,
            since: r.get(9)?,
            until: r.get(10)?,
        })
    };
    let observations: Vec<PersonObservation> = match &country {
        Some(c) => stmt.query_map([c], row)?.collect::<rusqlite::Result<_>>()?,
        None => stmt.query_map([], row)?.collect::<rusqlite::Result<_>>()?,
    };
    let mut roles: Vec<PersonRole> = people::aggregate(observations)
        .into_iter()
        .filter(|r| people::matches(filter, r))
        .collect();
    if let Some(limit) = filter.limit {
        roles.truncate(limit);
    }
    if let Some(n) = filter.documents {
        // Documents that name the person (mentions linked to the entity) or state a role.
        let mut count = conn.prepare_cached(
            "SELECT COUNT(*) FROM (SELECT document_id FROM mentions WHERE entity = ?1
                 UNION SELECT document_id FROM person_roles WHERE entity_id = ?1)",
        )?;
        let mut ids = conn.prepare_cached(
            "SELECT x.document_id FROM (SELECT document_id FROM mentions WHERE entity = ?1
                 UNION SELECT document_id FROM person_roles WHERE entity_id = ?1) x
             JOIN documents d ON d.id = x.document_id
             ORDER BY d.published DESC, d.rowid DESC LIMIT ?2",
        )?;
        for r in &mut roles {
            r.documents = count.query_row([&r.entity], |row| row.get::<_, i64>(0))? as u64;
            r.document_ids = ids
                .query_map(params![r.entity, n as i64], |row| row.get(0))?
                .collect::<rusqlite::Result<_>>()?;
        }
    }
    Ok(roles)
}
