package dev.webwxbot.api.event;

import java.time.Instant;

/**
 * One of the core's safety behaviours acted: it stopped answering in a chat (a human took over, a reply loop, too
 * many sends), held back the account's sends or a login, or found the session silent and set out to recover it.
 * These act below every plugin: a plugin sees the event but cannot override what it reports.
 *
 * <pre>{@code
 * if (event instanceof ChatPaused paused && paused.cause() == ChatPaused.Cause.REPLY_LOOP) {
 *     log.info("muted in {}: {}", paused.chat().displayName(), paused.explanation());
 * }
 * }</pre>
 */
public sealed interface SafetyEvent extends BotEvent
        permits ChatPaused, ChatResumed, SendCeilingReached, LoginHeld, SessionStalled, SessionRecovery {

    /** What happened and why, in plain words: the same line the log and the owner's alert carry. */
    String explanation();

    /** When it happened. */
    Instant time();
}
