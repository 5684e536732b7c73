package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;

import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import dev.webwxbot.testkit.PluginTestKit;
import java.time.Duration;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Cooldowns as the people in the chats see them, the plugin's clock moved by the test. */
class CooldownInChatsTest {

    private static final SettableClock CLOCK = new SettableClock(MONDAY_NOON_UTC);

    @RegisterExtension
    static final PluginTestKit bot = PluginTestKit.forPlugin("auto-reply")
            .handlers(new AutoReplyHandler(CLOCK, RandomGenerator.getDefault()))
            .build();

    @BeforeEach
    void noon() {
        CLOCK.set(MONDAY_NOON_UTC);
    }

    @Test
    void aRulesCooldownSilencesItInThatChatOnlyUntilItExpires() {
        bot.reconfigure("plugins.auto-reply.rules = [{ keyword = hi, reply = hello, cooldown = 10m }]");
        bot.friend("Alice").says("hi").expectReply().hasText("hello");
        CLOCK.advance(Duration.ofMinutes(9));
        bot.friend("Alice").says("hi").expectNoReply().expectTrace("AutoReplyHandler", DispatchTrace.Result.CONTINUED);
        bot.friend("Bob").says("hi").expectReply().hasText("hello");
        CLOCK.advance(Duration.ofMinutes(1));
        bot.friend("Alice").says("hi").expectReply().hasText("hello");
    }

    @Test
    void aCoolingRuleStillOwnsTheMessageSoLaterRulesDoNotAnswerIt() {
        bot.reconfigure("""
                plugins.auto-reply.rules = [
                  { keyword = price, reply = "10 yuan", cooldown = 1h }
                  { regex = ".", reply = "I am away" }
                ]""");
        bot.friend("Alice").says("price?").expectReply().hasText("10 yuan");
        bot.friend("Alice").says("price??").expectNoReply();
    }

    @Test
    void theChatsCooldownSilencesEveryRuleInThatChat() {
        bot.reconfigure("""
                plugins.auto-reply {
                  chat-cooldown = 30s
                  rules = [
                    { keyword = hi, reply = hello }
                    { keyword = bye, reply = ciao }
                  ]
                }""");
        bot.friend("Alice").says("hi").expectReply().hasText("hello");
        bot.friend("Alice").says("bye").expectNoReply();
        bot.friend("Bob").says("bye").expectReply().hasText("ciao");
        CLOCK.advance(Duration.ofSeconds(30));
        bot.friend("Alice").says("bye").expectReply().hasText("ciao");
    }

    @Test
    void aLiveEditStartsCooldownsAfresh() {
        bot.reconfigure("plugins.auto-reply.rules = [{ keyword = hi, reply = one, cooldown = 1h }]");
        bot.friend("Alice").says("hi").expectReply().hasText("one");
        bot.reconfigure("plugins.auto-reply.rules = [{ keyword = hi, reply = two, cooldown = 1h }]");
        bot.friend("Alice").says("hi").expectReply().hasText("two");
    }
}
