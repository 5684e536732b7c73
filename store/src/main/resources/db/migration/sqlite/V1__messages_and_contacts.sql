-- The first schema: every message (inbound event or outbound send) of every account, and contacts as seen.
-- Times are epoch milliseconds (UTC). AUTOINCREMENT so an id is never reused after retention deletes rows:
-- a client following the log by "id greater than" must not see an old id come back.
CREATE TABLE messages (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    account           TEXT    NOT NULL,
    direction         TEXT    NOT NULL CHECK (direction IN ('IN', 'OUT')),
    kind              TEXT    NOT NULL,
    msg_id            TEXT    NOT NULL DEFAULT '',
    local_id          TEXT    NOT NULL DEFAULT '',
    chat_id           TEXT    NOT NULL,
    chat_name         TEXT    NOT NULL DEFAULT '',
    sender_id         TEXT    NOT NULL DEFAULT '',
    sender_name       TEXT    NOT NULL DEFAULT '',
    sender_group_name TEXT    NOT NULL DEFAULT '',
    time_ms           INTEGER NOT NULL,
    text              TEXT    NOT NULL DEFAULT '',
    fields_json       TEXT    NOT NULL DEFAULT '{}',
    media_sha256      TEXT,
    media_size        INTEGER,
    media_path        TEXT,
    media_file_name   TEXT,
    status            TEXT    NOT NULL,
    failure           TEXT    NOT NULL DEFAULT ''
);
-- Recording is idempotent: the server's MsgId identifies an event, our LocalID a send before it has a MsgId.
CREATE UNIQUE INDEX messages_by_msg_id ON messages (account, direction, msg_id) WHERE msg_id <> '';
CREATE UNIQUE INDEX messages_by_local_id ON messages (account, direction, local_id) WHERE local_id <> '';
CREATE INDEX messages_by_chat ON messages (account, chat_id, time_ms);
CREATE INDEX messages_by_time ON messages (time_ms);

CREATE TABLE contacts (
    account       TEXT    NOT NULL,
    contact_id    TEXT    NOT NULL,
    name          TEXT    NOT NULL DEFAULT '',
    remark        TEXT    NOT NULL DEFAULT '',
    kind          TEXT    NOT NULL DEFAULT '',
    first_seen_ms INTEGER NOT NULL,
    last_seen_ms  INTEGER NOT NULL,
    PRIMARY KEY (account, contact_id)
);
