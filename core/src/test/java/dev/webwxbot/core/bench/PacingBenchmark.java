package dev.webwxbot.core.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * End-to-end load tool: bursts of text sends through the public {@code Bot} API of a real session against the
 * emulator, measuring on the server's timestamps how fast sends actually arrived compared with the configured
 * limits. Not part of the normal build (the name does not end in Test); run it with
 *
 * <pre>
 * mvn -B -o -pl plugin-api,emulator,core test -Dtest=PacingBenchmark -Dsurefire.failIfNoSpecifiedTests=false
 * </pre>
 *
 * The table is printed and written to {@code core/target/pacing-benchmark.md}.
 */
class PacingBenchmark {

    private record Scenario(String name, int messages, int chats, SendLimits limits) {
    }

    private static final List<Scenario> SCENARIOS = List.of(
            new Scenario("global bucket binds: 5/s, burst 5, no gaps", 60, 4,
                    SendLimits.defaults().withGlobalRate(5 * 60, 5).withPerChatRate(100 * 60, 5)
                            .withGaps(Duration.ZERO, Duration.ZERO)),
            new Scenario("per-chat bucket binds: one chat at 20/s, burst 3", 200, 1,
                    SendLimits.defaults().withGlobalRate(1_000 * 60, 10).withPerChatRate(20 * 60, 3)
                            .withGaps(Duration.ZERO, Duration.ZERO)),
            new Scenario("fast limits of the e2e test: 150/s burst 10, chat 50/s burst 3, gaps 1-3 ms", 1_000, 4,
                    SendLimits.defaults().withGlobalRate(150 * 60, 10).withPerChatRate(50 * 60, 3)
                            .withGaps(Duration.ofMillis(1), Duration.ofMillis(3)).withMaxQueued(2_000)),
            new Scenario("defaults sped up 100x: 50/s burst 5, chat 100/s burst 3, gaps 10-30 ms", 500, 4,
                    SendLimits.defaults().withGlobalRate(30 * 100, 5).withPerChatRate(60 * 100, 3)
                            .withGaps(Duration.ofMillis(10), Duration.ofMillis(30))));

    @Test
    void measureAchievedPacingAgainstConfiguredLimits() throws Exception {
        StringBuilder table = new StringBuilder();
        table.append("| scenario | msgs | chats | configured global | achieved mean | busiest 1 s window "
                + "(bound burst+rate) | busiest chat 1 s window (bound) | wall time |\n");
        table.append("|---|---|---|---|---|---|---|---|\n");
        for (Scenario scenario : SCENARIOS) {
            table.append(run(scenario)).append('\n');
            System.out.println(table);
        }
        Path out = Path.of("target", "pacing-benchmark.md");
        Files.createDirectories(out.getParent());
        Files.writeString(out, table);
    }

    private static String run(Scenario scenario) throws Exception {
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).echoWebSentMessages(false).start();
             WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build();
             ExecutorService plugins = Executors.newVirtualThreadPerTaskExecutor()) {
            Account account = emulator.addAccount("Bot");
            List<dev.webwxbot.emulator.Contact> friends = new ArrayList<>();
            for (int i = 0; i < scenario.chats(); i++) friends.add(account.addFriend("Friend " + i));
            Session session = client.newSession(SessionOptions.defaults().withSendLimits(scenario.limits()),
                    loginAs(account));
            session.start().get(30, TimeUnit.SECONDS);
            List<Contact> chats = friends.stream()
                    .map(friend -> session.bot().contacts().byUserName(friend.userName()).orElseThrow()).toList();

            long began = System.nanoTime();
            List<CompletableFuture<SendReceipt>> receipts = new ArrayList<>();
            for (int i = 0; i < scenario.messages(); i++) {
                Contact chat = chats.get(i % chats.size());
                String text = "message " + i;
                // As plugins would: each reply from its own virtual thread, blocking in Bot.send.
                receipts.add(CompletableFuture.supplyAsync(() -> session.bot().sendText(chat, text), plugins));
            }
            CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(10, TimeUnit.MINUTES);
            double wall = (System.nanoTime() - began) / 1e9;
            receipts.forEach(r -> assertEquals(true, r.join().ok(), r.join().toString()));

            List<SentMessage> sent = account.sentMessages();
            List<Long> all = nanos(sent);
            double mean = (all.size() - 1) / ((all.getLast() - all.getFirst()) / 1e9);
            SendLimits limits = scenario.limits();
            double globalPerSecond = limits.globalPerMinute() / 60;
            double chatPerSecond = limits.perChatPerMinute() / 60;
            int busiest = busiestWindow(all, 1_000_000_000L);
            int busiestChat = 0;
            for (dev.webwxbot.emulator.Contact friend : friends) {
                busiestChat = Math.max(busiestChat, busiestWindow(
                        nanos(sent.stream().filter(m -> m.toUserName().equals(friend.userName())).toList()), 1_000_000_000L));
            }
            return String.format(Locale.ROOT, "| %s | %d | %d | %.0f/s | %.1f/s | %d (%.0f) | %d (%.0f) | %.1f s |",
                    scenario.name(), scenario.messages(), scenario.chats(), globalPerSecond, mean,
                    busiest, limits.globalBurst() + globalPerSecond, busiestChat, limits.perChatBurst() + chatPerSecond,
                    wall);
        }
    }

    private static SessionListener loginAs(Account account) {
        return new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                if (step instanceof LoginProgress.QrCode qr) Thread.startVirtualThread(() -> account.phone().scan(qr.uuid()));
                if (step instanceof LoginProgress.Scanned) Thread.startVirtualThread(() -> account.phone().confirm());
            }

            @Override
            public void onEvent(BotEvent event) {
            }
        };
    }

    private static List<Long> nanos(List<SentMessage> sent) {
        return sent.stream().map(SentMessage::time)
                .map(t -> t.getEpochSecond() * 1_000_000_000L + t.getNano()).sorted().toList();
    }

    /** The most arrivals inside any window of {@code width} nanoseconds. */
    private static int busiestWindow(List<Long> sorted, long width) {
        int best = 0;
        int start = 0;
        for (int end = 0; end < sorted.size(); end++) {
            while (sorted.get(end) - sorted.get(start) > width) start++;
            best = Math.max(best, end - start + 1);
        }
        return best;
    }
}
