package dev.webwxbot.api.event;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Someone joined a group the account is in.
 *
 * @param group the group
 * @param member who joined, with the names the session knows for them
 * @param inviter who invited them or shared the QR code they scanned (the account itself is a {@code SELF}
 *     contact), when the server said so
 * @param method how they came in, when the server said so
 * @param time when it happened
 */
public record MemberJoined(Contact group, Contact member, Optional<Contact> inviter, Method method, Instant time)
        implements GroupEvent {
    public MemberJoined {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(member, "member");
        Objects.requireNonNull(inviter, "inviter");
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(time, "time");
    }

    /** How a member came into a group. */
    public enum Method {
        /** Invited by a member. */
        INVITED,
        /** Scanned the group's QR code a member shared. */
        QR_CODE,
        /** The server did not say. */
        UNKNOWN
    }
}
