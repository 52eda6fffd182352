-- attache schema, version 1.

CREATE TABLE documents (
    rowid               INTEGER PRIMARY KEY,
    id                  TEXT NOT NULL UNIQUE,
    content_hash        TEXT NOT NULL UNIQUE,
    url                 TEXT,
    title               TEXT NOT NULL,
    byline              TEXT,
    published           TEXT,
    published_precision TEXT NOT NULL DEFAULT 'unknown',
    published_source    TEXT,
    site_name           TEXT,
    language            TEXT,
    text                TEXT NOT NULL,
    syndication         TEXT,
    fetched             TEXT,
    input               TEXT,
    sentences           TEXT NOT NULL DEFAULT '[]',
    added               TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published);
CREATE INDEX documents_site ON documents(site_name);
CREATE INDEX documents_url ON documents(url);

CREATE VIRTUAL TABLE documents_fts USING fts5(
    title, text,
    content = 'documents', content_rowid = 'rowid',
    tokenize = 'unicode61 remove_diacritics 2'
);
CREATE TRIGGER documents_fts_insert AFTER INSERT ON documents BEGIN
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;
CREATE TRIGGER documents_fts_delete AFTER DELETE ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
END;
CREATE TRIGGER documents_fts_update AFTER UPDATE OF title, text ON documents BEGIN
    INSERT INTO documents_fts(documents_fts, rowid, title, text)
        VALUES ('delete', old.rowid, old.title, old.text);
    INSERT INTO documents_fts(rowid, title, text) VALUES (new.rowid, new.title, new.text);
END;

CREATE TABLE mentions (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    type        TEXT NOT NULL,
    entity      TEXT,
    country     TEXT,
    actor_code  TEXT
);
CREATE INDEX mentions_document ON mentions(document_id);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE timexes (
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    type        TEXT NOT NULL,
    value       TEXT,
    mod         TEXT
);
CREATE INDEX timexes_document ON timexes(document_id);

CREATE TABLE entities (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    country     TEXT,
    actor_code  TEXT,
    aliases     TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX entities_name ON entities(name);

CREATE TABLE entity_roles (
    entity_id   TEXT NOT NULL REFERENCES entities(id) ON DELETE CASCADE,
    title       TEXT NOT NULL,
    country     TEXT,
    sector      TEXT,
    since       TEXT,
    until       TEXT,
    document_id TEXT,
    UNIQUE (entity_id, title, country, sector, since, until)
);

CREATE TABLE events (
    id              TEXT PRIMARY KEY,
    date            TEXT,
    date_precision  TEXT NOT NULL,
    source_name     TEXT NOT NULL,
    source_code     TEXT,
    source_country  TEXT,
    source_entity   TEXT,
    target_name     TEXT,
    target_code     TEXT,
    target_country  TEXT,
    target_entity   TEXT,
    cameo           TEXT NOT NULL,
    plover_event    TEXT,
    plover_mode     TEXT,
    plover_context  TEXT,
    quad_class      INTEGER NOT NULL,
    goldstein       REAL NOT NULL,
    location_name   TEXT,
    location_country TEXT,
    lat             REAL,
    lon             REAL,
    topics          TEXT NOT NULL DEFAULT '[]',
    reports         INTEGER NOT NULL DEFAULT 0,
    confidence      REAL NOT NULL
);
CREATE INDEX events_date ON events(date);
CREATE INDEX events_source ON events(source_code);
CREATE INDEX events_target ON events(target_code);
CREATE INDEX events_cameo ON events(cameo);

CREATE TABLE event_evidence (
    event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    start       INTEGER NOT NULL,
    end         INTEGER NOT NULL,
    text        TEXT NOT NULL,
    UNIQUE (event_id, document_id, start, end)
);
CREATE INDEX event_evidence_document ON event_evidence(document_id);

CREATE TABLE event_reports (
    event_id    TEXT NOT NULL REFERENCES events(id) ON DELETE CASCADE,
    document_id TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, document_id)
);
CREATE INDEX event_reports_document ON event_reports(document_id);

CREATE TABLE feeds (
    id              INTEGER PRIMARY KEY,
    url             TEXT NOT NULL UNIQUE,
    title           TEXT,
    site_url        TEXT,
    allow_private   INTEGER NOT NULL DEFAULT 0,
    etag            TEXT,
    last_modified   TEXT,
    last_fetched    TEXT,
    next_due        TEXT,
    status          TEXT NOT NULL DEFAULT 'new',
    last_error      TEXT,
    error_count     INTEGER NOT NULL DEFAULT 0,
    items           INTEGER NOT NULL DEFAULT 0,
    added           TEXT NOT NULL
);

CREATE TABLE feed_items (
    feed_id     INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    item_id     TEXT NOT NULL,
    document_id TEXT,
    seen        TEXT NOT NULL,
    PRIMARY KEY (feed_id, item_id)
);

CREATE TABLE clusters (
    id          TEXT PRIMARY KEY,
    canonical   TEXT NOT NULL,
    origin      TEXT,
    first_seen  TEXT,
    last_seen   TEXT
);

CREATE TABLE cluster_members (
    cluster_id      TEXT NOT NULL REFERENCES clusters(id) ON DELETE CASCADE,
    document_id     TEXT NOT NULL UNIQUE,
    outlet          TEXT,
    published       TEXT,
    similarity      REAL NOT NULL,
    delay_seconds   INTEGER,
    credits_origin  INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX cluster_members_cluster ON cluster_members(cluster_id);
