package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The chain tells its monitor of every handler turn and of each circuit breaker opening and closing. */
class ChainMonitorTest {

    @TempDir
    Path plugins;

    private final List<String> told = new CopyOnWriteArrayList<>();
    private final List<Duration> times = new CopyOnWriteArrayList<>();
    private final ChainMonitor monitor = new ChainMonitor() {
        @Override
        public void handled(String pluginId, Duration time, boolean failed) {
            told.add(pluginId + (failed ? " failed" : " ok"));
            times.add(time);
        }

        @Override
        public void breakerChanged(String pluginId, boolean open) {
            told.add(pluginId + (open ? " breaker open" : " breaker closed"));
        }
    };
    private final CapturedLogs logs = CapturedLogs.attach();
    private PluginChain chain;
    private PluginHost host;

    @AfterEach
    void close() {
        if (chain != null) chain.close();
        if (host != null) host.close();
        logs.close();
    }

    @Test
    void everyTurnIsReportedWithItsTimeAndWhetherItThrewOrRanOutOfItsBudget() throws Exception {
        MessageHandler sleepy = (event, context) -> {
            Thread.sleep(Duration.ofSeconds(30));
            return Outcome.CONTINUE;
        };
        MessageHandler broken = (event, context) -> {
            throw new IllegalStateException("boom");
        };
        chain = new PluginChain(ChainSettings.defaults(), (id, why) -> { }, monitor);
        chain.install(List.of(
                new PluginChain.Link(new RegisteredHandler("sleepy", sleepy, Phase.MAIN, 30), ChatScope.EVERYWHERE,
                        Optional.of(Duration.ofMillis(200)), ""),
                PluginChain.Link.active(new RegisteredHandler("broken", broken, Phase.MAIN, 20)),
                PluginChain.Link.active(new RegisteredHandler("fine", (event, context) -> Outcome.CONTINUE,
                        Phase.MAIN, 10)),
                new PluginChain.Link(new RegisteredHandler("off", (event, context) -> Outcome.CONTINUE, Phase.MAIN, 0),
                        ChatScope.EVERYWHERE, Optional.empty(), "disabled by the operator")));
        chain.dispatch(text("hi"), new RecordingBot(new CopyOnWriteArrayList<>())).get(10, TimeUnit.SECONDS);

        assertEquals(List.of("sleepy failed", "broken failed", "fine ok"), told, "a plugin that did not run is not told");
        assertTrue(times.getFirst().compareTo(Duration.ofMillis(200)) >= 0, times.toString());
        assertEquals(2, logs.atLeast(Level.WARN).size(), logs.atLeast(Level.WARN).toString());
    }

    @Test
    void aBreakerIsReportedOpenWhenItTripsAndClosedWhenResetOnlyOnce() throws Exception {
        chain = new PluginChain(ChainSettings.defaults().withBreaker(2, Duration.ofMinutes(5)), (id, why) -> { },
                monitor);
        chain.install(List.of(PluginChain.Link.active(new RegisteredHandler("broken", (event, context) -> {
            throw new IllegalStateException("boom");
        }, Phase.MAIN, 0))));
        for (int i = 0; i < 3; i++) {
            chain.dispatch(text("m" + i), new RecordingBot(new CopyOnWriteArrayList<>())).get(10, TimeUnit.SECONDS);
        }
        chain.resetBreaker("broken");
        chain.resetBreaker("broken"); // not open: nothing to tell

        assertEquals(List.of("broken failed", "broken breaker open", "broken failed", "broken breaker closed"), told);
        assertEquals(3, logs.atLeast(Level.WARN).size(), "two failures and the trip: " + logs.atLeast(Level.WARN));
    }

    @Test
    void theHostTellsItsMonitorAndEnableClosesATrippedBreaker() throws Exception {
        PluginJar.plugin("flaky").handler("Flaky", "throw new IllegalStateException(\"boom\");", "")
                .writeTo(plugins, "flaky.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults().withBreaker(1, Duration.ofMinutes(5)),
                ConfigFactory.empty(), monitor);
        host.dispatch(text("x"), new RecordingBot(new CopyOnWriteArrayList<>())).get(10, TimeUnit.SECONDS);
        assertEquals(PluginStatus.State.TRIPPED, host.list().getFirst().state());
        host.enable("flaky");

        assertEquals(List.of("flaky breaker open", "flaky failed", "flaky breaker closed"), told);
        assertEquals(2, logs.atLeast(Level.WARN).size(), logs.atLeast(Level.WARN).toString());
    }

    private static TextMessage text(String body) {
        Contact chat = new Contact("alice", "Alice", "", "", ContactKind.FRIEND, "");
        return new TextMessage(new Envelope("1", chat, chat, Instant.EPOCH, false, false), body);
    }
}
