package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.PluginJar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Daemons of the packaged distribution ({@code bin/webwx-bot run}) against one emulator, each in its own process with
 * its own data folder and configuration file, all with the same accounts; in a cluster through one Redis, or a single
 * daemon without one. Each runs only the ledger plugin: for every friend's text it appends
 * {@code <node> <self-nick> <msgId> <text> <epoch-ms>} to its own file (opened, appended, closed per line, so a
 * {@code kill -9} loses no line written), replies {@code re: <text>} and, when asked, lingers a while before it
 * returns. For {@code ClusterFailoverIT} and the
 * cluster benchmark; not thread-safe, one test thread drives it.
 */
public final class DaemonCluster implements AutoCloseable {

    public static final Path DIST = Path.of(System.getProperty("webwx.test.dist", "target/dist")).toAbsolutePath();
    public static final String TOKEN = "cluster-test-token-0123456789abcdef";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The load answers faster than a person: send pacing, the loop breaker and the ceilings would slow it. */
    private static final String FAST = """
            webwx-bot {
              send {
                global-per-minute = 1000000000, global-burst = 1000000
                per-chat-per-minute = 1000000000, per-chat-burst = 1000000
                min-gap = 0s, max-gap = 0s
                max-queued = 10000000
              }
              safety.loops { enabled = false, account-ceiling = 0 }
            }
            """;

    private final Path dir;
    private final Emulator emulator;
    private final List<Account> accounts = new ArrayList<>();
    private final List<Contact> friends = new ArrayList<>();
    private final Path plugins;
    private final Path ledgers;
    private final Duration linger;
    private final Map<String, Daemon> daemons = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    /** Every jslogin (a new QR code) and webwxnewloginpage (a scanned code redeemed) the emulator saw, when. */
    private final ConcurrentLinkedQueue<Long> loginRequests = new ConcurrentLinkedQueue<>();
    private final Thread requestWatcher;
    private volatile boolean closing;

    /** One daemon process. */
    public record Daemon(String node, Process process, Path output, int apiPort, Path ledger, Path config) {
    }

    /** One line of a ledger file. */
    public record Handled(String node, String nick, String msgId, String text, long epochMillis) {
    }

    /** The emulator with {@code count} accounts A01… each with one friend F01…; no daemon yet. */
    public DaemonCluster(Path dir, int count) throws IOException {
        this(dir, count, Duration.ZERO);
    }

