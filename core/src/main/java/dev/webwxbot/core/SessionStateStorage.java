package dev.webwxbot.core;

import java.util.List;
import java.util.Optional;

/**
 * Where a session keeps what another process needs to carry it on without a scan: the snapshot (credentials,
 * cookies, hosts, sync keys, the ids of recent messages; PROTOCOL.md 10.2) and two logs of JSON records, the inbound
 * journal (messages received and not yet handled) and the outbox (sends not yet settled). Without one, a session
 * keeps them in files ({@link SessionOptions#sessionFile()}, {@link SessionOptions#journalDirectory()}); a cluster
 * keeps them in a shared store, so that the daemon taking an account over resumes it where the last one stopped.
 *
 * <p>Everything here is secret (the snapshot holds the session's credentials; the logs hold message text): an
 * implementation never logs contents. The strings are JSON texts the session writes and reads back; an
 * implementation stores them as they are. Implementations are thread-safe; every method may block (the session
 * calls them off its network threads).
 */
public interface SessionStateStorage {

    /** The log of received messages between the server and the end of the plugin chain. */
    String INBOX = "inbox";
    /** The log of sends between the plugin and the server's answer. */
    String OUTBOX = "outbox";

    /** The saved snapshot's JSON, or empty when there is none. Throws when the storage cannot be read. */
    Optional<String> loadSnapshot();

    /** Replaces the saved snapshot. Throws when it was not kept (the session logs it and carries on). */
    void saveSnapshot(String json);

    /** Forgets the snapshot (after a logout, so the next start does not try a dead session). */
    void clearSnapshot();

    /** Opens the log named {@code name} ({@link #INBOX} or {@link #OUTBOX}) with what earlier runs left in it. */
    RecordLog openLog(String name);

    /**
     * A log of JSON records that only grows until it is rewritten whole. A write has happened once its method
     * returned: a process killed right after loses none of it. A write that did not happen throws (an
     * {@link IllegalStateException} when this process may no longer write, e.g. it lost the account to another).
     */
    interface RecordLog extends AutoCloseable {

        /** What the log held when it was opened, oldest first. */
        List<String> records();

        /** Adds {@code records} at the end. */
        void append(List<String> records);

        /** Replaces the whole log by {@code records} (compaction): afterwards it holds exactly them. */
        void rewrite(List<String> records);

        /** How many records the log holds now. */
        long size();

        /** Lets go of it; nothing is written afterwards. */
        @Override
        void close();
    }
}
