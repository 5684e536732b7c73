package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real client against the emulator over loopback sockets: QR login, a friend's text in, a reply out. */
class SessionEndToEndTest {

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PhoneLogin login;

    @BeforeEach
    void startEmulator() {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        login = new PhoneLogin(account);
    }

    @AfterEach
    void stop() {
        world.close();
    }

    @Test
    void friendsTextArrivesAsTextEventAndReplyIsRecordedByTheServer() throws Exception {
        Session session = loggedInSession();
        assertInstanceOf(LoggedIn.class, login.events.poll(5, TimeUnit.SECONDS));

        alice.sendText("hello & <b>bold</b>\nsecond line 😀");
        TextMessage text = login.next(TextMessage.class);
        assertEquals("hello & <b>bold</b>\nsecond line 😀", text.text());
        assertEquals(alice.userName(), text.chat().userName());
        assertEquals("Alice", text.sender().nickName());
        assertFalse(text.envelope().fromSelf());
        assertFalse(text.envelope().inGroup());

        SendReceipt receipt = session.bot().sendText(text.chat(), "echo: " + text.text());
        assertTrue(receipt.ok(), receipt.toString());
        SentMessage sent = account.awaitSentMessage(Duration.ofSeconds(5));
        assertEquals(alice.userName(), sent.toUserName());
        assertEquals("echo: hello & <b>bold</b>\nsecond line 😀", sent.content());
        assertEquals(((SendReceipt.Sent) receipt).msgId(), sent.msgId());
    }

    @Test
    void loginFollowsTheProtocolsHostsHeadersAndCookies() throws Exception {
        loggedInSession();
        Await.until(() -> world.emulator.recordedRequests().stream().anyMatch(r -> r.path().endsWith("/synccheck")),
                "the first synccheck");
        List<RecordedRequest> requests = world.emulator.recordedRequests();
        RecordedRequest jslogin = find(requests, "/jslogin");
        assertEquals("login.wx.qq.com", jslogin.host());
        assertEquals("wx782c26e4c19acffb", jslogin.queryParam("appid"));
        assertTrue(jslogin.queryParam("redirect_uri").endsWith("webwxnewloginpage?mod=desktop"));

        RecordedRequest newLoginPage = find(requests, "/cgi-bin/mmwebwx-bin/webwxnewloginpage");
        assertEquals("wx.qq.com", newLoginPage.host());
        assertEquals("v2", newLoginPage.queryParam("version"));
        assertEquals("2.0.0", newLoginPage.header("client-version"));
        assertTrue(newLoginPage.header("extspam").startsWith("Go8FCIkFEokFCggwMDAwMDAwMRAG"));

        RecordedRequest init = find(requests, "/cgi-bin/mmwebwx-bin/webwxinit");
        assertTrue(init.bodyAsString().contains("\"DeviceID\":\"e"), init.bodyAsString());

        RecordedRequest syncCheck = find(requests, "/cgi-bin/mmwebwx-bin/synccheck");
        assertEquals("webpush.wx.qq.com", syncCheck.host());
        assertNotNull(syncCheck.cookies().get("wxsid"));
        assertNotNull(syncCheck.cookies().get("wxuin"));
        assertNotNull(syncCheck.cookies().get("webwx_data_ticket"));
        assertTrue(syncCheck.queryParam("synckey").matches("(\\d+_\\d+\\|)*\\d+_\\d+"), syncCheck.queryParam("synckey"));
    }

    @Test
    void groupMessageNamesTheGroupAndItsRealSenderAndDetectsMyMention() throws Exception {
        Contact carol = account.addStranger("Carol");
        Contact group = account.addGroup("Weekend hikers", alice, carol);
        loggedInSession();
        carol.sendTextIn(group, "@Bot\u2005are you coming?");
        TextMessage text = login.next(TextMessage.class);
        assertEquals("@Bot\u2005are you coming?", text.text());
        assertEquals(group.userName(), text.chat().userName());
        assertEquals("Weekend hikers", text.chat().nickName());
        assertEquals(carol.userName(), text.sender().userName());
        assertEquals("Carol", text.sender().nickName(), "member name fetched with webwxbatchgetcontact");
        assertTrue(text.envelope().inGroup());
        assertTrue(text.envelope().mentionsMe());

        alice.sendTextIn(group, "no mention here");
        assertFalse(login.next(TextMessage.class).envelope().mentionsMe());
        assertTrue(world.emulator.recordedRequests().stream()
                .anyMatch(r -> r.path().endsWith("/webwxbatchgetcontact") && r.bodyAsString().contains(group.userName())));
    }

