package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.cluster.AccountOwner;
import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.cluster.ClusterSettings;
import dev.webwxbot.cluster.stream.StreamLag;
import dev.webwxbot.cluster.stream.Worker;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.RedisProcess;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webwx-bot cluster status} and {@code cluster drain}: against a real {@code redis-server} and two members of
 * the cluster in this JVM (their owner a fake that only notes what it was given), found through the operator's
 * {@code webwx-bot.cluster} block or {@code --redis}; a missing block, an unreachable Redis and an unknown node are one
 * line each, without the Redis password.
 */
class ClusterCommandTest {

    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Set<String> ACCOUNTS = Set.of("alpha", "beta", "gamma");

    @TempDir
    Path dir;

    private RedisProcess redis;
    private final List<Cluster> members = new ArrayList<>();
    private final List<Worker> workers = new ArrayList<>();

    private record Run(int code, String out, String err) {
    }

    /** Notes the accounts it was given and let go of; runs no session. */
    private static class NotingOwner implements AccountOwner {
        final List<String> events = new CopyOnWriteArrayList<>();

        @Override
        public void acquired(String account, SessionStateStorage storage) {
            events.add("acquired " + account);
        }

        @Override
        public void released(String account, Release why) {
            events.add("released " + account + " " + why);
        }
    }

    @BeforeEach
    void startRedis() throws Exception {
        redis = RedisProcess.start();
    }

    @AfterEach
    void stop() {
        workers.forEach(Worker::close);
        members.forEach(Cluster::close);
        if (redis != null) redis.close();
    }

    private Cluster join(String node, NotingOwner owner) {
        Cluster member = Cluster.join(new ClusterSettings(redis.uri(), node, LEASE, "t"), owner);
        members.add(member);
        member.run(ACCOUNTS);
        return member;
    }

    /**
     * A worker of cluster {@code t} (it processes the accounts the daemons run) whose chain finishes every event at
     * once (none is published in these tests).
     */
    private Worker worker(String node) {
        Worker worker = Worker.start(new ClusterSettings(redis.uri(), node, LEASE, "t"),
                (account, event, bot) -> CompletableFuture.completedFuture(null));
        workers.add(worker);
        return worker;
    }

