package dev.webwxbot.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.core.chain.PluginStatus;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.PluginJar;
import dev.webwxbot.testsupport.RedisProcess;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Gateways and workers of one cluster on a real Redis and the emulator: the gateways hold the sessions and load no
 * plugin, the workers run the chain and answer through the gateways; a conversation's next message reaches the
 * worker waiting for it; a worker or a gateway that stops hands its accounts over, and nothing is answered twice.
 */
class GatewayWorkerEndToEndTest {

    private static final List<String> IDS = List.of("s1", "s2");

    @TempDir
    Path dir;

    private RedisProcess redis;
    private Emulator emulator;
    private final List<Account> phones = new ArrayList<>();
    private final List<Contact> friends = new ArrayList<>();
    private final List<BotServer> daemons = new ArrayList<>();
    private final Map<BotServer, DaemonRole> roles = new IdentityHashMap<>();

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        emulator = DaemonFixture.emulator();
        Map<Account, Contact> friendOf = DaemonFixture.phonesWithFriends(emulator, IDS.size());
        phones.addAll(friendOf.keySet());
        friends.addAll(friendOf.values());
        PluginJar.plugin("echo").handler("Echo", """
                if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return Outcome.CONTINUE;
                if (text.text().equals("name?")) {
                    String name = context.ask("your name?", java.time.Duration.ofSeconds(20)).orElse("nobody");
                    context.reply("hello " + name);
                    return Outcome.STOP;
                }
                context.reply("re: " + text.text());
                return Outcome.STOP;""", "").writeTo(Files.createDirectories(dir.resolve("plugins")), "echo.jar");
    }

    @AfterEach
    void stop() {
        // Gateways first: while their sessions drain, the workers still finish what came last (the echoes of the
        // last replies) and report it; a worker closed first would leave those journaled for the next start.
        daemons.stream().filter(daemon -> roles.get(daemon) == DaemonRole.GATEWAY).forEach(BotServer::close);
        daemons.stream().filter(daemon -> roles.get(daemon) == DaemonRole.WORKER).forEach(BotServer::close);
        emulator.close();
        redis.close();
    }

    private BotServer daemon(String node, DaemonRole role) throws Exception {
        BotServer daemon = new DaemonFixture(emulator, dir).start(dir.resolve(node), """
                webwx-bot.accounts { s1 {}, s2 {} }
                webwx-bot.cluster { redis = "%s", node = "%s", lease = 2s }
                """.formatted(redis.uri(), node), role);
        daemons.add(daemon);
        roles.put(daemon, role);
        return daemon;
    }

    @Test
    void aGatewayAndAWorkerAnswerEveryMessageOnceAndHoldAConversation() throws Exception {
        BotServer gateway = daemon("g1", DaemonRole.GATEWAY);
        BotServer worker = daemon("w1", DaemonRole.WORKER);
        ApiCalls api = ApiCalls.from(dir.resolve("g1"));
        for (int i = 0; i < IDS.size(); i++) DaemonFixture.logIn(api, IDS.get(i), phones.get(i));

        assertEquals(List.of(), gateway.plugins().list(), "a gateway loads no plugin");
        assertEquals(List.of("echo"), worker.plugins().list().stream().filter(p -> p.state() == PluginStatus.State.ACTIVE)
                .map(PluginStatus::id).toList());
        for (int i = 0; i < IDS.size(); i++) friends.get(i).sendText("one " + i);
        for (int i = 0; i < IDS.size(); i++) awaitReplies(i, "re: one " + i);

        friends.getFirst().sendText("name?");
        awaitReplies(0, "re: one 0", "your name?");
        friends.getFirst().sendText("Ada");
        awaitReplies(0, "re: one 0", "your name?", "hello Ada");

        ApiCalls workerApi = ApiCalls.from(dir.resolve("w1"));
        Await.until(() -> workerApi.get("/metrics").body().contains("webwx_stream_accounts_processed 2.0"),
                "the worker's metrics count its accounts", Duration.ofSeconds(10));
        Await.until(() -> api.get("/metrics").body().contains("webwx_stream_messages_waiting 0.0"),
                "nothing waits for a worker once the replies' echoes are finished too", Duration.ofSeconds(10));
        String metrics = workerApi.get("/metrics").body();
        assertTrue(metrics.lines().anyMatch(line -> line.startsWith("webwx_stream_events_finished_total ")
                && !line.endsWith(" 0.0")), "and what it finished: " + metrics.lines()
                .filter(line -> line.contains("stream")).toList());
    }

    @Test
    void aWorkerThatStopsHandsItsAccountsToAnotherAndNothingIsAnsweredTwice() throws Exception {
        daemon("g1", DaemonRole.GATEWAY);
        BotServer first = daemon("w1", DaemonRole.WORKER);
        ApiCalls api = ApiCalls.from(dir.resolve("g1"));
        for (int i = 0; i < IDS.size(); i++) DaemonFixture.logIn(api, IDS.get(i), phones.get(i));
        for (int i = 0; i < IDS.size(); i++) friends.get(i).sendText("one " + i);
        for (int i = 0; i < IDS.size(); i++) awaitReplies(i, "re: one " + i);

        daemon("w2", DaemonRole.WORKER);
        first.close(); // hands its accounts over once their running messages are finished
        daemons.remove(first);
        for (int i = 0; i < IDS.size(); i++) friends.get(i).sendText("two " + i);

        for (int i = 0; i < IDS.size(); i++) awaitReplies(i, "re: one " + i, "re: two " + i);
    }

    @Test
    void aGatewayThatStopsHandsItsSessionsToAnotherWithoutAScanAndTheWorkerAnswersOnce() throws Exception {
        BotServer first = daemon("g1", DaemonRole.GATEWAY);
        daemon("w1", DaemonRole.WORKER);
        ApiCalls api = ApiCalls.from(dir.resolve("g1"));
        for (int i = 0; i < IDS.size(); i++) DaemonFixture.logIn(api, IDS.get(i), phones.get(i));
        for (int i = 0; i < IDS.size(); i++) friends.get(i).sendText("one " + i);
        for (int i = 0; i < IDS.size(); i++) awaitReplies(i, "re: one " + i);
        long scans = qrCodesOffered();

        daemon("g2", DaemonRole.GATEWAY);
        first.close();
        daemons.remove(first);
        ApiCalls second = ApiCalls.from(dir.resolve("g2"));
        for (String id : IDS) DaemonFixture.awaitState(second, id, "ONLINE");
        for (int i = 0; i < IDS.size(); i++) friends.get(i).sendText("two " + i);

        for (int i = 0; i < IDS.size(); i++) awaitReplies(i, "re: one " + i, "re: two " + i);
        assertEquals(scans, qrCodesOffered(), "no account needed a new QR code");
    }

    @Test
    void aRoleWithoutAClusterIsRefusedAtStart() {
        IllegalArgumentException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> new DaemonFixture(emulator, dir).start(dir.resolve("lone"), "webwx-bot.accounts { s1 {} }",
                        DaemonRole.WORKER));
        assertTrue(refused.getMessage().startsWith("--role worker needs a cluster"), refused.getMessage());
    }

    /** Waits until the account's phone saw exactly these replies, then checks no more came. */
    private void awaitReplies(int account, String... expected) {
        Account phone = phones.get(account);
        Await.until(() -> sent(phone).size() >= expected.length, () -> IDS.get(account) + " replies " + List.of(expected)
                + ", sent so far " + sent(phone), Duration.ofSeconds(30));
        assertEquals(List.of(expected), sent(phone), IDS.get(account) + ": each message answered once");
    }

    private static List<String> sent(Account phone) {
        return phone.sentMessages().stream().map(SentMessage::content).toList();
    }

    private long qrCodesOffered() {
        return emulator.recordedRequests().stream().filter(r -> r.path().endsWith("/jslogin")).count();
    }
}
