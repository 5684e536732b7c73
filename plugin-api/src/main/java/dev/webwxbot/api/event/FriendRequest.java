package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * Someone asks to become a friend.
 *
 * @param userName the requester's session-scoped id
 * @param nickName the requester's nickname
 * @param greeting the text they sent with the request
 * @param ticket the verification ticket needed to accept
 * @param scene how they found this account, as the protocol numbers it
 */
public record FriendRequest(
        Envelope envelope, String userName, String nickName, String greeting, String ticket, int scene)
        implements MessageEvent {
    public FriendRequest {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(nickName, "nickName");
        Objects.requireNonNull(greeting, "greeting");
        Objects.requireNonNull(ticket, "ticket");
    }
}
