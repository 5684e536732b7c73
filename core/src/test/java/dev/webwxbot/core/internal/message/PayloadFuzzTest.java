package dev.webwxbot.core.internal.message;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.CapturedLogs;
import static dev.webwxbot.core.internal.message.LoggedInFixture.FRIEND;
import static dev.webwxbot.core.internal.message.LoggedInFixture.SELF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Optional;

/**
 * Every kind's content (the XML of app messages, cards, locations, emoticons, voip/sysmsg, revokes, friend
 * requests, …) with any {@code CreateTime}: never an exception, always an event for a kind that is not bookkeeping,
 * and a plain text is always a {@link TextMessage} with its decoded text and a usable time.
 *
 * <p>Input: byte 0 picks the {@code MsgType} from {@link #KINDS}, byte 1 the {@code AppMsgType} from
 * {@link #APP_TYPES}, bit 0 of byte 2 sets {@code SubMsgType 48} (a location sent as text), bytes 3–10 are
 * {@code CreateTime} (big-endian), the rest is {@code Content} (and {@code OriContent}) as UTF-8. Seeds are the
 * corpus messages in that layout ({@code testdata/corpus/fuzz_seeds.py}).
 */
class PayloadFuzzTest {

    static final int[] KINDS = {1, 3, 34, 37, 42, 43, 47, 48, 49, 51, 62, 10000, 10002, 9999};
    static final int[] APP_TYPES = {0, 1, 2, 3, 5, 6, 8, 17, 33, 36, 57, 2000, 2001, 4};
    private static final int HEADER = 11;
    private static final Instant RECEIVED = Instant.parse("2026-01-02T03:04:05Z");

    private final MessageParser parser =
            new MessageParser(LoggedInFixture.contactBook(), Clock.fixed(RECEIVED, ZoneOffset.UTC));

    @FuzzTest
    void everyKindsPayloadBecomesItsEventWithAnyCreateTime(byte[] input) {
        // Garbage is answered with a WARN by design (logged once, the session goes on): allowed, never an ERROR.
        try (CapturedLogs warnings = CapturedLogs.attach().allow(Level.WARN, "(?s).*")) {
            everyKindsPayloadBecomesItsEventWithAnyCreateTimeChecked(input);
        }
    }

    private void everyKindsPayloadBecomesItsEventWithAnyCreateTimeChecked(byte[] input) {
        if (input.length < HEADER) return;
        ByteBuffer header = ByteBuffer.wrap(input, 0, HEADER);
        int msgType = KINDS[Byte.toUnsignedInt(header.get()) % KINDS.length];
        int appMsgType = APP_TYPES[Byte.toUnsignedInt(header.get()) % APP_TYPES.length];
        boolean locationAsText = (header.get() & 1) != 0;
        long createTime = header.getLong();
        String content = new String(Arrays.copyOfRange(input, HEADER, input.length), StandardCharsets.UTF_8);

        ObjectNode message = LoggedInFixture.message(FRIEND, SELF, msgType, content);
        message.put("AppMsgType", appMsgType);
        message.put("CreateTime", createTime);
        message.put("OriContent", content);
        if (locationAsText) message.put("SubMsgType", 48);
        Optional<MessageEvent> event = parser.parse(message);

        assertTrue(event.isPresent() || FuzzProperties.isBookkeeping(message), () -> "dropped: " + message);
        if (event.isEmpty()) return;
        Instant time = event.get().envelope().time();
        assertTrue(time.equals(RECEIVED) || time.getEpochSecond() == createTime, () -> "time " + time + " for " + createTime);
        boolean plainText = msgType == 1 && !locationAsText && appMsgType != AppMessageParser.RED_PACKET
                && !content.contains("pictype=location");
        if (plainText) {
            TextMessage text = assertInstanceOf(TextMessage.class, event.get(), () -> "not a text: " + message);
            assertEquals(ContentText.decode(content), text.text());
        }
    }
}
