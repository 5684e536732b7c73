package dev.webwxbot.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.SendReceipt;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.Emulator;
import dev.webwxbot.emulator.RecordedRequest;
import dev.webwxbot.emulator.SentMessage;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * webwxsendappmsg as PROTOCOL.md 2.6 and 5.5 write it for each mode: desktop (UOS) mode appends {@code &mod=desktop}
 * to the query and leaves the file XML's {@code appid} empty; web mode has no {@code mod} and the web appid.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DesktopModeFileSendEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(10);

    private Emulator emulator;
    private WebWxClient client;
    @TempDir
    Path files;

    @BeforeAll
    void start() {
        emulator = Emulator.builder().port(0).loginPollHold(Duration.ofMillis(500)).syncCheckHold(Duration.ofSeconds(1))
                .start();
        client = WebWxClient.builder().server(URI.create(emulator.baseUrl())).build();
    }

    @AfterAll
    void stop() {
        client.close();
        emulator.close();
    }

    @Test
    void desktopModeAppendsModDesktopAndSendsAnEmptyAppid() throws Exception {
        RecordedRequest request = sendFile("Desk", SessionOptions.defaults().withDesktopMode(true));

        assertEquals(List.of("fun", "f", "lang", "pass_ticket", "mod"), List.copyOf(request.query().keySet()),
                "mod=desktop comes after the web page's own parameters");
        assertEquals("desktop", request.queryParam("mod"));
        assertEquals("async", request.queryParam("fun"));
        assertEquals("json", request.queryParam("f"));
    }

    @Test
    void webModeSendsNoModAndTheWebAppid() throws Exception {
        RecordedRequest request = sendFile("Web", SessionOptions.defaults().withDesktopMode(false));

        assertEquals(List.of("fun", "f", "lang", "pass_ticket"), List.copyOf(request.query().keySet()));
    }

    /** Logs a new account in with {@code options}, sends a file to a friend and returns the recorded send. */
    private RecordedRequest sendFile(String name, SessionOptions options) throws Exception {
        Account account = emulator.addAccount(name);
        Contact friend = account.addFriend("Friend of " + name);
        OnlineSession online = OnlineSession.logIn(client, account, options);
        Path file = Files.writeString(files.resolve(name + " minutes.txt"), "minutes of " + name);
        dev.webwxbot.api.Contact chat = online.bot().contacts().byUserName(friend.userName()).orElseThrow();

        SendReceipt receipt = online.bot().send(chat, new Outgoing.File(file));

        assertTrue(receipt.ok(), receipt.toString());
        SentMessage sent = account.awaitSentMessage(WAIT);
        String appId = options.desktopMode() ? "" : "wxeb7ec651dd0aefa9";
        assertTrue(sent.content().startsWith("<appmsg appid='" + appId + "' sdkver=''><title>" + name
                + " minutes.txt</title>"), sent.content());
        online.session().stop();
        return emulator.recordedRequests().stream()
                .filter(r -> r.path().endsWith("/webwxsendappmsg") && r.body().length > 0
                        && new String(r.body(), java.nio.charset.StandardCharsets.UTF_8).contains(name + " minutes.txt"))
                .reduce((first, second) -> second).orElseThrow();
    }
}
