package dev.webwxbot.api.event;

import java.util.Objects;

/**
 * A money transfer notice; the money itself can only be handled on the phone.
 *
 * @param description what the server says about it (amount, memo), as text
 */
public record TransferMessage(Envelope envelope, String description) implements MessageEvent {
    public TransferMessage {
        Objects.requireNonNull(envelope, "envelope");
        Objects.requireNonNull(description, "description");
    }
}
