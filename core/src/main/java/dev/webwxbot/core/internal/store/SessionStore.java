package dev.webwxbot.core.internal.store;

import java.util.Optional;

/** Where a session's snapshot lives between runs. Implementations are thread-safe. */
public interface SessionStore extends AutoCloseable {

    /** The saved snapshot, or empty when there is none or it cannot be used (logged once). */
    Optional<SessionSnapshot> load();

    /** Replaces the saved snapshot; a failure is logged, never thrown, so a full disk cannot stop the bot. */
    void save(SessionSnapshot snapshot);

    /** Forgets the snapshot (after a logout, so the next start does not try a dead session). */
    void clear();

    /** Lets go of open files once the session saves no more; {@link #clear} still works after it. */
    @Override
    void close();

    /** A store that keeps nothing: every start is a fresh login. */
    static SessionStore none() {
        return new SessionStore() {
            public Optional<SessionSnapshot> load() {
                return Optional.empty();
            }

            public void save(SessionSnapshot snapshot) {
            }

            public void clear() {
            }

            public void close() {
            }
        };
    }
}
