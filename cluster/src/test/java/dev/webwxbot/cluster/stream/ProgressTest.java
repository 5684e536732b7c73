package dev.webwxbot.cluster.stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The mark moves only over entries finished with every one before them, however they finish. */
class ProgressTest {

    @Test
    void theMarkWaitsForAnEarlierEntryStillRunningThenPassesEveryFinishedOne() {
        Progress progress = new Progress();
        progress.begin("100-0");
        progress.begin("100-1");
        progress.begin("101-0");

        assertEquals(Optional.empty(), progress.finish("100-1"), "100-0 still runs (a conversation waiting)");
        assertEquals(Optional.empty(), progress.finish("101-0"));
        assertEquals(1, progress.running(), "one left running");
        assertEquals(Optional.of("101-0"), progress.finish("100-0"), "then past all three at once");
        assertEquals(0, progress.running());
    }

    @Test
    void idsOrderAsRedisOrdersThemNotAsStrings() {
        Progress progress = new Progress();
        progress.begin("9-5");
        progress.begin("10-0");
        assertEquals(Optional.empty(), progress.finish("10-0"), "10-0 comes after 9-5, though \"10\" < \"9\"");
        assertEquals(Optional.of("10-0"), progress.finish("9-5"));
    }

    @Test
    void finishingAnEntryNeverBegunMovesNothing() {
        Progress progress = new Progress();
        progress.begin("5-0");
        assertEquals(Optional.empty(), progress.finish("4-0"));
        assertEquals(Optional.of("5-0"), progress.finish("5-0"));
    }
}
