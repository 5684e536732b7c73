package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.server.api.OpenApiDocument;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import dev.webwxbot.testsupport.PluginJar;
import dev.webwxbot.testsupport.RedisProcess;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two daemons of one cluster on a real Redis, sharing four accounts: each account runs on exactly one of them (the
 * other shows it {@code ELSEWHERE} and refuses to log it in), is logged in there with one scan, and answers; when
 * one daemon stops, its accounts go on on the other without a scan, nothing received is lost and nothing is answered
 * twice. (The kill -9 of a daemon process is the launcher's {@code ClusterFailoverIT}.)
 */
class ClusterDaemonsEndToEndTest {

    private static final List<String> IDS = List.of("s1", "s2", "s3", "s4");

    @TempDir
    Path dir;

    private RedisProcess redis;
    private Emulator emulator;
    private final List<Account> phones = new ArrayList<>();
    private final Map<String, Account> phoneOf = new LinkedHashMap<>();
    private final Map<Account, Contact> friendOf = new LinkedHashMap<>();
    private BotServer a;
    private BotServer b;

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        emulator = DaemonFixture.emulator();
        friendOf.putAll(DaemonFixture.phonesWithFriends(emulator, IDS.size()));
        phones.addAll(friendOf.keySet());
        PluginJar.plugin("echo").handler("Echo", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    context.reply("re: " + text.text());
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", "").writeTo(Files.createDirectories(dir.resolve("plugins")), "echo.jar");
    }

    @AfterEach
    void stop() {
        if (a != null) a.close();
        if (b != null) b.close();
        emulator.close();
        redis.close();
    }

    private BotServer daemon(String node) throws Exception {
        return new DaemonFixture(emulator, dir).start(dir.resolve(node), """
                webwx-bot.accounts { s1 {}, s2 {}, s3 {}, s4 {} }
                webwx-bot.cluster { redis = "%s", node = "%s", lease = 2s }
                """.formatted(redis.uri(), node));
    }

    @Test
    void twoDaemonsShareTheAccountsAndOneStoppingHandsItsAccountsToTheOtherWithoutAScan() throws Exception {
        a = daemon("a");
        b = daemon("b");
        ApiCalls apiA = ApiCalls.from(dir.resolve("a"));
        ApiCalls apiB = ApiCalls.from(dir.resolve("b"));

        int phone = 0;
        for (String id : IDS) {
            ApiCalls holder = Await.value(() -> waitingForScan(apiA, id).or(() -> waitingForScan(apiB, id)),
                    "account " + id + "'s QR code on one of the daemons", Duration.ofSeconds(20));
            ApiCalls other = holder == apiA ? apiB : apiA;
            assertEquals("ELSEWHERE", state(other, id), "the other daemon does not run " + id);
            assertEquals(409, other.post("/api/v1/accounts/" + id + "/login", "").statusCode(),
                    "and refuses to log it in");
            assertEquals(409, other.post("/api/v1/accounts/" + id + "/logout", "").statusCode(),
                    "or out (that would end the session the other daemon runs)");
            Account scanning = phones.get(phone++);
            phoneOf.put(id, scanning);
            DaemonFixture.logIn(holder, id, scanning);
        }
        long scans = qrCodesOffered();
        HttpResponse<String> answer = apiB.get("/api/v1/cluster");
        assertEquals(List.of(), OpenApiDocument.load().validate("GET", "/api/v1/cluster", answer.statusCode(),
                answer.headers().firstValue("Content-Type").orElse(""), answer.body()), "as the API document says");
        JsonNode cluster = apiB.json(answer);
        assertEquals("b", cluster.get("node").asText());
        assertEquals(2, cluster.get("nodes").size(), cluster.toString());
        for (JsonNode lease : cluster.get("accounts")) {
            String owner = lease.get("owner").asText();
            ApiCalls holder = owner.equals("a") ? apiA : apiB;
            assertEquals("ONLINE", state(holder, lease.get("account").asText()), "the owner runs it: " + cluster);
        }
        for (String id : IDS) friendOf.get(phoneOf.get(id)).sendText("one " + id);
        for (String id : IDS) awaitReplies(id, "re: one " + id);

        a.close(); // hands its accounts over after their drain
        a = null;
        for (String id : IDS) DaemonFixture.awaitState(apiB, id, "ONLINE");
        assertEquals(scans, qrCodesOffered(), "no account needed a new QR code");
        String metrics = apiB.get("/metrics").body();
        assertTrue(metrics.contains("webwx_cluster_accounts_held 4.0"), metrics);
        assertTrue(metrics.contains("webwx_account_state{account=\"s1\",state=\"ONLINE\"} 1.0"), metrics);

        for (String id : IDS) friendOf.get(phoneOf.get(id)).sendText("two " + id);
        for (String id : IDS) awaitReplies(id, "re: one " + id, "re: two " + id);
    }

    @Test
    void aDaemonCutOffFromRedisStopsItsAccountsBeforeTheirLeasesEndAndResumesThemWithoutAScanWhenRedisIsBack()
            throws Exception {
        a = daemon("a");
        ApiCalls api = ApiCalls.from(dir.resolve("a"));
        for (int i = 0; i < IDS.size(); i++) {
            phoneOf.put(IDS.get(i), phones.get(i));
            DaemonFixture.logIn(api, IDS.get(i), phones.get(i));
        }
        long scans = qrCodesOffered();
        // ONLINE comes before the first save of the session to Redis (saves are asynchronous): an account whose
        // session Redis never held would rightly need a new scan after the outage. Wait until Redis holds each one.
        for (String id : IDS) {
            Await.until(() -> api.json(api.get("/api/v1/cluster")).get("accounts").valueStream()
                    .anyMatch(lease -> lease.get("account").asText().equals(id) && lease.hasNonNull("stateSavedAt")),
                    "account " + id + "'s session saved in Redis", Duration.ofSeconds(10));
        }
        List<String> warnings;
        try (CapturedLogs logs = CapturedLogs.attach()) {
            // Redis answers nothing for longer than a lease: the daemon cannot know whether another took its accounts.
            redis.command("CLIENT", "PAUSE", "3000", "ALL");
            for (String id : IDS) {
                Await.until(() -> logs.at(Level.WARN).stream().anyMatch(line -> line.contains("lost account " + id + ":")),
                        "account " + id + " stopped while Redis is away", Duration.ofSeconds(10));
            }
            friendOf.get(phoneOf.get("s1")).sendText("while away");
            for (String id : IDS) DaemonFixture.awaitState(api, id, "ONLINE");
            logs.close();
            warnings = logs.at(Level.WARN);
        }
        assertEquals(scans, qrCodesOffered(), "back without a scan");
        assertEquals(1, warnings.stream().filter(line -> line.startsWith("Redis at ")).count(), "said once: " + warnings);
        assertTrue(warnings.stream().allMatch(line -> line.contains("Redis") || line.contains("lease")
                        || line.contains("no longer holds")),
                "only the loss of Redis and what follows from it is warned about: " + warnings);
        awaitReplies("s1", "re: while away");
        String metrics = api.get("/metrics").body();
        assertTrue(metrics.contains("webwx_cluster_leases_released_total{account=\"s1\",reason=\"lost\"} 1.0"), metrics);
        assertTrue(metrics.contains("webwx_cluster_leases_acquired_total{account=\"s1\"} 2.0"), metrics);
    }

    private Optional<ApiCalls> waitingForScan(ApiCalls api, String id) {
        try {
            JsonNode account = api.json(api.get("/api/v1/accounts/" + id));
            return account.hasNonNull("qrUrl") ? Optional.of(api) : Optional.empty();
        } catch (Exception e) {
            return Optional.empty();
        }
    }

    private static String state(ApiCalls api, String id) throws Exception {
        return api.json(api.get("/api/v1/accounts/" + id)).get("state").asText();
    }

    /** Waits until the account's phone saw exactly these replies, then checks no more came. */
    private void awaitReplies(String id, String... expected) {
        Account phone = phoneOf.get(id);
        Await.until(() -> sent(phone).size() >= expected.length, () -> id + " replies " + List.of(expected)
                + ", sent so far " + sent(phone), Duration.ofSeconds(30));
        assertEquals(List.of(expected), sent(phone), id + ": each message answered once");
    }

    private static List<String> sent(Account phone) {
        return phone.sentMessages().stream().map(SentMessage::content).toList();
    }

    /** Every QR code the emulator handed out (each login that needs a scan asks for one). */
    private long qrCodesOffered() {
        return emulator.recordedRequests().stream().filter(r -> r.path().endsWith("/jslogin")).count();
    }
}
