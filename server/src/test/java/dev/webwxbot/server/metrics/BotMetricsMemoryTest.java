package dev.webwxbot.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.FailureReason;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.SessionMonitor;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A thousand accounts' meters fit in a few megabytes. Measured at about 10 KB an account (15 meters: 6 state
 * gauges, 3 counters, and the kinds and outcomes below) on JDK 25; the bound leaves room for another JVM's layout
 * and catches a meter set that grows several times over.
 */
class BotMetricsMemoryTest {

    private static final int ACCOUNTS = 1_000;
    private static final long MAX_BYTES_PER_ACCOUNT = 24 * 1024;

    @Test
    void aThousandAccountsMetersTakeAFewMegabytes() throws InterruptedException {
        fill(new BotMetrics(), 50); // classes loaded and caches warm before the measurement
        long before = usedHeap();
        BotMetrics metrics = new BotMetrics();
        fill(metrics, ACCOUNTS);
        long perAccount = (usedHeap() - before) / ACCOUNTS;

        assertEquals(16 * ACCOUNTS, metrics.registry().getMeters().size()); // 7 of them the state gauges
        assertTrue(perAccount < MAX_BYTES_PER_ACCOUNT, perAccount + " bytes an account");
    }

    private static void fill(BotMetrics metrics, int accounts) {
        Contact alice = new Contact("@alice", "Alice", "", "", ContactKind.FRIEND, "");
        TextMessage hi = new TextMessage(new Envelope("1", alice, alice, Instant.EPOCH, false, false), "hi");
        for (int i = 0; i < accounts; i++) {
            String id = "account-" + i;
            SessionMonitor monitor = metrics.forAccount(id);
            metrics.accountState(id, () -> "ONLINE");
            monitor.sent("text", Duration.ofMillis(5), Optional.empty());
            monitor.sent("text", Duration.ofMillis(5), Optional.of(FailureReason.THROTTLED));
            monitor.sent("image", Duration.ofMillis(50), Optional.empty());
            monitor.throttled();
            monitor.syncFailed(new IllegalStateException("retcode 1"));
            monitor.syncRecovered();
            metrics.received(id, hi);
        }
    }

    private static long usedHeap() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
