package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.core.SendLimits;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SendRateLimit;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.emulator.ThrottledSend;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The governor in the real client against the emulator: what reaches the server is checked on the server's own
 * timestamps, with sliding windows, never by timing the client.
 */
class SendGovernorEndToEndTest {

    /**
     * Requests started in order may reach the server closer together than they left (scheduling and network
     * jitter on a loaded machine); the windows are widened by this much.
     */
    private static final double JITTER_SECONDS = 0.1;

    @Test
    void aBurstOfAThousandRepliesNeverReachesTheServerFasterThanTheLimits() throws Exception {
        // 150 a second in all (bursts of 10), 50 a second per chat (bursts of 3), gaps of 1-3 ms.
        SendLimits limits = SendLimits.defaults().withGlobalRate(150 * 60, 10).withPerChatRate(50 * 60, 3)
                .withGaps(Duration.ofMillis(1), Duration.ofMillis(3)).withMaxQueued(2_000);
        try (Emulator emulator = Emulator.builder().loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).echoWebSentMessages(false).start()) {
            Account account = emulator.addAccount("Bot");
            List<dev.webwxbot.emulator.Contact> friends = List.of(account.addFriend("Alice"), account.addFriend("Bob"),
                    account.addFriend("Carol"), account.addFriend("Dave"));
            List<String> chats;
            try (OnlineBot online = new OnlineBot(emulator, account, SessionOptions.defaults().withSendLimits(limits))) {
                chats = friends.stream().map(dev.webwxbot.emulator.Contact::userName).toList();
                List<CompletableFuture<SendReceipt>> receipts = new ArrayList<>();
                for (int i = 0; i < 1_000; i++) {
                    String chat = chats.get(i % chats.size());
                    receipts.add(online.bot().sendAsync(online.contact(chat), Outgoing.text(chat + " #" + i)));
                }
                CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(120, TimeUnit.SECONDS);
                receipts.forEach(receipt -> assertTrue(receipt.join().ok(), receipt.join().toString()));
            }
            List<SentMessage> sent = account.sentMessages();
            assertEquals(1_000, sent.size());
            assertWithinRate(sent.stream().map(SentMessage::time).toList(), 150, 10);
            for (String chat : chats) {
                List<SentMessage> toChat = sent.stream().filter(m -> m.toUserName().equals(chat)).toList();
                assertWithinRate(toChat.stream().map(SentMessage::time).toList(), 50, 3);
                assertInOrder(chat, toChat);
            }
        }
    }

    @Test
    void whenTheServerThrottlesTheGovernorBacksOffAndEveryMessageArrivesOnceInOrder() throws Exception {
        // The client would send 100 a second; the server takes 20 a second and answers the rest with 1205.
        Duration backoffBase = Duration.ofMillis(300);
        SendLimits limits = SendLimits.defaults().withGlobalRate(100 * 60, 10).withPerChatRate(100 * 60, 5)
                .withGaps(Duration.ZERO, Duration.ofMillis(2))
                .withRetries(50, backoffBase, Duration.ofSeconds(2))
                .withSlowdown(0.5, 0.1, Duration.ofSeconds(1));
        try (CapturedLogs logs = CapturedLogs.attach().expect(Level.WARN, "webwxsendmsg answered 1205 \\(sending too "
                + "fast\\): all sends pause for \\d+ ms at \\d+% of the configured rate; retry \\d+ of 50");
             Emulator emulator = Emulator.builder().loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).echoWebSentMessages(false)
                .sendRateLimit(SendRateLimit.perAccount(10, Duration.ofMillis(500))).start()) {
            Account account = emulator.addAccount("Bot");
            List<dev.webwxbot.emulator.Contact> friends = List.of(account.addFriend("Alice"), account.addFriend("Bob"),
                    account.addFriend("Carol"));
            List<String> chats;
            try (OnlineBot online = new OnlineBot(emulator, account, SessionOptions.defaults().withSendLimits(limits))) {
                chats = friends.stream().map(dev.webwxbot.emulator.Contact::userName).toList();
                List<CompletableFuture<SendReceipt>> receipts = new ArrayList<>();
                for (int i = 0; i < 150; i++) {
                    String chat = chats.get(i % chats.size());
                    receipts.add(online.bot().sendAsync(online.contact(chat), Outgoing.text(chat + " #" + i)));
                }
                CompletableFuture.allOf(receipts.toArray(CompletableFuture[]::new)).get(180, TimeUnit.SECONDS);
                receipts.forEach(receipt -> assertTrue(receipt.join().ok(), receipt.join().toString()));
            }
            List<SentMessage> sent = account.sentMessages();
            List<ThrottledSend> refused = account.throttledSends();
            assertFalse(refused.isEmpty(), "the server did throttle");
            assertEquals(150, sent.size(), "every message arrived exactly once");
            for (String chat : chats) {
                assertInOrder(chat, sent.stream().filter(m -> m.toUserName().equals(chat)).toList());
            }
            // The retry of a refused send starts only after the client has read the 1205 and paused at least
            // half the back-off base, so the chat's next attempt reaches the server no sooner than that.
            for (ThrottledSend refusal : refused) {
                Instant next = firstAttemptAfter(refusal.toUserName(), refusal.time(), sent, refused);
                assertTrue(next == null || !next.isBefore(refusal.time().plus(backoffBase.dividedBy(2))),
                        "after a 1205 at " + refusal.time() + " the chat tried again at " + next);
            }
        }
    }

    @Test
    void aTooFrequentSystemNoticeSlowsTheGovernorDownButOrdinaryNoticesDoNot() throws Exception {
        SendLimits limits = SendLimits.defaults().withSlowdown(0.5, 0.1, Duration.ofMinutes(10));
        try (CapturedLogs logs = CapturedLogs.attach().expect(Level.WARN,
                "a 'too frequent' notice arrived; all sends pause for \\d+ ms at 50% of the configured rate");
             Emulator emulator = Emulator.builder().loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).start()) {
            Account account = emulator.addAccount("Bot");
            dev.webwxbot.emulator.Contact alice = account.addFriend("Alice");
            try (OnlineBot online = new OnlineBot(emulator, account, SessionOptions.defaults().withSendLimits(limits))) {
                account.systemNotice(alice, "你已添加了Alice，现在可以开始聊天了。");
                awaitEvent(online, dev.webwxbot.api.event.SystemNotice.class);
                assertEquals(1.0, online.engine.governor().rateFraction(), "an ordinary notice changes nothing");

                account.systemNotice(alice, "操作太频繁，请稍后再试。");
                awaitEvent(online, dev.webwxbot.api.event.SystemNotice.class);
                assertEquals(0.5, online.engine.governor().rateFraction());
            }
        }
    }

    private static void awaitEvent(OnlineBot online, Class<?> kind) throws InterruptedException {
        for (Object event; (event = online.events.poll(10, TimeUnit.SECONDS)) != null; ) {
            if (kind.isInstance(event)) return;
        }
        throw new AssertionError("no " + kind.getSimpleName() + " arrived");
    }

    private static Instant firstAttemptAfter(String chat, Instant after, List<SentMessage> sent, List<ThrottledSend> refused) {
        List<Instant> attempts = new ArrayList<>();
        sent.stream().filter(m -> m.toUserName().equals(chat)).forEach(m -> attempts.add(m.time()));
        refused.stream().filter(r -> r.toUserName().equals(chat)).forEach(r -> attempts.add(r.time()));
        return attempts.stream().filter(time -> time.isAfter(after)).min(Instant::compareTo).orElse(null);
    }

    /** Messages to one chat arrive in the order they were made: their numbers rise. */
    private static void assertInOrder(String chat, List<SentMessage> toChat) {
        List<Integer> numbers = toChat.stream().map(m -> Integer.parseInt(m.content().substring(m.content().indexOf('#') + 1))).toList();
        List<Integer> sorted = numbers.stream().sorted().toList();
        assertEquals(sorted, numbers, "order of the messages to " + chat);
        assertEquals(numbers.stream().distinct().count(), numbers.size(), "no message to " + chat + " twice");
    }

    /** Every window [t_i, t_j] holds at most burst + rate × (length + jitter) arrivals. */
    private static void assertWithinRate(List<Instant> arrivals, double perSecond, int burst) {
        List<Long> nanos = arrivals.stream().map(t -> t.getEpochSecond() * 1_000_000_000L + t.getNano()).sorted().toList();
        int j = 0;
        for (int i = 0; i < nanos.size(); i++) {
            // For each start i, the largest window it begins is the one that matters; scan all ends incrementally.
            for (j = Math.max(j, i); j < nanos.size(); j++) {
                double span = (nanos.get(j) - nanos.get(i)) / 1e9;
                int count = j - i + 1;
                if (count > burst + perSecond * (span + JITTER_SECONDS)) {
                    throw new AssertionError(count + " sends reached the server within " + span + " s; the limit is "
                            + perSecond + "/s with bursts of " + burst);
                }
            }
            j = i;
        }
    }
}
