package dev.webwxbot.core.internal.send;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.message.ContentText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.SequencedSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sync echoes of the session's own messages (PROTOCOL.md 9.7), used to settle a send whose answer was lost: the
 * request was written, then the answer timed out, broke off or was garbage, so the server may or may not have taken
 * the message. Such a send waits here for a while for its echo before anything is sent again.
 *
 * <p>Matching: an echo carries the server's MsgId, which a send with a lost answer never learned, and (in the
 * protocol reference and the emulator) no {@code ClientMsgId}. So an echo is matched by what it says: the chat
 * ({@code ToUserName}), the {@code MsgType} and, for a text, the decoded {@code Content}, for a file its
 * {@code FileName}. Only sends that are in flight watch (a {@link Watch} is opened just before the request goes
 * out, so an echo that arrived earlier is never taken), each echo settles at most one watch (the oldest matching
 * one; an echo delivered twice settles nothing the second time), and echoes of sends that were answered normally
 * are recognised by their MsgId and never settle another.
 * A message with the same content typed on the phone into the same chat within the window would be mistaken for
 * the echo: the one known blind spot of matching by content.
 *
 * <p>{@link #observe} runs on the sync loop's event loop: it is cheap (it only looks at the open watches, of
 * which there is at most one per chat) and never throws. Thread-safe.
 */
public final class SentEchoes {

    private static final Logger log = LoggerFactory.getLogger(SentEchoes.class);
    /**
     * MsgIds kept to recognise echoes that must settle nothing: those of normally answered sends, and those that
     * already settled one (the server may deliver a message twice, 11.4). A few minutes of sending at most.
     */
    private static final int KNOWN_KEPT = 512;

    private final SendScheduler scheduler;
    private final Duration window;
    private final ReentrantLock lock = new ReentrantLock();
    private final List<Watch> open = new ArrayList<>();
    private final SequencedSet<String> known = new LinkedHashSet<>();
    /** Hears (client id, MsgId) of every send an echo settles; see {@link #onSettled}. */
    private volatile BiConsumer<String, String> settledListener = (localId, msgId) -> { };
    /** Hears the MsgID of every text send the server answered; see {@link #onTextAnswered}. */
    private volatile java.util.function.Consumer<String> answeredListener = msgId -> { };
    private boolean closed;

