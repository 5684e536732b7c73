package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.testsupport.CapturedLogs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The host over real plugin jars built by the test: configuration, enable, disable, reload and rescan. */
class PluginHostTest {

    @TempDir
    Path plugins;

    private final List<String> sent = new CopyOnWriteArrayList<>();
    private PluginHost host;
    /** Tests that misconfigure a plugin declare the error that comes of it; any other fails the test. */
    private final CapturedLogs logs = CapturedLogs.attach();

    @AfterEach
    void close() {
        if (host != null) host.close();
        logs.close();
    }

    /** Replies "<greeting> <text>", the greeting read in configure from its block (default in reference.conf). */
    private static PluginJar greeter(String id, String defaultGreeting) {
        return PluginJar.plugin(id)
                .referenceConf("plugins." + id + " { greeting = \"" + defaultGreeting + "\" }")
                .handler("Greeter", """
                        if (event instanceof TextMessage text) { context.reply(greeting + " " + text.text()); }
                        return Outcome.CONTINUE;""",
                        """
                        private volatile String greeting;
                        public void configure(PluginSettings settings) {
                            greeting = settings.string("greeting");
                            if (greeting.isBlank()) throw settings.invalid("greeting", "must not be blank");
                        }""");
    }

    @Test
    void pluginGetsItsReferenceConfDefaultsMergedUnderTheOperatorsBlock() throws Exception {
        greeter("hello", "hello").writeTo(plugins, "hello.jar");
        greeter("hola", "hola").writeTo(plugins, "hola.jar");
        host = start("plugins.hola.greeting = \"¡hola\"");
        dispatchText("Alice", "Alice", "x");
        assertEquals(List.of("Alice:hello x", "Alice:¡hola x"), sent);
    }

    @Test
    void badBlockDisablesOnlyThatPluginWithAMessageNamingTheKey() throws Exception {
        greeter("hello", "hello").writeTo(plugins, "hello.jar");
        greeter("broken", "hi").writeTo(plugins, "broken.jar");
        logs.expect(Level.ERROR, "plugin 'broken' disabled: invalid configuration: .*plugins.broken.greeting.*")
                .expect(Level.ERROR, "plugin 'hello' disabled: invalid configuration: .*plugins.hello.priority.*");
        host = start("plugins.broken.greeting = \"  \"\nplugins.hello.priority = \"high\"");
        PluginStatus broken = status("broken");
        assertEquals(PluginStatus.State.MISCONFIGURED, broken.state());
        assertTrue(broken.reason().contains("plugins.broken.greeting: must not be blank"), broken.reason());
        PluginStatus hello = status("hello");
        assertEquals(PluginStatus.State.MISCONFIGURED, hello.state());
        assertTrue(hello.reason().contains("plugins.hello.priority"), hello.reason());

        host.reconfigure(ChainSettings.defaults(), parse("plugins.broken.greeting = \"fixed\""));
        assertEquals(PluginStatus.State.ACTIVE, status("broken").state());
        assertEquals(PluginStatus.State.ACTIVE, status("hello").state());
        DispatchTrace trace = dispatchText("Alice", "Alice", "y");
        assertEquals(List.of("Alice:fixed y", "Alice:hello y"), sent);
        assertTrue(trace.replied());
    }

    @Test
    void aBlockThatIsNotABlockIsReportedWithItsKey() throws Exception {
        greeter("hello", "hello").writeTo(plugins, "hello.jar");
        logs.expect(Level.ERROR, "plugin 'hello' disabled: invalid configuration: .*plugins.hello: must be a block.*");
        host = start("plugins.hello = 3");
        assertTrue(status("hello").reason().contains("plugins.hello: must be a block"), status("hello").reason());
    }

    @Test
    void anUnknownKeyInAChatsBlockMisconfiguresThePluginNamingIt() throws Exception {
        greeter("hello", "h").writeTo(plugins, "a.jar");
        logs.expect(Level.ERROR, "plugin 'hello' disabled: invalid configuration: .*plugins.hello.chats.exclude.*");
        host = start("plugins.hello.chats.exclude = [ \"Bobby\" ]\n");
        assertEquals(PluginStatus.State.MISCONFIGURED, status("hello").state());
        assertTrue(status("hello").reason().contains("plugins.hello.chats.exclude"), status("hello").reason());
    }

