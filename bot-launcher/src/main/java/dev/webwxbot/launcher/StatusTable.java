package dev.webwxbot.launcher;

import dev.webwxbot.cluster.ClusterStatus;
import dev.webwxbot.safeoutput.TerminalText;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The human-readable tables of {@code cluster status}: the daemons, the accounts and, once the cluster has workers or
 * streams, the worker and waiting entries of each account and the workers.
 */
final class StatusTable {

    private StatusTable() {
    }

    static List<String> lines(ClusterStatus status, StreamsStatus streams) {
        boolean withStreams = streams.shown();
        List<String> lines = new ArrayList<>();
        if (status.nodes().isEmpty()) {
            lines.add("no live daemon");
        } else {
            lines.addAll(nodes("NODE", status.at(), status.nodes()).lines());
        }
        lines.add("");
        if (status.accounts().isEmpty()) {
            lines.add("no account");
        } else {
            lines.addAll(accounts(status, streams, withStreams).lines());
        }
        if (withStreams) {
            lines.add("");
            if (streams.work().nodes().isEmpty()) {
                lines.add("no live worker: the accounts' events wait for one");
            } else {
                lines.addAll(nodes("WORKER", status.at(), streams.work().nodes()).lines());
            }
        }
        return lines;
    }

    private static Table nodes(String title, Instant at, List<ClusterStatus.Node> nodes) {
        Table table = new Table(title, "LAST SEEN", "DRAINING", "ACCOUNTS");
        for (ClusterStatus.Node node : nodes) {
            table.row(TerminalText.clean(node.name()), ago(at, node.lastSeen()), node.draining() ? "yes" : "no",
                    Integer.toString(node.held()));
        }
        return table;
    }

    /** The accounts; {@code withStreams}, their worker and waiting entries too. */
    private static Table accounts(ClusterStatus status, StreamsStatus streams, boolean withStreams) {
        Table table = !withStreams ? new Table("ACCOUNT", "OWNER", "LEASE LEFT", "STATE SAVED")
                : new Table("ACCOUNT", "OWNER", "LEASE LEFT", "STATE SAVED", "WORKER", "EVENTS WAITING",
                        "COMMANDS WAITING");
        for (ClusterStatus.AccountLease lease : status.accounts()) {
            List<String> cells = new ArrayList<>(List.of(TerminalText.clean(lease.account()),
                    lease.owner().map(TerminalText::clean).orElse("- (no daemon: waiting for a takeover)"),
                    lease.owner().isPresent() ? seconds(lease.leaseLeft()) : "-",
                    lease.stateSavedAt().map(saved -> ago(status.at(), saved)).orElse("never")));
            if (withStreams) {
                cells.add(streams.worker(lease.account()).map(TerminalText::clean).orElse("-"));
                cells.add(StreamsStatus.count(streams.eventsWaiting(lease.account())));
                cells.add(StreamsStatus.count(streams.commandsWaiting(lease.account())));
            }
            table.row(cells.toArray(String[]::new));
        }
        return table;
    }

    /** {@code 1.2s ago}, {@code 3m ago}, {@code 2h ago}; {@code now} for less than a tenth of a second. */
    static String ago(Instant at, Instant then) {
        Duration age = Duration.between(then, at);
        if (age.compareTo(Duration.ofMillis(100)) < 0) return "now";
        if (age.compareTo(Duration.ofMinutes(2)) < 0) return seconds(age) + " ago";
        if (age.compareTo(Duration.ofHours(2)) < 0) return age.toMinutes() + "m ago";
        return age.toHours() + "h ago";
    }

    static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }

    /** Left-aligned columns two spaces apart. */
    private static final class Table {
        private final List<String[]> rows = new ArrayList<>();

        Table(String... header) {
            rows.add(header);
        }

        void row(String... cells) {
            rows.add(cells);
        }

        List<String> lines() {
            int columns = rows.getFirst().length;
            int[] widths = new int[columns];
            for (String[] row : rows) {
                for (int i = 0; i < columns; i++) widths[i] = Math.max(widths[i], row[i].length());
            }
            return rows.stream().map(row -> {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < columns; i++) {
                    line.append(row[i]);
                    if (i < columns - 1) line.append(" ".repeat(widths[i] - row[i].length() + 2));
                }
                return line.toString();
            }).toList();
        }
    }
}
