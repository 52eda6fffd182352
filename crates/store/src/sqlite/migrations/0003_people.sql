-- attache schema, version 3: people and their roles, learned from the documents.

-- One row per document that states a person's role ("Egyptian Defense Minister Abdel Majeed
-- Saqr"): the role, the document date (`seen`), the period the text gives for it ("since 2019"
-- in `since`; "former" ends it: `until`), and the sentence that says so. `attache actors
-- --people` and the resolution of bare surnames in later documents read the rows grouped by
-- person, title and country. Rows are replaced whenever the document's annotations are.
-- Idempotent: the store re-applies it on open when the table is missing (a database whose
-- version number was reached by a build that numbered its migrations without this one).
CREATE TABLE IF NOT EXISTS person_roles (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    entity_id   TEXT NOT NULL,
    name        TEXT NOT NULL,
    title       TEXT NOT NULL,
    title_key   TEXT NOT NULL,
    country     TEXT NOT NULL DEFAULT '',
    sector      TEXT NOT NULL DEFAULT '',
    actor_code  TEXT,
    seen        TEXT,
    since       TEXT,
    until       TEXT,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    sentence    TEXT NOT NULL,
    PRIMARY KEY (document_id, entity_id, title_key, country)
);
CREATE INDEX IF NOT EXISTS person_roles_person ON person_roles(entity_id, title_key, country);
CREATE INDEX IF NOT EXISTS person_roles_country ON person_roles(country);
