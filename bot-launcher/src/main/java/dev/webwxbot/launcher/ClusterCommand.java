package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.cluster.ClusterException;
import dev.webwxbot.cluster.ClusterSettings;
import dev.webwxbot.cluster.ClusterStatus;
import dev.webwxbot.safeoutput.TerminalText;
import dev.webwxbot.server.account.ClusterConfig;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot cluster [status|drain|forget]}: the daemons of a cluster and who holds which account (and, with
 * gateways and workers, the workers and how far behind each account's streams are), read from Redis (found in the
 * operator's {@code webwx-bot.cluster} block, or given with {@code --redis}) without joining it; draining one daemon
 * or worker before it is stopped for an upgrade; forgetting an account removed for good. Needs no running daemon on
 * this machine.
 */
@Command(name = "cluster", mixinStandardHelpOptions = true,
        description = "Show a cluster's daemons and who holds which account, drain a daemon or worker before stopping it, "
                + "or forget an account removed for good (docs/cluster.md).")
final class ClusterCommand implements Callable<Integer> {

    /** How often {@code drain --wait} reads the status. */
    static final Duration POLL = Duration.ofMillis(500);

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    Target target;

    @Override
    public Integer call() throws InterruptedException {
        return status(common, target, false);
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Every daemon (last seen, draining, accounts held) and every account (owner, lease left, "
                    + "state saved).", "With workers (run --role gateway|worker): every worker too, and each account's "
                    + "worker and the events and commands waiting in its streams."})
    int status(@Mixin CommonOptions common, @Mixin Target target,
               @Option(names = "--json", description = "print the status as one JSON object, for scripts") boolean json)
            throws InterruptedException {
        Redis redis = redis(common, target);
        ClusterStatus status;
        StreamsStatus streams;
        try {
            status = Cluster.status(redis.uri(), redis.keyPrefix());
            streams = StreamsStatus.read(redis.uri(), redis.keyPrefix(), redis.shown());
        } catch (ClusterException e) {
            return failed(e);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(json(status, streams));
        } else {
            out.println("cluster at " + redis.shown() + " (key prefix " + redis.keyPrefix() + ") at " + status.at());
            StatusTable.lines(status, streams).forEach(out::println);
        }
        out.flush();
        return 0;
    }

    @Command(name = "drain", mixinStandardHelpOptions = true,
            description = {"Ask a daemon to hand its accounts to the others (no scan); with --wait, until it holds none.",
                    "NODE may also be a worker (run --role worker) when no daemon has that name: it hands the accounts "
                            + "it processes to the other workers; with --wait, until it processes none."})
    int drain(@Mixin CommonOptions common, @Mixin Target target,
              @Parameters(paramLabel = "NODE", description = "the daemon's or worker's node name (webwx-bot.cluster.node)")
              String node,
              @Option(names = "--wait", description = "wait until NODE holds (or processes) no account, printing progress")
              boolean wait,
              @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "PT5M",
                      description = "how long --wait waits, e.g. PT2M (default: ${DEFAULT-VALUE})") Duration timeout)
            throws InterruptedException {
        Redis redis = redis(common, target);
        PrintWriter out = spec.commandLine().getOut();
        String shown = TerminalText.clean(node);
        try {
            Drainee drainee = Drainee.of(redis, node);
            Cluster.requestDrain(redis.uri(), drainee.keyPrefix(), node);
            out.println("asked " + shown + " to drain: " + drainee.handsOver());
            out.flush();
            if (!wait) {
                out.println("see it go with: webwx-bot cluster status; " + drainee.stopOnce());
                out.flush();
                return 0;
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            int last = -1;
            while (true) {
                int held = held(Cluster.status(redis.uri(), drainee.keyPrefix()), node);
                if (held == 0) break;
                if (held != last) {
                    out.println(shown + " " + drainee.holds(held));
                    out.flush();
                    last = held;
                }
                if (System.nanoTime() > deadline) {
                    spec.commandLine().getErr().println("webwx-bot: " + shown + " still " + drainee.holds(held)
                            + " after " + timeout + "; see webwx-bot cluster status");
                    spec.commandLine().getErr().flush();
                    return 1;
                }
                Thread.sleep(POLL); // polling Redis on the operator's behalf: nothing to wait on
            }
            out.println(shown + " " + drainee.done());
            out.flush();
            return 0;
        } catch (ClusterException e) {
            return failed(e);
        }
    }

    @Command(name = "forget", mixinStandardHelpOptions = true,
            description = "Delete what Redis keeps of an account removed from every daemon's configuration for good.")
    int forget(@Mixin CommonOptions common, @Mixin Target target,
               @Parameters(paramLabel = "ACCOUNT", description = "the account's id") String account) {
        Redis redis = redis(common, target);
        PrintWriter out = spec.commandLine().getOut();
        String shown = TerminalText.clean(account);
        try {
            boolean kept = Cluster.forget(redis.uri(), redis.keyPrefix(), account);
            out.println(kept ? "forgot account " + shown + ": its session state is deleted from Redis"
                    : "Redis kept nothing of account " + shown);
            out.flush();
            return 0;
        } catch (ClusterException e) {
            return failed(e);
        }
    }

    /** The accounts {@code node} still holds: by its own count and by the leases naming it. */
    static int held(ClusterStatus status, String node) {
        int byLeases = (int) status.accounts().stream().filter(a -> a.owner().filter(node::equals).isPresent()).count();
        int byNode = status.nodes().stream().filter(n -> n.name().equals(node)).mapToInt(ClusterStatus.Node::held)
                .findFirst().orElse(0);
        return Math.max(byLeases, byNode);
    }

    /** One line on stderr, exit 1: Redis unreachable, no such node. The cluster's messages carry no password. */
    private int failed(ClusterException e) {
        spec.commandLine().getErr().println("webwx-bot: " + TerminalText.clean(e.getMessage()));
        spec.commandLine().getErr().flush();
        return 1;
    }

    /** The Redis and key prefix: {@code --redis}/{@code --key-prefix}, else the operator's {@code cluster} block. */
    private Redis redis(CommonOptions given, Target targetGiven) {
        // Options given before the subcommand ("cluster --redis URL status") land on this command: use them too.
        CommonOptions options = given != this.common && this.common != null ? given.orElse(this.common) : given;
        Target chosen = targetGiven != this.target && this.target != null ? targetGiven.orElse(this.target) : targetGiven;
        Config config = ConfigFactory.empty();
        if (chosen.redis != null) {
            config = config.withValue("webwx-bot.cluster.redis", ConfigValueFactory.fromAnyRef(chosen.redis));
        }
        if (chosen.keyPrefix != null) {
            config = config.withValue("webwx-bot.cluster.key-prefix", ConfigValueFactory.fromAnyRef(chosen.keyPrefix));
        }
        // The node name is this command's own, never used: it only lets the block be read as a daemon reads it.
        config = config.withValue("webwx-bot.cluster.node", ConfigValueFactory.fromAnyRef("cli"));
        // With --redis no configuration file is needed (the operator may run this from any machine).
        Config operator = OperatorConfig.load(chosen.redis != null ? Optional.empty() : Optional.of(options.configFile()));
        ClusterSettings settings = ClusterConfig.read(config.withFallback(operator)).orElseThrow(() ->
                new IllegalArgumentException("no cluster is configured: webwx-bot.cluster.redis is empty in "
                        + options.configFile() + " (or give --redis redis://HOST:PORT)"));
        return new Redis(settings.redis(), settings.keyPrefix());
    }

    /**
     * The status as one JSON object: times as ISO-8601, the lease left in milliseconds, absent values as null; the
     * workers and each account's worker and waiting entries always (none, null and 0 in a cluster without workers).
     */
    static String json(ClusterStatus status, StreamsStatus streams) {
        ObjectNode root = ApiClient.json().createObjectNode();
        root.put("at", status.at().toString());
        nodes(root.putArray("nodes"), status.nodes());
        nodes(root.putArray("workers"), streams.work().nodes());
        ArrayNode accounts = root.putArray("accounts");
        for (ClusterStatus.AccountLease lease : status.accounts()) {
            ObjectNode account = accounts.addObject().put("account", lease.account());
            account.put("owner", lease.owner().orElse(null));
            account.put("leaseLeftMillis", lease.leaseLeft().toMillis());
            account.put("stateSavedAt", lease.stateSavedAt().map(Instant::toString).orElse(null));
            account.put("worker", streams.worker(lease.account()).orElse(null));
            account.put("eventsWaiting", streams.eventsWaiting(lease.account()));
            account.put("commandsWaiting", streams.commandsWaiting(lease.account()));
        }
        return root.toString();
    }

    private static void nodes(ArrayNode array, List<ClusterStatus.Node> nodes) {
        for (ClusterStatus.Node node : nodes) {
            array.addObject().put("name", node.name()).put("lastSeen", node.lastSeen().toString())
                    .put("draining", node.draining()).put("held", node.held());
        }
    }

    /**
     * What {@code cluster drain} asks to drain: a daemon holding sessions (its cluster under the key prefix), or a
     * worker processing accounts' events (in the workers' cluster, {@code <prefix>:work}).
     */
    record Drainee(String keyPrefix, boolean worker) {

        /** A live daemon named {@code node}, else a live worker of that name; neither is one line on stderr. */
        static Drainee of(Redis redis, String node) {
            if (live(Cluster.status(redis.uri(), redis.keyPrefix()), node)) return new Drainee(redis.keyPrefix(), false);
            String work = StreamsStatus.workPrefix(redis.keyPrefix());
            if (live(Cluster.status(redis.uri(), work), node)) return new Drainee(work, true);
            throw new ClusterException("no live daemon or worker of the cluster is named '" + node + "'");
        }

        private static boolean live(ClusterStatus status, String node) {
            return status.nodes().stream().anyMatch(n -> n.name().equals(node));
        }

        String handsOver() {
            return worker ? "it hands the accounts it processes to the other workers and takes none"
                    : "it hands its accounts to the other daemons and takes none";
        }

        String stopOnce() {
            return worker ? "stop that worker once it processes no account"
                    : "stop that daemon once it holds no account";
        }

        /** {@code holds 3 accounts}, {@code processes 1 account}. */
        String holds(int accounts) {
            return (worker ? "processes " : "holds ") + accounts + (accounts == 1 ? " account" : " accounts");
        }

        String done() {
            return worker ? "processes no account: stop that worker now (its accounts' events go to the other workers)"
                    : "holds no account: stop that daemon now (its accounts run on the others)";
        }
    }

    /** Where the cluster's Redis is, when not from the configuration file. */
    static final class Target {

        @Option(names = "--redis", paramLabel = "URL",
                description = "the cluster's Redis, e.g. redis://127.0.0.1:6379 (default: webwx-bot.cluster.redis)")
        String redis;

        @Option(names = "--key-prefix", paramLabel = "PREFIX",
                description = "the cluster's key prefix (default: webwx-bot.cluster.key-prefix, else webwx)")
        String keyPrefix;

        Target orElse(Target outer) {
            Target merged = new Target();
            merged.redis = redis != null ? redis : outer.redis;
            merged.keyPrefix = keyPrefix != null ? keyPrefix : outer.keyPrefix;
            return merged;
        }
    }

    /** The cluster's Redis; {@link #shown} without the password. */
    record Redis(URI uri, String keyPrefix) {

        String shown() {
            if (uri.getRawUserInfo() == null) return uri.toString();
            return uri.getScheme() + "://***@" + uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort())
                    + (uri.getRawPath() == null ? "" : uri.getRawPath());
        }
    }
}
