-- Full-text search over the messages' text. The trigram tokenizer indexes every three characters, so it finds
-- substrings in Chinese (which has no spaces between words) as well as in English, case-insensitively.
-- External content: the index holds no second copy of the text, triggers keep it in step with the table.
CREATE VIRTUAL TABLE messages_fts USING fts5(text, content = 'messages', content_rowid = 'id', tokenize = 'trigram');
-- Rows written by version 1 become searchable too.
INSERT INTO messages_fts (messages_fts) VALUES ('rebuild');

CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;
CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
END;
CREATE TRIGGER messages_fts_update AFTER UPDATE OF text ON messages BEGIN
    INSERT INTO messages_fts (messages_fts, rowid, text) VALUES ('delete', old.id, old.text);
    INSERT INTO messages_fts (rowid, text) VALUES (new.id, new.text);
END;

-- Retention asks "does any row still need this media file?"; the outbox asks for an account's queued sends.
CREATE INDEX messages_by_media ON messages (media_sha256) WHERE media_sha256 IS NOT NULL;
CREATE INDEX messages_by_status ON messages (account, direction, status);
