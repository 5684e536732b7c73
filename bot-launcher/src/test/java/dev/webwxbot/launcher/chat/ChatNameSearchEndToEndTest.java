package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.SentMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console finds chats with the plugins' search: a part of a name in any case, or pinyin, reaches the one chat it
 * fits; a whole name wins over longer ones; several fits are listed best match first, by the error and by Tab.
 */
class ChatNameSearchEndToEndTest {

    private static final Duration NO_REPLY = Duration.ofMillis(1500);

    @TempDir
    Path dataDir;
    @TempDir
    Path noPlugins;

    private Emulator emulator;
    private Account account;
    private Contact alice;
    private Contact zhangSan;

    @BeforeEach
    void world() {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Me");
        alice = account.addFriend("Alice");
        account.addFriend("Bob");
        zhangSan = account.addFriend("张三");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    @Test
    void aPartOfANameOrItsPinyinReachesTheOnlyChatItFits() throws Exception {
        try (ConsoleHarness console = ConsoleHarness.online(emulator, account, dataDir, noPlugins)) {
            console.type("->ali:hi");
            SentMessage sent = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals(alice.userName(), sent.toUserName());
            assertEquals("hi", sent.content());
            console.type("->zhangsan:你好"); // "zs" would also fit 文件传输助手 (filehelper) by 助手
            assertEquals(zhangSan.userName(), account.awaitSentMessage(ConsoleHarness.WAIT).toUserName());
        }
    }

    @Test
    void aWholeNameReachesItsChatThoughALongerNameStartsWithIt() throws Exception {
        account.addFriend("Alice Wong");
        try (ConsoleHarness console = ConsoleHarness.online(emulator, account, dataDir, noPlugins)) {
            console.type("->alice:only you");
            assertEquals(alice.userName(), account.awaitSentMessage(ConsoleHarness.WAIT).toUserName());
        }
    }

    @Test
    void aPartThatFitsSeveralChatsListsThemBestMatchFirstAndSendsNothing() throws Exception {
        Contact lily = account.addFriend("Lily");
        try (ConsoleHarness console = ConsoleHarness.online(emulator, account, dataDir, noPlugins)) {
            console.type("->li:which one?");
            console.awaitOutput("'li' fits 2 contacts; type more of the name or use the UserName: Lily ("
                    + lily.userName() + "); Alice (" + alice.userName() + ")");
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(NO_REPLY));
        }
    }

    @Test
    void tabCompletesAPartOrPinyinToTheChatsNameAndListsSeveralBestMatchFirst() throws Exception {
        Contact lily = account.addFriend("Lily");
        try (ConsoleHarness console = ConsoleHarness.online(emulator, account, dataDir, noPlugins,
                Optional.of(false), "xterm-256color")) {
            console.keys("->ali\t");
            console.type("completed from a part");
            assertEquals(alice.userName(), account.awaitSentMessage(ConsoleHarness.WAIT).toUserName());

            console.keys("->zhang\t");
            console.type("completed from pinyin");
            SentMessage toZhang = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals(zhangSan.userName(), toZhang.toUserName());
            assertEquals("completed from pinyin", toZhang.content());

            int mark = console.mark();
            console.keys("->li\t");
            String listed = console.awaitOutputAfter(mark, "Alice");
            assertTrue(listed.indexOf("Lily") >= 0 && listed.indexOf("Lily") < listed.indexOf("Alice"),
                    "Lily (starts with li) listed before Alice (contains it): " + listed);
            console.type("ly:typed on to the end");
            assertEquals(lily.userName(), account.awaitSentMessage(ConsoleHarness.WAIT).toUserName());
        }
    }
}
