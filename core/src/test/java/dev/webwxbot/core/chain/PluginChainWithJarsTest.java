package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chain's rules with every handler in its own plugin jar, compiled by the test and loaded by {@link PluginHost}
 * from a folder, configured from HOCON as the operator writes it. Each handler replies with its plugin id, so the
 * replies recorded by the {@link RecordingBot} are the order the handlers ran in.
 */
class PluginChainWithJarsTest {
    private static final String FLAKY_FAILED =
            "plugin 'flaky' \\(Flaky\\) failed on TextMessage: java.lang.IllegalStateException: flaky broke on purpose";

    @TempDir
    Path plugins;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private PluginHost host;
    /** Tests that make a plugin fail declare the warnings that come of it; any other fails the test. */
    private final CapturedLogs logs = CapturedLogs.attach();

    @AfterEach
    void close() {
        if (host != null) host.close();
        logs.close();
    }

    /** A plugin whose one handler declares {@code phase} and {@code priority}, replies its id and returns {@code outcome}. */
    static PluginJar answering(String id, String phase, int priority, String outcome) {
        return PluginJar.plugin(id).handler("Answer", """
                if (event instanceof TextMessage) context.reply(context.pluginId());
                return Outcome.%s;""".formatted(outcome), """
                public Phase phase() { return Phase.%s; }
                public int priority() { return %d; }""".formatted(phase, priority));
    }

    @Test
    void operatorsOrderRunsNamedPluginsWhereListedAndTheOthersAtTheStarInDeclaredOrder() throws Exception {
        answering("alpha", "MAIN", 0, "CONTINUE").writeTo(plugins, "alpha.jar");
        answering("bravo", "MAIN", 0, "CONTINUE").writeTo(plugins, "bravo.jar");
        answering("charlie", "MAIN", 5, "CONTINUE").writeTo(plugins, "charlie.jar");
        answering("guard", "GUARD", -1, "CONTINUE").writeTo(plugins, "guard.jar");
        answering("zulu", "FALLBACK", 0, "CONTINUE").writeTo(plugins, "zulu.jar");
        answering("watcher", "MONITOR", 0, "CONTINUE").writeTo(plugins, "watcher.jar");
        Config operator = parse("webwx-bot.chain.order = [ \"zulu\", \"*\", \"alpha\" ]");
        host = PluginHost.start(plugins, chainSettings(operator), operator);

        DispatchTrace trace = dispatch("alice", "Alice", "hi");
        List<String> expected = List.of("zulu", "guard", "charlie", "bravo", "alpha", "watcher");
        assertEquals(expected.stream().map(id -> "alice:" + id).toList(), sent);
        assertEquals(expected, trace.steps().stream().map(DispatchTrace.Step::pluginId).toList());
        assertEquals(expected, host.activeHandlers().stream().map(RegisteredHandler::pluginId).toList());

        // Without a star the plugins not named run after the named ones; monitors stay last whatever the list says.
        Config changed = parse("webwx-bot.chain.order = [ \"watcher\", \"bravo\" ]");
        host.reconfigure(chainSettings(changed), changed);
        sent.clear();
        dispatch("alice", "Alice", "again");
        assertEquals(List.of("bravo", "guard", "charlie", "alpha", "zulu", "watcher").stream().map(id -> "alice:" + id).toList(), sent);
    }

