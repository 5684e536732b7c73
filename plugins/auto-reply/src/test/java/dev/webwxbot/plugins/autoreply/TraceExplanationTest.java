package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.CAROL_IN_GROUP;
import static dev.webwxbot.plugins.autoreply.Fixtures.FAMILY;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.PREFIX;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.inGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the plugin tells a message's dispatch trace: the rule that answered with its file and line, or why none did. */
class TraceExplanationTest {

    @TempDir
    Path dir;

    private final SettableClock clock = new SettableClock(MONDAY_NOON_UTC);
    private AutoReplyHandler handler;
    private Path file;

    @BeforeEach
    void loadRulesFromAFile() throws Exception {
        file = dir.resolve("auto-reply.conf");
        Files.writeString(file, """
                plugins.auto-reply {
                  chat-cooldown = 1m
                  rules = [
                    { name = menu, exact = menu, reply = "tea, coffee" }
                    { keyword = price, reply = "5 yuan", require-mention = true }
                  ]
                }
                """);
        handler = new AutoReplyHandler(clock, RandomGenerator.getDefault());
        handler.configure(new ConfigPluginSettings(ConfigFactory.parseFile(file.toFile()).resolve().getConfig(PREFIX),
                PREFIX));
    }

    private String explained(TextMessage message) {
        RecordingContext context = new RecordingContext();
        handler.handle(message, context);
        return context.explained;
    }

    @Test
    void theRuleThatAnsweredIsNamedWithItsFileAndLine() {
        assertEquals("rule 1 (menu) at " + file + ":4 matched", explained(fromFriend(ALICE, "menu")));
    }

    @Test
    void aRuleThatMatchedWhileTheChatCoolsDownSaysSo() {
        explained(fromFriend(ALICE, "menu"));
        assertEquals("rule 1 (menu) at " + file + ":4 matched, but the chat is cooling down: nothing sent",
                explained(fromFriend(ALICE, "menu")));
    }

    @Test
    void noMatchNamesTheNearestMissWhoseWordsMatched() {
        assertEquals("no rule matched; nearest: rule 2 at " + file + ":5 matches the text but it needs an @-mention"
                + " of the bot in a group", explained(inGroup(FAMILY, CAROL_IN_GROUP, "what price?", false)));
    }

    @Test
    void noMatchAtAllCountsTheRules() {
        assertEquals("no rule matched (2 rules)", explained(fromFriend(ALICE, "good morning")));
    }
}
