package dev.webwxbot.cluster.stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.Identity;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ChatPaused;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.cluster.ClusterSettings;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import dev.webwxbot.testsupport.RedisProcess;
import io.lettuce.core.Limit;
import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.models.stream.PendingMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * A gateway and workers over a real {@code redis-server}: the gateway publishes an account's messages, a worker runs
 * them through its chain (here a function of the test) and answers through the gateway's bot.
 */
class GatewayWorkerTest {

    private static final String PREFIX = "t";
    private static final Duration LEASE = Duration.ofSeconds(3);
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    private RedisProcess redis;
    private final FakeGatewayBot gatewayBot = new FakeGatewayBot();
    private Gateway gateway;
    private final List<Worker> workers = new ArrayList<>();
    /** What each worker's chain was handed, as "worker: msgId". */
    private final List<String> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() throws Exception {
        redis = RedisProcess.start();
        redis.command("SADD", PREFIX + ":accounts", "alice"); // as the gateways' cluster membership lists it
        gateway = Gateway.start(redis.uri(), PREFIX, "g1", account -> Optional.of(gatewayBot), () -> Set.of("alice"));
    }

    @AfterEach
    void stop() {
        workers.forEach(Worker::close);
        if (gateway != null) gateway.close();
        if (redis != null) redis.close();
    }

    private static TextMessage text(String msgId, String text) {
        return new TextMessage(new Envelope(msgId, FakeGatewayBot.ALICE, FakeGatewayBot.ALICE,
                Instant.parse("2026-12-07T10:00:00Z"), false, false), text);
    }

    /** A worker whose chain runs {@code handler} on a virtual thread and reports one step named after the worker. */
    private Worker worker(String node, BiFunction<BotEvent, Bot, Integer> handler) {
        Worker worker = Worker.start(new ClusterSettings(redis.uri(), node, LEASE, PREFIX),
                (account, event, bot) -> CompletableFuture.supplyAsync(() -> {
                    if (event instanceof TextMessage message) handled.add(node + ": " + message.envelope().msgId());
                    int replies = handler.apply(event, bot);
                    return new DispatchTrace(event, Instant.now(), List.of(new DispatchTrace.Step(node, "Handler",
                            DispatchTrace.Result.CONTINUED, replies, Duration.ofMillis(1), "")), account);
                }, Executors.newVirtualThreadPerTaskExecutor()));
        workers.add(worker);
        if (workers.size() == 1) Await.until(() -> worker.held().contains("alice"), node + " processes alice", WAIT);
        return worker;
    }

