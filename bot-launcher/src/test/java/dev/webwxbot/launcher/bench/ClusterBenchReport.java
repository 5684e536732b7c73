package dev.webwxbot.launcher.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** The cluster benchmark's figures and the Markdown table they make; what the benchmark measured, nothing more. */
final class ClusterBenchReport {

    private ClusterBenchReport() {
    }

    /**
     * One set-up's throughput.
     *
     * @param processes the bot JVMs of the set-up (daemons, gateways and workers)
     * @param handledBy the measured texts each process's ledger holds, by node: where the plugin chain ran
     */
    record Throughput(String setup, int processes, int messages, double seconds, Map<String, Long> handledBy) {
        double perSecond() {
            return messages / seconds;
        }
    }

    /** The failover figures of the 3-daemon cluster, in milliseconds per account moved. */
    record Failover(int kills, List<Long> toOnline, List<Long> toHandled) {
    }

    static String table(String heading, List<Throughput> throughputs, Optional<Failover> failover, String loadAfter) {
        StringBuilder md = new StringBuilder(heading);
        md.append(String.format(Locale.ROOT, ", load average after: %s%n%n", loadAfter));
        // The ratio is to the single daemon of the same run: runs on a shared machine differ more than set-ups do.
        Optional<Double> single = throughputs.stream().filter(t -> t.setup().startsWith("single"))
                .map(Throughput::perSecond).findFirst();
        md.append("| set-up | bot JVMs | texts | wall time | texts/s end to end | ratio to the single daemon"
                + " | texts handled by |\n|---|---|---|---|---|---|---|\n");
        for (Throughput t : throughputs) {
            String ratio = single.map(s -> String.format(Locale.ROOT, "%.2f", t.perSecond() / s)).orElse("—");
            String split = t.handledBy().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                    .collect(Collectors.joining(", "));
            md.append(String.format(Locale.ROOT, "| %s | %d | %d | %.1f s | %.0f | %s | %s |%n", t.setup(),
                    t.processes(), t.messages(), t.seconds(), t.perSecond(), ratio, split));
        }
        failover.filter(f -> !f.toOnline().isEmpty()).ifPresent(f -> {
            md.append(String.format(Locale.ROOT, "%n| failover (%d kills, %d accounts moved) | median | max |%n"
                    + "|---|---|---|%n", f.kills(), f.toOnline().size()));
            md.append(String.format(Locale.ROOT, "| kill → ONLINE on the new owner | %.1f s | %.1f s |%n",
                    median(f.toOnline()) / 1000.0, max(f.toOnline()) / 1000.0));
            md.append(String.format(Locale.ROOT, "| kill → first text handled on the new owner | %.1f s | %.1f s |%n",
                    median(f.toHandled()) / 1000.0, max(f.toHandled()) / 1000.0));
        });
        return md.toString();
    }

    static double median(List<Long> values) {
        List<Long> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2.0;
    }

    static long max(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).max().orElseThrow();
    }
}
