package dev.webwxbot.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.MessageBody;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.server.ApiCalls;
import dev.webwxbot.server.BotServer;
import dev.webwxbot.server.DaemonFixture;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.WebElement;

/**
 * The console as an operator uses it, in Chromium against a daemon on the emulator: sign in with the token, see the
 * QR code, scan it with the emulator's phone and watch the account turn online; watch friends' messages of every
 * kind arrive live (a nickname that is an HTML injection among them, shown as text); answer from the page and see the
 * emulator receive it; follow a message to its trace; see a withdrawn message marked; log out and add an account.
 */
class ConsoleLoginAndChatBrowserTest {

    private static final String XSS = "<img src=x onerror=alert(1)>";

    @TempDir
    Path dir;

    private Emulator emulator;
    private Account phone;
    private Contact alice;
    private Contact mallory;
    private BotServer server;
    private ApiCalls api;
    private ConsoleBrowser browser;

    @BeforeEach
    void start() throws Exception {
        browser = ConsoleBrowser.start();
        emulator = DaemonFixture.emulator();
        phone = emulator.addAccount("Bot");
        alice = phone.addFriend("Alice");
        mallory = phone.addFriend(XSS);
        server = new DaemonFixture(emulator, dir).start(dir.resolve("data"), "webwx-bot.api.console = true");
        api = ApiCalls.from(dir.resolve("data"));
    }

    @AfterEach
    void stop() {
        if (browser != null) browser.close();
        if (server != null) server.close();
        if (emulator != null) emulator.close();
    }

