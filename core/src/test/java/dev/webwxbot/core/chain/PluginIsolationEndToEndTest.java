package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.event.LoggedIn;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.Session;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.testsupport.Await;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A logged-in session against the emulator over loopback sockets with three plugin jars: one that throws, one that
 * hangs far past its time budget (and ignores being interrupted), and a healthy one. The healthy plugin answers
 * every message long before the hanging one would have finished, and the session stays online throughout.
 */
class PluginIsolationEndToEndTest {

    /** How long the hanging plugin sleeps; far beyond its budget and beyond how long the test waits for a reply. */
    private static final Duration HANG = Duration.ofSeconds(90);
    private static final Duration REPLY_WAIT = Duration.ofSeconds(45);

    @TempDir
    Path plugins;

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PluginHost host;
    private PhoneLogin login;

    /** The thrower's and the hanger's warnings are what the test provokes; any other fails it. */
    private final CapturedLogs logs = CapturedLogs.attach();

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
        logs.close();
    }

    @Test
    void throwingAndHangingPluginsNeitherDelayTheHealthyOneNorDisturbTheSession() throws Exception {
        PluginJar.plugin("thrower").handler("Thrower", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    throw new IllegalStateException("thrower broke on " + text.text());
                }
                return Outcome.CONTINUE;""", "public int priority() { return 20; }").writeTo(plugins, "thrower.jar");
        PluginJar.plugin("hanger").handler("Hanger", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    long until = System.nanoTime() + %dL;
                    while (System.nanoTime() < until) {
                        try { Thread.sleep(1000); } catch (InterruptedException ignored) { }
                    }
                    context.reply("too late");
                }
                return Outcome.CONTINUE;""".formatted(HANG.toNanos()), "public int priority() { return 10; }")
                .writeTo(plugins, "hanger.jar");
        PluginJar.plugin("healthy").handler("Healthy", """
                if (event instanceof TextMessage text && !text.envelope().fromSelf()) {
                    context.reply("healthy: " + text.text());
                    return Outcome.STOP;
                }
                return Outcome.CONTINUE;""", "").writeTo(plugins, "healthy.jar");
        logs.expect(Level.WARN, "plugin 'thrower' \\(Thrower\\) failed on TextMessage: "
                        + "java.lang.IllegalStateException: thrower broke on (one|two)")
                .expect(Level.WARN, "plugin 'hanger' \\(Hanger\\) exceeded its time budget of 500 ms on TextMessage; "
                        + "the chain went on without it");
        host = PluginHost.start(plugins, ChainSettings.defaults(),
                ConfigFactory.parseString("plugins.hanger.time-budget = 500ms"));
        Session session = loggedInSession();

        alice.sendText("one");
        assertEquals("healthy: one", account.awaitSentMessage(REPLY_WAIT).content());
        DispatchTrace first = traceOf("one");
        assertEquals(List.of(DispatchTrace.Result.FAILED, DispatchTrace.Result.TIMED_OUT, DispatchTrace.Result.STOPPED),
                first.steps().stream().map(DispatchTrace.Step::result).toList(), first.describe());
        assertTrue(first.steps().get(0).detail().contains("thrower broke on one"), first.describe());
        assertTrue(first.steps().get(1).detail().contains("time budget of 500 ms"), first.describe());

        alice.sendText("two");
        assertEquals("healthy: two", account.awaitSentMessage(REPLY_WAIT).content());

        assertEquals(List.of("healthy: one", "healthy: two"),
                account.sentMessages().stream().map(m -> m.content()).toList(), "nothing else was sent");
        assertEquals(List.of(2L, 0L), counts("thrower"));
        assertEquals(List.of(0L, 2L), counts("hanger"));
        assertEquals(PluginStatus.State.ACTIVE, status("thrower").state());
        assertEquals(PluginStatus.State.ACTIVE, status("hanger").state());
        assertTrue(account.isOnline());
        assertEquals(1, login.progress.stream().filter(p -> p instanceof LoginProgress.QrCode).count(), "one QR code only");
        assertEquals(1, login.events.stream().filter(e -> e instanceof LoggedIn).count(), "one login only");
        session.stop();
    }

    /** Failures and time-outs counted for the plugin. */
    private List<Long> counts(String id) {
        PluginStatus status = status(id);
        return List.of(status.failures(), status.timeouts());
    }

    private PluginStatus status(String id) {
        return host.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    /** The trace of the message, waiting for it: the chain records it just after the last handler's turn. */
    private DispatchTrace traceOf(String text) {
        return Await.value(() -> host.traces(Optional.of("Alice")).stream()
                .filter(t -> t.event() instanceof TextMessage said && said.text().equals(text))
                .findFirst(), "a trace of '" + text + "'", REPLY_WAIT);
    }

    private Session loggedInSession() throws Exception {
        HostedLogin hosted = HostedLogin.online(world.client, account, host, Duration.ofSeconds(30));
        login = hosted;
        return hosted.session();
    }
}
