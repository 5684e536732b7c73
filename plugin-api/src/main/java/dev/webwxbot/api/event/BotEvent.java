package dev.webwxbot.api.event;

/** Anything that happens to a bot: a message, a change of the address book or a group, or of the session itself. Immutable. */
public sealed interface BotEvent permits MessageEvent, ContactEvent, SessionEvent {
}
