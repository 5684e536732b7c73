package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.InvalidSettingsException;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every mistake an operator can make in a rule is found when the rules load and named with the rule's number,
 * counted from 1, and the key; mistakes outside the rules make the whole block invalid.
 */
class ValidationTest {

    private static final String OK = "keyword = a, reply = b";

    static Stream<Arguments> ruleMistakes() {
        return Stream.of(
                bad("rules = [{ " + OK + " }, { regex = \"(unclosed\", reply = x }]", 2,
                        "rule 2: regex: not a valid regular expression: error parsing regexp:"
                                + " missing closing ): `(unclosed`"),
                bad("rules = [{ regex = \"(?=look)ahead\", reply = x }]", 1, "rule 1: regex: not a valid regular expression: "),
                bad("rules = [{ regex = \"(?P<text>x)\", reply = x }]", 1, "rule 1: regex: the group name 'text' is taken"),
                bad("rules = [{ regex = \"x{1000}{1000}\", reply = x }]", 1, "invalid nested repetition"),
                bad("rules = [{ regex = \"(?:a{1000}){30}\", reply = x }]", 1,
                        "rule 1: regex: is too large (30002 RE2 instructions, at most 20000)"),
                bad("rules = [{ reply = x }]", 1, "rule 1: a rule needs one of keyword, keywords, exact or regex"),
                bad("rules = [{ keyword = a, regex = b, reply = x }]", 1, "rule 1: regex: conflicts with keyword"),
                bad("rules = [{ keyword = \"\", reply = x }]", 1, "rule 1: keyword: must not be empty"),
                bad("rules = [{ keywords = [], reply = x }]", 1, "rule 1: keywords: must hold at least one entry"),
                bad("rules = [{ keywords = [a, \" \"], reply = x }]", 1, "rule 1: keywords[2]: must not be empty"),
                bad("rules = [{ keyword = a }]", 1, "rule 1: reply: is required"),
                bad("rules = [{ keyword = a, reply = x, replies = [y] }]", 1, "rule 1: replies: conflicts with reply"),
                bad("rules = [{ keyword = a, replies = [] }]", 1, "rule 1: replies: must hold at least one reply"),
                bad("rules = [{ keyword = a, reply = \"hi {sendr}\" }]", 1,
                        "rule 1: reply: unknown placeholder {sendr}; did you mean {sender}?"),
                bad("rules = [{ keyword = a, replies = [ok, \"{1}\"] }]", 1,
                        "rule 1: replies[2]: {1} needs capture group 1 but the rule's matcher has no groups"),
                bad("rules = [{ exact = a, reply = \"you said {0}\" }]", 1,
                        "{0} needs capture group 0 but the rule's matcher has no groups (only regex rules capture)"),
                bad("rules = [{ regex = \"(a)\", reply = \"{2}\" }]", 1, "rule 1: reply: {2} needs capture group 2 but the rule's regex has 1"),
                bad("rules = [{ regex = \"(?P<who>a)\", reply = \"{whom}\" }]", 1,
                        "rule 1: reply: unknown placeholder {whom}; did you mean {who}?"),
                bad("rules = [{ keyword = a, reply = \"{time:yyyy-qq-bb}\" }]", 1, "bad time format"),
                bad("rules = [{ keyword = a, reply = \"{sender\" }]", 1, "is never closed"),
                bad("rules = [{ keyword = a, reply = \"a } b\" }]", 1, "closes nothing"),
                bad("rules = [{ keyword = a, replies = [{ text = x, image = y }] }]", 1,
                        "rule 1: replies[1].image: conflicts with text"),
                bad("rules = [{ keyword = a, replies = [{ picture = y }] }]", 1,
                        "rule 1: replies[1].picture: unknown key; known keys here: file, image, text"),
                bad("media-dir = \"/nonexistent-webwx\"\nrules = [{ keyword = a, replies = [{ image = \"cat.png\" }] }]", 1,
                        "rule 1: replies[1].image: no such file: /nonexistent-webwx/cat.png (relative paths are"
                                + " resolved against media-dir"),
                bad("rules = [{ keyword = a, replies = [{ file = \"/nonexistent-webwx/menu.pdf\" }] }]", 1,
                        "rule 1: replies[1].file: no such file: /nonexistent-webwx/menu.pdf"),
                bad("rules = [{ " + OK + ", scope = [friends, freinds] }]", 1,
                        "rule 1: scope: unknown scope 'freinds'; did you mean friends?"),
                bad("rules = [{ " + OK + ", scope = [channels] }]", 1, "unknown scope 'channels'; use friends, groups"),
                bad("rules = [{ " + OK + ", scope = [] }]", 1, "rule 1: scope: must name at least one"),
                bad("rules = [{ " + OK + ", chats = \"Alice\" }]", 1, "rule 1: chats: ", "rather than LIST"),
                bad("rules = [{ " + OK + ", require-mention = maybe }]", 1, "rule 1: require-mention: ", "rather than BOOLEAN"),
                bad("rules = [{ " + OK + ", active-hours = \"9-18\" }]", 1,
                        "rule 1: active-hours: '9-18' is not a range like \"09:00-18:00\""),
                bad("rules = [{ " + OK + ", active-hours = \"09:00-25:00\" }]", 1, "no such time 25:00"),
                bad("rules = [{ " + OK + ", active-hours = \"09:00-09:00\" }]", 1, "is empty"),
                bad("rules = [{ " + OK + ", active-days = [mon, funday] }]", 1,
                        "rule 1: active-days: 'funday' is not a day of the week"),
                bad("rules = [{ " + OK + ", time-zone = \"Mars/Olympus\" }]", 1,
                        "rule 1: time-zone: unknown time zone 'Mars/Olympus'"),
                bad("rules = [{ " + OK + ", cooldown = -5s }]", 1, "rule 1: cooldown: must not be negative"),
                bad("rules = [{ " + OK + ", cooldown = soon }]", 1, "rule 1: cooldown: ", "No number in duration"),
                bad("rules = [{ " + OK + ", pick = randon }]", 1, "rule 1: pick: must be all", "did you mean random?"),
                bad("rules = [{ " + OK + ", keywrod = x }]", 1, "rule 1: keywrod: unknown key; did you mean keyword?"),
                bad("rules = [{ name = greeting, " + OK + ", replly = x }]", 1,
                        "rule 1 (greeting): replly: unknown key; did you mean reply?"));
    }

