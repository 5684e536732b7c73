package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;

/**
 * The session is online: contacts are loaded and messages will follow.
 *
 * @param self the logged-in account
 * @param contactCount how many contacts the address book holds
 * @param time when the session came online
 */
public record LoggedIn(Contact self, int contactCount, Instant time) implements SessionEvent {
    public LoggedIn {
        Objects.requireNonNull(self, "self");
        Objects.requireNonNull(time, "time");
    }
}
