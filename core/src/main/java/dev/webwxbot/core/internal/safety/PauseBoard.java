package dev.webwxbot.core.internal.safety;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.ChatResumed;
import dev.webwxbot.api.event.SafetyEvent;
import dev.webwxbot.core.ChatPauses;
import dev.webwxbot.core.PausedChat;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The paused chats of one session, by user name. Every pause and resume is logged once at INFO and raised as a
 * {@link ChatPaused} / {@link ChatResumed}; an owner's takeover extended by a further message is raised again (the
 * event's {@code time} and {@code until} move) but logged at DEBUG only. A pause past its end is ended when anything
 * next looks (a message, a send, a listing, the session's periodic sweep): no timer per chat. Thread-safe; events are
 * raised outside the lock.
 */
final class PauseBoard implements ChatPauses {

    private static final Logger log = LoggerFactory.getLogger(PauseBoard.class);

    private final Clock clock;
    private final Consumer<SafetyEvent> events;
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<String, PausedChat> paused = new HashMap<>();

    PauseBoard(Clock clock, Consumer<SafetyEvent> events) {
        this.clock = clock;
        this.events = events;
    }

    @Override
    public List<PausedChat> paused() {
        expireDue();
        lock.lock();
        try {
            return paused.values().stream().sorted(Comparator.comparing(PausedChat::since)).toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<PausedChat> paused(String chatUserName) {
        expireDue();
        lock.lock();
        try {
            return Optional.ofNullable(paused.get(chatUserName));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public PausedChat pause(Contact chat, Optional<Duration> length) {
        return pause(chat, ChatPaused.Cause.OPERATOR, length,
                "the operator paused the bot in " + describe(chat) + until(length));
    }

    @Override
    public boolean resume(Contact chat) {
        return resume(chat, ChatResumed.Cause.OPERATOR, "the operator resumed the bot in " + describe(chat));
    }

    /**
     * Pauses {@code chat} for {@code length} (empty: until resumed). A chat already paused keeps the later end and
     * takes the new cause; its explanation is replaced.
     */
    PausedChat pause(Contact chat, ChatPaused.Cause cause, Optional<Duration> length, String explanation) {
        Instant now = clock.instant();
        Optional<Instant> until = length.map(now::plus);
        PausedChat before;
        PausedChat after;
        lock.lock();
        try {
            before = paused.get(chat.userName());
            if (before != null && before.until().isPresent() && before.until().get().isAfter(now)) {
                Instant previousEnd = before.until().get();
                until = until.map(end -> end.isAfter(previousEnd) ? end : previousEnd);
            } else if (before != null && before.until().isEmpty()) {
                until = Optional.empty(); // paused until resumed stays so
            }
            after = new PausedChat(chat, cause, now, until, explanation);
            paused.put(chat.userName(), after);
        } finally {
            lock.unlock();
        }
        if (before == null) {
            log.info("{}", explanation);
        } else {
            log.debug("{} (the pause is extended)", explanation);
        }
        events.accept(new ChatPaused(chat, cause, after.until(), explanation, now));
        return after;
    }

    /** Ends {@code chat}'s pause; false when it was not paused. */
    boolean resume(Contact chat, ChatResumed.Cause cause, String explanation) {
        lock.lock();
        try {
            if (paused.remove(chat.userName()) == null) return false;
        } finally {
            lock.unlock();
        }
        log.info("{}", explanation);
        events.accept(new ChatResumed(chat, cause, explanation, clock.instant()));
        return true;
    }

    /** Ends the pauses whose time ran out, raising {@code ChatResumed(EXPIRED)} for each. */
    void expireDue() {
        Instant now = clock.instant();
        List<PausedChat> ended = new ArrayList<>();
        lock.lock();
        try {
            if (paused.isEmpty()) return;
            for (Iterator<PausedChat> it = paused.values().iterator(); it.hasNext(); ) {
                PausedChat pause = it.next();
                if (pause.until().isPresent() && !pause.until().get().isAfter(now)) {
                    ended.add(pause);
                    it.remove();
                }
            }
        } finally {
            lock.unlock();
        }
        for (PausedChat pause : ended) {
            String explanation = "the bot answers in " + describe(pause.chat()) + " again: its pause ("
                    + reason(pause.cause()) + ") ran out";
            log.info("{}", explanation);
            events.accept(new ChatResumed(pause.chat(), ChatResumed.Cause.EXPIRED, explanation, now));
        }
    }

    /** How a chat is named in log lines and explanations: its display name and user name. */
    static String describe(Contact chat) {
        String name = chat.displayName();
        return name.isEmpty() || name.equals(chat.userName()) ? "chat " + chat.userName()
                : "chat '" + name + "' (" + chat.userName() + ")";
    }

    private static String until(Optional<Duration> length) {
        return length.map(d -> " for " + Durations.words(d)).orElse(" until resumed");
    }

    private static String reason(ChatPaused.Cause cause) {
        return switch (cause) {
            case OWNER_WROTE -> "the owner took over";
            case OWNER_COMMAND -> "the owner's pause command";
            case OPERATOR -> "paused by the operator";
            case REPLY_LOOP -> "a reply loop";
            case SEND_CEILING -> "too many sends";
        };
    }
}
