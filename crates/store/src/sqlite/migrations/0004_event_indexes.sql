-- Indexes for the analyst's queries on large stores: pages of events between two countries
-- (`--dyad RUS,OMN`, `/api/v1/events?dyad=…`) walk (source_country, target_country, date) in date
-- order instead of scanning every event by date; a country as target is found by
-- (target_country, date). ANALYZE gives the query planner the statistics to prefer them.
CREATE INDEX IF NOT EXISTS events_dyad_country ON events(source_country, target_country, date);
CREATE INDEX IF NOT EXISTS events_target_country ON events(target_country, date);
ANALYZE;