    @Test
    void logsInWatchesMessagesLiveAndAnswersFromThePage() throws Exception {
        browser.open(api.base() + "/console/");
        ConsoleShellBrowserTest.signIn(browser, Files.readString(dir.resolve("data").resolve("api-token")).strip());

        // The QR code, large, from the API's image route (through the session cookie).
        WebElement qr = browser.awaitVisible("#account-default img.qr");
        browser.await("the QR image loaded", d -> ((Number) browser.script("return arguments[0].naturalWidth", qr)).intValue() > 0);
        assertTrue(qr.getSize().getWidth() >= 300, "the QR code is shown large: " + qr.getSize());
        browser.awaitText("#account-default .state", "Waiting for a scan");
        browser.screenshot("accounts-qr");

        String qrUrl = DaemonFixture.awaitField(api, "default", "qrUrl");
        phone.phone().scan(qrUrl.substring(qrUrl.lastIndexOf('/') + 1));
        browser.awaitText("#account-default .step", "confirm the login on the phone");
        phone.phone().confirm();
        browser.awaitText("#account-default .state", "Online");
        browser.awaitText("#account-default .self-name", "Bot");
        browser.screenshot("accounts-online");

        browser.find("#nav-chat").click();
        browser.awaitVisible("#send-form");
        browser.awaitText("#chat-account", "default");
        alice.sendText("hello from Alice");
        WebElement hello = browser.awaitText("#messages .message.in", "hello from Alice");
        assertTrue(hello.getText().contains("Alice"), hello.getText());

        mallory.sendText("a harmless text");
        WebElement injected = browser.awaitText("#messages .message.in", "a harmless text");
        assertTrue(injected.getText().contains(XSS), "the nickname shown as text: " + injected.getText());
        assertFalse(browser.alertOpen(), "the nickname ran as a script");
        assertEquals(0L, browser.script("return document.querySelectorAll('img[src=\"x\"]').length"));

        alice.send(MessageBody.image(jpeg(), 64, 48));
        alice.send(MessageBody.file("report 2026.pdf", "%PDF-1.4 tiny".getBytes()));
        alice.send(MessageBody.link("Release notes", "what changed", "https://example.com/notes"));
        alice.send(MessageBody.location("Shanghai Tower", 31.2335, 121.5056));
        alice.send(MessageBody.card(mallory));
        String withdrawn = alice.send(MessageBody.text("oops, wrong chat"));
        WebElement image = browser.awaitVisible("#messages .message.kind-image img.thumb");
        browser.await("the thumbnail loaded", d -> ((Number) browser.script("return arguments[0].naturalWidth", image)).intValue() == 64);
        WebElement file = browser.awaitText("#messages .message.kind-file a.download", "report 2026.pdf");
        assertTrue(file.getAttribute("href").contains("/api/v1/accounts/default/messages/"), file.getAttribute("href"));
        WebElement link = browser.awaitText("#messages .message.kind-link a", "Release notes");
        assertEquals("https://example.com/notes", link.getAttribute("href"));
        browser.awaitText("#messages .message.kind-location", "Shanghai Tower");
        browser.awaitText("#messages .message.kind-card", "Contact card: " + XSS);
        browser.awaitText("#messages .message.in", "oops, wrong chat");
        alice.revoke(withdrawn);
        browser.awaitVisible("#messages .message.revoked");
        browser.awaitText("#messages .message.kind-revoke", "withdrew");
        assertFalse(browser.alertOpen(), "the card's nickname ran as a script");

        browser.find("#send-to").sendKeys("Alice");
        browser.find("#send-text").sendKeys("hi Alice, from the console");
        browser.find("#send-button").click();
        SentMessage sent = phone.awaitSentMessage(Duration.ofSeconds(15));
        assertEquals("hi Alice, from the console", sent.content());
        assertEquals(alice.userName(), sent.toUserName());
        browser.awaitText("#messages .message.out", "hi Alice, from the console");
        assertEquals("", browser.find("#send-text").getAttribute("value"));
        assertEquals(1, browser.findAll("#messages .message.out").size(), "the send and its echo shown once");

        browser.find("#chat-filter").sendKeys(XSS);
        browser.await("only that chat's messages shown", d -> browser.findAll("#messages .message").stream()
                .allMatch(m -> m.getText().contains(XSS)));
        browser.find("#chat-filter").clear();
        browser.script("arguments[0].dispatchEvent(new Event('input'))", browser.find("#chat-filter"));
        browser.awaitText("#messages .message.out", "hi Alice, from the console");
        browser.screenshot("chat");

        hello = browser.awaitText("#messages .message.in", "hello from Alice");
        String msgId = hello.getAttribute("data-msg-id");
        hello.click();
        browser.await("the trace route", d -> d.getCurrentUrl().endsWith("#/trace/default/" + msgId));

        browser.find("#nav-accounts").click();
        browser.awaitVisible("#account-default button.logout").click();
        browser.awaitText("#account-default .state", "Logged out");
        // Logged out by the client; the session's own poll may see the server's 1101 first and name that instead.
        WebElement reason = browser.awaitText("#account-default .reason", "Reason: ");
        assertTrue(reason.getText().contains("logged out from here") || reason.getText().contains("no longer valid"),
                reason.getText());
        browser.find("#new-account").sendKeys("shop");
        browser.find("#add-account button").click();
        browser.awaitVisible("#account-shop");
        // Its /cluster answered 404 long ago: a daemon of its own shows no cluster line, nor an error for it.
        assertFalse(browser.find("#cluster-line").isDisplayed(), "no cluster line");
        assertEquals("", browser.find("#accounts-error").getText());
        browser.screenshot("accounts");
        List<String> violations = browser.consoleMessages().stream()
                .filter(m -> m.contains("Content Security Policy") || m.contains("Refused to")).toList();
        assertEquals(List.of(), violations);
        assertFalse(browser.alertOpen());
    }

    /** A small JPEG, 64×48. */
    private static byte[] jpeg() throws Exception {
        java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(64, 48, java.awt.image.BufferedImage.TYPE_INT_RGB);
        for (int x = 0; x < 64; x++) for (int y = 0; y < 48; y++) image.setRGB(x, y, x * 4 << 16 | y * 5 << 8 | 0x80);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        javax.imageio.ImageIO.write(image, "jpg", out);
        return out.toByteArray();
    }
}
