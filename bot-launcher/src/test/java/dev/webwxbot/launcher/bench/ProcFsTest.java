package dev.webwxbot.launcher.bench;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ProcFsTest {

    @Test
    void cpuTimeGrowsWithWorkAndPeakRssIsThere() {
        assumeTrue(ProcFs.available(), "/proc is Linux's");
        long pid = ProcessHandle.current().pid();
        long before = ProcFs.cpuMillis(pid);
        long sink = 0;
        // Spins until /proc shows 50 ms more; bounded, since a shared machine may give this thread little of a core.
        long giveUp = System.nanoTime() + 60_000_000_000L;
        while (ProcFs.cpuMillis(pid) - before < 50 && System.nanoTime() < giveUp) {
            for (int i = 0; i < 100_000; i++) sink += Long.numberOfTrailingZeros(sink + i);
        }

        assertTrue(ProcFs.cpuMillis(pid) - before >= 50, "spinning shows as CPU time (" + sink + ")");
        assertTrue(ProcFs.peakRssKb(pid) > 10_000, "a JVM's peak RSS is tens of MB at least");
    }

    @Test
    void aProcessThatIsGoneIsAClearError() {
        assumeTrue(ProcFs.available(), "/proc is Linux's");
        assertThrows(UncheckedIOException.class, () -> ProcFs.cpuMillis(Integer.MAX_VALUE));
    }
}
