-- A quote reply (received, or sent with Outgoing.Quote) names the message it quotes by the server's MsgId, so the
-- history can link the two. Rows of earlier versions quote nothing.
ALTER TABLE messages ADD COLUMN quoted_msg_id TEXT NOT NULL DEFAULT '';
