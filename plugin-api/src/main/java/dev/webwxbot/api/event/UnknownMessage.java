package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A message of a kind this version does not understand, kept with its raw content.
 *
 * @param msgType the protocol's {@code MsgType}
 * @param appMsgType the protocol's {@code AppMsgType}, 0 when not an app message
 * @param rawContent the message content as the server sent it (HTML-escaped)
 */
public record UnknownMessage(Envelope envelope, int msgType, int appMsgType, String rawContent)
        implements MessageEvent {
    public UnknownMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(rawContent, "rawContent");
    }
}
