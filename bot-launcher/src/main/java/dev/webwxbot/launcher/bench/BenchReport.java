package dev.webwxbot.launcher.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Every figure of one run, and the report as Markdown tables: per load a row per client and a row of ratios
 * ours / wechat4u; the many-account daemon; cold starts to the QR code.
 *
 * @param many the many-account daemon's figures; {@code null} when that part was not run
 */
record BenchReport(BenchPlan plan, String machine, String loadBefore, String loadAfter,
                          Map<Client, List<PhaseResult>> perClient, Bench.ManyAccounts many,
                          Map<Client, List<Double>> coldStarts, Duration elapsed) {

    /** Messages injected and never answered, over every measured phase. */
    int lost() {
        int lost = perClient.values().stream().flatMap(List::stream).mapToInt(PhaseResult::lost).sum();
        return lost + (many == null ? 0 : many.phases().stream().mapToInt(PhaseResult::lost).sum());
    }

    /** Nothing lost, and every figure there: each phase answered something and each client showed its QR code. */
    boolean clean() {
        return lost() == 0 && problems().isEmpty();
    }

    /** What makes the run incomplete, in words; empty when every figure is present. */
    List<String> problems() {
        List<String> problems = new ArrayList<>();
        for (Client client : Client.values()) {
            List<PhaseResult> phases = perClient.getOrDefault(client, List.of());
            if (phases.size() != plan.loads().size()) problems.add(client.label() + ": phases missing");
            phases.stream().filter(p -> !complete(p))
                    .forEach(p -> problems.add(client.label() + " " + p.load().label() + ": a figure is missing"));
            if (coldStarts.getOrDefault(client, List.of()).size() != plan.coldStarts()) {
                problems.add(client.label() + ": cold starts missing");
            }
        }
        if (plan.accounts() > 0) {
            if (many == null || many.phases().size() != plan.accountsLoads().size()) {
                problems.add("the many-account daemon's phases are missing");
            } else {
                many.phases().stream().filter(p -> !complete(p))
                        .forEach(p -> problems.add(plan.accounts() + " accounts " + p.load().label() + ": a figure is missing"));
            }
        }
        return problems;
    }

    private static boolean complete(PhaseResult p) {
        ReplyLedger.Timings t = p.timings();
        return t.answered() > 0 && Double.isFinite(t.perSecond()) && Double.isFinite(t.p999Millis())
                && Double.isFinite(p.clientCpuPerMessage()) && p.peakRssKb() > 0;
    }

    /** The report as Markdown. */
    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine).append("; load average (1, 5, 15 min) before ").append(loadBefore)
                .append(", after ").append(loadAfter).append("; took ").append(elapsed.toSeconds()).append(" s.\n");
        md.append(String.format(Locale.ROOT, "Plan: %d friends per account, %,d messages of warm-up, fixed-rate phases"
                        + " of %s s, closed loop of %,d messages; our JVM options: %s.%n%n", plan.friends(),
                plan.warmup(), trim(plan.phaseSeconds()), plan.closedMessages(),
                plan.javaOpts().map(o -> "`" + o + "`").orElse("the distribution's defaults")));
        md.append("| offered load | client | msgs/s | p50 / p99 / p99.9 ms | client CPU ms/msg | emulator CPU ms/msg"
                + " | client share of CPU | peak RSS MB | lost |\n|---|---|---|---|---|---|---|---|---|\n");
        List<PhaseResult> ours = perClient.getOrDefault(Client.OURS, List.of());
        List<PhaseResult> theirs = perClient.getOrDefault(Client.WECHAT4U, List.of());
        for (int i = 0; i < plan.loads().size(); i++) {
            String label = plan.loads().get(i).label();
            PhaseResult a = i < ours.size() ? ours.get(i) : null;
            PhaseResult b = i < theirs.size() ? theirs.get(i) : null;
            if (a != null) md.append(row(label, "ours", a));
            if (b != null) md.append(row(a == null ? label : "", "wechat4u", b));
            if (a != null && b != null) md.append(ratioRow(a, b));
        }
        if (many != null) {
            md.append(String.format(Locale.ROOT, "%nOur daemon with %,d accounts (one friend each; messages go to the"
                    + " accounts in turn); every account online (s after the process start, per phase): %s%n%n",
                    many.accounts(), many.loginSeconds().stream()
                            .map(s -> String.format(Locale.ROOT, "%.1f", s)).toList()));
            md.append("| offered total load | client | msgs/s | p50 / p99 / p99.9 ms | client CPU ms/msg"
                    + " | emulator CPU ms/msg | client share of CPU | peak RSS MB | lost |\n|---|---|---|---|---|---|---|---|---|\n");
            for (PhaseResult p : many.phases()) md.append(row(p.load().label(), "ours ×" + many.accounts(), p));
        }
        if (!coldStarts.isEmpty()) {
            md.append("\nCold start to the QR code (process start → the client prints its QR code / uuid), ms:\n\n"
                    + "| client | runs | median | min | max |\n|---|---|---|---|---|\n");
            for (Client client : Client.values()) {
                List<Double> runs = coldStarts.getOrDefault(client, List.of());
                if (runs.isEmpty()) continue;
                md.append(String.format(Locale.ROOT, "| %s | %d | %.0f | %.0f | %.0f |%n", client.label(), runs.size(),
                        median(runs), runs.stream().mapToDouble(d -> d).min().orElseThrow(),
                        runs.stream().mapToDouble(d -> d).max().orElseThrow()));
            }
            List<Double> a = coldStarts.getOrDefault(Client.OURS, List.of());
            List<Double> b = coldStarts.getOrDefault(Client.WECHAT4U, List.of());
            if (!a.isEmpty() && !b.isEmpty()) {
                md.append(String.format(Locale.ROOT, "| ours / wechat4u | | %s | | |%n", ratio(median(a), median(b))));
            }
        }
        if (lost() > 0) md.append("\n**").append(lost()).append(" messages lost.**\n");
        problems().forEach(p -> md.append("\nIncomplete: ").append(p).append('\n'));
        return md.toString();
    }

    private static String row(String load, String client, PhaseResult p) {
        ReplyLedger.Timings t = p.timings();
        return String.format(Locale.ROOT, "| %s | %s | %,.0f | %s / %s / %s | %s | %s | %s | %.0f | %d |%n", load, client,
                t.perSecond(), ms(t.p50Millis()), ms(t.p99Millis()), ms(t.p999Millis()), cpu(p.clientCpuPerMessage()),
                cpu(p.emulatorCpuPerMessage()), percent(p.clientCpuShare()), p.peakRssKb() / 1024.0, p.lost());
    }

    private static String ratioRow(PhaseResult a, PhaseResult b) {
        ReplyLedger.Timings x = a.timings();
        ReplyLedger.Timings y = b.timings();
        return String.format(Locale.ROOT, "| | ours / wechat4u | %s | %s / %s / %s | %s | %s | | %s | |%n",
                ratio(x.perSecond(), y.perSecond()), ratio(x.p50Millis(), y.p50Millis()),
                ratio(x.p99Millis(), y.p99Millis()), ratio(x.p999Millis(), y.p999Millis()),
                ratio(a.clientCpuPerMessage(), b.clientCpuPerMessage()),
                ratio(a.emulatorCpuPerMessage(), b.emulatorCpuPerMessage()),
                ratio(a.peakRssKb(), b.peakRssKb()));
    }

    static double median(List<Double> values) {
        List<Double> sorted = values.stream().sorted().toList();
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    private static String ratio(double a, double b) {
        return Double.isFinite(a) && Double.isFinite(b) && b != 0 ? String.format(Locale.ROOT, "%.2f", a / b) : "–";
    }

    private static String ms(double millis) {
        if (!Double.isFinite(millis)) return "–";
        return String.format(Locale.ROOT, millis < 10 ? "%.2f" : millis < 100 ? "%.1f" : "%.0f", millis);
    }

    private static String cpu(double millis) {
        return Double.isFinite(millis) ? String.format(Locale.ROOT, "%.3f", millis) : "–";
    }

    private static String percent(double share) {
        return Double.isFinite(share) ? String.format(Locale.ROOT, "%.0f %%", share * 100) : "–";
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
