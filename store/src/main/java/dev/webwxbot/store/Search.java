package dev.webwxbot.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of one {@link SearchQuery}: built from fixed fragments, every value a bound parameter. Text words match
 * as substrings, case-insensitively: on SQLite through the FTS5 trigram index for words of three characters or
 * more (a trigram index cannot look up shorter ones, so those fall back to LIKE), on PostgreSQL through ILIKE,
 * which its pg_trgm index serves.
 */
final class Search {

    private final StringBuilder sql = new StringBuilder("SELECT " + Rows.COLUMNS + " FROM messages m WHERE 1 = 1");
    private final List<Object> params = new ArrayList<>();

    private Search() {
    }

    static PreparedStatement prepare(Connection c, Dialect dialect, SearchQuery q) throws SQLException {
        Search s = new Search();
        q.text().ifPresent(words -> s.words(dialect, words));
        q.account().ifPresent(a -> s.and("m.account = ?", a));
        q.chat().ifPresent(chat -> s.and("(m.chat_id = ? OR m.chat_name = ?)", chat, chat));
        q.sender().ifPresent(who -> s.and("(m.sender_id = ? OR m.sender_name = ? OR m.sender_group_name = ?"
                + " OR m.sender_identity = ?)", who, who, who, who));
        q.kind().ifPresent(k -> s.and("m.kind = ?", k));
        q.from().ifPresent(t -> s.and("m.time_ms >= ?", t.toEpochMilli()));
        q.to().ifPresent(t -> s.and("m.time_ms < ?", t.toEpochMilli()));
        s.sql.append(" ORDER BY m.time_ms DESC, m.id DESC LIMIT ?");
        s.params.add(q.limit());
        PreparedStatement statement = c.prepareStatement(s.sql.toString());
        for (int i = 0; i < s.params.size(); i++) statement.setObject(i + 1, s.params.get(i));
        return statement;
    }

    private void words(Dialect dialect, String text) {
        List<String> indexed = new ArrayList<>();
        for (String word : text.strip().split("\\s+")) {
            if (dialect == Dialect.SQLITE && word.codePointCount(0, word.length()) >= 3) {
                indexed.add(word);
            } else {
                and(dialect == Dialect.SQLITE ? "m.text LIKE ? ESCAPE '\\'" : "m.text ILIKE ? ESCAPE '\\'",
                        "%" + escapeLike(word) + "%");
            }
        }
        if (!indexed.isEmpty()) {
            // Each word an FTS5 string (quotes doubled), so no word is read as query syntax (AND, NEAR, column:).
            List<String> phrases = indexed.stream().map(w -> "\"" + w.replace("\"", "\"\"") + "\"").toList();
            and("m.id IN (SELECT rowid FROM messages_fts WHERE messages_fts MATCH ?)", String.join(" AND ", phrases));
        }
    }

    private void and(String condition, Object... values) {
        sql.append(" AND ").append(condition);
        params.addAll(List.of(values));
    }

    private static String escapeLike(String word) {
        return word.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
    }
}
