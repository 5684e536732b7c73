package dev.webwxbot.emulator;

/**
 * A send the emulator refused with {@code Ret 1205} because a {@link SendRateLimit} was reached; it was not
 * delivered. Immutable and thread-safe.
 *
 * @param time       when it arrived
 * @param endpoint   the send endpoint, e.g. {@code webwxsendmsg}
 * @param toUserName {@code Msg.ToUserName}
 * @param content    {@code Msg.Content} as sent
 * @param limit      the limit it would have exceeded
 */
public record ThrottledSend(java.time.Instant time, String endpoint, String toUserName, String content,
                            SendRateLimit limit) {
}
