package dev.webwxbot.cluster.stream;

import dev.webwxbot.api.Contact;
import dev.webwxbot.core.ChatPauses;
import dev.webwxbot.core.PausedChat;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An account's paused chats as a worker knows them: each published message carries its chat's pause (the session on
 * the gateway decides pauses), and the newest word on a chat holds, as the session's own answer would at the moment
 * the chain asks. Pausing and resuming are the gateway's: asked here, they are refused.
 */
final class WorkerPauses implements ChatPauses {

    private final Map<String, PausedChat> paused = new ConcurrentHashMap<>();
    private final Clock clock;

    WorkerPauses(Clock clock) {
        this.clock = clock;
    }

    /** What the newest message of {@code chat} said of its pause. */
    void heard(String chat, Optional<PausedChat> pause) {
        if (pause.isPresent()) paused.put(chat, pause.get()); else paused.remove(chat);
    }

    @Override
    public List<PausedChat> paused() {
        return paused.values().stream().filter(this::current).toList();
    }

    @Override
    public Optional<PausedChat> paused(String chatUserName) {
        return Optional.ofNullable(paused.get(chatUserName)).filter(this::current);
    }

    private boolean current(PausedChat pause) {
        return pause.until().map(until -> until.isAfter(clock.instant())).orElse(true);
    }

    @Override
    public PausedChat pause(Contact chat, Optional<Duration> length) {
        throw new IllegalStateException("chats are paused on the gateway that holds the account, not on a worker");
    }

    @Override
    public boolean resume(Contact chat) {
        throw new IllegalStateException("chats are resumed on the gateway that holds the account, not on a worker");
    }
}
