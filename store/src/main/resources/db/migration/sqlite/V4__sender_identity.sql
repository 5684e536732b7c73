-- The sender's stable identity ("wxid:wxid_abc", else "remark:…" or "nick:…"): the same person across logins,
-- whose sender_id (a session name) changes at every login. Rows written before this version have none ('').
ALTER TABLE messages ADD COLUMN sender_identity TEXT NOT NULL DEFAULT '';
CREATE INDEX messages_by_sender_identity ON messages (account, sender_identity, time_ms);
