package dev.webwxbot.core;

import dev.webwxbot.testsupport.Await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Contact;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bot that comes back to a long backlog takes it in the server's rounds ({@code ContinueFlag}, PROTOCOL.md 11.4)
 * and hands each message over once, in order. Before the emulator spread a backlog over rounds, a fault soak whose
 * restarts were slow got one webwxsync answer above the client's 16 MB limit, and the session never moved again.
 */
class BacklogAfterRestartEndToEndTest {

    private static final int BACKLOG = 1_234;

    private final EmulatorWorld world = EmulatorWorld.start();
    private final PhoneLogin login = PhoneLogin.messagesOnly(world.account);
    private final Contact alice = world.account.addFriend("Alice");

    @AfterEach
    void close() {
        world.close();
    }

    @Test
    void aBacklogOfMoreThanOneRoundArrivesOnceAndInOrderAfterARestart(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.json");
        Session first = world.logIn(SessionOptions.defaults().withSessionFile(file), login);
        alice.sendText("before the restart");
        TextMessage before = login.next(TextMessage.class);
        assertEquals("before the restart", before.text());
        awaitSavedSessionMentions(file, before.msgId()); // else it is handed over again after the restart, rightly
        first.stop();

        for (int i = 1; i <= BACKLOG; i++) alice.sendText("backlog " + i);
        int syncsBefore = webwxsyncCount();
        Session second = world.client.newSession(SessionOptions.defaults().withSessionFile(file), login);
        second.start().get(20, TimeUnit.SECONDS);

        List<String> expected = new ArrayList<>();
        List<String> received = new ArrayList<>();
        for (int i = 1; i <= BACKLOG; i++) {
            expected.add("backlog " + i);
            received.add(login.next(TextMessage.class).text());
        }
        int firstDifference = 0;
        while (firstDifference < BACKLOG && expected.get(firstDifference).equals(received.get(firstDifference))) {
            firstDifference++;
        }
        int at = firstDifference;
        assertEquals(BACKLOG, at, () -> "first difference at message " + (at + 1) + ": "
                + received.subList(Math.max(0, at - 2), Math.min(BACKLOG, at + 3)));
        assertTrue(webwxsyncCount() - syncsBefore >= 3, "1,234 messages take three rounds of at most 500");
        alice.sendText("after the backlog");
        assertEquals("after the backlog", login.next(TextMessage.class).text(), "nothing was handed over twice");
        second.stop();
    }

    private static void awaitSavedSessionMentions(Path file, String msgId) {
        // The session file, or the changes appended to it since it was last written whole.
        Path changes = file.resolveSibling(file.getFileName() + ".changes");
        Await.until(() -> (Files.readString(file) + (Files.exists(changes) ? Files.readString(changes) : ""))
                .contains(msgId), "the saved session recording " + msgId);
    }

    private int webwxsyncCount() {
        return (int) world.emulator.recordedRequests().stream().filter(r -> r.path().endsWith("/webwxsync")).count();
    }
}