    /** @param window how long a send with a lost answer waits for its echo before it may be sent again */
    public SentEchoes(SendScheduler scheduler, Duration window) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.window = Objects.requireNonNull(window, "window");
    }

    /** How a send's echo looks: its chat, message type and, when it has one, the content or file name it carries. */
    public record Expected(String toUserName, int msgType, String content, String fileName) {
        private static final int LOCATION = 48;

        public Expected {
            Objects.requireNonNull(toUserName, "toUserName");
        }

        public static Expected text(String toUserName, String content) {
            return new Expected(toUserName, 1, content, null);
        }

        /** An image (3), video (43) or sticker (47): only the chat and the type can be compared. */
        public static Expected media(String toUserName, int msgType) {
            return new Expected(toUserName, msgType, null, null);
        }

        /**
         * A location: {@code MsgType 48}, or the form the web mostly delivers, {@code 1} with {@code SubMsgType 48}
         * (PROTOCOL.md 9.3, 9.5.8).
         */
        public static Expected location(String toUserName) {
            return new Expected(toUserName, LOCATION, null, null);
        }

        /** A file: an app message (49) with the file's name as {@code FileName}. */
        public static Expected file(String toUserName, String fileName) {
            return new Expected(toUserName, 49, null, fileName);
        }

        boolean matches(JsonNode echo) {
            if (!toUserName.equals(echo.path("ToUserName").asText()) || msgType != msgTypeOf(echo)) {
                return false;
            }
            if (content != null && !sameText(content, echo.path("Content").asText(""))) {
                return false;
            }
            return fileName == null || fileName.equals(ContentText.unescapeEntities(echo.path("FileName").asText("")));
        }

        /** The echo's {@code MsgType}, a location delivered as a text ({@code SubMsgType 48}) counted as 48. */
        private static int msgTypeOf(JsonNode echo) {
            int msgType = echo.path("MsgType").asInt(-1);
            return msgType == 1 && echo.path("SubMsgType").asInt(0) == LOCATION ? LOCATION : msgType;
        }

        private static boolean sameText(String sent, String echoed) {
            return lineBreaks(sent).equals(lineBreaks(ContentText.decode(echoed)));
        }

        private static String lineBreaks(String text) {
            return text.replace("\r\n", "\n").replace('\r', '\n');
        }
    }

    /** The echo that settled a send: its server id. */
    public record Echo(String msgId) {
    }

    /**
     * Starts watching for the echo of a send about to be written; close it through {@link Watch#answered},
     * {@link Watch#cancel} or {@link Watch#await}.
     */
    public Watch watch(Expected expected) {
        return watch(expected, "");
    }

    /**
     * As {@link #watch(Expected)}, for the send with client id {@code localId}: when an echo settles it, the
     * {@link #onSettled settled-listener} hears of it at once, before the message carrying the echo is taken in.
     */
    public Watch watch(Expected expected, String localId) {
        Watch watch = new Watch(Objects.requireNonNull(expected, "expected"), Objects.requireNonNull(localId, "localId"));
        lock.lock();
        try {
            open.add(watch);
        } finally {
            lock.unlock();
        }
        return watch;
    }

    /**
     * Who keeps outcomes: told (client id, MsgId) as soon as an echo settles a send, on the sync loop's thread and
     * before that sync's messages are taken in (so before the sync position moves past the echo). The outbox writes
     * it down there: a crash right after cannot make the echo, which the server will not deliver again, be missed.
     */
    public void onSettled(BiConsumer<String, String> listener) {
        this.settledListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Who awaits the echoes of answered sends (the session watchdog): told the MsgID of each text send the server
     * answered, on the thread that took the answer. Texts only: the sources report echoes of texts (PROTOCOL.md
     * 9.7), not of every kind. Must return at once and never throw.
     */
    public void onTextAnswered(java.util.function.Consumer<String> listener) {
        this.answeredListener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * One AddMsg from a sync: when it is the account's own message ({@code FromUserName} is {@code selfUserName})
     * it may settle the oldest open watch it matches. Never throws.
     */
    public void observe(JsonNode addMsg, String selfUserName) {
        try {
            if (addMsg == null || selfUserName == null || selfUserName.isEmpty()
                    || !selfUserName.equals(addMsg.path("FromUserName").asText())) {
                return;
            }
            String msgId = addMsg.path("MsgId").asText("");
            Watch settled = null;
            lock.lock();
            try {
                if (open.isEmpty() || msgId.isEmpty() || known.contains(msgId)) return;
                for (Iterator<Watch> it = open.iterator(); it.hasNext(); ) {
                    Watch watch = it.next();
                    if (watch.echo == null && watch.expected.matches(addMsg)) {
                        watch.echo = new Echo(msgId);
                        remember(msgId);
                        settled = watch;
                        if (watch.waiting != null) it.remove(); // a watch still in flight stays until its answer
                        break;
                    }
                }
            } finally {
                lock.unlock();
            }
            if (settled != null && !settled.localId.isEmpty()) {
                settledListener.accept(settled.localId, settled.echo.msgId());
            }
            if (settled != null && settled.waiting != null) {
                settled.waiting.complete(Optional.of(settled.echo));
            }
        } catch (RuntimeException e) {
            log.warn("a sync message could not be checked as the echo of a send: {}", e.toString());
        }
    }

    /**
     * The sync loop caught up with the server: a long poll or sync that started at {@code cycleStartNanos}
     * ({@link SendScheduler#nanoTime()}) ended with nothing more to fetch, and every message it brought was
     * observed. A send whose answer was lost before that moment and whose echo has not come was therefore not taken
     * by the server (it echoes a send as it takes it, PROTOCOL.md 9.7): its wait ends now, empty, and it may be
     * sent again at once rather than at the end of the window, which stays the bound while syncing keeps failing.
     */
    public void caughtUp(long cycleStartNanos) {
        List<CompletableFuture<Optional<Echo>>> ended = new ArrayList<>();
        lock.lock();
        try {
            for (Iterator<Watch> it = open.iterator(); it.hasNext(); ) {
                Watch watch = it.next();
                if (watch.waiting != null && watch.echo == null && watch.lostAt - cycleStartNanos < 0) {
                    ended.add(watch.waiting);
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
        ended.forEach(waiting -> waiting.complete(Optional.empty()));
    }

    /**
     * The session stopped: every wait ends now without an echo, and later ones end at once. No timer is left to
     * fire once the event loops are shut down, so a send waiting here would otherwise never complete.
     */
    public void close() {
        List<CompletableFuture<Optional<Echo>>> ended = new ArrayList<>();
        lock.lock();
        try {
            closed = true;
            for (Watch watch : open) {
                if (watch.waiting != null) ended.add(watch.waiting);
            }
            open.clear();
        } finally {
            lock.unlock();
        }
        ended.forEach(waiting -> waiting.complete(Optional.empty()));
    }

    /**
     * Whether an own message (after {@link #observe} saw it) is, as far as can be told, the echo of this session's
     * send: its MsgId is one a send was answered with or an echo settled, or a send to {@code toUserName} is in
     * flight (an echo whose content the watch could not match, e.g. changed by the server, still counts as ours
     * rather than as the owner typing). Human takeover asks this; a wrong "no" would pause a chat needlessly.
     */
    public boolean isOwnSend(String msgId, String toUserName) {
        lock.lock();
        try {
            if (known.contains(msgId)) return true;
            for (Watch watch : open) {
                if (watch.expected.toUserName().equals(toUserName)) return true;
            }
            return false;
        } finally {
            lock.unlock();
        }
    }

    /** Lock held. */
    private void remember(String msgId) {
        known.add(msgId);
        while (known.size() > KNOWN_KEPT) known.removeFirst();
    }

    /** Watches currently open; for tests. */
    int openWatches() {
        lock.lock();
        try {
            return open.size();
        } finally {
            lock.unlock();
        }
    }

    /** The wait for one send's echo, from just before its request went out until its outcome is known. */
    public final class Watch {
        private final Expected expected;
        /** The send's client id, or empty when the caller did not say. */
        private final String localId;
        /** Set by the first matching echo; guarded by the lock. */
        private Echo echo;
        /** Set once the send's answer was lost; guarded by the lock. */
        private CompletableFuture<Optional<Echo>> waiting;
        /** When the answer was found lost ({@link SendScheduler#nanoTime()}); guarded by the lock. */
        private long lostAt;

        private Watch(Expected expected, String localId) {
            this.expected = expected;
            this.localId = localId;
        }

        /**
         * The send was answered with {@code msgId}: its echo, whenever it comes, settles nothing else. An echo this
         * watch took while the send was in flight stays used up (normally it was this send's own).
         */
        public void answered(String msgId) {
            lock.lock();
            try {
                open.remove(this);
                if (msgId != null && !msgId.isEmpty()) remember(msgId);
            } finally {
                lock.unlock();
            }
            if (msgId != null && !msgId.isEmpty() && expected.msgType() == 1) {
                try {
                    answeredListener.accept(msgId);
                } catch (RuntimeException e) {
                    log.warn("the listener of answered sends failed: {}", e.toString());
                }
            }
        }

        /** The send failed in a way that certainly did not deliver it: stop watching. */
        public void cancel() {
            lock.lock();
            try {
                open.remove(this);
            } finally {
                lock.unlock();
            }
        }

        /**
         * The send's answer was lost: completes with the echo as soon as one matches (at once if one already did),
         * or empty once the window has passed without one. Never completes exceptionally.
         */
        public CompletableFuture<Optional<Echo>> await() {
            CompletableFuture<Optional<Echo>> result = new CompletableFuture<>();
            Echo already;
            boolean ended;
            lock.lock();
            try {
                already = echo;
                ended = closed;
                if (already != null || ended) {
                    open.remove(this);
                } else {
                    waiting = result;
                    lostAt = scheduler.nanoTime();
                }
            } finally {
                lock.unlock();
            }
            if (already != null || ended) {
                result.complete(Optional.ofNullable(already));
                return result;
            }
            scheduler.schedule(() -> {
                Echo late;
                lock.lock();
                try {
                    open.remove(this);
                    late = echo; // one that matched just now and is completing the future too: the same echo
                } finally {
                    lock.unlock();
                }
                result.complete(Optional.ofNullable(late));
            }, window.toNanos());
            return result;
        }
    }
}
