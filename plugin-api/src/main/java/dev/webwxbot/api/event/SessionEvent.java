package dev.webwxbot.api.event;

/** A change of the session: it came online, or it ended. */
public sealed interface SessionEvent extends BotEvent permits LoggedIn, LoggedOut {
}
