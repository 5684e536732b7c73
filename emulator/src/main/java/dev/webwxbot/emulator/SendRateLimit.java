package dev.webwxbot.emulator;

import java.time.Duration;
import java.util.Objects;

/**
 * A sliding-window frequency limit on the send endpoints: at most {@code maxSends} accepted sends within any
 * {@code window}, counted per account or per (account, chat). A send over the limit is answered with
 * {@code BaseResponse.Ret 1205} and not delivered (PROTOCOL.md 5.8, 11.3). Immutable and thread-safe.
 *
 * <pre>{@code
 * Emulator.builder()
 *         .sendRateLimit(SendRateLimit.perAccount(30, Duration.ofMinutes(1)))
 *         .sendRateLimit(SendRateLimit.perChat(5, Duration.ofSeconds(10)))
 *         .start();
 * }</pre>
 *
 * @param scope     what the sends are counted per
 * @param maxSends  how many sends the window admits (at least 1)
 * @param window    the length of the sliding window (positive)
 */
public record SendRateLimit(Scope scope, int maxSends, Duration window) {

    /** What sends are counted per. */
    public enum Scope {
        /** All sends of one account, whatever the chat. */
        ACCOUNT,
        /** Sends of one account to one chat ({@code Msg.ToUserName}). */
        CHAT
    }

    public SendRateLimit {
        Objects.requireNonNull(scope, "scope");
        Objects.requireNonNull(window, "window");
        if (maxSends < 1) {
            throw new IllegalArgumentException("maxSends must be at least 1, was " + maxSends);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("window must be positive, was " + window);
        }
    }

    /** At most {@code maxSends} sends of one account within any {@code window}. */
    public static SendRateLimit perAccount(int maxSends, Duration window) {
        return new SendRateLimit(Scope.ACCOUNT, maxSends, window);
    }

    /** At most {@code maxSends} sends of one account to one chat within any {@code window}. */
    public static SendRateLimit perChat(int maxSends, Duration window) {
        return new SendRateLimit(Scope.CHAT, maxSends, window);
    }
}