    @Test
    void enabledFalseAndChatScopeComeFromTheBlock() throws Exception {
        greeter("friendsonly", "f").writeTo(plugins, "a.jar");
        greeter("off", "o").writeTo(plugins, "b.jar");
        greeter("notbob", "n").writeTo(plugins, "c.jar");
        host = start("""
                plugins.friendsonly.chats.only = [ friends ]
                plugins.off.enabled = false
                plugins.notbob.chats.except = [ "Bobby" ]
                """);
        assertEquals(PluginStatus.State.DISABLED_BY_CONFIG, status("off").state());
        dispatchText("@@team", "Team", "g");
        dispatchText("bob", "Bobby", "b");
        assertEquals(List.of("@@team:n g", "bob:f b"), sent);
        DispatchTrace last = host.traces(java.util.Optional.of("Bobby")).getLast();
        assertEquals(List.of(DispatchTrace.Result.CONTINUED, DispatchTrace.Result.SKIPPED_BY_SCOPE,
                DispatchTrace.Result.DISABLED), last.steps().stream().map(DispatchTrace.Step::result).toList());
    }

    @Test
    void disableTakesAPluginOutOfTheChainAndEnableBringsItBack() throws Exception {
        greeter("hello", "hello").writeTo(plugins, "hello.jar");
        host = start("");
        assertEquals(PluginStatus.State.DISABLED, host.disable("hello").state());
        DispatchTrace quiet = dispatchText("Alice", "Alice", "1");
        assertEquals(List.of(), sent);
        assertEquals(DispatchTrace.Result.DISABLED, quiet.steps().getFirst().result());
        assertEquals(PluginStatus.State.ACTIVE, host.enable("hello").state());
        dispatchText("Alice", "Alice", "2");
        assertEquals(List.of("Alice:hello 2"), sent);
        assertThrows(IllegalArgumentException.class, () -> host.enable("nobody"));
    }

    @Test
    void rescanPicksUpANewJarReloadsAReplacedOneAndDropsARemovedOne() throws Exception {
        greeter("hello", "v1").writeTo(plugins, "hello.jar");
        host = start("");
        greeter("late", "late").writeTo(plugins, "late.jar");
        greeter("hello", "v2").version("2.0.0").writeTo(plugins, "hello.jar");
        host.rescan();
        assertEquals("2.0.0", status("hello").version());
        dispatchText("Alice", "Alice", "x");
        assertEquals(List.of("Alice:v2 x", "Alice:late x"), sent.stream().sorted().toList().reversed());

        Files.delete(plugins.resolve("late.jar"));
        host.rescan();
        assertEquals(List.of("hello"), host.list().stream().map(PluginStatus::id).toList());
    }

    @Test
    void reloadKeepsARunTimeDisable() throws Exception {
        greeter("hello", "v1").writeTo(plugins, "hello.jar");
        host = start("");
        host.disable("hello");
        greeter("hello", "v2").version("2.0.0").writeTo(plugins, "hello.jar");
        PluginStatus reloaded = host.reload("hello");
        assertEquals("2.0.0", reloaded.version());
        assertEquals(PluginStatus.State.DISABLED, reloaded.state());
    }

    @Test
    void aJarThatIsNotAPluginIsListedAsFailedAndTheOthersLoad() throws Exception {
        Files.writeString(plugins.resolve("junk.jar"), "not a zip");
        greeter("hello", "hello").writeTo(plugins, "hello.jar");
        // PF4J says why it could not read the jar; the host, what it did about it.
        logs.expect(Level.ERROR, "Cannot read manifest from .*junk.jar")
                .expect(Level.ERROR, "plugin jar junk.jar left out: cannot load junk.jar: .*");
        host = start("");
        assertEquals(PluginStatus.State.FAILED_TO_LOAD, status("junk.jar").state());
        assertEquals(PluginStatus.State.ACTIVE, status("hello").state());
    }

    private PluginHost start(String operatorHocon) {
        return PluginHost.start(plugins, ChainSettings.defaults(), parse(operatorHocon));
    }

    private static Config parse(String hocon) {
        return ConfigFactory.parseString(hocon).resolve();
    }

    private PluginStatus status(String id) {
        return host.list().stream().filter(s -> s.id().equals(id)).findFirst().orElseThrow();
    }

    private DispatchTrace dispatchText(String userName, String name, String body) throws Exception {
        Contact chat = new Contact(userName, name, "", "", userName.startsWith("@@") ? ContactKind.GROUP : ContactKind.FRIEND, "");
        TextMessage text = new TextMessage(new Envelope("1", chat, chat, Instant.EPOCH, false, false), body);
        return host.dispatch(text, new RecordingBot(sent)).get(10, TimeUnit.SECONDS);
    }
}
