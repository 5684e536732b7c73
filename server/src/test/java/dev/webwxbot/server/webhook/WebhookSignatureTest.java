package dev.webwxbot.server.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class WebhookSignatureTest {

    static final String SECRET = "It's a Secret to Everybody";
    static final long TS = 1765058400L;
    static final byte[] BODY = "{\"id\":\"d-1\"}".getBytes(StandardCharsets.UTF_8);
    static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    @Test
    void signatureMatchesAnIndependentHmacOfTimestampDotBody() {
        // python3: hmac.new(SECRET, b"1765058400." + BODY, hashlib.sha256).hexdigest() -- as docs/webhooks.md shows
        assertEquals("sha256=ec857187eb8e6ca426887874eec90116960c25397c99208ebb961b7d83580f31",
                WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), TS, BODY));
    }

    @Test
    void genuineRequestVerifies() {
        String signature = WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), TS, BODY);
        assertTrue(WebhookSignature.verify(SECRET, Long.toString(TS), signature, BODY,
                Instant.ofEpochSecond(TS + 299), FIVE_MINUTES));
    }

    @Test
    void tamperedBodyWrongSecretOrMangledSignatureDoNotVerify() {
        String signature = WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), TS, BODY);
        Instant now = Instant.ofEpochSecond(TS);
        byte[] tampered = "{\"id\":\"d-2\"}".getBytes(StandardCharsets.UTF_8);
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(TS), signature, tampered, now, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("other", Long.toString(TS), signature, BODY, now, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(TS), signature.substring(7), BODY, now,
                FIVE_MINUTES));
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(TS), signature.toUpperCase(), BODY, now,
                FIVE_MINUTES));
        // The timestamp is signed too: moving it forward to pass the window breaks the signature.
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(TS + 1), signature, BODY, now, FIVE_MINUTES));
    }

    @Test
    void oldOrFarFutureTimestampDoesNotVerify() {
        String signature = WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), TS, BODY);
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(TS), signature, BODY,
                Instant.ofEpochSecond(TS + 301), FIVE_MINUTES));
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(TS), signature, BODY,
                Instant.ofEpochSecond(TS - 301), FIVE_MINUTES));
    }

    @Test
    void missingOrMalformedHeadersAreFalseNotErrors() {
        Instant now = Instant.ofEpochSecond(TS);
        String signature = WebhookSignature.sign(SECRET.getBytes(StandardCharsets.UTF_8), TS, BODY);
        assertFalse(WebhookSignature.verify(SECRET, null, signature, BODY, now, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify(SECRET, Long.toString(TS), null, BODY, now, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify(SECRET, "-1", signature, BODY, now, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify(SECRET, "17650584x0", signature, BODY, now, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify(SECRET, "99999999999999999999999", signature, BODY, now, FIVE_MINUTES));
        assertFalse(WebhookSignature.verify("", Long.toString(TS), signature, BODY, now, FIVE_MINUTES));
    }

    @Test
    void emptySecretCannotSign() {
        assertThrows(IllegalArgumentException.class, () -> WebhookSignature.sign(new byte[0], TS, BODY));
    }
}
