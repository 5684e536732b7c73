package dev.webwxbot.api.event;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A message this version does not understand, or could not make into its kind, kept with what the server sent so a
 * plugin can still look at it. A message is never dropped for being odd: it arrives as this instead.
 *
 * @param msgType the protocol's {@code MsgType}, -1 when the server sent none that is a number
 * @param appMsgType the protocol's {@code AppMsgType}, 0 when not an app message
 * @param rawContent the message content as the server sent it (HTML-escaped; group sender prefix removed)
 * @param rawFields every top-level field of the server's message entry, in the order sent: text as sent, a whole
 *     number exactly as written (never through a double), objects and arrays as compact JSON text; empty when
 *     built with the four-argument constructor. Unmodifiable.
 */
public record UnknownMessage(Envelope envelope, int msgType, int appMsgType, String rawContent,
                             Map<String, String> rawFields) implements MessageEvent {
    public UnknownMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(rawContent, "rawContent");
        // Map.copyOf would lose the server's order, which helps a person reading a dump.
        rawFields = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(rawFields, "rawFields")));
        rawFields.forEach((name, value) -> {
            Objects.requireNonNull(name, "rawFields name");
            Objects.requireNonNull(value, "rawFields value");
        });
    }

    /** As before raw fields were kept: an unknown message without them. */
    public UnknownMessage(Envelope envelope, int msgType, int appMsgType, String rawContent) {
        this(envelope, msgType, appMsgType, rawContent, Map.of());
    }
}
