package dev.webwxbot.store;

import dev.webwxbot.safeoutput.OwnerOnly;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;
import org.sqlite.SQLiteException;

/**
 * One connection to the store's database, used by one caller at a time, and the translation of its failures into
 * {@link StoreException}s that name the database and say what to do. One connection is enough: SQLite writes one
 * transaction at a time anyway, and the store's statements are short. A lock, not {@code synchronized}: callers
 * are virtual threads and the lock spans blocking I/O. A broken PostgreSQL connection is reopened on next use.
 */
final class Database implements AutoCloseable {

    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private final Dialect dialect;
    private final DataSource source;
    private final String description;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private boolean closed;

    private Database(Dialect dialect, DataSource source, String description) {
        this.dialect = dialect;
        this.source = source;
        this.description = description;
    }

    /**
     * Opens the database and checks that it answers; for SQLite, creates its file owner-only first.
     *
     * @throws StoreException when it cannot be opened, is locked or damaged
     */
    static Database open(StoreSettings settings, Duration busyTimeout) {
        Dialect dialect = Dialect.of(settings.jdbcUrl());
        Database db = switch (dialect) {
            case SQLITE -> sqlite(settings.jdbcUrl(), busyTimeout);
            case POSTGRESQL -> postgresql(settings);
        };
        try {
            // Reading the schema version reads the file's header: a file that is not a database fails here.
            db.call("opening", c -> {
                try (var s = c.createStatement()) {
                    s.execute(dialect == Dialect.SQLITE ? "PRAGMA schema_version" : "SELECT 1");
                }
                return null;
            });
            return db;
        } catch (RuntimeException e) {
            db.close();
            throw e;
        }
    }

    private static Database sqlite(String url, Duration busyTimeout) {
        Path file = Path.of(url.substring("jdbc:sqlite:".length())).toAbsolutePath();
        String description = "the message store database " + file;
        try {
            // Messages are private: the folder and the file are created owner-only, never chmod-ed afterwards.
            // SQLite gives its -wal and -shm files the database file's permissions.
            OwnerOnly.createDirectories(file.getParent());
            if (Files.exists(file)) {
                OwnerOnly.restrict(file);
            } else {
                OwnerOnly.createFile(file);
            }
        } catch (IOException e) {
            throw new StoreException(StoreException.Reason.UNAVAILABLE, description + " cannot be created ("
                    + e + "); check that this user may write its folder", e);
        }
        SQLiteConfig config = new SQLiteConfig();
        // WAL: readers (search, the API) never wait for the writer, and a crash leaves committed rows intact.
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        // NORMAL is durable across a crash of the process (kill -9) in WAL mode; only a power cut may lose the
        // last commits, and it saves an fsync per stored message.
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        // Wait a while for another connection's lock instead of failing at once (a backup tool, the CLI).
        config.setBusyTimeout((int) Math.min(Integer.MAX_VALUE, busyTimeout.toMillis()));
        SQLiteDataSource source = new SQLiteDataSource(config);
        source.setUrl("jdbc:sqlite:" + file);
        return new Database(Dialect.SQLITE, source, description);
    }

    private static Database postgresql(StoreSettings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(settings.jdbcUrl());
        if (!settings.user().isEmpty()) source.setUser(settings.user());
        if (!settings.password().isEmpty()) source.setPassword(settings.password());
        return new Database(Dialect.POSTGRESQL, source,
                "the PostgreSQL message store " + describe(settings.jdbcUrl()));
    }

    /** A JDBC URL without its query string, which may hold a password. */
    static String describe(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query) + "?...";
    }

    Dialect dialect() {
        return dialect;
    }

    DataSource dataSource() {
        return source;
    }

    String description() {
        return description;
    }

    /**
     * Runs {@code work} on the connection, alone.
     *
     * @throws StoreException when the database fails; {@code action} says what was being done
     */
    <T> T call(String action, Work<T> work) {
        lock.lock();
        try {
            if (closed) {
                throw new StoreException(StoreException.Reason.FAILED, description + " is closed", null);
            }
            if (connection == null) connection = source.getConnection();
            return work.run(connection);
        } catch (SQLException e) {
            dropIfBroken(e);
            throw failure(action, e);
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} in one transaction, rolled back when it fails. */
    <T> T transaction(String action, Work<T> work) {
        return call(action, c -> {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                try {
                    c.rollback();
                } catch (SQLException suppressed) {
                    e.addSuppressed(suppressed);
                }
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        });
    }

    private void dropIfBroken(SQLException e) {
        String state = e.getSQLState();
        boolean broken = state != null && state.startsWith("08");
        if (broken || dialect == Dialect.SQLITE && e instanceof SQLiteException) {
            // SQLite: a fresh connection after an error re-reads the file (e.g. once another program released
            // its lock); PostgreSQL: a broken connection is opened again on next use.
            closeQuietly();
        }
    }

    /** The {@link StoreException} for {@code e}, which may be or wrap an {@link SQLException}. */
    StoreException failure(String action, Throwable e) {
        if (e instanceof StoreException store) return store;
        SQLException sql = sqlCause(e);
        if (sql instanceof SQLiteException lite) {
            int code = lite.getResultCode().code & 0xff;
            switch (code) {
                case 11, 26 -> {
                    return new StoreException(StoreException.Reason.CORRUPT, description
                            + " is damaged or is not an SQLite database (" + lite.getMessage() + "). Stop the daemon"
                            + " and move the file aside, with its -wal and -shm files, to start a new store; or"
                            + " restore it from a backup (sqlite3's .recover command may save its messages)", e);
                }
                case 5, 6 -> {
                    return new StoreException(StoreException.Reason.LOCKED, description
                            + " is locked by another program: another webwx-bot daemon using the same data folder,"
                            + " or a tool holding it open (" + lite.getMessage() + "). Stop that program, or give"
                            + " each daemon its own data folder", e);
                }
                case 3, 8, 14, 23 -> {
                    return new StoreException(StoreException.Reason.UNAVAILABLE, description + " cannot be opened"
                            + " for writing (" + lite.getMessage() + "); check that its folder exists and that this"
                            + " user may read and write it and its -wal and -shm files", e);
                }
                case 13 -> {
                    return new StoreException(StoreException.Reason.FAILED, description + " cannot grow: the disk"
                            + " is full (" + lite.getMessage() + "); free space or lower the retention limits", e);
                }
                default -> {
                }
            }
        } else if (sql != null && sql.getSQLState() != null) {
            String state = sql.getSQLState();
            if (state.startsWith("08")) {
                return new StoreException(StoreException.Reason.UNAVAILABLE, description + " cannot be reached ("
                        + sql.getMessage() + "); check webwx-bot.store.url and that the server runs", e);
            }
            if (state.startsWith("28") || state.equals("3D000") || state.equals("42501")) {
                return new StoreException(StoreException.Reason.UNAVAILABLE, description + " refused this daemon ("
                        + sql.getMessage() + "); check that the database exists and webwx-bot.store.user and"
                        + " password, and that the user may create tables in it", e);
            }
        }
        String detail = sql != null ? sql.getMessage() : e.toString();
        return new StoreException(StoreException.Reason.FAILED, description + ": " + action + " failed: " + detail, e);
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) return sql;
        }
        return null;
    }

    private void closeQuietly() {
        if (connection == null) return;
        try {
            connection.close();
        } catch (SQLException ignored) {
            // Already broken; the next call opens a new one.
        }
        connection = null;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            closeQuietly();
        } finally {
            lock.unlock();
        }
    }
}