    /**
     * As {@link #DaemonCluster(Path, int)}, the ledger plugin still handling each text for {@code linger} after its
     * reply went out: a kill then often lands between a reply sent and its message finished.
     */
    public DaemonCluster(Path dir, int count, Duration linger) throws IOException {
        this.dir = dir;
        this.linger = linger;
        emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).start();
        for (int i = 1; i <= count; i++) {
            Account account = emulator.addAccount(String.format("A%02d", i));
            accounts.add(account);
            friends.add(account.addFriend(String.format("F%02d", i)));
        }
        plugins = Files.createDirectories(dir.resolve("plugins"));
        ledgers = Files.createDirectories(dir.resolve("ledgers"));
        PluginJar.plugin("ledger").referenceConf("file = \"\"\nnode = \"\"\nlinger = 0ms\n").handler("Ledger", """
                if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return Outcome.CONTINUE;
                String line = node + " " + context.bot().self().nickName() + " " + text.msgId() + " " + text.text()
                        + " " + System.currentTimeMillis() + "\\n";
                LOCK.lock();
                try {
                    java.nio.file.Files.writeString(file, line, java.nio.charset.StandardCharsets.UTF_8,
                            java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
                } finally {
                    LOCK.unlock();
                }
                context.reply("re: " + text.text());
                if (!linger.isZero()) Thread.sleep(linger); // still handling after the reply went out
                return Outcome.STOP;
                """, """
                private static final java.util.concurrent.locks.ReentrantLock LOCK = new java.util.concurrent.locks.ReentrantLock();
                private java.nio.file.Path file;
                private String node;
                private java.time.Duration linger;
                @Override
                public void configure(PluginSettings settings) {
                    file = java.nio.file.Path.of(settings.string("file"));
                    node = settings.string("node");
                    linger = settings.duration("linger");
                }
                """).writeTo(plugins, "ledger.jar");
        requestWatcher = Thread.ofPlatform().daemon().name("login-request-watcher").start(this::watchRequests);
    }

    public Emulator emulator() {
        return emulator;
    }

    public List<Account> accounts() {
        return accounts;
    }

    public List<Contact> friends() {
        return friends;
    }

    public Map<String, Daemon> daemons() {
        return daemons;
    }

    /** The account ids of the daemons' configuration: a01…; the same in every daemon. */
    public List<String> accountIds() {
        return IntStream.rangeClosed(1, accounts.size()).mapToObj(i -> String.format("a%02d", i)).toList();
    }

    /**
     * Starts {@code bin/webwx-bot run} as {@code node}, in the cluster at {@code redis} with {@code lease}, or as a
     * daemon of its own when {@code redis} is empty. A daemon started again under the same name keeps its folder.
     */
    public Daemon start(String node, Optional<URI> redis, Duration lease) throws IOException {
        return start(node, redis, lease, "both");
    }

    /**
     * As {@link #start(String, Optional, Duration)}, in {@code role} ({@code run --role gateway|worker|both}): a
     * worker's ledger lines name it, since the chain runs there.
     */
    public Daemon start(String node, Optional<URI> redis, Duration lease, String role) throws IOException {
        Path home = Files.createDirectories(dir.resolve(node));
        int port = freePort();
        Path ledger = ledgers.resolve(node + ".log");
        String accountsBlock = accountIds().stream().map(id -> id + " {}").collect(Collectors.joining("\n  "));
        String cluster = redis.map(uri -> "webwx-bot.cluster { redis = \"" + uri + "\", node = \"" + node
                + "\", lease = " + lease.toMillis() + "ms }\n").orElse("");
        Path config = Files.writeString(home.resolve("bot.conf"), FAST + """
                webwx-bot.accounts {
                  %s
                }
                webwx-bot.api { enabled = true, port = %d, token = "%s" }
                plugins.ledger { file = "%s", node = "%s", linger = %dms }
                """.formatted(accountsBlock, port, TOKEN, ledger, node, linger.toMillis()) + cluster);
        Path output = home.resolve("run-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder("bash", DIST.resolve("bin/webwx-bot").toString(), "run",
                "--config", config.toString(), "--server", emulator.baseUrl(), "--data-dir",
                home.resolve("data").toString(), "--plugins-dir", plugins.toString(), "--role", role)
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("WEBWX_LOG_DIR", home.resolve("logs").toString());
        builder.environment().put("WEBWX_JAVA_OPTS", "-Xmx160m");
        Daemon daemon = new Daemon(node, builder.start(), output, port, ledger, config);
        daemons.put(node, daemon);
        return daemon;
    }

    /**
     * Logs every account in: a distinct emulator account scans each QR code a daemon shows (any account can scan any
     * code), until {@code count} accounts are ONLINE over the daemons.
     */
    public void loginAll(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Account account : accounts) {
            while (true) {
                for (Daemon daemon : daemons.values()) {
                    if (!daemon.process().isAlive()) throw new AssertionError(daemon.node() + " exited:\n" + outputs());
                }
                String uuid;
                try {
                    uuid = emulator.awaitQrUuid(Duration.ofSeconds(2));
                } catch (EmulatorTimeoutException notYet) {
                    if (System.nanoTime() > deadline) throw new AssertionError("no QR code to scan\n" + outputs(), notYet);
                    continue;
                }
                try {
                    account.phone().scan(uuid);
                    account.phone().confirm();
                    break;
                } catch (IllegalStateException expiredOrTaken) {
                    if (System.nanoTime() > deadline) throw expiredOrTaken;
                }
            }
        }
        Await.until(() -> online().size() == accounts.size(), () -> "all " + accounts.size() + " accounts ONLINE: "
                + online() + "\n" + outputs(), Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
    }

    /** Every account ONLINE on a live daemon, with that daemon's node. */
    public Map<String, String> online() {
        Map<String, String> online = new LinkedHashMap<>();
        for (Daemon daemon : daemons.values()) {
            if (!daemon.process().isAlive()) continue;
            for (JsonNode account : accountsOf(daemon)) {
                if ("ONLINE".equals(account.path("state").asText())) online.put(account.path("id").asText(), daemon.node());
            }
        }
        return online;
    }

    /** The self nick name of each ONLINE account, by account id. */
    public Map<String, String> nicks() {
        Map<String, String> nicks = new LinkedHashMap<>();
        for (Daemon daemon : daemons.values()) {
            if (!daemon.process().isAlive()) continue;
            for (JsonNode account : accountsOf(daemon)) {
                String nick = account.path("self").path("name").asText("");
                if (!nick.isEmpty()) nicks.put(account.path("id").asText(), nick);
            }
        }
        return nicks;
    }

    /** The daemon's accounts as its API lists them; none while it does not answer (starting, stopping). */
    private List<JsonNode> accountsOf(Daemon daemon) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                            + daemon.apiPort() + ApiClient.PREFIX + "/accounts")).header("Authorization", "Bearer " + TOKEN)
                    .timeout(Duration.ofSeconds(5)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) return List.of();
            List<JsonNode> list = new ArrayList<>();
            JSON.readTree(response.body()).path("accounts").forEach(list::add);
            return list;
        } catch (IOException notAnswering) {
            return List.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return List.of();
        }
    }

    /**
     * {@code kill -9} of the daemon's JVM: {@code bin/webwx-bot} {@code exec}s java, so the process started is the
     * JVM itself (checked: it has no child process and its command is java).
     */
    public long kill(Daemon daemon) throws InterruptedException {
        ProcessHandle handle = daemon.process().toHandle();
        String command = handle.info().command().orElse("");
        if (!command.endsWith("/java") || handle.descendants().findAny().isPresent()) {
            throw new AssertionError("the process started is not the JVM alone: " + command + ", children "
                    + handle.descendants().map(ProcessHandle::pid).toList());
        }
        long killedAt = System.currentTimeMillis();
        daemon.process().destroyForcibly(); // SIGKILL
        if (!daemon.process().waitFor(30, TimeUnit.SECONDS)) throw new AssertionError("not dead: " + daemon.node());
        return killedAt;
    }

    /**
     * {@code bin/webwx-bot ARGS --redis URI}, as an operator types it, in this cluster's folder; its output, after
     * asserting it ended within {@code timeout} with exit status 0.
     */
    public String cli(URI redis, Duration timeout, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("bash", DIST.resolve("bin/webwx-bot").toString()));
        command.addAll(List.of(args));
        command.addAll(List.of("--redis", redis.toString()));
        Path output = dir.resolve("cli-" + System.nanoTime() + ".out");
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("WEBWX_LOG_DIR", dir.resolve("cli-logs").toString());
        Process process = builder.start();
        assertTrue(process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS), String.join(" ", args));
        String out = Files.readString(output, StandardCharsets.UTF_8);
        assertEquals(0, process.exitValue(), out);
        return out;
    }

    /** How often the emulator received "re: TEXT", by TEXT, over every account. */
    public Map<String, Integer> replies() {
        Map<String, Integer> replies = new HashMap<>();
        for (Account account : accounts) {
            for (SentMessage sent : account.sentMessages()) {
                if (sent.content().startsWith("re: ")) replies.merge(sent.content().substring(4), 1, Integer::sum);
            }
        }
        return replies;
    }

    /** Waits until each of {@code texts} got a reply; the failure names what is missing and the daemons' output. */
    public void awaitReplies(Set<String> texts, Duration timeout) {
        Await.until(() -> replies().keySet().containsAll(texts), () -> {
            Set<String> missing = new TreeSet<>(texts);
            missing.removeAll(replies().keySet());
            return "a reply to every text; missing " + missing.size() + ": " + missing.stream().limit(20).toList() + "\n"
                    + outputs();
        }, timeout);
    }

    /** Fails unless each of {@code texts} got exactly one reply. */
    public void assertRepliedOnce(Set<String> texts) {
        Map<String, Integer> replies = replies();
        List<String> notOnce = texts.stream().filter(text -> replies.getOrDefault(text, 0) != 1)
                .map(text -> text + " x" + replies.getOrDefault(text, 0)).sorted().toList();
        assertEquals(List.of(), notOnce, "every text answered exactly once");
    }

    /** Every line every ledger file holds. */
    public List<Handled> handled() {
        List<Handled> all = new ArrayList<>();
        for (Daemon daemon : daemons.values()) {
            if (!Files.exists(daemon.ledger())) continue;
            try {
                for (String line : Files.readAllLines(daemon.ledger(), StandardCharsets.UTF_8)) {
                    String[] f = line.split(" ");
                    if (f.length != 5) throw new AssertionError("a torn ledger line in " + daemon.ledger() + ": " + line);
                    all.add(new Handled(f[0], f[1], f[2], f[3], Long.parseLong(f[4])));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return all;
    }

    /** When each new QR code was asked for or a scanned one redeemed (epoch ms), since the start. */
    public List<Long> loginRequests() {
        return List.copyOf(loginRequests);
    }

    /** What each daemon printed, for a failure's message. */
    public String outputs() {
        StringBuilder all = new StringBuilder();
        for (Daemon daemon : daemons.values()) {
            try {
                List<String> lines = Files.readAllLines(daemon.output(), StandardCharsets.UTF_8);
                all.append("--- ").append(daemon.node()).append(daemon.process().isAlive() ? "" : " (exited)")
                        .append(":\n").append(String.join("\n", lines.subList(Math.max(0, lines.size() - 40),
                                lines.size()))).append('\n');
            } catch (IOException e) {
                all.append("--- ").append(daemon.node()).append(": ").append(e).append('\n');
            }
        }
        return all.toString();
    }

    private void watchRequests() {
        while (!closing) {
            try {
                RecordedRequest request = emulator.takeRequest(Duration.ofMillis(500));
                if (request.path().endsWith("/jslogin") || request.path().endsWith("/webwxnewloginpage")) {
                    loginRequests.add(System.currentTimeMillis());
                }
            } catch (EmulatorTimeoutException quiet) {
                // nothing arrived; look again
            }
        }
    }

    static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** Stops every daemon still running (SIGTERM, then SIGKILL) and the emulator. */
    @Override
    public void close() {
        try {
            for (Daemon daemon : daemons.values()) daemon.process().destroy();
            for (Daemon daemon : daemons.values()) {
                if (!daemon.process().waitFor(20, TimeUnit.SECONDS)) {
                    daemon.process().destroyForcibly();
                    daemon.process().waitFor(10, TimeUnit.SECONDS);
                }
            }
            closing = true;
            requestWatcher.join(5_000);
        } catch (InterruptedException e) {
            closing = true;
            // Interrupted while waiting for a daemon to end: kill whatever is left, keep the interrupt for the caller.
            daemons.values().forEach(daemon -> daemon.process().destroyForcibly());
            Thread.currentThread().interrupt();
        } finally {
            emulator.close();
        }
    }
}
