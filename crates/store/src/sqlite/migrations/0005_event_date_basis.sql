-- How an event's date was found (text, document, before, unknown) and, for background events
-- with no date of their own, the date they are known to precede.
ALTER TABLE events ADD COLUMN date_basis TEXT;
ALTER TABLE events ADD COLUMN date_before TEXT;
