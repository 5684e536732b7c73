package dev.webwxbot.launcher.bench;

/**
 * The figures of one client under one load.
 *
 * @param load              what was offered
 * @param timings           throughput and inject→answer latency from the emulator's timestamps
 * @param lost              injected but not answered once the phase settled
 * @param clientCpuMillis   utime + stime of the client process over the phase (injection start to settled)
 * @param emulatorCpuMillis the same of the benchmark's own process: the emulator, the injector and this bookkeeping
 * @param peakRssKb         VmHWM of the client process at the end of the phase (the peak so far of its life)
 */
record PhaseResult(Load load, ReplyLedger.Timings timings, int lost, long clientCpuMillis, long emulatorCpuMillis,
                   long peakRssKb) {

    /** Client CPU milliseconds per answered message; NaN when none was answered. */
    double clientCpuPerMessage() {
        return perMessage(clientCpuMillis);
    }

    /** The emulator side's CPU milliseconds per answered message. */
    double emulatorCpuPerMessage() {
        return perMessage(emulatorCpuMillis);
    }

    /** The client's share of the CPU both processes used in the phase, 0 … 1. */
    double clientCpuShare() {
        long both = clientCpuMillis + emulatorCpuMillis;
        return both == 0 ? Double.NaN : (double) clientCpuMillis / both;
    }

    private double perMessage(long millis) {
        return timings.answered() == 0 ? Double.NaN : (double) millis / timings.answered();
    }
}