    @Test
    void declaredPhaseAndPriorityOrderTheChainWithTiesBrokenByPluginIdNotLoadOrder() throws Exception {
        // Jars are loaded in file-name order, which is deliberately not the chain's order.
        answering("zeta", "MAIN", 0, "CONTINUE").writeTo(plugins, "1-zeta.jar");
        answering("last-resort", "FALLBACK", 100, "CONTINUE").writeTo(plugins, "2-last-resort.jar");
        answering("alpha", "MAIN", 0, "CONTINUE").writeTo(plugins, "3-alpha.jar");
        answering("urgent", "MAIN", 10, "CONTINUE").writeTo(plugins, "4-urgent.jar");
        answering("watcher", "MONITOR", 50, "CONTINUE").writeTo(plugins, "5-watcher.jar");
        answering("blocklist", "GUARD", -5, "CONTINUE").writeTo(plugins, "6-blocklist.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(), parse("plugins.zeta.priority = 0"));

        dispatch("alice", "Alice", "hi");
        assertEquals(List.of("blocklist", "urgent", "alpha", "zeta", "last-resort", "watcher").stream()
                .map(id -> "alice:" + id).toList(), sent);

        // The operator's priority replaces the declared one: zeta now outranks urgent.
        host.reconfigure(ChainSettings.defaults(), parse("plugins.zeta.priority = 11"));
        sent.clear();
        dispatch("alice", "Alice", "again");
        assertEquals(List.of("blocklist", "zeta", "urgent", "alpha", "last-resort", "watcher").stream()
                .map(id -> "alice:" + id).toList(), sent);
    }

    @Test
    void stopKeepsTheEventFromLaterHandlersWhileMonitorsStillSeeIt() throws Exception {
        answering("stopper", "MAIN", 10, "STOP").writeTo(plugins, "stopper.jar");
        answering("later", "MAIN", 0, "CONTINUE").writeTo(plugins, "later.jar");
        answering("last-resort", "FALLBACK", 0, "CONTINUE").writeTo(plugins, "last-resort.jar");
        answering("audit", "MONITOR", 0, "STOP").writeTo(plugins, "audit.jar");
        answering("stats", "MONITOR", 0, "CONTINUE").writeTo(plugins, "stats.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());

        DispatchTrace trace = dispatch("alice", "Alice", "hi");
        assertEquals(List.of("alice:stopper", "alice:audit", "alice:stats"), sent, "a monitor's STOP is ignored");
        assertEquals(List.of(DispatchTrace.Result.STOPPED, DispatchTrace.Result.SKIPPED_AFTER_STOP,
                DispatchTrace.Result.SKIPPED_AFTER_STOP, DispatchTrace.Result.CONTINUED, DispatchTrace.Result.CONTINUED),
                results(trace));
        assertEquals(List.of(1, 0, 0, 1, 1), trace.steps().stream().map(DispatchTrace.Step::replies).toList());
    }

    @Test
    void aStopperOutOfScopeDoesNotSilenceThatChatAndExceptedChatsHearNobody() throws Exception {
        answering("groups-only", "MAIN", 10, "STOP").writeTo(plugins, "groups-only.jar");
        answering("everyone", "MAIN", 0, "STOP").writeTo(plugins, "everyone.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(), parse("""
                plugins.groups-only.chats.only = [ groups ]
                plugins.everyone.chats.except = [ "Bobby" ]
                """));

        DispatchTrace inGroup = dispatch("@@team", "Team", "hi");
        DispatchTrace withFriend = dispatch("alice", "Alice", "hi");
        DispatchTrace withBob = dispatch("bob", "Bobby", "hi");
        assertEquals(List.of("@@team:groups-only", "alice:everyone"), sent);
        assertEquals(List.of(DispatchTrace.Result.STOPPED, DispatchTrace.Result.SKIPPED_AFTER_STOP), results(inGroup));
        assertEquals(List.of(DispatchTrace.Result.SKIPPED_BY_SCOPE, DispatchTrace.Result.STOPPED), results(withFriend));
        assertEquals(List.of(DispatchTrace.Result.SKIPPED_BY_SCOPE, DispatchTrace.Result.SKIPPED_BY_SCOPE), results(withBob));
        assertFalse(withBob.replied());
    }

    /** Throws on "fail", answers anything else; {@code version} goes into its answer. */
    private static PluginJar flaky(String version, boolean throwsOnFail) {
        return PluginJar.plugin("flaky").version(version).handler("Flaky", """
                if (event instanceof TextMessage text) {
                    if (%s && text.text().equals("fail")) throw new IllegalStateException("flaky broke on purpose");
                    context.reply("flaky %s");
                }
                return Outcome.CONTINUE;""".formatted(throwsOnFail, version), "public int priority() { return 10; }");
    }

    @Test
    void breakerDisablesAPluginThatKeepsFailingTheOthersGoOnAndEnableBringsItBack() throws Exception {
        logs.expect(Level.WARN, FLAKY_FAILED).expect(Level.ERROR, "plugin 'flaky' disabled: circuit breaker open after 3 "
                + "failures within 60 s; enable it again with 'plugins enable flaky'");
        flaky("1.0.0", true).writeTo(plugins, "flaky.jar");
        answering("steady", "MAIN", 0, "CONTINUE").writeTo(plugins, "steady.jar");
        Config operator = parse("webwx-bot.chain.breaker { threshold = 3, window = 1m }");
        host = PluginHost.start(plugins, chainSettings(operator), operator);

        for (int i = 0; i < 3; i++) {
            DispatchTrace failed = dispatch("alice", "Alice", "fail");
            assertEquals(DispatchTrace.Result.FAILED, failed.steps().getFirst().result());
            assertTrue(failed.steps().getFirst().detail().contains("flaky broke on purpose"), failed.steps().getFirst().detail());
        }
        assertEquals(List.of("alice:steady", "alice:steady", "alice:steady"), sent, "steady answered every time");
        PluginStatus tripped = status("flaky");
        assertEquals(PluginStatus.State.TRIPPED, tripped.state());
        assertEquals(3, tripped.failures());
        assertTrue(tripped.reason().contains("plugins enable flaky"), tripped.reason());

        sent.clear();
        DispatchTrace whileTripped = dispatch("alice", "Alice", "ok");
        assertEquals(List.of("alice:steady"), sent);
        assertEquals(DispatchTrace.Result.DISABLED, whileTripped.steps().getFirst().result());
        assertTrue(whileTripped.steps().getFirst().detail().contains("circuit breaker open after 3 failures"),
                whileTripped.steps().getFirst().detail());

        assertEquals(PluginStatus.State.ACTIVE, host.enable("flaky").state());
        sent.clear();
        dispatch("alice", "Alice", "ok");
        assertEquals(List.of("alice:flaky 1.0.0", "alice:steady"), sent);
    }

    @Test
    void droppingAFixedJarOverATrippedPluginReloadsItWithItsBreakerClosed() throws Exception {
        logs.expect(Level.WARN, FLAKY_FAILED).expect(Level.ERROR, "plugin 'flaky' disabled: circuit breaker open after 2 "
                + "failures within 60 s; enable it again with 'plugins enable flaky'");
        flaky("1.0.0", true).writeTo(plugins, "flaky.jar");
        Config operator = parse("webwx-bot.chain.breaker.threshold = 2");
        host = PluginHost.start(plugins, chainSettings(operator), operator);
        dispatch("alice", "Alice", "fail");
        dispatch("alice", "Alice", "fail");
        assertEquals(PluginStatus.State.TRIPPED, status("flaky").state());

        flaky("1.0.1", false).writeTo(plugins, "flaky.jar");
        host.rescan();
        PluginStatus reloaded = status("flaky");
        assertEquals("1.0.1", reloaded.version());
        assertEquals(PluginStatus.State.ACTIVE, reloaded.state());
        dispatch("alice", "Alice", "fail");
        assertEquals(List.of("alice:flaky 1.0.1"), sent);
    }

    /** The chain block read the way the launcher reads the operator's file. */
    private static ChainSettings chainSettings(Config operator) {
        return ChainSettings.read(operator.getConfig("webwx-bot.chain"));
    }

    private static Config parse(String hocon) {
        return ConfigFactory.parseString(hocon).resolve();
    }

    private static List<DispatchTrace.Result> results(DispatchTrace trace) {
        return trace.steps().stream().map(DispatchTrace.Step::result).toList();
    }

    private PluginStatus status(String id) {
        return host.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private DispatchTrace dispatch(String userName, String name, String body) throws Exception {
        ContactKind kind = userName.startsWith("@@") ? ContactKind.GROUP : ContactKind.FRIEND;
        Contact chat = new Contact(userName, name, "", "", kind, "");
        TextMessage text = new TextMessage(new Envelope("1", chat, chat, Instant.EPOCH, false, false), body);
        return host.dispatch(text, new RecordingBot(sent)).get(30, TimeUnit.SECONDS);
    }
}
