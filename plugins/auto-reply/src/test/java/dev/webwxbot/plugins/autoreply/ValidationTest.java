package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.handler;
import static dev.webwxbot.plugins.autoreply.Fixtures.settings;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/** Every mistake an operator can make is refused when the rules load, with the exact key named. */
class ValidationTest {

    private static final String OK = "keyword = a, reply = b";

    static Stream<Arguments> mistakes() {
        return Stream.of(
                bad("rules = [{ " + OK + " }, { regex = \"(unclosed\", reply = x }]",
                        "plugins.auto-reply.rules.1.regex", "not a valid regular expression: error parsing regexp:"
                                + " missing closing ): `(unclosed`"),
                bad("rules = [{ regex = \"(?=look)ahead\", reply = x }]",
                        "plugins.auto-reply.rules.0.regex", "not a valid regular expression: "),
                bad("rules = [{ regex = \"(?P<text>x)\", reply = x }]",
                        "plugins.auto-reply.rules.0.regex", "the group name 'text' is taken"),
                bad("rules = [{ regex = \"x{1000}{1000}\", reply = x }]", "plugins.auto-reply.rules.0.regex",
                        "invalid nested repetition"),
                bad("rules = [{ regex = \"(?:a{1000}){30}\", reply = x }]", "plugins.auto-reply.rules.0.regex",
                        "is too large (30002 RE2 instructions, at most 20000)"),
                bad("rules = [{ reply = x }]", "plugins.auto-reply.rules.0",
                        "a rule needs one of keyword, keywords, exact or regex"),
                bad("rules = [{ keyword = a, regex = b, reply = x }]", "plugins.auto-reply.rules.0.regex",
                        "conflicts with keyword"),
                bad("rules = [{ keyword = \"\", reply = x }]", "plugins.auto-reply.rules.0.keyword", "must not be empty"),
                bad("rules = [{ keywords = [], reply = x }]", "plugins.auto-reply.rules.0.keywords",
                        "must hold at least one entry"),
                bad("rules = [{ keywords = [a, \" \"], reply = x }]", "plugins.auto-reply.rules.0.keywords.1",
                        "must not be empty"),
                bad("rules = [{ keyword = a }]", "plugins.auto-reply.rules.0.reply", "is required"),
                bad("rules = [{ keyword = a, reply = x, replies = [y] }]", "plugins.auto-reply.rules.0.replies",
                        "conflicts with reply"),
                bad("rules = [{ keyword = a, replies = [] }]", "plugins.auto-reply.rules.0.replies",
                        "must hold at least one reply"),
                bad("rules = [{ keyword = a, reply = \"hi {nmae}\" }]", "plugins.auto-reply.rules.0.reply",
                        "unknown placeholder {nmae}"),
                bad("rules = [{ keyword = a, replies = [ok, \"{1}\"] }]", "plugins.auto-reply.rules.0.replies.1",
                        "{1} needs capture group 1 but the rule's matcher has no groups"),
                bad("rules = [{ exact = a, reply = \"you said {0}\" }]", "plugins.auto-reply.rules.0.reply",
                        "{0} needs capture group 0 but the rule's matcher has no groups (only regex rules capture)"),
                bad("rules = [{ regex = \"(a)\", reply = \"{2}\" }]", "plugins.auto-reply.rules.0.reply",
                        "regex has 1"),
                bad("rules = [{ regex = \"(?P<who>a)\", reply = \"{whom}\" }]", "plugins.auto-reply.rules.0.reply",
                        "unknown placeholder {whom}"),
                bad("rules = [{ keyword = a, reply = \"{time:yyyy-qq-bb}\" }]", "plugins.auto-reply.rules.0.reply",
                        "bad time format"),
                bad("rules = [{ keyword = a, reply = \"{sender\" }]", "plugins.auto-reply.rules.0.reply",
                        "is never closed"),
                bad("rules = [{ keyword = a, reply = \"a } b\" }]", "plugins.auto-reply.rules.0.reply", "closes nothing"),
                bad("rules = [{ keyword = a, replies = [{ text = x, image = y }] }]",
                        "plugins.auto-reply.rules.0.replies.0.image", "conflicts with text"),
                bad("rules = [{ keyword = a, replies = [{ picture = y }] }]",
                        "plugins.auto-reply.rules.0.replies.0.picture", "unknown key"),
                bad("media-dir = \"/nonexistent-webwx\"\nrules = [{ keyword = a, replies = [{ image = \"cat.png\" }] }]",
                        "plugins.auto-reply.rules.0.replies.0.image",
                        "no such file: /nonexistent-webwx/cat.png (relative paths are resolved against media-dir"),
                bad("rules = [{ keyword = a, replies = [{ file = \"/nonexistent-webwx/menu.pdf\" }] }]",
                        "plugins.auto-reply.rules.0.replies.0.file", "no such file: /nonexistent-webwx/menu.pdf"),
                bad("rules = [{ " + OK + ", scope = [friends, channels] }]", "plugins.auto-reply.rules.0.scope",
                        "unknown scope 'channels'"),
                bad("rules = [{ " + OK + ", scope = [] }]", "plugins.auto-reply.rules.0.scope", "at least one"),
                bad("rules = [{ " + OK + ", chats = \"Alice\" }]", "plugins.auto-reply.rules.0.chats", "rather than LIST"),
                bad("rules = [{ " + OK + ", require-mention = maybe }]",
                        "plugins.auto-reply.rules.0.require-mention", "rather than BOOLEAN"),
                bad("rules = [{ " + OK + ", active-hours = \"9-18\" }]", "plugins.auto-reply.rules.0.active-hours",
                        "'9-18' is not a range like \"09:00-18:00\""),
                bad("rules = [{ " + OK + ", active-hours = \"09:00-25:00\" }]",
                        "plugins.auto-reply.rules.0.active-hours", "no such time 25:00"),
                bad("rules = [{ " + OK + ", active-hours = \"09:00-09:00\" }]",
                        "plugins.auto-reply.rules.0.active-hours", "is empty"),
                bad("rules = [{ " + OK + ", active-days = [mon, funday] }]", "plugins.auto-reply.rules.0.active-days",
                        "'funday' is not a day of the week"),
                bad("rules = [{ " + OK + ", time-zone = \"Mars/Olympus\" }]", "plugins.auto-reply.rules.0.time-zone",
                        "unknown time zone 'Mars/Olympus'"),
                bad("rules = [{ " + OK + ", cooldown = -5s }]", "plugins.auto-reply.rules.0.cooldown",
                        "must not be negative"),
                bad("rules = [{ " + OK + ", cooldown = soon }]", "plugins.auto-reply.rules.0.cooldown", "No number in duration"),
                bad("rules = [{ " + OK + ", pick = first }]", "plugins.auto-reply.rules.0.pick", "must be all"),
                bad("rules = [{ " + OK + ", keywrod = x }]", "plugins.auto-reply.rules.0.keywrod",
                        "unknown key; known keys are name, keyword, keywords, exact, regex, reply"),
                bad("chat-cooldown = -1s", "plugins.auto-reply.chat-cooldown", "must not be negative"),
                bad("rule = []", "plugins.auto-reply.rule", "unknown key; known keys are media-dir"),
                bad("defaults { keyword = x }", "plugins.auto-reply.defaults.keyword",
                        "only the keys shared by rules can have defaults"),
                bad("defaults { time-zone = Nowhere }\nrules = [{ " + OK + " }]", "plugins.auto-reply.defaults.time-zone",
                        "unknown time zone"),
                bad("rules = { keyword = a }", "plugins.auto-reply.rules", "rather than LIST"));
    }

    private static Arguments bad(String block, String key, String problem) {
        return Arguments.of(block, key, problem);
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("mistakes")
    void mistakeIsRefusedNamingTheKey(String block, String key, String problem) {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new AutoReplyHandler().configure(settings(block)));
        assertEquals(key, e.key(), e.getMessage());
        assertTrue(e.getMessage().startsWith(key + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(problem), e.getMessage());
    }

    @Test
    void hostKeysInTheBlockAreAccepted() {
        new AutoReplyHandler().configure(settings("enabled = true, priority = 5, phase = main, time-budget = 5s, "
                + "chats { only = [friends] }, accounts = [alice], rules = [{ " + OK + " }]"));
    }

    @Test
    void aRejectedReloadLeavesTheRulesInForceUnchanged() {
        AutoReplyHandler handler = handler("rules = [{ keyword = hi, reply = old }]", new SettableClock(MONDAY_NOON_UTC));
        assertThrows(InvalidSettingsException.class,
                () -> handler.configure(settings("rules = [{ keyword = hi, reply = \"{oops}\" }]")));
        RecordingContext context = new RecordingContext();
        handler.handle(fromFriend(ALICE, "hi"), context);
        assertEquals(List.of("old"), context.texts());
    }
}
