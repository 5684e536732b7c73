package dev.webwxbot.launcher.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The emulator console on JLine's dumb terminal with typed lines as input, against a real emulator: each command's
 * effect is read back through the emulator's own API (conversations, contacts, sessions).
 */
class EmulatorConsoleTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Emulator emulator;
    private Account bot;
    private Contact alice;
    private Contact bob;
    private Contact hikers;
    private final ByteArrayOutputStream screen = new ByteArrayOutputStream();

    @BeforeEach
    void world() {
        emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500))
                .syncCheckHold(Duration.ofSeconds(1)).start();
        bot = emulator.addAccount("Bot");
        alice = bot.addFriend("Alice");
        bob = bot.addFriend("Bob");
        hikers = bot.addGroup("Weekend hikers", alice, bob);
    }

    @AfterEach
    void close() {
        emulator.close();
    }

    @Test
    void friendLineMakesTheFriendWriteToTheAccount() throws Exception {
        String out = runScript("Alice: hello there");
        assertEquals(List.of("Alice → Bot: hello there"), lines(bot));
        assertTrue(out.contains("[console] Alice wrote MsgId "), out);
    }

    @Test
    void groupLineWithAtMeMentionsTheAccountInTheGroup() throws Exception {
        runScript("@Weekend hikers/Bob: @me hi", "@weekend hikers/alice: ask @me later");
        assertEquals(List.of("Bob → Weekend hikers: @Bot\u2005hi", "Alice → Weekend hikers: ask @Bot\u2005later"),
                lines(bot));
    }

    @Test
    void revokeLastWithdrawsTheLastMessageSentFromTheConsole() throws Exception {
        String out = runScript("Alice: oops", "revoke LAST", "revoke LAST");
        assertEquals(List.of("Alice → Bot: oops", "Alice → Bot: \"Alice\" 撤回了一条消息"), lines(bot));
        assertTrue(out.contains("[console] nothing sent from here to revoke"), out);
    }

    @Test
    void revokeByMsgIdWithdrawsThatMessage() throws Exception {
        SentLog log = new SentLog();
        String first = alice.send(dev.webwxbot.emulator.MessageBody.text("first"));
        log.add(alice, java.util.Optional.empty(), first);
        runScript(log, "Bob: second", "revoke " + first);
        assertEquals(List.of("Alice → Bot: first", "Bob → Bot: second", "Alice → Bot: \"Alice\" 撤回了一条消息"), lines(bot));
    }

    @Test
    void requestMakesAStrangerAskToBeAdded() throws Exception {
        String out = runScript("request Carol hello, it's Carol");
        Contact carol = bot.contacts().stream().filter(c -> c.nickName().equals("Carol")).findFirst().orElseThrow();
        assertEquals(ContactKind.STRANGER, carol.kind());
        assertTrue(out.contains("[console] Carol (" + carol.wxid() + ") asks Bot (uin " + bot.uin() + ")"), out);
    }

    @Test
    void withSeveralAccountsAnAmbiguousNameAsksForTheAccount() throws Exception {
        Account other = emulator.addAccount("Other");
        other.addFriend("Alice");
        String out = runScript("Alice: hi", "Other/Alice: hi from the other", "request Dave hi", "Other/Bob: hi");
        assertTrue(out.contains("\"Alice\" is ambiguous"), out);
        assertTrue(out.contains("several accounts: say which"), out);
        assertTrue(out.contains("no contact \"Bob\""), out);
        assertEquals(List.of(), lines(bot));
        assertEquals(List.of("Alice → Other: hi from the other"), lines(other));
    }

    @Test
    void namesPrintCleanedForTheTerminal() throws Exception {
        bot.addFriend("Eve\u001b]0;owned\u0007");
        String out = runScript("accounts");
        assertTrue(out.contains("friend   Eve\uFFFD]0;owned\uFFFD  id wxid_"), out);
        assertFalse(out.contains("\u001b]"), out);
    }

    @Test
    void loginAndLogoutDriveThePhone() throws Exception {
        Keyboard keyboard = new Keyboard();
        CompletableFuture<Void> console = start(keyboard, new SentLog());
        try (WebWxClient client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build()) {
            Session session = client.newSession(SessionOptions.defaults(), new SessionListener() {
            });
            CompletableFuture<?> online = session.start();
            emulator.awaitQrUuid(WAIT);
            keyboard.type("login");
            online.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertTrue(bot.isOnline());
            keyboard.type("logout");
            Await.until(() -> !bot.isOnline(), "the session ends", WAIT);
            session.ended().get(WAIT.toSeconds(), TimeUnit.SECONDS);
        }
        keyboard.type("quit");
        console.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        String out = screen.toString(StandardCharsets.UTF_8);
        assertTrue(out.contains("scanned and confirmed QR code"), out);
        assertTrue(out.contains("[console] the phone of Bot (uin " + bot.uin() + ") logged the web out"), out);
    }

    @Test
    void loginWithoutAWaitingQrCodeSaysSo() throws Exception {
        String out = runScript("login", "nonsense");
        assertTrue(out.contains("[console] no QR code waiting"), out);
        assertTrue(out.contains("[console] not a command nor NAME: TEXT"), out);
    }

    private String runScript(String... lines) throws Exception {
        return runScript(new SentLog(), lines);
    }

    /** Types every line, then {@code quit}, and gives what the console printed. */
    private String runScript(SentLog log, String... lines) throws Exception {
        Keyboard keyboard = new Keyboard();
        CompletableFuture<Void> console = start(keyboard, log);
        for (String line : lines) keyboard.type(line);
        keyboard.type("quit");
        console.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return screen.toString(StandardCharsets.UTF_8);
    }

    private CompletableFuture<Void> start(InputStream keys, SentLog log) throws IOException {
        Terminal terminal = TerminalBuilder.builder().system(false).jni(false).jna(false).jansi(false).ffm(false)
                .type(Terminal.TYPE_DUMB).streams(keys, screen)
                .encoding(StandardCharsets.UTF_8).build();
        EmulatorConsole console = new EmulatorConsole(terminal, emulator, new WorldReport(emulator, ""), log);
        return CompletableFuture.runAsync(() -> {
            try (terminal) {
                console.run();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, runnable -> Thread.ofPlatform().name("emulator-console-test").start(runnable));
    }

    private static List<String> lines(Account account) {
        return account.conversation().stream().map(EmulatorConsoleTest::line).toList();
    }

    private static String line(ConversationLine line) {
        return line.from() + " → " + line.to() + ": " + line.text();
    }

    /** Lines typed while the console runs; {@code read} blocks like a keyboard until one is typed. */
    private static final class Keyboard extends InputStream {
        private final BlockingQueue<Integer> bytes = new LinkedBlockingQueue<>();

        void type(String line) {
            for (byte b : (line + "\n").getBytes(StandardCharsets.UTF_8)) bytes.add(b & 0xFF);
        }

        @Override
        public int read() throws IOException {
            try {
                return bytes.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException();
            }
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) return 0;
            buffer[offset] = (byte) read();
            int count = 1;
            while (count < length && !bytes.isEmpty()) buffer[offset + count++] = (byte) (int) bytes.poll();
            return count;
        }
    }
}
