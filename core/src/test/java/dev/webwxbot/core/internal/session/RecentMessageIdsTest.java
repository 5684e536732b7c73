package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class RecentMessageIdsTest {

    @Test
    void anIdSeenAgainIsADuplicateAndTheOldestIsForgottenBeyondTheCapacity() {
        RecentMessageIds recent = new RecentMessageIds(3);
        assertTrue(recent.firstSighting("1"));
        assertFalse(recent.firstSighting("1"));
        assertTrue(recent.firstSighting("2"));
        assertTrue(recent.firstSighting("3"));
        assertTrue(recent.firstSighting("4"));
        assertEquals(List.of("2", "3", "4"), recent.snapshot());
        assertTrue(recent.firstSighting("1"), "1 was forgotten when 4 arrived");
    }

    @Test
    void anEmptyIdIsNeverADuplicate() {
        RecentMessageIds recent = new RecentMessageIds(10);
        assertTrue(recent.firstSighting(""));
        assertTrue(recent.firstSighting(""));
    }

    /**
     * Every session keeps one of these; with thousands of quiet sessions its size before it fills up is what
     * counts. Measured on a full-GC class histogram: the hash tables of 200 sets that saw one id each.
     */
    @Test
    void aSetThatSawFewIdsCostsLittleHeapWhateverItsCapacity() throws Exception {
        long before = hashTableBytes();
        List<RecentMessageIds> sets = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            RecentMessageIds recent = new RecentMessageIds(10_000);
            recent.firstSighting("message " + i);
            sets.add(recent);
        }
        long perSet = (hashTableBytes() - before) / sets.size();
        Reference.reachabilityFence(sets);
        assertTrue(perSet < 4 * 1024, "each set's hash table takes " + perSet + " bytes after one id");
    }

    /** Bytes of all {@code HashMap$Node[]} tables alive after a full GC. */
    private static long hashTableBytes() throws Exception {
        String histogram = (String) ManagementFactory.getPlatformMBeanServer().invoke(
                new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
                new Object[] {new String[0]}, new String[] {String[].class.getName()});
        for (String line : histogram.split("\n")) {
            String[] cols = line.trim().split("\\s+");
            if (cols.length >= 4 && cols[3].equals("[Ljava.util.HashMap$Node;")) return Long.parseLong(cols[2]);
        }
        return 0;
    }
}
