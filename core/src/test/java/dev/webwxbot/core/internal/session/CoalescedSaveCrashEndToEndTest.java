package dev.webwxbot.core.internal.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.core.internal.protocol.SyncKey;
import dev.webwxbot.core.internal.store.FileSessionStore;
import dev.webwxbot.core.internal.store.SessionSnapshot;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
import org.junit.jupiter.api.io.TempDir;

/**
 * The session file is saved at most once a second, so a crash can come after a sync whose save was still held
 * back: the files then hold an older sync position than the session had reached. Nothing is lost and nothing is
 * handed over twice, because the inbound journal took every message in, durably, before the cursor moved past it:
 * the next start asks the server from the older position, the server delivers those messages again, and the ids
 * the journal remembers (finished or not) mark them as repeats; the unfinished ones come from the journal, once.
 * The crash is what {@code kill -9} leaves: the data folder as it is at that instant, copied while the session
 * runs (appended lines are in the operating system's cache; the held-back save was never made).
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class CoalescedSaveCrashEndToEndTest {

    /** Long enough that every save after the login's first is held back for the whole test. */
    private static final Duration HELD_BACK = Duration.ofHours(1);

    @TempDir
    Path dir;
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

    /** Records the text of each message it is handed; finishes them, or never does (a handler still at work). */
    private static final class Handler extends PhoneLogin {
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<String> msgIds = new CopyOnWriteArrayList<>();
        private final boolean finish;

        Handler(Account account, boolean finish) {
            super(account);
            this.finish = finish;
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            if (message instanceof TextMessage text) {
                msgIds.add(text.msgId());
                texts.add(text.text());
            }
            return finish ? CompletableFuture.completedFuture(null) : new CompletableFuture<>();
        }
    }

    @Test
    void aCrashAfterAHandledMessageWhoseSaveWasHeldBackHandsItToNoHandlerAgain() throws Exception {
        Path crashed = crashAfter("handled before the crash", true);

        assertEquals(List.of("after the restart"), handledAfterRestartFrom(crashed),
                "the server delivered the handled message again (older position); it was recognised as a repeat");
    }

    @Test
    void aCrashWhileAMessageWasBeingHandledHandsItOverOnceMoreFromTheJournalNotTwice() throws Exception {
        Path crashed = crashAfter("unfinished at the crash", false);

        assertEquals(List.of("unfinished at the crash", "after the restart"), handledAfterRestartFrom(crashed),
                "the unfinished message once, from the journal; the server's repeat of it dropped");
    }

    /**
     * Logs in with saves held back, lets {@code text} arrive and be taken in (and handled, with {@code finish}),
     * then copies the data folder as a crash would leave it and checks the save after that sync was held back.
     */
    private Path crashAfter(String text, boolean finish) throws Exception {
        Path live = dir.resolve("live");
        Handler before = new Handler(account, finish);
        first = new OnlineBot(emulator, options(live), before, HELD_BACK);
        Await.until(() -> Files.exists(live.resolve("session.json")), "the login's save, made at once");
        alice.sendText(text);
        Await.until(() -> before.texts.equals(List.of(text)), "the message handed to the handler");
        String msgId = before.msgIds.getFirst();
        Path journal = live.resolve("inbox.journal");
        if (finish) {
            Await.until(() -> Files.readString(journal).contains("{\"op\":\"done\",\"id\":\"" + msgId + "\"}"),
                    "the message finished in the journal");
        }
        // The loop polls again only after the sync that brought the message moved the cursor and asked for a save,
        // which the interval holds back.
        int seen = emulator.recordedRequests().size();
        Await.until(() -> emulator.recordedRequests().stream().skip(seen).anyMatch(r -> r.path().endsWith("/synccheck")),
                "the poll after the message's sync");

        Path crashed = dir.resolve("crashed");
        Files.createDirectories(crashed);
        try (var files = Files.list(live)) {
            for (Path file : files.toList()) {
                Files.copy(file, crashed.resolve(file.getFileName()), StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
        first.close(); // its stop writes the held-back save, into the live folder only
        first = null;

        FileSessionStore saved = new FileSessionStore(crashed.resolve("session.json"));
        SessionSnapshot atCrash = saved.load().orElseThrow();
        saved.close();
        assertFalse(atCrash.recentMsgIds().contains(msgId), "the save after the message's sync was held back");
        assertTrue(Files.readString(crashed.resolve("inbox.journal")).contains(msgId), "but the journal had it");
        crashedSyncKey = atCrash.syncKey();
        return crashed;
    }

    private SyncKey crashedSyncKey;

    /**
     * Resumes from the crashed folder, has Alice send one more message, and returns the texts handed over until it
     * arrived.
     */
    private List<String> handledAfterRestartFrom(Path crashed) throws Exception {
        Handler after = restartFrom(crashed);
        alice.sendText("after the restart");
        Await.until(() -> after.texts.contains("after the restart"), "the message sent after the restart");
        return List.copyOf(after.texts);
    }

    /** A new session resuming from the crashed folder; checks it asked the server from the older position. */
    private Handler restartFrom(Path crashed) throws Exception {
        int requestsBefore = emulator.recordedRequests().size();
        Handler after = new Handler(account, true);
        second = new OnlineBot(emulator, options(crashed), after, SessionEngine.SAVE_INTERVAL);
        assertTrue(after.progress.stream().noneMatch(p -> p instanceof LoginProgress.QrCode), "resumed, no scan");
        RecordedRequest firstSync = Await.value(() -> emulator.recordedRequests().stream().skip(requestsBefore)
                        .filter(r -> r.path().endsWith("/webwxsync")).findFirst(),
                "the restarted session's first webwxsync", Duration.ofSeconds(20));
        assertEquals(crashedSyncKey, SyncKey.fromJson(Json.parse(firstSync.body()).get("SyncKey")),
                "it asked from the position saved before the message, so the server delivered that again");
        return after;
    }

    private static SessionOptions options(Path folder) {
        return SessionOptions.defaults().withSessionFile(folder.resolve("session.json")).withJournalDirectory(folder);
    }
}
