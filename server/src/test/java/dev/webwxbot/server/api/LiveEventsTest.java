package dev.webwxbot.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.server.account.AccountState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The live stream's fan-out: every subscriber gets each event in order; one that falls behind is ended, not waited for. */
class LiveEventsTest {

    private final LiveEvents live = new LiveEvents(Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC));

    @Test
    void everySubscriberGetsTheEventsInOrderWithRisingIds() throws Exception {
        try (LiveEvents.Subscription one = live.subscribe(); LiveEvents.Subscription two = live.subscribe()) {
            live.state("alice", AccountState.LOGGING_IN, Optional.empty());
            live.state("alice", AccountState.ONLINE, Optional.empty());
            for (LiveEvents.Subscription subscription : new LiveEvents.Subscription[] {one, two}) {
                String first = subscription.next(Duration.ofSeconds(1)).orElseThrow();
                String second = subscription.next(Duration.ofSeconds(1)).orElseThrow();
                assertEquals("1", first.substring(0, first.indexOf('\n')));
                assertEquals("2", second.substring(0, second.indexOf('\n')));
                JsonNode envelope = Replies.JSON.readTree(second.substring(second.indexOf('\n') + 1));
                assertEquals("account.state", envelope.get("type").asText());
                assertEquals("alice", envelope.get("account").asText());
                assertEquals("ONLINE", envelope.at("/event/state").asText());
                assertEquals("2026-12-07T10:00:00Z", envelope.get("time").asText());
            }
        }
    }

    @Test
    void aSubscriberThatFallsBehindIsEndedAndTheOthersGoOn() throws Exception {
        try (LiveEvents.Subscription slow = live.subscribe(); LiveEvents.Subscription quick = live.subscribe()) {
            for (int i = 0; i < 3000; i++) {
                live.state("alice", AccountState.ONLINE, Optional.empty());
                assertTrue(quick.next(Duration.ofSeconds(1)).isPresent());
            }
            assertTrue(slow.ended());
            assertEquals(Optional.empty(), slow.next(Duration.ofMillis(10)));
            assertFalse(quick.ended());
        }
    }

    @Test
    void closingEndsEveryStreamAndEveryLaterOne() throws Exception {
        LiveEvents.Subscription open = live.subscribe();
        live.close();
        assertTrue(open.ended());
        assertEquals(Optional.empty(), open.next(Duration.ofSeconds(1)));
        assertTrue(live.subscribe().ended());
    }
}
