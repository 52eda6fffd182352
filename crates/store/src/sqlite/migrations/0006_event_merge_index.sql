-- Reports of one happening merge into one event: the same source and target codes, CAMEO root
-- and a compatible date. This index finds the candidates without scanning a busy actor's events.
CREATE INDEX IF NOT EXISTS events_dyad_code ON events(source_code, target_code, cameo);
