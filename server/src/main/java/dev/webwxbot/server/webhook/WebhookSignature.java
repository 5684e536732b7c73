package dev.webwxbot.server.webhook;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Webwx-Signature} of a webhook request: {@code sha256=} and the lowercase hex HMAC-SHA256, keyed with
 * the target's secret, of the {@code X-Webwx-Timestamp} value, a dot and the raw body. Signing the timestamp with the
 * body lets a receiver refuse replays of an old request. For receivers written in Java and for our tests.
 * Stateless; thread-safe.
 */
public final class WebhookSignature {

    /** The prefix of the header's value, naming the algorithm. */
    public static final String PREFIX = "sha256=";

    private WebhookSignature() {
    }

    /** The header value ({@code sha256=<hex>}) for {@code body} sent at {@code timestamp} (Unix seconds). */
    public static String sign(byte[] secret, long timestamp, byte[] body) {
        if (secret.length == 0) throw new IllegalArgumentException("an empty secret signs nothing");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            mac.update(Long.toString(timestamp).getBytes(StandardCharsets.US_ASCII));
            mac.update((byte) '.');
            return PREFIX + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    /**
     * Whether a received request is genuine: the signature matches (compared in constant time) and the timestamp is
     * within {@code window} of {@code now}, either side. Any missing or malformed header is simply {@code false}.
     *
     * @param secret the target's secret (UTF-8)
     * @param timestampHeader the {@code X-Webwx-Timestamp} value
     * @param signatureHeader the {@code X-Webwx-Signature} value
     * @param body the raw request body, exactly as received
     * @param window how old (or how far ahead) a timestamp may be; the convention is 5 minutes
     */
    public static boolean verify(String secret, String timestampHeader, String signatureHeader, byte[] body,
                                 Instant now, Duration window) {
        if (secret == null || secret.isEmpty() || timestampHeader == null || signatureHeader == null || body == null) {
            return false;
        }
        if (timestampHeader.isEmpty() || timestampHeader.length() > 18 || !timestampHeader.chars()
                .allMatch(c -> c >= '0' && c <= '9')) {
            return false;
        }
        long timestamp = Long.parseLong(timestampHeader);
        long age = now.getEpochSecond() - timestamp;
        if (Math.abs(age) > window.toSeconds()) return false;
        byte[] expected = sign(secret.getBytes(StandardCharsets.UTF_8), timestamp, body)
                .getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signatureHeader.trim().getBytes(StandardCharsets.US_ASCII));
    }
}
