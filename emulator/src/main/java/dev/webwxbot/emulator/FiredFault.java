package dev.webwxbot.emulator;

import java.time.Instant;
import java.util.Objects;

/**
 * A fault that actually happened to a request.
 *
 * @param sequence 1 for the first fault fired by this emulator, then 2, 3 …
 * @param time when it fired
 * @param endpoint the endpoint it hit, e.g. {@code synccheck}
 * @param kind what was done
 * @param rule the id of the rule that fired (as returned by {@link Faults.RuleBuilder})
 * @param detail a short human note (status, code, MsgIds duplicated …); never a secret
 */
public record FiredFault(long sequence, Instant time, String endpoint, FaultKind kind, long rule, String detail) {
    public FiredFault {
        Objects.requireNonNull(time, "time");
        Objects.requireNonNull(endpoint, "endpoint");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(detail, "detail");
    }
}
