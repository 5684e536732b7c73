-- Search over the messages' text: a pg_trgm GIN index serves ILIKE '%words%' (substring, case-insensitive), the
-- counterpart of SQLite's FTS5 trigram table. pg_trgm is a trusted extension (PostgreSQL 13+): the database's
-- owner may create it without being a superuser.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX messages_text_trgm ON messages USING gin (text gin_trgm_ops);

-- Retention asks "does any row still need this media file?"; the outbox asks for an account's queued sends.
CREATE INDEX messages_by_media ON messages (media_sha256) WHERE media_sha256 IS NOT NULL;
CREATE INDEX messages_by_status ON messages (account, direction, status);