    @Test
    void restartResumesTheSavedSessionWithoutAScanAndHandsNoMessageOverTwice(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.json");
        Session first = loggedInSession(SessionOptions.defaults().withSessionFile(file));
        alice.sendText("before the restart");
        TextMessage before = login.next(TextMessage.class);
        awaitFileMentions(file, before.msgId());
        first.stop();

        alice.sendText("while the bot was down");
        login.progress.clear();
        login.events.clear();
        Session second = world.client.newSession(SessionOptions.defaults().withSessionFile(file), login);
        second.start().get(20, TimeUnit.SECONDS);
        assertTrue(login.progress.stream().noneMatch(p -> p instanceof LoginProgress.QrCode), login.progress.toString());
        assertEquals("while the bot was down", login.next(TextMessage.class).text());
        alice.sendText("after the restart");
        assertEquals("after the restart", login.next(TextMessage.class).text(), "nothing delivered twice in between");
        if (!isOwnerOnly(file)) throw new AssertionError("session file is readable by others");
    }

    @Test
    void unusableSessionFileFallsBackToAQrLogin(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("session.json");
        Files.writeString(file, "{ not json");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            loggedInSession(SessionOptions.defaults().withSessionFile(file));
            List<String> warnings = logs.at(Level.WARN);
            assertTrue(warnings.size() == 1 && warnings.getFirst().startsWith("session file " + file + " cannot be read"),
                    warnings.toString());
        }
        assertTrue(login.progress.stream().anyMatch(p -> p instanceof LoginProgress.QrCode));
    }

    private static void awaitFileMentions(Path file, String text) {
        // The session file, or the changes appended to it since it was last written whole.
        Path changes = file.resolveSibling(file.getFileName() + ".changes");
        Await.until(() -> (Files.readString(file) + (Files.exists(changes) ? Files.readString(changes) : ""))
                .contains(text), "the saved session mentioning " + text);
    }

    private static boolean isOwnerOnly(Path file) throws Exception {
        return Files.getPosixFilePermissions(file).equals(PosixFilePermissions.fromString("rw-------"));
    }

    @Test
    void logoutOnThePhoneEndsTheSessionWithThatReason() throws Exception {
        Session session = loggedInSession();
        account.phone().logoutWeb();
        LoggedOut end = session.ended().get(10, TimeUnit.SECONDS);
        assertEquals(LoggedOut.Reason.LOGGED_OUT_ON_PHONE, end.reason());
        assertEquals(1100, end.code());
        assertTrue(login.events.stream().anyMatch(e -> e instanceof LoggedOut), "plugins are told too");
    }

    @Test
    void anotherLoginOfTheSameAccountKicksThisSessionOut() throws Exception {
        Session first = loggedInSession();
        try (WebWxClient other = WebWxClient.builder().server(URI.create(world.emulator.baseUrl())).build()) {
            other.newSession(SessionOptions.defaults(), login).start().get(20, TimeUnit.SECONDS);
            LoggedOut end = first.ended().get(10, TimeUnit.SECONDS);
            assertEquals(LoggedOut.Reason.SESSION_INVALID, end.reason());
            assertEquals(1101, end.code());
        }
    }

    @Test
    void progressIsReportedInTheOrderItHappens() throws Exception {
        loggedInSession();
        List<Class<?>> kinds = login.progress.stream().<Class<?>>map(Object::getClass).distinct().toList();
        assertEquals(List.of(LoginProgress.QrCode.class, LoginProgress.Scanned.class, LoginProgress.Confirmed.class,
                LoginProgress.LoadingContacts.class, LoginProgress.Online.class), kinds);
    }

    private Session loggedInSession() throws Exception {
        return loggedInSession(SessionOptions.defaults());
    }

    private Session loggedInSession(SessionOptions options) throws Exception {
        Session session = world.client.newSession(options, login);
        dev.webwxbot.api.Contact self = session.start().get(20, TimeUnit.SECONDS);
        assertEquals("Bot", self.nickName());
        return session;
    }

    private static RecordedRequest find(List<RecordedRequest> requests, String path) {
        return requests.stream().filter(r -> r.path().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError("no request to " + path + " among "
                        + requests.stream().map(RecordedRequest::path).toList()));
    }
}
