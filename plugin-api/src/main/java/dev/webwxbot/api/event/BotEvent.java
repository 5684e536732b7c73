package dev.webwxbot.api.event;

/**
 * Anything that happens to a bot: a message, a change of the address book or a group, of the session itself, or a
 * safety behaviour of the core acting. Immutable.
 */
public sealed interface BotEvent permits MessageEvent, ContactEvent, SessionEvent, SafetyEvent {
}
