package dev.webwxbot.plugins.autoreply;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The conversation memory is bounded: by turns per conversation and, least recently used first, by conversations. */
class ConversationMemoryTest {

    private static final Instant T = Instant.parse("2024-05-06T12:00:00Z");

    @Test
    void theLeastRecentlyUsedConversationIsForgottenBeyondTheLimit() {
        ConversationMemory memory = new ConversationMemory(3, Duration.ofHours(1), 2);
        memory.remember("a", new ConversationMemory.Turn("1", "one"), T);
        memory.remember("b", new ConversationMemory.Turn("2", "two"), T);
        memory.recall("a", T); // a is used again, so b is now the least recently used
        memory.remember("c", new ConversationMemory.Turn("3", "three"), T);

        assertEquals(List.of(new ConversationMemory.Turn("1", "one")), memory.recall("a", T));
        assertEquals(List.of(), memory.recall("b", T));
        assertEquals(List.of(new ConversationMemory.Turn("3", "three")), memory.recall("c", T));
    }

    @Test
    void withNoTurnsNothingIsKept() {
        ConversationMemory memory = new ConversationMemory(0, Duration.ofHours(1), 10);
        memory.remember("a", new ConversationMemory.Turn("1", "one"), T);
        assertEquals(List.of(), memory.recall("a", T));
    }

    @Test
    void sizesAreReadAsOperatorsWriteThem() {
        assertEquals(65536, ByteSize.parse("64KiB"));
        assertEquals(65536, ByteSize.parse("64 K"));
        assertEquals(64000, ByteSize.parse("64kB"));
        assertEquals(1 << 20, ByteSize.parse("1MiB"));
        assertEquals(1_000_000, ByteSize.parse("1MB"));
        assertEquals(1500, ByteSize.parse("1500"));
        assertThrows(IllegalArgumentException.class, () -> ByteSize.parse("1.5MiB"));
        assertEquals("64 KiB", ByteSize.readable(65536));
        assertEquals("1500 bytes", ByteSize.readable(1500));
    }
}
