package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code plugins.<id>.accounts}: which accounts of the daemon a plugin serves, and the traces by account. */
class PluginAccountScopeTest {

    @TempDir
    Path plugins;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private PluginHost host;

    @AfterEach
    void close() {
        if (host != null) host.close();
    }

    /** Replies "<id> <text>". */
    private static PluginJar echo(String id) {
        return PluginJar.plugin(id).handler("Echo" + id.replace("-", ""), """
                if (event instanceof TextMessage text) { context.reply("%s " + text.text()); }
                return Outcome.CONTINUE;""".formatted(id), "");
    }

    @Test
    void aPluginScopedToAccountsRunsOnlyForThemAndTheTraceSaysWhyItDidNot() throws Exception {
        echo("everyone").writeTo(plugins, "a.jar");
        echo("alice-only").writeTo(plugins, "b.jar");
        echo("empty-list").writeTo(plugins, "c.jar");
        start("""
                plugins.alice-only.accounts = [ "alice" ]
                plugins.empty-list.accounts = [ ]
                """);
        dispatch("alice", "1");
        DispatchTrace bob = dispatch("bob", "2");
        DispatchTrace single = host.dispatch(text("3"), new RecordingBot(sent)).get(10, TimeUnit.SECONDS);

        assertEquals(List.of("alice:alice-only 1", "alice:empty-list 1", "alice:everyone 1", "alice:empty-list 2",
                "alice:everyone 2", "alice:empty-list 3", "alice:everyone 3"), sent);
        assertEquals("bob", bob.account());
        DispatchTrace.Step skipped = bob.steps().getFirst();
        assertEquals("alice-only", skipped.pluginId());
        assertEquals(DispatchTrace.Result.SKIPPED_BY_SCOPE, skipped.result());
        assertEquals("not for account bob", skipped.detail());
        assertEquals(PluginHost.DEFAULT_ACCOUNT, single.account());
        assertEquals("not for account default", single.steps().getFirst().detail());
        assertTrue(bob.describe().contains("[bob] TextMessage"), bob.describe());
    }

    @Test
    void tracesAreFilteredByAccountAndByChat() throws Exception {
        echo("everyone").writeTo(plugins, "a.jar");
        start("");
        dispatch("alice", "1");
        dispatch("bob", "2");
        dispatch("alice", "3");
        assertEquals(List.of("alice", "alice"), accounts(host.traces(Optional.empty(), Optional.of("alice"))));
        assertEquals(List.of("bob"), accounts(host.traces(Optional.of("Alice"), Optional.of("bob"))));
        assertEquals(List.of(), accounts(host.traces(Optional.of("Bob"), Optional.of("bob"))));
        assertEquals(3, host.traces(Optional.empty()).size());
    }

    @Test
    void anAccountsEntryThatIsNoAccountIdMisconfiguresThePluginNamingTheKey() throws Exception {
        echo("everyone").writeTo(plugins, "a.jar");
        try (CapturedLogs logs = CapturedLogs.attach()) {
            start("plugins.everyone.accounts = [ \"alice\", \"Bob Smith\" ]");
            assertEquals(1, logs.at(Level.ERROR).size(), logs.at(Level.ERROR).toString());
            assertTrue(logs.at(Level.ERROR).getFirst().startsWith("plugin 'everyone' disabled: invalid configuration: "
                    + "plugins.everyone.accounts"), logs.at(Level.ERROR).getFirst());
        }
        PluginStatus status = host.list().getFirst();
        assertEquals(PluginStatus.State.MISCONFIGURED, status.state());
        assertTrue(status.reason().contains("plugins.everyone.accounts"), status.reason());
        assertTrue(status.reason().contains("'Bob Smith' is not an account id"), status.reason());
    }

    private void start(String hocon) {
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.parseString(hocon).resolve());
    }

    private DispatchTrace dispatch(String account, String body) throws Exception {
        return host.dispatch(text(body), new RecordingBot(sent), account).get(10, TimeUnit.SECONDS);
    }

    private static List<String> accounts(List<DispatchTrace> traces) {
        return traces.stream().map(DispatchTrace::account).toList();
    }

    private static TextMessage text(String body) {
        Contact chat = new Contact("alice", "Alice", "", "", ContactKind.FRIEND, "");
        return new TextMessage(new Envelope("1", chat, chat, Instant.EPOCH, false, false), body);
    }
}
