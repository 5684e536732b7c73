package dev.webwxbot.launcher.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.emulator.SentMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.jline.terminal.Terminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chat console as a user drives it: real console, real client, emulator over loopback sockets, keyboard and
 * screen through a JLine terminal on in-memory streams.
 */
class ChatConsoleEndToEndTest {

    private static final Duration NO_REPLY = Duration.ofMillis(1500);

    @TempDir
    Path dataDir;
    @TempDir
    Path noPlugins;
    @TempDir
    Path files;

    private Emulator emulator;
    private Account account;
    private Contact alice;
    private Contact bob;

    @BeforeEach
    void world() {
        emulator = Emulator.builder().port(0)
                .loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1)).start();
        account = emulator.addAccount("Me");
        alice = account.addFriend("Alice");
        bob = account.addFriend("Bob");
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private ConsoleHarness console() throws Exception {
        return ConsoleHarness.online(emulator, account, dataDir, noPlugins);
    }

    @Test
    void loginDrawsTheQrCodeThenQuitEndsWithExitCodeZero() throws Exception {
        try (ConsoleHarness console = console()) {
            String output = console.output();
            assertTrue(output.contains("[login] scan this QR code"), output);
            assertTrue(output.contains("█"), "the QR code is drawn");
            assertTrue(output.contains("[chat] online as Me"), output);
            console.quit();
            console.awaitOutput("[chat] bye"); // the goodbye may reach the screen just after the exit code
        }
    }

    @Test
    void arrowSendsTextToTheNamedFriendAndShowsTheReceipt() throws Exception {
        try (ConsoleHarness console = console()) {
            console.type("->Alice:hello 你好 😀 & <b>");
            SentMessage sent = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals(alice.userName(), sent.toUserName());
            assertEquals("hello 你好 😀 & <b>", sent.content());
            assertEquals(1, sent.type());
            console.awaitOutput("→ Alice: sent (text)");
        }
    }

    @Test
    void rawUserNameWorksAsTheName() throws Exception {
        try (ConsoleHarness console = console()) {
            console.type("->" + bob.userName() + ":by id");
            SentMessage sent = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals(bob.userName(), sent.toUserName());
            assertEquals("by id", sent.content());
        }
    }

    @Test
    void textFileCommandSendsTheFilesContentAsText() throws Exception {
        Path note = Files.writeString(files.resolve("note.txt"), "line one\n第二行", StandardCharsets.UTF_8);
        try (ConsoleHarness console = console()) {
            console.type("m->Alice:" + note);
            SentMessage sent = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals(alice.userName(), sent.toUserName());
            assertEquals("line one\n第二行", sent.content());
            assertEquals(1, sent.type());
        }
    }

    @Test
    void textFileCommandRefusesMissingBinaryAndOversizedFilesAndSendsNothing() throws Exception {
        Path binary = Files.write(files.resolve("photo.jpg"), new byte[] {(byte) 0xFF, (byte) 0xD8, 0, 1, 2});
        Path huge = Files.writeString(files.resolve("huge.txt"), "x".repeat(OutgoingFactory.MAX_TEXT_FILE_BYTES + 1));
        try (ConsoleHarness console = console()) {
            int mark = console.mark();
            console.type("m->Alice:" + files.resolve("missing.txt"));
            console.awaitOutputAfter(mark, "not sent: no such file: " + files.resolve("missing.txt"));
            console.type("m->Alice:" + binary);
            console.awaitOutputAfter(mark, "is not UTF-8 text; send it with f-> instead");
            console.type("m->Alice:" + huge);
            console.awaitOutputAfter(mark, "is larger than 16 KiB");
            console.type("m->Alice:" + files);
            console.awaitOutputAfter(mark, "not a regular file");
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(NO_REPLY));
        }
    }

    @Test
    void emoticonMustBeAGifOrJpgAVideoAnMp4AndMissingFilesAreRefusedLocally() throws Exception {
        Path png = Files.write(files.resolve("smile.png"), new byte[] {1, 2, 3});
        try (ConsoleHarness console = console()) {
            console.type("e->Alice:" + png);
            console.awaitOutput("an emoticon must be a .gif or .jpg file");
            console.type("v->Alice:" + png);
            console.awaitOutput("a video must be an .mp4 file, not " + png + "; send it with f-> instead");
            console.type("f->Alice:" + files.resolve("nothing.pdf"));
            console.awaitOutput("no such file");
            console.type("i->Alice:" + files.resolve("nothing.jpg"));
            console.awaitOutput("no such file: " + files.resolve("nothing.jpg"));
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(NO_REPLY));
        }
    }

    @Test
    void ambiguousNameListsTheCandidatesWithTheirUserNames() throws Exception {
        Contact samOne = account.addFriend("Sam");
        Contact samTwo = account.addFriend("Sam");
        try (ConsoleHarness console = console()) {
            console.type("->Sam:which one?");
            String output = console.awaitOutput("'Sam' is 2 contacts; use the UserName:");
            assertTrue(output.contains(samOne.userName()) && output.contains(samTwo.userName()), output);
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(NO_REPLY));
            console.type("->" + samTwo.userName() + ":you");
            assertEquals(samTwo.userName(), account.awaitSentMessage(ConsoleHarness.WAIT).toUserName());
        }
    }

    @Test
    void unknownNameSaysSoAndSuggestsNamesATypoAway() throws Exception {
        try (ConsoleHarness console = console()) {
            console.type("->Alcie:hi");
            String output = console.awaitOutput("no contact is called 'Alcie'; did you mean: Alice (" + alice.userName() + ")");
            assertFalse(output.contains("→ "), output);
            console.type("->Zed:hi");
            console.awaitOutput("no contact is called 'Zed'");
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(NO_REPLY));
        }
    }

    @Test
    void toSwitchesTheChatSoPlainLinesGoThereAndThePromptShowsIt() throws Exception {
        try (ConsoleHarness console = console()) {
            console.type("nobody to talk to yet");
            console.awaitOutput("no chat chosen: type /to NAME first");
            console.type("/to Bob");
            console.awaitOutput("[chat] talking to Bob (" + bob.userName() + "); plain lines go there");
            console.type("plain line for Bob");
            SentMessage sent = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals(bob.userName(), sent.toUserName());
            assertEquals("plain line for Bob", sent.content());
            console.awaitOutput("Bob> ");
        }
    }

    @Test
    void chatsListsRecentChatsWithUnreadCountsUntilTheChatIsOpened() throws Exception {
        try (ConsoleHarness console = console()) {
            console.type("/chats");
            console.awaitOutput("[chat] no chats yet");
            alice.sendText("one");
            alice.sendText("two");
            console.awaitOutput("two");
            bob.sendText("three");
            console.awaitOutput("three");
            int mark = console.mark();
            console.type("/chats");
            String listing = console.awaitOutputAfter(mark, "Alice");
            assertTrue(listing.matches("(?s).*Bob\\s+1 new.*Alice\\s+2 new.*"), listing);
            console.type("/to Alice");
            mark = console.mark();
            console.type("/chats");
            listing = console.awaitOutputAfter(mark, "← current");
            assertTrue(listing.matches("(?s).*Alice\\s+\\d\\d:\\d\\d:\\d\\d  ← current.*"), listing);
        }
    }

    @Test
    void helpListsEveryCommand() throws Exception {
        try (ConsoleHarness console = console()) {
            console.type("/help");
            String help = console.awaitOutput("quit             leave");
            for (String command : new String[] {"->NAME:TEXT", "m->NAME:PATH", "f->NAME:PATH", "i->NAME:PATH",
                    "e->NAME:PATH", "v->NAME:PATH", "/to NAME", "/chats", "/auto on|off", "/help"}) {
                assertTrue(help.contains(command), command + " in\n" + help);
            }
            console.type("/nonsense");
            console.awaitOutput("unknown command /nonsense — type /help");
        }
    }

    @Test
    void everyKindOfIncomingMessageIsOneReadableLine() throws Exception {
        Contact carol = account.addStranger("Carol");
        Contact group = account.addGroup("周末徒步 🥾", bob, carol);
        try (ConsoleHarness console = console()) {
            alice.sendText("first line\nsecond line");
            console.awaitOutput("Alice             first line↵second line");
            carol.sendTextIn(group, "hi all");
            // 周末徒步 is 8 columns, the space 1, the boot emoji 2: padded to 16, then the two-space gap.
            console.awaitOutput("  周末徒步 🥾       Carol: hi all");
            alice.send(MessageBody.image(new byte[] {1, 2, 3}, 640, 480));
            // The server states the thumbnail's size, at most 120 px (corpus addmsg/itchat4j-readme-type3).
            console.awaitOutput("Alice             [image 120x90]");
            console.awaitOutput("↳ image ");
            alice.send(MessageBody.voice(new byte[] {1}, 2600));
            console.awaitOutput("[voice 3s]");
            alice.send(MessageBody.video(new byte[] {1}, 12));
            console.awaitOutput("[video 12s]");
            alice.send(MessageBody.file("report_2024.pdf", new byte[2048]));
            console.awaitOutput("[file report_2024.pdf 2.0 KB]");
            alice.send(MessageBody.card(bob));
            console.awaitOutput("[card Bob]");
            alice.send(MessageBody.emoticon(new byte[] {7, 7}, 64, 64));
            console.awaitOutput("[emoticon]");
            alice.send(MessageBody.location("Shenzhen Nanshan XX Building", 22.54, 113.93));
            console.awaitOutput("[location Shenzhen Nanshan XX Building]");
            alice.send(MessageBody.link("Title & more", "desc", "https://example.com/a?b=1&c=2"));
            console.awaitOutput("[link Title & more https://example.com/a?b=1&c=2]");
            alice.send(MessageBody.music("Song", "Artist", "https://m.example/s", "https://m.example/s.mp3"));
            console.awaitOutput("[music Song https://m.example/s]");
            alice.send(MessageBody.miniProgram("Shop", "wx1234", "gh_abc@app", "pages/index"));
            console.awaitOutput("[mini-program Shop");
            alice.send(MessageBody.quote("agreed", "123456789", "Me", "lunch?"));
            console.awaitOutput("agreed [quote Me: lunch?]");
            alice.send(MessageBody.transfer("¥8.88", "lunch"));
            console.awaitOutput("[transfer ");
            String oops = alice.send(MessageBody.text("oops"));
            console.awaitOutput("oops");
            alice.revoke(oops);
            console.awaitOutput("[revoked] ");
            account.receiveFriendRequest("Dave", "Hi, I'm Dave");
            console.awaitOutput("[friend request from Dave: Hi, I'm Dave]");
            account.systemNotice(alice, "You have added Alice");
            console.awaitOutput("[notice] You have added Alice");
            String capture = Files.readString(Path.of("../testdata/corpus/addmsg/itchat4j-readme-type1.json"))
                    .replace("\"MsgType\": 1,", "\"MsgType\": 9999,");
            account.injectRawMessage(capture, alice);
            console.awaitOutput("[unknown message type 9999]");
            account.phone().sendText(alice, "typed on my phone");
            console.awaitOutput("Alice             me: typed on my phone");
        }
    }

    @Test
    void escapeSequencesInNamesAndTextNeverReachTheTerminal() throws Exception {
        Contact eve = account.addFriend("Eve\u001b[2J\u001b]0;pwned\u0007\u202e\u009b31m");
        try (ConsoleHarness console = console()) {
            eve.sendText("red \u001b[31malert\r\u001b[1A overwritten");
            String output = console.awaitOutput("alert");
            String line = output.lines().filter(l -> l.contains("alert")).findFirst().orElseThrow();
            assertTrue(line.contains("Eve"), line);
            assertFalse(output.contains("\u001b[2J"), "clear screen passed through");
            assertFalse(output.contains("\u001b]"), "OSC passed through");
            for (char bad : new char[] {'\u001b', '\u0007', '\u202e', '\u009b', '\r'}) {
                assertFalse(line.indexOf(bad) >= 0, "U+" + Integer.toHexString(bad) + " passed through: " + line);
            }
        }
    }

    @Test
    void autoReplyLetsTheEchoPluginAnswerOnlyWhileOn() throws Exception {
        try (ConsoleHarness console = ConsoleHarness.online(emulator, account, dataDir,
                ConsoleHarness.ECHO_PLUGINS, Optional.of(false), Terminal.TYPE_DUMB)) {
            console.awaitOutput("echo 0.");
            alice.sendText("while off");
            console.awaitOutput("while off");
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(NO_REPLY));

            console.type("/auto on");
            console.awaitOutput("[chat] auto-reply is on");
            alice.sendText("while on");
            SentMessage echo = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals("while on", echo.content());
            assertEquals(alice.userName(), echo.toUserName());

            console.type("/auto off");
            console.awaitOutput("[chat] auto-reply is off");
            alice.sendText("off again");
            console.awaitOutput("off again");
            assertThrows(EmulatorTimeoutException.class, () -> account.awaitSentMessage(NO_REPLY));
            console.type("->Alice:the console still sends");
            assertEquals("the console still sends", account.awaitSentMessage(ConsoleHarness.WAIT).content());
        }
    }

    @Test
    void autoReplyIsAskedAtStartWhenNotGivenOnTheCommandLine() throws Exception {
        try (ConsoleHarness console = ConsoleHarness.online(emulator, account, dataDir,
                ConsoleHarness.ECHO_PLUGINS, Optional.empty(), Terminal.TYPE_DUMB)) {
            console.awaitOutput("Auto-reply on? [y/N]");
            console.type("y");
            console.awaitOutput("auto-reply on; type /help");
            alice.sendText("answer me");
            assertEquals("answer me", account.awaitSentMessage(ConsoleHarness.WAIT).content());
        }
    }

    @Test
    void historyIsKeptInTheDataFolderAndTheSessionResumesWithoutAScan() throws Exception {
        try (ConsoleHarness console = console()) {
            console.type("->Alice:remember me");
            account.awaitSentMessage(ConsoleHarness.WAIT);
            console.quit();
        }
        String history = Files.readString(dataDir.resolve(ChatConsole.HISTORY_FILE), StandardCharsets.UTF_8);
        assertTrue(history.contains("->Alice:remember me"), history);
        assertTrue(Files.isRegularFile(dataDir.resolve("session.json")), "session saved");

        try (ConsoleHarness again = ConsoleHarness.resuming(emulator, dataDir, noPlugins)) {
            String output = again.awaitOutput("[chat] online as Me");
            assertFalse(output.contains("scan this QR code"), output);
            again.type("->Bob:back without a scan");
            assertEquals("back without a scan", account.awaitSentMessage(ConsoleHarness.WAIT).content());
        }
    }

    @Test
    void tabCompletesNamesAfterTheArrowAndPathsAfterTheColon() throws Exception {
        Path notes = Files.writeString(files.resolve("notes-for-alice.txt"), "from a completed path");
        try (ConsoleHarness console = ConsoleHarness.online(emulator, account, dataDir, noPlugins,
                Optional.of(false), "xterm-256color")) {
            console.keys("->Ali\t");
            console.type("completed name");
            SentMessage sent = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals(alice.userName(), sent.toUserName());
            assertEquals("completed name", sent.content());

            console.keys("m->Bo\t" + files + "/notes-f\t");
            console.type("");
            SentMessage fromFile = account.awaitSentMessage(ConsoleHarness.WAIT);
            assertEquals(bob.userName(), fromFile.toUserName());
            assertEquals(Files.readString(notes), fromFile.content());

            console.keys("/to Bo\t");
            console.type("");
            console.awaitOutput("talking to Bob");
        }
    }

    @Test
    void messagesTypedBeforeQuitAreStillSent() throws Exception {
        try (ConsoleHarness console = console()) {
            console.type("->Alice:bye");
            console.quit();
            assertEquals("bye", account.awaitSentMessage(ConsoleHarness.WAIT).content());
        }
    }
}