    private static Arguments bad(String block, int rule, String... fragments) {
        return Arguments.of(block, rule, List.of(fragments));
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("ruleMistakes")
    void aMistakeInARuleNamesTheRuleCountedFromOneAndItsKey(String block, int rule, List<String> fragments) {
        RuleSetReader.Reading reading = RuleSetReader.read(settings(block));
        assertEquals(List.of(), reading.blockProblems());
        assertEquals(1, reading.badRules().size(), reading.badRules().toString());
        RuleSetReader.BadRule bad = reading.badRules().getFirst();
        assertEquals(rule, bad.number());
        assertEquals(1, bad.problems().size(), bad.problems().toString());
        String problem = bad.problems().getFirst();
        assertTrue(problem.startsWith("rule " + rule), problem);
        fragments.forEach(fragment -> assertTrue(problem.contains(fragment), problem + " should contain " + fragment));
    }

    static Stream<Arguments> blockMistakes() {
        return Stream.of(
                Arguments.of("chat-cooldown = -1s", "plugins.auto-reply.chat-cooldown: must not be negative"),
                Arguments.of("rule = []", "plugins.auto-reply.rule: unknown key; did you mean rules?"),
                Arguments.of("on-invalid-rule = rejectall",
                        "plugins.auto-reply.on-invalid-rule: must be skip (leave a bad rule out, load the others) or"
                                + " reject-all (load no rule while any is bad); did you mean reject-all?"),
                Arguments.of("defaults { keyword = x }", "plugins.auto-reply.defaults.keyword: cannot have a default;"
                        + " only the keys shared by rules can: scope, chats"),
                Arguments.of("defaults { scoop = [friends] }",
                        "plugins.auto-reply.defaults.scoop: unknown key; did you mean scope?"),
                Arguments.of("defaults { time-zone = Nowhere }\nrules = [{ " + OK + " }]",
                        "plugins.auto-reply.defaults.time-zone: unknown time zone"),
                Arguments.of("rules = { keyword = a }", "plugins.auto-reply.rules: "));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("blockMistakes")
    void aMistakeOutsideTheRulesMakesTheWholeBlockInvalid(String block, String problem) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new AutoReplyHandler().configure(settings(block)));
        assertTrue(e.getMessage().startsWith(problem), e.getMessage());
    }

    @Test
    void aBadDefaultIsReportedOnceNotOnceForEveryRule() {
        RuleSetReader.Reading reading = RuleSetReader.read(settings(
                "defaults { cooldown = -1s }\nrules = [{ " + OK + " }, { " + OK + " }]"));
        assertEquals(List.of("plugins.auto-reply.defaults.cooldown: must not be negative"), reading.blockProblems());
        assertEquals(List.of(), reading.badRules());
    }

    @Test
    void everyMistakeOfOneRuleIsReportedNotOnlyTheFirst() {
        RuleSetReader.Reading reading = RuleSetReader.read(settings("""
                rules = [{ keywrod = x, regex = "(", scope = [chanels], replies = [ { text = "{nmae}" }, { imag = a.png } ] }]
                """));
        assertEquals(List.of(
                "rule 1: keywrod: unknown key; did you mean keyword?",
                "rule 1: scope: unknown scope 'chanels'; use friends, groups",
                "rule 1: regex: not a valid regular expression: error parsing regexp: missing closing ): `(`"
                        + " (RE2 syntax: no look-around, no back-references)",
                "rule 1: replies[2].imag: unknown key; did you mean image?"), reading.badRules().getFirst().problems());
    }

    @Test
    void theKeysTheHostReadsInEveryPluginsBlockAreAcceptedAndNoOthers() {
        new AutoReplyHandler().configure(settings("enabled = true, priority = 5, time-budget = 5s, "
                + "chats { only = [friends] }, accounts = [alice], rules = [{ " + OK + " }]"));
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new AutoReplyHandler().configure(settings("phase = main, rules = [{ " + OK + " }]")));
        assertEquals("plugins.auto-reply.phase: unknown key; known keys here: accounts, chat-cooldown, chats, defaults,"
                + " enabled, http-limits, llm, media-dir, on-invalid-rule, priority, rules, time-budget", e.getMessage());
    }
}
