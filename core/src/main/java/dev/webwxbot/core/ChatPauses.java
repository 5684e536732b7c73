package dev.webwxbot.core;

import dev.webwxbot.api.Contact;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The chats of one session the bot does not answer in now: a human took over, a reply loop, a send ceiling, or the
 * owner or operator paused them. While a chat is paused, no main or fallback handler sees its messages (monitors
 * and guards still do) and the plugins' sends to it are refused; the operator's own sends
 * ({@link Session#operatorBot()}) still go out. Pauses belong to one login: the chats' user names change with the
 * next one. Thread-safe; pauses that have run out are ended (and {@code ChatResumed} raised) when next looked at.
 */
public interface ChatPauses {

    /** No chat is ever paused: for a session without the safety behaviours, or before a session exists. */
    ChatPauses NONE = new ChatPauses() {
        @Override
        public List<PausedChat> paused() {
            return List.of();
        }

        @Override
        public Optional<PausedChat> paused(String chatUserName) {
            return Optional.empty();
        }

        @Override
        public PausedChat pause(Contact chat, Optional<Duration> length) {
            throw new IllegalStateException("this session has no chat pauses");
        }

        @Override
        public boolean resume(Contact chat) {
            return false;
        }
    };

    /** The chats paused now, the longest paused first. */
    List<PausedChat> paused();

    /** The pause of the chat with this user name, if it is paused now. */
    Optional<PausedChat> paused(String chatUserName);

    /**
     * The operator pauses {@code chat}, for {@code length} or (empty) until resumed; a chat already paused keeps the
     * later of the two ends. Raises {@code ChatPaused(OPERATOR)}.
     */
    PausedChat pause(Contact chat, Optional<Duration> length);

    /** The operator resumes {@code chat}; false when it was not paused. Raises {@code ChatResumed(OPERATOR)}. */
    boolean resume(Contact chat);
}
