package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A shared contact card (a person or an official account).
 *
 * @param userName the card subject's session-scoped id, empty when the server gave none
 * @param nickName the subject's nickname
 * @param alias the subject's WeChat id, often empty
 * @param province the subject's province, often empty
 * @param city the subject's city, often empty
 * @param official whether the subject is an official account
 */
public record CardMessage(
        Envelope envelope, String userName, String nickName, String alias, String province, String city,
        boolean official) implements MessageEvent {
    public CardMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(userName, "userName");
        Objects.requireNonNull(nickName, "nickName");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(province, "province");
        Objects.requireNonNull(city, "city");
    }
}
