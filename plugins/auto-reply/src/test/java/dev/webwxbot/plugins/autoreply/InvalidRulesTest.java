package dev.webwxbot.plugins.autoreply;

import dev.webwxbot.testsupport.CapturedLogs;
import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.PREFIX;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.core.chain.ConfigPluginSettings;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a rules file with mistakes does: every mistake reported at once with file, line and rule number; a bad rule
 * left out while the others answer (or, on request, nothing loaded); an edit that cannot be used keeps the rules
 * that were answering, and says so.
 */
class InvalidRulesTest {

    private static final String GOOD = "{ keyword = hi, reply = hello }";

    @TempDir
    Path dir;

    private final CapturedLogs log = CapturedLogs.attach();
    private final AutoReplyHandler handler = new AutoReplyHandler(new SettableClock(MONDAY_NOON_UTC),
            RandomGenerator.getDefault());

    @AfterEach
    void closeLog() {
        log.close();
    }

    /** The block as the host hands it over when the operator includes {@code rules} from application.conf. */
    private PluginSettings fromFile(String rules) throws Exception {
        Files.writeString(dir.resolve("auto-reply.conf"), rules);
        Path application = Files.writeString(dir.resolve("application.conf"),
                "plugins.auto-reply { include \"auto-reply.conf\" }\n");
        return new ConfigPluginSettings(ConfigFactory.parseFile(application.toFile()).resolve().getConfig(PREFIX), PREFIX);
    }

    private String file() {
        return dir.resolve("auto-reply.conf").toString();
    }

    private List<String> answers(String text) {
        RecordingContext context = new RecordingContext();
        handler.handle(fromFriend(ALICE, text), context);
        return context.texts();
    }

    @Test
    void everyMistakeOfTheFileIsReportedAtOnceWithFileLineAndRuleNumberFromOne() throws Exception {
        RuleSetReader.Reading reading = RuleSetReader.read(fromFile("""
                rules = [
                  { keyword = hi, reply = hello }
                  { name = order, regex = "order (", reply = x }
                  {
                    keywrod = menu
                    replly = "see the menu"
                  }
                ]
                """));
        assertEquals(List.of(), reading.blockProblems());
        assertEquals(List.of(2, 3), reading.badRules().stream().map(RuleSetReader.BadRule::number).toList());
        assertEquals(Optional.of(file() + ":4"), reading.badRules().get(1).origin());
        assertEquals(List.of(file() + ":3: rule 2 (order): regex: not a valid regular expression: error parsing"
                + " regexp: missing closing ): `order (` (RE2 syntax: no look-around, no back-references)"),
                reading.badRules().get(0).problems());
        assertEquals(List.of(
                file() + ":5: rule 3: keywrod: unknown key; did you mean keyword?",
                file() + ":6: rule 3: replly: unknown key; did you mean reply?",
                file() + ":4: rule 3: a rule needs one of keyword, keywords, exact or regex, or on = text | message | friend-request"
                        + " | member-joined | member-left | revoke | schedule | login",
                file() + ":4: rule 3: reply: is required: every rule needs reply = \"…\", replies = [ … ] or actions = [ … ]"),
                reading.badRules().get(1).problems());
    }

    @Test
    void aBadRuleIsSkippedWithOneWarningWhileTheOthersAnswer() throws Exception {
        handler.configure(fromFile("""
                rules = [
                  { keyword = order, regex = "order \\\\d+", reply = "which order?" }
                  { keyword = hi, reply = hello }
                ]
                """));
        assertEquals(List.of("hello"), answers("hi there"));
        assertEquals(List.of(), answers("order 12"));
        assertEquals(List.of("auto-reply: rule 1 (" + file() + ":2) is skipped, the other rules are loaded: " + file()
                + ":2: rule 1: regex: conflicts with keyword; a rule matches by exactly one of keyword, keywords, exact"
                + " or regex"), log.at(Level.WARN));
        assertTrue(handler.warning().orElseThrow().startsWith("1 invalid rule(s) skipped: " + file() + ":2: rule 1: regex"),
                handler.warning().toString());
    }

    @Test
    void rejectAllLoadsNothingAndNamesEveryBadRule() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class, () -> handler.configure(settings(
                "on-invalid-rule = reject-all\nrules = [" + GOOD + ", { keyword = a }, { exact = b, reply = \"{x}\" }]")));
        assertEquals("plugins.auto-reply", e.key());
        assertEquals("plugins.auto-reply: on-invalid-rule = reject-all and 2 rule(s) are not valid: 2 problems:\n"
                + "  rule 2: reply: is required: every rule needs reply = \"…\", replies = [ … ] or actions = [ … ]\n"
                + "  rule 3: reply: unknown placeholder {x}; known: [chat, group, sender, text, time, time:<format>]",
                e.getMessage());
        assertEquals(List.of(), answers("hi"));
    }

    @Test
    void aBrokenEditKeepsThePreviousRulesAndSaysSoUntilAGoodEditClearsIt() {
        handler.configure(settings("rules = [" + GOOD + "]"));
        assertEquals(Optional.empty(), handler.warning());

        handler.configure(settings("chat-cooldown = soon\nrules = [{ keyword = hi, reply = changed }]"));
        assertEquals(List.of("hello"), answers("hi"), "the previous rules still answer");
        String warning = handler.warning().orElseThrow();
        assertTrue(warning.startsWith("running previous rules: plugins.auto-reply.chat-cooldown: "), warning);
        assertEquals(1, log.at(Level.ERROR).size());
        assertTrue(log.at(Level.ERROR).getFirst().startsWith(
                "auto-reply: the edited rules are not used; the previous 1 rule(s) keep running: "), log.at(Level.ERROR).toString());

        handler.configure(settings("rules = [{ keyword = hi, reply = fixed }]"));
        assertEquals(Optional.empty(), handler.warning());
        assertEquals(List.of("fixed"), answers("hi"));
    }

    @Test
    void withRejectAllAnEditWithABadRuleKeepsThePreviousRules() {
        handler.configure(settings("on-invalid-rule = reject-all\nrules = [" + GOOD + "]"));
        handler.configure(settings("on-invalid-rule = reject-all\nrules = [{ keyword = hi, reply = new }, { keyword = x }]"));
        assertEquals(List.of("hello"), answers("hi"));
        assertTrue(handler.warning().orElseThrow().startsWith("running previous rules: on-invalid-rule = reject-all and 1"
                + " rule(s) are not valid: rule 2: reply: is required"), handler.warning().toString());
        assertEquals(1, log.at(Level.ERROR).size());
    }

    @Test
    void aBlockThatCannotBeUsedAtTheFirstConfigureIsRefusedSoTheHostLeavesThePluginOut() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> handler.configure(settings("rulez = [" + GOOD + "]\nchat-cooldown = -1s")));
        assertEquals("plugins.auto-reply: 2 problems:\n"
                + "  plugins.auto-reply.rulez: unknown key; did you mean rules?\n"
                + "  plugins.auto-reply.chat-cooldown: must not be negative", e.getMessage());
        assertEquals(Optional.empty(), handler.warning());
    }
}
