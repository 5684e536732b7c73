package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.MemoryStateStorage;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.SessionStateStorage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A session whose state lives in a storage of the operator's ({@link SessionOptions#withStateStorage}), taken over
 * by another process after the first was killed, as a cluster's daemons do: the second resumes without a scan from
 * what the storage held at the kill, hands the message the first never finished to its handler once, never the one
 * it finished (the journal in the storage remembers its id), and the reply the first had already sent for the
 * unfinished one is not sent again (the outbox in the storage knows it).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SharedStateTakeoverEndToEndTest {

    private final CapturedLogs logs = CapturedLogs.attach();
    private Emulator emulator;
    private Account account;
    private Contact alice;
    private OnlineBot first;
    private OnlineBot second;

    @BeforeEach
    void startEmulator() {
        emulator = Emulator.builder().loginPollHold(Duration.ofMillis(300)).syncCheckHold(Duration.ofSeconds(1))
                .start();
        account = emulator.addAccount("Bot");
        alice = account.addFriend("Alice");
    }

    @AfterEach
    void tearDown() {
        if (second != null) second.close();
        if (first != null) first.close();
        emulator.close();
        logs.close();
    }

    /**
     * Answers every text with "re: <text>"; finishes the message, or (a process about to be killed in the middle of
     * it, with {@code hangOn}) never finishes the texts containing "unfinished".
     */
    private static final class Answering extends PhoneLogin {
        final List<String> handed = new CopyOnWriteArrayList<>();
        private final boolean hangOn;

        Answering(Account account, boolean hangOn) {
            super(account);
            this.hangOn = hangOn;
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            if (!(message instanceof TextMessage text) || text.envelope().fromSelf()) {
                return CompletableFuture.completedFuture(null); // not the bot's own replies coming back
            }
            handed.add(text.text());
            CompletableFuture<Void> handled = new CompletableFuture<>();
            Thread.startVirtualThread(() -> { // as plugins do: a send blocks, so never on a network thread
                SendReceipt receipt = bot.sendText(text.envelope().chat(), "re: " + text.text());
                if (!(receipt instanceof SendReceipt.Sent)) handled.completeExceptionally(new AssertionError(receipt));
                else if (!hangOn || !text.text().contains("unfinished")) handled.complete(null);
            });
            return handled;
        }
    }

    @Test
    void aProcessTakingTheStateOverResumesWithoutAScanAndFinishesWhatTheKilledOneLeftWithoutAnsweringTwice()
            throws Exception {
        MemoryStateStorage shared = new MemoryStateStorage();
        Answering killed = new Answering(account, true);
        first = new OnlineBot(emulator, options(shared), killed, SessionEngine.SAVE_INTERVAL);
        assertTrue(killed.progress.stream().anyMatch(p -> p instanceof LoginProgress.QrCode), "the first login scans");
        alice.sendText("finished before the kill");
        Await.until(() -> replies().equals(List.of("re: finished before the kill")), "the first reply");
        alice.sendText("unfinished at the kill");
        Await.until(() -> replies().equals(List.of("re: finished before the kill", "re: unfinished at the kill")),
                () -> "the first process's replies: " + replies());
        Await.until(() -> shared.log(SessionStateStorage.OUTBOX).stream().anyMatch(r -> r.contains("\"op\":\"sent\"")),
                "the reply settled in the stored outbox");

        MemoryStateStorage atKill = shared.crashCopy(); // what Redis holds when the daemon is killed
        first.close(); // whatever the "killed" process still writes on its way out is refused by the fence
        first = null;
        List<String> warnings = logs.atLeast(Level.WARN);
        assertTrue(warnings.stream().allMatch(line -> line.contains("no longer holds the account")),
                "refused writes are the only warnings: " + warnings);

        Answering taking = new Answering(account, false);
        second = new OnlineBot(emulator, options(atKill), taking, SessionEngine.SAVE_INTERVAL);
        assertTrue(taking.progress.stream().noneMatch(p -> p instanceof LoginProgress.QrCode), "resumed, no scan");
        Await.until(() -> taking.handed.equals(List.of("unfinished at the kill")),
                () -> "the unfinished message, once: " + taking.handed);

        alice.sendText("after the takeover");
        Await.until(() -> taking.handed.equals(List.of("unfinished at the kill", "after the takeover")),
                () -> "the next message, once: " + taking.handed);
        Await.until(() -> replies().size() == 3, () -> "the three replies: " + replies());
        assertEquals(List.of("re: finished before the kill", "re: unfinished at the kill", "re: after the takeover"),
                replies(), "the reply to the unfinished message was recognised as sent, not sent again");
        assertEquals(List.of("finished before the kill", "unfinished at the kill"), killed.handed);
    }

    private List<String> replies() {
        return account.sentMessages().stream().map(SentMessage::content).toList();
    }

    private static SessionOptions options(SessionStateStorage storage) {
        return SessionOptions.defaults().withStateStorage(storage);
    }
}