    /** Appends {@code count} entries to {@code stream} in one call. */
    private void append(String stream, int count) throws Exception {
        String added = redis.command("EVAL", "for i = 1, " + count + " do redis.call('XADD', KEYS[1], '*', 'n', i) end"
                + " return redis.call('XLEN', KEYS[1])", "1", stream);
        assertTrue(added.startsWith(":"), added);
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.commandLine().setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true)).execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private Path config(String block) throws Exception {
        return Files.writeString(dir.resolve("bot.conf"), block);
    }

    /** Both members joined and between them hold every account. */
    private void awaitAllHeld(Cluster a, Cluster b) {
        Await.until(() -> a.held().size() + b.held().size() == ACCOUNTS.size(),
                () -> "all held: " + a.held() + " " + b.held(), Duration.ofSeconds(20));
    }

    @Test
    void statusFromTheOperatorsClusterBlockListsEveryDaemonAndWhoHoldsWhichAccount() throws Exception {
        Cluster n1 = join("n1", new NotingOwner());
        Cluster n2 = join("n2", new NotingOwner());
        awaitAllHeld(n1, n2);
        Path config = config("webwx-bot.cluster { redis = \"" + redis.uri() + "\", key-prefix = t }\n");

        Run status = run("cluster", "status", "--config", config.toString());
        assertEquals(0, status.code(), status.err());
        List<String> lines = status.out().lines().toList();
        assertTrue(lines.getFirst().startsWith("cluster at " + redis.uri() + " (key prefix t) at "), status.out());
        assertTrue(lines.get(1).matches("NODE +LAST SEEN +DRAINING +ACCOUNTS"), status.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("n1 +(now|[0-9.]+s ago) +no +" + n1.held().size())), status.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("n2 +(now|[0-9.]+s ago) +no +" + n2.held().size())), status.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("ACCOUNT +OWNER +LEASE LEFT +STATE SAVED")), status.out());
        for (String account : ACCOUNTS) {
            String owner = n1.held().contains(account) ? "n1" : "n2";
            assertTrue(lines.stream().anyMatch(l -> l.matches(account + " +" + owner + " +[0-9.]+s +(never|now|.* ago)")),
                    account + ":\n" + status.out());
        }

        // Without a subcommand it is the status; options before the subcommand count too.
        assertEquals(0, run("cluster", "--redis", redis.uri().toString(), "--key-prefix", "t").code());
        Run json = run("cluster", "--redis", redis.uri().toString(), "--key-prefix", "t", "status", "--json");
        assertEquals(0, json.code(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(2, root.path("nodes").size(), json.out());
        assertEquals(ACCOUNTS.size(), root.path("accounts").size(), json.out());
        for (JsonNode account : root.path("accounts")) {
            String owner = account.path("owner").asText();
            assertTrue((owner.equals("n1") ? n1 : n2).held().contains(account.path("account").asText()), json.out());
            long left = account.path("leaseLeftMillis").asLong();
            assertTrue(left > 0 && left <= LEASE.toMillis(), json.out());
        }
        assertTrue(root.path("at").asText().endsWith("Z"), json.out());
    }

    @Test
    void drainWaitHandsTheDaemonsAccountsToTheOtherAndSaysWhenItHoldsNone() {
        NotingOwner first = new NotingOwner();
        NotingOwner second = new NotingOwner();
        Cluster n1 = join("n1", first);
        Cluster n2 = join("n2", second);
        awaitAllHeld(n1, n2);
        Cluster busier = n1.held().isEmpty() ? n2 : n1;
        Cluster other = busier == n1 ? n2 : n1;
        NotingOwner busierOwner = busier == n1 ? first : second;
        Set<String> moving = busier.held();

        Run drain = run("cluster", "drain", busier.node(), "--wait", "--redis", redis.uri().toString(),
                "--key-prefix", "t");
        assertEquals(0, drain.code(), drain.err());
        List<String> lines = drain.out().lines().toList();
        assertEquals("asked " + busier.node() + " to drain: it hands its accounts to the other daemons and takes none",
                lines.getFirst());
        assertTrue(lines.getLast().equals(busier.node() + " holds no account: stop that daemon now (its accounts run"
                + " on the others)"), drain.out());
        assertEquals(Set.of(), busier.held());
        assertTrue(busier.draining());
        for (String account : moving) {
            assertTrue(busierOwner.events.contains("released " + account + " HANDED_OVER"), busierOwner.events.toString());
        }
        Await.until(() -> other.held().equals(ACCOUNTS), () -> "all on " + other.node() + ": " + other.held(),
                Duration.ofSeconds(20));

        Run status = run("cluster", "status", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertTrue(status.out().lines().anyMatch(l -> l.matches(busier.node() + " +(now|[0-9.]+s ago) +yes +0")),
                status.out());
    }

    @Test
    void drainWithoutWaitOnlyAsksAndANodeNoDaemonHasIsOneLine() {
        Cluster n1 = join("n1", new NotingOwner());
        Await.until(() -> n1.held().equals(ACCOUNTS), "n1 holds all", Duration.ofSeconds(20));

        Run unknown = run("cluster", "drain", "n9", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(1, unknown.code(), unknown.out());
        assertEquals(1, unknown.err().lines().count(), unknown.err());
        assertTrue(unknown.err().startsWith("webwx-bot: ") && unknown.err().contains("n9"), unknown.err());

        Run drain = run("cluster", "drain", "n1", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(0, drain.code(), drain.err());
        assertTrue(drain.out().contains("see it go with: webwx-bot cluster status"), drain.out());
        Await.until(() -> n1.held().isEmpty(), "n1 drained", Duration.ofSeconds(20));
    }

    @Test
    void forgetDeletesAnAccountNoDaemonHoldsAndRefusesOneStillHeld() {
        Cluster n1 = join("n1", new NotingOwner());
        Await.until(() -> n1.held().equals(ACCOUNTS), "n1 holds all", Duration.ofSeconds(20));

        Run held = run("cluster", "forget", "alpha", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(1, held.code(), held.out());
        assertTrue(held.err().startsWith("webwx-bot: account 'alpha' is held by a daemon"), held.err());

        n1.run(Set.of("beta", "gamma")); // alpha removed from the daemon's configuration
        Await.until(() -> !n1.held().contains("alpha"), "alpha let go", Duration.ofSeconds(20));
        Run forgot = run("cluster", "forget", "alpha", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(0, forgot.code(), forgot.err());
        assertEquals("forgot account alpha: its session state is deleted from Redis\n", forgot.out());
        Run status = run("cluster", "status", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertTrue(status.out().lines().noneMatch(l -> l.startsWith("alpha ")), status.out());
        Run again = run("cluster", "forget", "alpha", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals("Redis kept nothing of account alpha\n", again.out());
    }

    @Test
    void drainWaitGivesUpAfterItsTimeoutWhileTheDaemonStillHoldsAccounts() throws Exception {
        CountDownLatch stopped = new CountDownLatch(1);
        NotingOwner slow = new NotingOwner() {
            @Override
            public void released(String account, Release why) {
                super.released(account, why);
                try {
                    stopped.await(); // a session that takes its time to stop: the lease stays held meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        Cluster n1 = join("n1", slow);
        try {
            Await.until(() -> n1.held().equals(ACCOUNTS), "n1 holds all", Duration.ofSeconds(20));
            Run drain = run("cluster", "drain", "n1", "--wait", "--timeout", "PT2S", "--redis", redis.uri().toString(),
                    "--key-prefix", "t");
            assertEquals(1, drain.code(), drain.out());
            assertEquals("webwx-bot: n1 still holds 3 accounts after PT2S; see webwx-bot cluster status\n", drain.err());
            assertTrue(drain.out().contains("n1 holds 3 accounts\n"), drain.out());
        } finally {
            stopped.countDown();
        }
        Await.until(() -> n1.held().isEmpty(), "n1 drained once its sessions stopped", Duration.ofSeconds(20));
    }

    @Test
    void statusShowsTheWorkersWhichOneProcessesEachAccountAndTheEntriesWaitingInItsStreams() throws Exception {
        Cluster gateway = join("g1", new NotingOwner());
        Await.until(() -> gateway.held().equals(ACCOUNTS), "g1 holds all", Duration.ofSeconds(20));
        String redisUrl = redis.uri().toString();

        // No worker and no stream yet: the status reads as it did before gateways and workers.
        Run plain = run("cluster", "status", "--redis", redisUrl, "--key-prefix", "t");
        assertEquals(0, plain.code(), plain.err());
        assertTrue(plain.out().lines().anyMatch(l -> l.equals("ACCOUNT  OWNER  LEASE LEFT  STATE SAVED")), plain.out());
        assertTrue(plain.out().lines().noneMatch(l -> l.contains("WORKER") || l.contains("worker")), plain.out());
        JsonNode plainJson = new ObjectMapper().readTree(run("cluster", "status", "--json", "--redis", redisUrl,
                "--key-prefix", "t").out());
        assertEquals(0, plainJson.path("workers").size(), plainJson.toString());
        for (JsonNode account : plainJson.path("accounts")) {
            assertTrue(account.path("worker").isNull(), plainJson.toString());
            assertEquals(0, account.path("eventsWaiting").asLong(), plainJson.toString());
            assertEquals(0, account.path("commandsWaiting").asLong(), plainJson.toString());
        }

        Worker w1 = worker("w1");
        Await.until(() -> w1.held().equals(ACCOUNTS), () -> "w1 processes: " + w1.held(), Duration.ofSeconds(20));
        // No gateway carries out alpha's and beta's commands: they stay waiting.
        append("t:commands:{alpha}", 3);
        append("t:commands:{beta}", StreamLag.COUNTED + 1);

        Run status = run("cluster", "status", "--redis", redisUrl, "--key-prefix", "t");
        assertEquals(0, status.code(), status.err());
        List<String> lines = status.out().lines().toList();
        assertTrue(lines.contains("ACCOUNT  OWNER  LEASE LEFT  STATE SAVED  WORKER  EVENTS WAITING  COMMANDS WAITING"),
                status.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("alpha +g1 +[0-9.]+s +never +w1 +0 +3")), status.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("beta +g1 +[0-9.]+s +never +w1 +0 +10000\\+")), status.out());
        assertTrue(lines.stream().anyMatch(l -> l.matches("gamma +g1 +[0-9.]+s +never +w1 +0 +0")), status.out());
        int workerTable = lines.indexOf("WORKER  LAST SEEN  DRAINING  ACCOUNTS");
        assertTrue(workerTable > lines.indexOf("ACCOUNT  OWNER  LEASE LEFT  STATE SAVED  WORKER  EVENTS WAITING  "
                + "COMMANDS WAITING"), status.out());
        assertTrue(lines.get(workerTable + 1).matches("w1 +(now|[0-9.]+s ago) +no +3"), status.out());
        assertEquals(workerTable + 2, lines.size(), status.out());

        Run json = run("cluster", "status", "--json", "--redis", redisUrl, "--key-prefix", "t");
        assertEquals(0, json.code(), json.err());
        JsonNode root = new ObjectMapper().readTree(json.out());
        assertEquals(1, root.path("workers").size(), json.out());
        JsonNode worker = root.path("workers").get(0);
        assertEquals("w1", worker.path("name").asText(), json.out());
        assertEquals(3, worker.path("held").asInt(), json.out());
        assertFalse(worker.path("draining").asBoolean(), json.out());
        assertTrue(worker.path("lastSeen").asText().endsWith("Z"), json.out());
        assertEquals(1, root.path("nodes").size(), json.out());
        List<String> accounts = new ArrayList<>();
        for (JsonNode account : root.path("accounts")) {
            accounts.add(account.path("account").asText() + " " + account.path("worker").asText("null") + " "
                    + account.path("eventsWaiting").asLong() + " " + account.path("commandsWaiting").asLong());
        }
        assertEquals(List.of("alpha w1 0 3", "beta w1 0 10000", "gamma w1 0 0"), accounts, json.out());
    }

    @Test
    void statusWithStreamsButNoLiveWorkerSaysTheEventsWaitForOne() throws Exception {
        Cluster gateway = join("g1", new NotingOwner());
        Await.until(() -> gateway.held().equals(ACCOUNTS), "g1 holds all", Duration.ofSeconds(20));
        append("t:events:{alpha}", 1);

        Run status = run("cluster", "status", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(0, status.code(), status.err());
        List<String> lines = status.out().lines().toList();
        assertTrue(lines.stream().anyMatch(l -> l.matches("alpha +g1 +[0-9.]+s +never +- +1 +0")), status.out());
        assertEquals("no live worker: the accounts' events wait for one", lines.getLast(), status.out());
    }

    @Test
    void drainWaitOfAWorkerHandsTheAccountsItProcessesToTheOtherWorker() {
        Cluster gateway = join("g1", new NotingOwner());
        Worker w1 = worker("w1");
        Worker w2 = worker("w2");
        Await.until(() -> gateway.held().equals(ACCOUNTS) && w1.held().size() + w2.held().size() == ACCOUNTS.size(),
                () -> "all processed: " + w1.held() + " " + w2.held(), Duration.ofSeconds(20));
        Worker busier = w1.held().isEmpty() ? w2 : w1;
        Worker other = busier == w1 ? w2 : w1;
        String name = busier == w1 ? "w1" : "w2";

        Run drain = run("cluster", "drain", name, "--wait", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(0, drain.code(), drain.err());
        List<String> lines = drain.out().lines().toList();
        assertEquals("asked " + name + " to drain: it hands the accounts it processes to the other workers and takes none",
                lines.getFirst());
        assertEquals(name + " processes no account: stop that worker now (its accounts' events go to the other workers)",
                lines.getLast(), drain.out());
        assertEquals(Set.of(), busier.held());
        assertEquals(ACCOUNTS, gateway.held(), "the daemons' session leases are not touched");
        Await.until(() -> other.held().equals(ACCOUNTS), () -> "all on the other worker: " + other.held(),
                Duration.ofSeconds(20));

        Run status = run("cluster", "status", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertTrue(status.out().lines().anyMatch(l -> l.matches(name + " +(now|[0-9.]+s ago) +yes +0")), status.out());
        assertTrue(status.out().lines().anyMatch(l -> l.matches("g1 +(now|[0-9.]+s ago) +no +3")), status.out());
    }

    @Test
    void drainOfANameNeitherADaemonNorAWorkerHasIsOneLineAndDrainsNoWorker() throws Exception {
        redis.command("SADD", "t:accounts", "alpha", "beta", "gamma"); // as the daemons list the accounts they run
        Worker w1 = worker("w1");
        Await.until(() -> w1.held().equals(ACCOUNTS), "w1 processes all", Duration.ofSeconds(20));

        Run unknown = run("cluster", "drain", "w9", "--wait", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(1, unknown.code(), unknown.out());
        assertEquals("webwx-bot: no live daemon or worker of the cluster is named 'w9'\n", unknown.err());

        Run drain = run("cluster", "drain", "w1", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(0, drain.code(), drain.err());
        assertTrue(drain.out().endsWith("see it go with: webwx-bot cluster status; stop that worker once it processes no "
                + "account\n"), drain.out());
        Await.until(() -> w1.held().isEmpty(), "w1 drained", Duration.ofSeconds(20));
    }

    @Test
    void streamsThatCannotBeReadAreOneLineOnStderr() throws Exception {
        Cluster gateway = join("g1", new NotingOwner());
        Await.until(() -> gateway.held().equals(ACCOUNTS), "g1 holds all", Duration.ofSeconds(20));
        assertEquals("+OK", redis.command("SET", "t:commands:{alpha}", "not a stream"));

        Run status = run("cluster", "status", "--redis", redis.uri().toString(), "--key-prefix", "t");
        assertEquals(1, status.code(), status.out());
        assertEquals("", status.out());
        assertEquals("webwx-bot: the streams at " + redis.uri() + " cannot be read (RedisCommandExecutionException)\n",
                status.err());
    }

    @Test
    void withoutAClusterBlockStatusSaysSoInOneLineWithTheConfigurationExitCode() throws Exception {
        Path config = config("webwx-bot.accounts { a {} }\n");
        Run status = run("cluster", "status", "--config", config.toString());
        assertEquals(Main.CONFIGURATION_ERROR, status.code(), status.out());
        assertEquals("webwx-bot: no cluster is configured: webwx-bot.cluster.redis is empty in " + config
                + " (or give --redis redis://HOST:PORT)\n", status.err());
    }

    @Test
    void anUnreachableRedisIsOneLineWithoutItsPassword() throws Exception {
        int port = redis.port();
        redis.close();
        redis = null;
        Path config = config("webwx-bot.cluster { redis = \"redis://:hunter2@127.0.0.1:" + port + "\" }\n");

        Run status = run("cluster", "status", "--config", config.toString());
        assertEquals(1, status.code(), status.out());
        assertEquals(1, status.err().lines().count(), status.err());
        assertTrue(status.err().startsWith("webwx-bot: "), status.err());
        assertFalse(status.err().contains("hunter2") || status.out().contains("hunter2"), status.err());

        Run drain = run("cluster", "drain", "n1", "--wait", "--config", config.toString());
        assertEquals(1, drain.code(), drain.out());
        assertFalse(drain.err().contains("hunter2"), drain.err());
    }

    @Test
    void aMalformedRedisUrlIsAConfigurationMistake() {
        Run status = run("cluster", "status", "--redis", "http://127.0.0.1:6379");
        assertEquals(Main.CONFIGURATION_ERROR, status.code());
        assertEquals("webwx-bot: webwx-bot.cluster.redis is not a redis:// or rediss:// URL with a host\n", status.err());
    }
}
