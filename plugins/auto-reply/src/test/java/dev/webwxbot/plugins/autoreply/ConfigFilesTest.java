package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.BOB;
import static dev.webwxbot.plugins.autoreply.Fixtures.CAROL_IN_GROUP;
import static dev.webwxbot.plugins.autoreply.Fixtures.FAMILY;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.PREFIX;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.inGroup;
import static dev.webwxbot.plugins.autoreply.Fixtures.withReference;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The files the plugin ships: its reference.conf, the operator's example and the demo's rules. */
class ConfigFilesTest {

    private static final Path EXAMPLE = Path.of("../../config/auto-reply.example.conf");
    private static final Path DEMO = Path.of("../../config/demo.conf");
    private static final Path GROUP_HELPER = Path.of("../../config/auto-reply.group-helper.example.conf");
    private static final Path ASSISTANT = Path.of("../../config/auto-reply.assistant.example.conf");

    private final SettableClock clock = new SettableClock(MONDAY_NOON_UTC);

    private List<String> answers(AutoReplyHandler handler, TextMessage message) {
        RecordingContext context = new RecordingContext();
        handler.handle(message, context);
        return context.texts();
    }

    @Test
    void exampleIncludedFromApplicationConfLoadsAndAnswers(@TempDir Path configDir) throws Exception {
        Files.copy(EXAMPLE, configDir.resolve("auto-reply.conf"));
        Path application = Files.writeString(configDir.resolve("application.conf"),
                "plugins.auto-reply { include \"auto-reply.conf\" }\n");
        Config config = ConfigFactory.parseFile(application.toFile()).resolve();
        AutoReplyHandler handler = new AutoReplyHandler(clock, RandomGenerator.getDefault());
        handler.configure(new ConfigPluginSettings(config.getConfig(PREFIX), PREFIX));

        clock.set(Instant.parse("2024-05-06T02:00:00Z")); // Monday 10:00 in Shanghai
        assertEquals(List.of("Hello Alice! Send \"help\" to see what I can do."),
                answers(handler, fromFriend(ALICE, "hi there")));
        assertEquals(List.of("Bobby, order 12345 was received; we will write to you when it ships."),
                answers(handler, fromFriend(BOB, "where is order #12345?")));
        assertEquals(List.of("We are open Monday to Friday, 09:00-18:00 (Beijing time).", "It is now Mon 10:00 here."),
                answers(handler, inGroup(FAMILY, CAROL_IN_GROUP, "@Bot\u2005营业时间?", true)));
        clock.set(Instant.parse("2024-05-06T14:00:00Z")); // 22:00 in Shanghai
        assertEquals(List.of("I am away until 09:00 (Beijing time) and will answer then."),
                answers(handler, fromFriend(ALICE, "are you there")));
    }

    @Test
    void exampleWrittenInlineLoadsTheSame() throws Exception {
        String inline = "plugins.auto-reply {\n" + Files.readString(EXAMPLE) + "\n}";
        Config config = ConfigFactory.parseString(inline).resolve();
        AutoReplyHandler handler = new AutoReplyHandler(clock, RandomGenerator.getDefault());
        handler.configure(new ConfigPluginSettings(config.getConfig(PREFIX), PREFIX));
        assertEquals(1, answers(handler, fromFriend(ALICE, "help")).size());
    }

    @Test
    void demoConfigurationAnswersTheDemosFriends() throws Exception {
        Config demo = ConfigFactory.parseFile(DEMO.toFile()).resolve();
        AutoReplyHandler handler = new AutoReplyHandler(clock, RandomGenerator.getDefault());
        handler.configure(withReference(demo.getConfig(PREFIX).root().render()));
        assertEquals(List.of("Hello Alice! I am the auto-reply plugin. Send \"help\" to see what I can do."),
                answers(handler, fromFriend(ALICE, "Hello, bot! 👋")));
        assertEquals(List.of("Order 7 is on its way, Alice."), answers(handler, fromFriend(ALICE, "order 7")));
        assertEquals(List.of("Sorry Alice, I did not understand \"what?\". Send \"help\"."),
                answers(handler, fromFriend(ALICE, "what?")));
    }

    @Test
    void theGroupHelperExampleLoadsWithoutAProblem() throws Exception {
        RuleSetReader.Reading reading = RuleSetReader.read(withReference(Files.readString(GROUP_HELPER)));
        assertEquals(List.of(), reading.fatalProblems());
        assertEquals(List.of(), reading.badRules());
        assertEquals(3, reading.rules().rules().size());
    }

    @Test
    void theAssistantExampleLoadsWithoutAProblemWhenItsKeyIsInTheEnvironment() throws Exception {
        RuleSetReader.Reading reading = RuleSetReader.read(withReference(Files.readString(ASSISTANT)),
                Environment.of(java.util.Map.of("OPENAI_API_KEY", "sk-test")));
        assertEquals(List.of(), reading.fatalProblems());
        assertEquals(List.of(), reading.badRules());
        assertEquals(1, reading.rules().rules().size());
        RuleSetReader.Reading withoutKey = RuleSetReader.read(withReference(Files.readString(ASSISTANT)),
                Environment.of(java.util.Map.of()));
        assertEquals(1, withoutKey.fatalProblems().size(), withoutKey.fatalProblems().toString());
        assertEquals(true, withoutKey.fatalProblems().getFirst().contains("OPENAI_API_KEY"),
                withoutKey.fatalProblems().toString());
    }
}
