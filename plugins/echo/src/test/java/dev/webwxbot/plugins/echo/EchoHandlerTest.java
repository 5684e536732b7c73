package dev.webwxbot.plugins.echo;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.testkit.PluginTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The echo plugin as a friend meets it; its handler is found through the jar's own extension index. */
class EchoHandlerTest {

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("echo").build();

    @Test
    void aFriendsTextComesBackAsItWasWritten() {
        bot.friend("Alice").says("Hello, bot! 👋\nsecond line").expectReply().hasText("Hello, bot! 👋\nsecond line");
    }

    @Test
    void havingAnsweredItKeepsLaterPluginsFromAnsweringToo() {
        bot.friend("Alice").says("hi").expectReply();
        assertEquals("echo/EchoHandler", bot.friend("Alice").says("hi again").expectReply().answeredBy());
        bot.friend("Alice").says("once more").expectTrace("EchoHandler", DispatchTrace.Result.STOPPED);
    }

    @Test
    void groupsAreLeftAloneMentionedOrNot() {
        var hikers = bot.group("Weekend hikers", "Alice", "Bob");
        hikers.member("Bob").says("anyone for Sunday?").expectNoReply()
                .expectTrace("EchoHandler", DispatchTrace.Result.CONTINUED);
        hikers.member("Alice").saysMentioningBot("are you there?").expectNoReply();
    }

    @Test
    void theOwnersOwnMessagesAreNotEchoedWhichWouldLoop() {
        bot.friend("Alice").ownerSays("see you").expectNoReply().expectTrace("EchoHandler", DispatchTrace.Result.CONTINUED);
    }

    @Test
    void whatIsNotTextIsLeftAlone() {
        bot.friend("Alice").sendsFile("notes.txt", "a file".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .expectNoReply();
    }
}
