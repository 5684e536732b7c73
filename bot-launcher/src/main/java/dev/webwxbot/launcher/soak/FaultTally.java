package dev.webwxbot.launcher.soak;

import dev.webwxbot.emulator.FaultKind;
import dev.webwxbot.emulator.Faults;
import dev.webwxbot.emulator.FiredFault;
import java.util.EnumMap;
import java.util.Map;

/**
 * Counts the faults fired, by kind. The emulator keeps only its newest 10 000 fired faults, so a long soak reads
 * the log often and counts each fault once by its sequence number. Thread-safe.
 */
final class FaultTally {

    private final Faults faults;
    private final Map<FaultKind, Long> counts = new EnumMap<>(FaultKind.class);
    private long lastSequence;

    FaultTally(Faults faults) {
        this.faults = faults;
    }

    synchronized void poll() {
        for (FiredFault fault : faults.fired()) {
            if (fault.sequence() > lastSequence) {
                counts.merge(fault.kind(), 1L, Long::sum);
                lastSequence = fault.sequence();
            }
        }
    }

    synchronized long total() {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    synchronized Map<FaultKind, Long> byKind() {
        return Map.copyOf(counts);
    }
}
