-- attache schema, version 2: copy links between documents and dedupe fingerprints.

-- `document_id` is a near or exact copy of `copy_of` (found by the dedupe stage); story
-- clusters are rebuilt from these links.
CREATE TABLE copy_links (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    copy_of     TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    similarity  REAL NOT NULL
);
CREATE INDEX copy_links_copy_of ON copy_links(copy_of);

-- The dedupe index's fingerprint of each document (opaque bytes of a named scheme), so the
-- index is rebuilt without re-reading and re-shingling every text.
CREATE TABLE fingerprints (
    document_id TEXT PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    scheme      TEXT NOT NULL,
    data        BLOB NOT NULL
);
