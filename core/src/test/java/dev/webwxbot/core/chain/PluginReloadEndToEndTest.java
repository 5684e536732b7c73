package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.Session;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.testsupport.Await;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A logged-in session against the emulator over loopback sockets while its plugins change under it: a jar built by
 * the test is replaced, reloaded, disabled and enabled, and the next message is answered accordingly, without a
 * second login.
 */
class PluginReloadEndToEndTest {

    @TempDir
    Path plugins;

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PluginHost host;
    private PhoneLogin login;

    @BeforeEach
    void startEmulator() {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
    }

    @AfterEach
    void stop() {
        if (host != null) host.close();
        world.close();
    }

    private static PluginJar answering(String version) {
        return PluginJar.plugin("answer").version(version).handler("Answer", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    context.reply("%s: " + text.text());
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""".formatted(version), "");
    }

    @Test
    void replacedJarIsReloadedAndTheNextMessageIsAnsweredByTheNewVersionWithoutANewLogin() throws Exception {
        answering("v1").writeTo(plugins, "answer.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());
        Session session = loggedInSession();

        alice.sendText("first");
        assertEquals("v1: first", account.awaitSentMessage(Duration.ofSeconds(15)).content());

        answering("v2").writeTo(plugins, "answer.jar");
        assertEquals("v2", host.reload("answer").version());
        alice.sendText("second");
        assertEquals("v2: second", account.awaitSentMessage(Duration.ofSeconds(15)).content());

        host.disable("answer");
        alice.sendText("third");
        awaitTrace("third");
        assertEquals(DispatchTrace.Result.DISABLED, lastTrace().steps().getFirst().result());
        host.enable("answer");
        alice.sendText("fourth");
        assertEquals("v2: fourth", account.awaitSentMessage(Duration.ofSeconds(15)).content());

        assertEquals(3, account.sentMessages().size(), "answers to first, second and fourth; none while disabled");
        assertEquals(1, login.progress.stream().filter(p -> p instanceof LoginProgress.QrCode).count(), "one QR code only");
        assertEquals(1, login.events.stream().filter(e -> e instanceof LoggedIn).count(), "one login only");
        assertTrue(account.isOnline());
        session.stop();
    }

    private Session loggedInSession() throws Exception {
        HostedLogin hosted = HostedLogin.online(world.client, account, host, Duration.ofSeconds(20));
        login = hosted;
        return hosted.session();
    }

    private DispatchTrace lastTrace() {
        return host.traces(java.util.Optional.of("Alice")).getLast();
    }

    private void awaitTrace(String text) {
        Await.until(() -> {
            List<DispatchTrace> traces = host.traces(java.util.Optional.of("Alice"));
            return !traces.isEmpty() && traces.getLast().event() instanceof dev.webwxbot.api.event.TextMessage t
                    && t.text().equals(text);
        }, "a trace of '" + text + "'");
    }
}
