package dev.webwxbot.api.event;

/** Anything that happens to a bot: a message, or a change of the session itself. Immutable. */
public sealed interface BotEvent permits MessageEvent, SessionEvent {
}
