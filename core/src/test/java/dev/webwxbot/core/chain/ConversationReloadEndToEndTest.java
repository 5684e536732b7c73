package dev.webwxbot.core.chain;

import dev.webwxbot.testsupport.PluginJar;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.testsupport.Await;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A jar's plugin holds a conversation with a friend through the emulator while the operator reloads, disables or
 * stops it: the waiting handler wakes with a cancellation, its thread ends, no conversation is left waiting, and
 * the friend's next message goes through the chain as usual. The jar's handler notes its thread and the
 * cancellation in the system properties, the one place the test and the plugin's class loader share.
 */
class ConversationReloadEndToEndTest {

    private static final String THREAD = "conversation-test.thread";
    private static final String CANCELLED = "conversation-test.cancelled";

    @TempDir
    Path plugins;

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private PluginHost host;

    @BeforeEach
    void startEmulator() {
        System.getProperties().remove(THREAD);
        System.getProperties().remove(CANCELLED);
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
    }

    @AfterEach
    void stop() {
        if (host != null) host.close();
        world.close();
        System.getProperties().remove(THREAD);
        System.getProperties().remove(CANCELLED);
    }

    private static PluginJar asking(String version) {
        return PluginJar.plugin("asker").version(version).handler("Asker", """
                if (!(event instanceof TextMessage text) || text.envelope().fromSelf()) return Outcome.CONTINUE;
                if (!text.text().equals("hi")) {
                    context.reply("%1$s heard " + text.text());
                    return Outcome.STOP;
                }
                System.getProperties().put("%2$s", Thread.currentThread());
                try {
                    java.util.Optional<String> name = context.ask("%1$s: your name?", java.time.Duration.ofMinutes(5));
                    context.reply("hello " + name.orElse("stranger"));
                } catch (java.util.concurrent.CancellationException e) {
                    System.getProperties().put("%3$s", e.getMessage());
                    throw e;
                }
                return Outcome.STOP;""".formatted(version, THREAD, CANCELLED), "");
    }

    private void askedAndWaiting() throws Exception {
        asking("v1").writeTo(plugins, "asker.jar");
        host = PluginHost.start(plugins, ChainSettings.defaults(), ConfigFactory.empty());
        HostedLogin.online(world.client, account, host, Duration.ofSeconds(20));
        alice.sendText("hi");
        assertEquals("v1: your name?", account.awaitSentMessage(Duration.ofSeconds(15)).content());
        Await.until(() -> host.chain().conversations().waiting("asker") == 1, "the conversation waiting");
    }

    private void cancelledWithNoThreadLeft(String reason) throws InterruptedException {
        Await.until(() -> System.getProperties().get(CANCELLED) != null, "the waiting handler cancelled");
        assertEquals(reason, System.getProperties().get(CANCELLED));
        Thread handlerThread = (Thread) System.getProperties().get(THREAD);
        assertTrue(handlerThread.join(Duration.ofSeconds(5)), "the handler's thread ended");
        assertEquals(0, host.chain().conversations().waiting());
    }

    @Test
    void aReloadCancelsTheWaitingConversationAndTheAnswerReachesTheNewVersion() throws Exception {
        askedAndWaiting();
        asking("v2").writeTo(plugins, "asker.jar");
        host.reload("asker");
        cancelledWithNoThreadLeft("plugin 'asker' was unloaded or reloaded");

        alice.sendText("Ally");
        assertEquals("v2 heard Ally", account.awaitSentMessage(Duration.ofSeconds(15)).content());
    }

    @Test
    void disablingThePluginCancelsItsConversation() throws Exception {
        askedAndWaiting();
        host.disable("asker");
        cancelledWithNoThreadLeft("plugin 'asker' was disabled: disabled by the operator");

        host.enable("asker");
        alice.sendText("Ally");
        assertEquals("v1 heard Ally", account.awaitSentMessage(Duration.ofSeconds(15)).content(),
                "enabled again, the plugin hears the message afresh: the old conversation is gone");
    }

    @Test
    void stoppingTheHostCancelsTheConversationAndLeavesNoThread() throws Exception {
        askedAndWaiting();
        host.close();
        cancelledWithNoThreadLeft("the bot is stopping");
    }
}
