-- Search over the messages' text: a pg_trgm GIN index serves ILIKE '%words%' (substring, case-insensitive), the
-- counterpart of SQLite's FTS5 trigram table. pg_trgm is a trusted extension (PostgreSQL 13+): the database's
-- owner may create it without being a superuser. It may already be installed, in a schema not on this
-- connection's search path (another store's schema), so its operator class is named with its schema; and it is
-- created only when missing, as CREATE EXTENSION IF NOT EXISTS would raise a notice Flyway logs as a warning.
DO $$
DECLARE
    trgm_schema TEXT;
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'pg_trgm') THEN
        CREATE EXTENSION pg_trgm;
    END IF;
    SELECT n.nspname INTO trgm_schema
    FROM pg_extension e JOIN pg_namespace n ON n.oid = e.extnamespace
    WHERE e.extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX messages_text_trgm ON messages USING gin (text %I.gin_trgm_ops)', trgm_schema);
END
$$;

-- Retention asks "does any row still need this media file?"; the outbox asks for an account's queued sends.
CREATE INDEX messages_by_media ON messages (media_sha256) WHERE media_sha256 IS NOT NULL;
CREATE INDEX messages_by_status ON messages (account, direction, status);
