package dev.webwxbot.core.internal.session;

import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.internal.store.FileSessionStore;
import dev.webwxbot.core.internal.store.InboundJournal;
import dev.webwxbot.core.internal.store.Outbox;
import dev.webwxbot.core.internal.store.SessionStore;
import dev.webwxbot.core.internal.store.StoredSessionStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Supplier;

/**
 * Where a session keeps what outlives its process: the snapshot, the inbound journal and the outbox, in the
 * operator's storage ({@link SessionOptions#stateStorage()}, a cluster's Redis), else in files (the session file and
 * the journal directory), else in memory only. Stateless.
 */
final class StateKeeping {

    /** The inbound journal's file in {@link SessionOptions#journalDirectory()}. */
    static final String INBOX_FILE = "inbox.journal";
    /** The outbox's file in {@link SessionOptions#journalDirectory()}. */
    static final String OUTBOX_FILE = "outbox.journal";

    private StateKeeping() {
    }

    static SessionStore snapshots(SessionOptions options) {
        return options.stateStorage().<SessionStore>map(StoredSessionStore::new)
                .or(() -> options.sessionFile().map(FileSessionStore::new)).orElse(SessionStore.none());
    }

    static InboundJournal journal(SessionOptions options) {
        if (options.stateStorage().isPresent()) return InboundJournal.open(options.stateStorage().get(), Clock.systemUTC());
        return openFile(options, INBOX_FILE, "the message journal", file -> InboundJournal.open(file, Clock.systemUTC()),
                () -> InboundJournal.inMemory(Clock.systemUTC()));
    }

    static Outbox outbox(SessionOptions options) {
        if (options.stateStorage().isPresent()) return Outbox.open(options.stateStorage().get());
        return openFile(options, OUTBOX_FILE, "the outbox", Outbox::open, Outbox::inMemory);
    }

    private interface Opener<T> {
        T open(Path file) throws IOException;
    }

    /** The journal directory's {@code name}, opened; in memory without a directory. Fails the session if it cannot. */
    private static <T> T openFile(SessionOptions options, String name, String what, Opener<T> opener,
                                  Supplier<T> inMemory) {
        if (options.journalDirectory().isEmpty()) return inMemory.get();
        Path file = options.journalDirectory().get().resolve(name);
        try {
            return opener.open(file);
        } catch (IOException | RuntimeException e) {
            // Running on without it would silently give up the guarantee it exists for.
            throw new UncheckedIOException(new IOException("cannot open " + what + " " + file + ": " + e, e));
        }
    }
}
