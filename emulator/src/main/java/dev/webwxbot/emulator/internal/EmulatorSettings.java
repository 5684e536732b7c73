package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.SendRateLimit;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Every knob of the emulator, fixed at start. Defaults follow PROTOCOL.md 11.6; the "Unsettled" points of the
 * protocol are the knobs documented on {@code Emulator.Builder}.
 */
public record EmulatorSettings(
        String bindAddress,
        int port,
        Duration loginPollHold,
        Duration syncCheckHold,
        Duration uuidTtl,
        int cancelCode,
        boolean legacy301WithoutVersion,
        int contactPageSize,
        int batchGetContactCap,
        boolean batchGetContactOverCapFails,
        boolean echoWebSentMessages,
        boolean strictSkey,
        boolean strictPassTicket,
        boolean strictCookies,
        boolean foreignSyncCheckHostAnswers1100,
        boolean enforceApiHostFamily,
        boolean secureCookies,
        boolean emojiAsSpans,
        Duration sessionIdleExpiry,
        int maxRequestBodyBytes,
        int maxRecordedRequests,
        boolean videoWithoutRangeIsEmpty,
        Duration revokeWindow,
        List<SendRateLimit> sendRateLimits, long uploadLimitBytes,
        boolean loopbackClients,
        boolean hostOnlyCookies,
        boolean secureCookiesOverHttp,
        boolean newLoginPage301ForDesktop,
        Clock clock) {

    public EmulatorSettings {
        java.util.Objects.requireNonNull(clock, "clock");
        requirePositive(loginPollHold, "loginPollHold");
        requirePositive(syncCheckHold, "syncCheckHold");
        requirePositive(uuidTtl, "uuidTtl");
        requirePositive(sessionIdleExpiry, "sessionIdleExpiry");
        requirePositive(revokeWindow, "revokeWindow");
        sendRateLimits = List.copyOf(sendRateLimits);
        if (cancelCode != 408 && cancelCode != 202) {
            throw new IllegalArgumentException("cancelCode must be 408 or 202, was " + cancelCode);
        }
        if (uploadLimitBytes < 1) {
            throw new IllegalArgumentException("uploadLimitBytes must be positive, was " + uploadLimitBytes);
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        if (contactPageSize < 1 || batchGetContactCap < 1 || maxRequestBodyBytes < 1024 || maxRecordedRequests < 0) {
            throw new IllegalArgumentException("page size, batch cap, body limit or record limit out of range");
        }
    }

    /** Whether a Set-Cookie line to this client carries {@code Secure} (PROTOCOL.md 2.5: the real lines all do). */
    boolean secureCookiesFor(ClientOrigin origin) {
        return secureCookies && (origin.tls() || secureCookiesOverHttp);
    }

    /** Whether a Set-Cookie line to this client carries the real {@code Domain} (1.5) or none (host-only). */
    boolean cookieDomainsFor(ClientOrigin origin) {
        return !(origin.direct() && hostOnlyCookies);
    }

    private static void requirePositive(Duration duration, String name) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