    private DispatchTrace dispatched(MessageEvent event) throws Exception {
        return gateway.dispatch("alice", event, gatewayBot, Optional.empty()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void aMessageRunsOnceOnTheWorkerAndItsRepliesAreSentByTheGatewayWithTheirPlaces() throws Exception {
        List<SendReceipt> receipts = new CopyOnWriteArrayList<>();
        worker("w1", (event, bot) -> {
            TextMessage message = (TextMessage) event;
            receipts.add(bot.sendText(message.chat(), "echo " + message.text()));
            receipts.add(bot.sendText(message.chat(), "and again"));
            return 2;
        });

        DispatchTrace trace = dispatched(text("m1", "hi"));

        assertEquals(List.of("w1: m1"), handled);
        assertEquals("w1", trace.steps().getFirst().pluginId(), "the gateway's trace is the worker's");
        assertEquals(2, trace.steps().getFirst().replies());
        assertEquals(List.of("echo hi", "and again"), gatewayBot.sent.stream()
                .map(sent -> ((Outgoing.Text) sent.message()).text()).toList());
        assertEquals(List.of(0, 1), gatewayBot.sent.stream().map(FakeGatewayBot.Sent::answer).toList(),
                "each send carries its place among the message's answers");
        assertEquals(List.of("srv-1", "srv-2"), receipts.stream().map(r -> ((SendReceipt.Sent) r).msgId()).toList(),
                "the worker gets the gateway's receipts");
    }

    @Test
    void aMessagePublishedAgainAfterItFinishedIsReportedFinishedWithoutRunningAgain() throws Exception {
        worker("w1", (event, bot) -> 0);
        dispatched(text("m1", "hi"));

        DispatchTrace again = dispatched(text("m1", "hi")); // as a gateway that took the account over re-publishes

        assertEquals(List.of("w1: m1"), handled, "the chain saw it once");
        assertTrue(again.steps().isEmpty(), "the second report has no steps: nothing ran");
    }

    @Test
    void aCopyPublishedWhileTheFirstRunsIsAcknowledgedOnlyWithIt() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        worker("w1", (event, bot) -> {
            try {
                if (((TextMessage) event).envelope().msgId().equals("m1")) release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        });
        gateway.dispatch("alice", text("m1", "hi"), gatewayBot, Optional.empty());
        Await.until(() -> handled.equals(List.of("w1: m1")), () -> "m1 runs: " + handled, WAIT);
        // A replay while it runs (the handing-over the gateway now waits on), then another message: once that one is
        // finished, the worker has long taken the copy.
        CompletableFuture<DispatchTrace> replay = gateway.dispatch("alice", text("m1", "hi"), gatewayBot, Optional.empty());
        dispatched(text("m2", "next"));
        List<String> entries = streamEntries();

        // m1 and its copy stay pending while m1 runs: a worker dying now leaves both to the next one.
        try {
            Await.until(() -> pendingEntries().equals(entries.subList(0, 2)),
                    () -> "m1 and its copy pending, m2 not: " + pendingEntries() + " of " + entries, WAIT);
        } finally {
            release.countDown();
        }
        replay.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Await.until(() -> pendingEntries().isEmpty(), () -> "all acknowledged: " + pendingEntries(), WAIT);
        assertEquals(List.of("w1: m1", "w1: m2"), handled, "the chain saw m1 once");
    }

    private List<String> streamEntries() {
        try (StreamLink link = new StreamLink(redis.uri())) {
            return link.shared().sync().xrange(PREFIX + ":events:{alice}", Range.create("-", "+")).stream()
                    .map(StreamMessage::getId).toList();
        }
    }

    private List<String> pendingEntries() {
        try (StreamLink link = new StreamLink(redis.uri())) {
            return link.shared().sync().xpending(PREFIX + ":events:{alice}", StreamKeys.WORKERS,
                    Range.create("-", "+"), Limit.from(10)).stream().map(PendingMessage::getId).toList();
        }
    }

    @Test
    void anotherEventAboutAFinishedMessageStillRunsAndItsSendsAreNotTakenForTheMessagesAnswers() throws Exception {
        worker("w1", (event, bot) -> {
            bot.sendText(FakeGatewayBot.ALICE, "seen " + ((TextMessage) event).text());
            return 1;
        });
        TextMessage received = text("m1", "hi");
        DispatchTrace first = gateway.dispatch("alice", received, gatewayBot, Optional.empty())
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        // As the daemon raises a revoked message recovered from the store: an event about m1, with m1's bot.
        DispatchTrace second = gateway.publish("alice", text("m1", "withdrawn"), gatewayBot)
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(List.of("w1: m1", "w1: m1"), handled, "both ran");
        assertEquals(1, first.steps().size());
        assertEquals(1, second.steps().size());
        assertEquals(List.of(0, -1), gatewayBot.sent.stream().map(FakeGatewayBot.Sent::answer).toList(),
                "only the received message's sends are numbered answers; the other's go on with the bot's own count");
    }

    @Test
    void aChatsPauseTravelsWithItsMessageAndTheNewestWordHolds() throws Exception {
        java.util.concurrent.atomic.AtomicReference<Worker> self = new java.util.concurrent.atomic.AtomicReference<>();
        List<Optional<PausedChat>> seen = new CopyOnWriteArrayList<>();
        self.set(worker("w1", (event, bot) -> {
            seen.add(self.get().pauses("alice").paused("@alice"));
            return 0;
        }));
        PausedChat paused = new PausedChat(FakeGatewayBot.ALICE, ChatPaused.Cause.OWNER_WROTE,
                Instant.parse("2026-12-07T10:00:00Z"), Optional.empty(), "the owner wrote in Alice");

        gateway.dispatch("alice", text("m1", "while paused"), gatewayBot, Optional.of(paused))
                .get(WAIT.toSeconds(), TimeUnit.SECONDS);
        gateway.dispatch("alice", text("m2", "resumed"), gatewayBot, Optional.empty()).get(WAIT.toSeconds(), TimeUnit.SECONDS);

        assertEquals(List.of(Optional.of(paused), Optional.empty()), seen);
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> self.get().pauses("alice").pause(FakeGatewayBot.ALICE, Optional.empty()));
        assertTrue(refused.getMessage().contains("on the gateway"), refused.getMessage());
    }

    @Test
    void aSendRefusedBecauseTheSessionStoppedGoesOutWithTheMessagesNextHandingOver() throws Exception {
        List<SendReceipt> receipts = new CopyOnWriteArrayList<>();
        worker("w1", (event, bot) -> {
            receipts.add(bot.sendText(((TextMessage) event).chat(), "re: " + ((TextMessage) event).text()));
            return 1;
        });
        // The session the message came in on has stopped (its lease was lost): its bot refuses every send.
        FakeGatewayBot stopped = new FakeGatewayBot() {
            @Override
            public SendReceipt send(Contact chat, Outgoing message) {
                super.send(chat, message);
                return new SendReceipt.Failed(dev.webwxbot.api.FailureReason.LOGGED_OUT, 0, "the session stopped");
            }
        };
        CompletableFuture<DispatchTrace> first = gateway.dispatch("alice", text("m1", "hi"), stopped, Optional.empty());
        Await.until(() -> !stopped.sent.isEmpty(), "the stopped session was asked to send", WAIT);

        // The account's next session (here, after taking the lease again) hands the message over again.
        DispatchTrace again = dispatched(text("m1", "hi"));

        assertEquals(List.of("w1: m1"), handled, "the chain ran once");
        assertEquals(List.of("re: hi"), gatewayBot.sent.stream().map(sent -> ((Outgoing.Text) sent.message()).text())
                .toList(), "the answer went out with the new session's bot");
        assertEquals(0, gatewayBot.sent.getFirst().answer(), "as the message's first answer");
        assertInstanceOf(SendReceipt.Sent.class, receipts.getFirst(), "and the worker got its receipt");
        assertEquals(1, again.steps().size());
        assertFalse(first.isDone(), "the stopped session's handing-over never finishes: its journal is the old one");
    }

    @Test
    void eventsWaitInTheStreamUntilAWorkerComesAndTheLagSaysSo() throws Exception {
        CompletableFuture<DispatchTrace> pending = gateway.dispatch("alice", text("m1", "hi"), gatewayBot, Optional.empty());
        Await.until(() -> StreamLag.read(redis.uri(), PREFIX).equals(List.of(new StreamLag("alice", 1, 0))),
                "one event waits", WAIT);
        assertFalse(pending.isDone());

        worker("w1", (event, bot) -> 0);

        pending.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        Await.until(() -> StreamLag.read(redis.uri(), PREFIX).equals(List.of(new StreamLag("alice", 0, 0))),
                "nothing waits once the worker finished it and the gateway heard so", WAIT);
    }

    @Test
    void anEventRedisCouldNotTakeIsPublishedAgainOnceItCanAndRunsOnce() throws Exception {
        worker("w1", (event, bot) -> 0);
        gateway.close(); // this test's gateway gives up on a call after 300 ms, so that a short pause is an outage
        gateway = Gateway.start(new StreamLink(redis.uri(), Duration.ofMillis(300)), PREFIX, "g1",
                account -> Optional.of(gatewayBot), () -> Set.of("alice"));
        Logger gatewayLog = (Logger) LoggerFactory.getLogger(Gateway.class);
        gatewayLog.setLevel(Level.INFO); // for the line saying the retry went through
        try (CapturedLogs logs = CapturedLogs.attach()) {
            logs.expect(Level.WARN, "gateway: publishing an event to Redis failed, retrying every second: .*")
                    // The gateway's command reader may notice the outage too, and says so once.
                    .allow(Level.WARN, "gateway-commands: reading from Redis failed, retrying: .*");
            redis.command("CLIENT", "PAUSE", "1500", "WRITE"); // Redis takes no write for 1.5 s

            DispatchTrace trace = dispatched(text("m1", "during the pause"));

            assertEquals(1, trace.steps().size());
            // The XADD that timed out may still have been carried out once the pause ended: the retry then adds the
            // event a second time, which the worker only reports again.
            Await.until(() -> logs.at(Level.INFO).contains("gateway: publishing events to Redis again"),
                    "the retry went through", WAIT);
            Await.until(() -> StreamLag.read(redis.uri(), PREFIX).equals(List.of(new StreamLag("alice", 0, 0))),
                    "every copy taken and reported", WAIT);
            assertEquals(List.of("w1: m1"), handled, "handed to the chain once");
            assertEquals(1, logs.at(Level.WARN).stream().filter(line -> line.startsWith("gateway: publishing")).count(),
                    "said once: " + logs.at(Level.WARN));
        } finally {
            gatewayLog.setLevel(null);
        }
    }

    @Test
    void aSecondWorkerStartsWhereTheFirstHandedOver() throws Exception {
        Worker first = worker("w1", (event, bot) -> 0);
        dispatched(text("m1", "one"));
        first.close();
        workers.remove(first);

        worker("w2", (event, bot) -> 0);
        dispatched(text("m2", "two"));

        assertEquals(List.of("w1: m1", "w2: m2"), handled);
    }

    @Test
    void aWorkerStartedLaterTakesItsShareOfTheAccounts() throws Exception {
        Set<String> accounts = new java.util.TreeSet<>(Set.of("alice"));
        for (int i = 0; i < 9; i++) accounts.add("acc" + i);
        for (String account : accounts) redis.command("SADD", PREFIX + ":accounts", account);
        Worker first = worker("w1", (event, bot) -> 0);
        Await.until(() -> first.held().equals(accounts), () -> "w1 takes all: " + first.held(), WAIT);

        Worker second = worker("w2", (event, bot) -> 0);

        Await.until(() -> !second.held().isEmpty() && first.held().size() + second.held().size() == accounts.size()
                && java.util.Collections.disjoint(first.held(), second.held()),
                () -> "shared: w1 " + first.held() + ", w2 " + second.held(), WAIT);
        dispatched(text("m1", "still answered")); // by whichever processes alice now
        assertEquals(1, handled.size(), handled.toString());
    }

    @Test
    void filesTravelAsBytesBothWays() throws Exception {
        Path picture = Files.write(dir.resolve("cat.png"), new byte[] {(byte) 0x89, 'P', 'N', 'G', 1, 2, 3});
        Path downloads = dir.resolve("downloads");
        List<Result<Path>> downloaded = new CopyOnWriteArrayList<>();
        worker("w1", (event, bot) -> {
            downloaded.add(bot.download((ImageMessage) event, downloads));
            bot.send(((ImageMessage) event).chat(), new Outgoing.Image(picture));
            return 1;
        });
        ImageMessage image = new ImageMessage(new Envelope("m9", FakeGatewayBot.ALICE, FakeGatewayBot.ALICE,
                Instant.parse("2026-12-07T10:00:00Z"), false, false), 640, 480, "md5", 7, 0);

        dispatched(image);

        FakeGatewayBot.Sent sent = gatewayBot.sent.getFirst();
        assertArrayEquals(Files.readAllBytes(picture), sent.file(), "the gateway sent the worker's file's bytes");
        assertEquals("cat.png", sent.fileName());
        Result.Ok<Path> ok = assertInstanceOf(Result.Ok.class, downloaded.getFirst());
        assertEquals(downloads.resolve("m9.jpg"), ok.value(), "the download lands in the worker's folder");
        assertArrayEquals(FakeGatewayBot.DOWNLOADED, Files.readAllBytes(ok.value()));
    }

    @Test
    void contactsAccountOperationsAndHistoryAreAnsweredByTheGateway() throws Exception {
        Map<String, Object> seen = new java.util.concurrent.ConcurrentHashMap<>();
        worker("w1", (event, bot) -> {
            seen.put("self", bot.self());
            seen.put("find", bot.contacts().find("Ali"));
            seen.put("byUserName", bot.contacts().byUserName("@@group"));
            seen.put("members", bot.contacts().members(FakeGatewayBot.GROUP));
            seen.put("identity", bot.contacts().identity(FakeGatewayBot.ALICE));
            seen.put("rename", bot.account().renameGroup(FakeGatewayBot.GROUP, "New name"));
            seen.put("create", bot.account().createGroup("Fresh", List.of(FakeGatewayBot.ALICE)));
            seen.put("history", bot.history().latest(FakeGatewayBot.ALICE, 5));
            seen.put("revoke", bot.revoke(new SendReceipt.Sent("srv-0", "l", "@alice", SendReceipt.Delivery.ANSWERED, 1, "")));
            return 0;
        });

        dispatched(text("m1", "hi"));

        Bot local = gatewayBot;
        assertEquals(FakeGatewayBot.SELF, seen.get("self"));
        assertEquals(List.of(FakeGatewayBot.ALICE), seen.get("find"));
        assertEquals(Optional.of(FakeGatewayBot.GROUP), seen.get("byUserName"));
        assertEquals(local.contacts().members(FakeGatewayBot.GROUP), seen.get("members"));
        assertEquals(Optional.of(new Identity(Identity.Kind.WXID, "wxid_alice")), seen.get("identity"));
        assertEquals(Result.done(), seen.get("rename"));
        assertEquals(List.of("@@group -> New name"), gatewayBot.renamed);
        Result.Ok<?> created = assertInstanceOf(Result.Ok.class, seen.get("create"));
        assertEquals("Fresh", ((Contact) created.value()).nickName());
        assertEquals(local.history().latest(FakeGatewayBot.ALICE, 5), seen.get("history"));
        assertEquals(local.revoke(new SendReceipt.Sent("srv-0", "l", "@alice", SendReceipt.Delivery.ANSWERED, 1, "")),
                seen.get("revoke"), "a failed result comes back as the gateway's");
    }

    @Test
    void aCallOutsideThePluginApiIsRefused() {
        Call forged = new Call("x-1", "w1", "", -1, "Bot", "contacts", List.of(), "", "");
        Answer answer = CallRunner.run(forged, gatewayBot);
        assertTrue(answer.failed());
        assertTrue(answer.error().startsWith("no such call"), answer.error());

        Answer runtime = CallRunner.run(new Call("x-2", "w1", "", -1, "java.lang.Runtime", "exec",
                List.of("\"sh\""), "", ""), gatewayBot);
        assertTrue(runtime.failed());
    }
}
