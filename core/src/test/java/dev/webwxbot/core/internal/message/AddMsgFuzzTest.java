package dev.webwxbot.core.internal.message;

import ch.qos.logback.classic.Level;
import dev.webwxbot.testsupport.CapturedLogs;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.MalformedResponseException;
import java.util.Optional;

/**
 * Any {@code AddMsgList} entry, as JSON bytes, is parsed without an exception into an event, or into nothing only
 * for the protocol's bookkeeping (status notifications, my own friend request). Seeded with every
 * {@code testdata/corpus/addmsg} sample ({@code testdata/corpus/fuzz_seeds.py}).
 */
class AddMsgFuzzTest {

    private final MessageParser parser = new MessageParser(LoggedInFixture.contactBook());

    @FuzzTest
    void anyAddMsgBecomesAnEventOrIsBookkeeping(byte[] input) {
        // Garbage is answered with a WARN by design (logged once, the session goes on): allowed, never an ERROR.
        try (CapturedLogs warnings = CapturedLogs.attach().allow(Level.WARN, "(?s).*")) {
            anyAddMsgBecomesAnEventOrIsBookkeepingChecked(input);
        }
    }

    private void anyAddMsgBecomesAnEventOrIsBookkeepingChecked(byte[] input) {
        JsonNode message;
        try {
            message = Json.parse(input);
        } catch (MalformedResponseException e) {
            return; // the body reader's documented failure; the sync body fuzzer covers it
        }
        Optional<MessageEvent> event = parser.parse(message);
        assertTrue(event.isPresent() || FuzzProperties.isBookkeeping(message),
                () -> "a message was dropped: " + message);
    }
}
