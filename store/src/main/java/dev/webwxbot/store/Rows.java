package dev.webwxbot.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The messages table's columns, and the mapping between its rows and {@link StoredMessage}. */
final class Rows {

    static final String COLUMNS = "id, account, direction, kind, msg_id, local_id, chat_id, chat_name, sender_id,"
            + " sender_name, sender_group_name, time_ms, text, fields_json, media_sha256, media_size, media_path,"
            + " media_file_name, status, failure, quoted_msg_id, sender_identity";

    /** Idempotent: a row with the same MsgId or LocalID (per account and direction) is left as it is. */
    static final String INSERT = "INSERT INTO messages (account, direction, kind, msg_id, local_id, chat_id,"
            + " chat_name, sender_id, sender_name, sender_group_name, time_ms, text, fields_json, media_sha256,"
            + " media_size, media_path, media_file_name, status, failure, quoted_msg_id, sender_identity)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING";

    private Rows() {
    }

    static void bindInsert(PreparedStatement s, StoredMessage m) throws SQLException {
        int i = 0;
        s.setString(++i, m.account());
        s.setString(++i, m.direction().name());
        s.setString(++i, m.kind());
        s.setString(++i, m.msgId());
        s.setString(++i, m.localId());
        s.setString(++i, m.chatId());
        s.setString(++i, m.chatName());
        s.setString(++i, m.senderId());
        s.setString(++i, m.senderName());
        s.setString(++i, m.senderGroupName());
        s.setLong(++i, m.time().toEpochMilli());
        s.setString(++i, m.text());
        s.setString(++i, m.fieldsJson());
        MediaRef media = m.media().orElse(null);
        s.setString(++i, media == null ? null : media.sha256());
        if (media == null) {
            s.setNull(++i, java.sql.Types.BIGINT);
        } else {
            s.setLong(++i, media.size());
        }
        s.setString(++i, media == null ? null : media.path());
        s.setString(++i, media == null ? null : media.fileName());
        s.setString(++i, m.status());
        s.setString(++i, m.failure());
        s.setString(++i, m.quotedMsgId());
        s.setString(++i, m.senderIdentity());
    }

    static List<StoredMessage> read(PreparedStatement s) throws SQLException {
        List<StoredMessage> out = new ArrayList<>();
        try (ResultSet r = s.executeQuery()) {
            while (r.next()) out.add(map(r));
        }
        return out;
    }

    private static StoredMessage map(ResultSet r) throws SQLException {
        String sha = r.getString("media_sha256");
        Optional<MediaRef> media = sha == null ? Optional.empty() : Optional.of(new MediaRef(sha,
                r.getLong("media_size"), r.getString("media_path"), orEmpty(r.getString("media_file_name"))));
        return new StoredMessage(r.getLong("id"), r.getString("account"), Direction.valueOf(r.getString("direction")),
                r.getString("kind"), r.getString("msg_id"), r.getString("local_id"), r.getString("chat_id"),
                r.getString("chat_name"), r.getString("sender_id"), r.getString("sender_name"),
                r.getString("sender_group_name"), Instant.ofEpochMilli(r.getLong("time_ms")), r.getString("text"),
                r.getString("fields_json"), media, r.getString("status"), r.getString("failure"),
                r.getString("quoted_msg_id"), r.getString("sender_identity"));
    }

    private static String orEmpty(String s) {
        return s == null ? "" : s;
    }
}
