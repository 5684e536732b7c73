package dev.webwxbot.store;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * Deletes what is old: rows older than a time, then the oldest rows until the database fits its size, then the
 * media files no remaining row needs (including files a crash left without a row, once they are older than the
 * time, and partial files).
 */
final class Retention {

    /** Rounds of "delete the oldest" before giving up on the size (each deletes what the estimate says). */
    private static final int SIZE_ROUNDS = 20;

    private final Database db;
    private final MediaFiles media;

    Retention(Database db, MediaFiles media) {
        this.db = db;
        this.media = media;
    }

    PruneResult prune(Instant olderThan, long maxDatabaseBytes) {
        long cutoff = olderThan.toEpochMilli();
        long[] before = new long[1];
        Set<String> dropped = new HashSet<>();
        int rows = db.transaction("applying retention", c -> {
            before[0] = usedBytes(c, db.dialect());
            int deleted = deleteWhere(c, "time_ms < ?", cutoff, dropped);
            for (int round = 0; round < SIZE_ROUNDS; round++) {
                long used = usedBytes(c, db.dialect());
                long count = count(c);
                if (used <= maxDatabaseBytes || count == 0) break;
                // Delete as many of the oldest rows as the excess is worth at the average row size, at least one.
                long perRow = Math.max(1, used / count);
                long excess = used - maxDatabaseBytes;
                long n = Math.min(count, Math.max(1, (excess + perRow - 1) / perRow));
                deleted += deleteWhere(c, "id IN (SELECT id FROM messages ORDER BY time_ms, id LIMIT ?)", n, dropped);
                if (!db.dialect().sizeShrinksOnDelete()) break;
            }
            return deleted;
        });
        long after = db.call("measuring the database", c -> usedBytes(c, db.dialect()));
        int files = 0;
        long freedMedia = 0;
        for (Path file : media.files()) {
            if (!unneeded(file, dropped, olderThan)) continue;
            long freed = media.delete(file);
            if (freed > 0 || !Files.exists(file)) files++;
            freedMedia += freed;
        }
        return new PruneResult(rows, files, Math.max(0, before[0] - after) + freedMedia);
    }

    private boolean unneeded(Path file, Set<String> dropped, Instant olderThan) {
        var hash = MediaFiles.hashOf(file);
        boolean old = modified(file).isBefore(olderThan);
        if (hash.isEmpty()) return old; // a partial file a crash left behind
        if (!dropped.contains(hash.get()) && !old) return false; // new: its row may be on its way
        return !referenced(hash.get());
    }

    private boolean referenced(String sha) {
        return db.call("checking a media file", c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM messages WHERE media_sha256 = ? LIMIT 1")) {
                s.setString(1, sha);
                try (ResultSet r = s.executeQuery()) {
                    return r.next();
                }
            }
        });
    }

    private static int deleteWhere(Connection c, String condition, long value, Set<String> dropped)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(
                "SELECT DISTINCT media_sha256 FROM messages WHERE media_sha256 IS NOT NULL AND " + condition)) {
            s.setLong(1, value);
            try (ResultSet r = s.executeQuery()) {
                while (r.next()) dropped.add(r.getString(1));
            }
        }
        try (PreparedStatement s = c.prepareStatement("DELETE FROM messages WHERE " + condition)) {
            s.setLong(1, value);
            return s.executeUpdate();
        }
    }

    static long usedBytes(Connection c, Dialect dialect) throws SQLException {
        return single(c, dialect.usedBytesQuery());
    }

    static long count(Connection c) throws SQLException {
        return single(c, "SELECT COUNT(*) FROM messages");
    }

    private static long single(Connection c, String sql) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet r = s.executeQuery()) {
            r.next();
            return r.getLong(1);
        }
    }

    private static Instant modified(Path file) {
        try {
            return Files.getLastModifiedTime(file).toInstant();
        } catch (java.io.IOException e) {
            return FileTime.fromMillis(0).toInstant();
        }
    }
}
