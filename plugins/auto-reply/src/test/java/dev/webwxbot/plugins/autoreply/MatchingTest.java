package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.handler;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class MatchingTest {

    private final SettableClock clock = new SettableClock(MONDAY_NOON_UTC);

    private List<String> answers(String block, String text) {
        RecordingContext context = new RecordingContext();
        handler(block, clock).handle(fromFriend(ALICE, text), context);
        return context.texts();
    }

    @Test
    void keywordMatchesAnywhereInTheTextIgnoringCaseByDefault() {
        String rules = "rules = [{ keyword = \"Price\", reply = \"10 yuan\" }]";
        assertEquals(List.of("10 yuan"), answers(rules, "what is the PRICE today?"));
        assertEquals(List.of(), answers(rules, "what does it cost?"));
    }

    @Test
    void keywordRespectsCaseWhenIgnoreCaseIsOff() {
        String rules = "rules = [{ keyword = \"Price\", ignore-case = false, reply = \"10 yuan\" }]";
        assertEquals(List.of(), answers(rules, "price?"));
        assertEquals(List.of("10 yuan"), answers(rules, "Price?"));
    }

    @Test
    void keywordsMatchWhenAnyOfThemOccurs() {
        String rules = "rules = [{ keywords = [\"价格\", \"多少钱\"], reply = \"十元\" }]";
        assertEquals(List.of("十元"), answers(rules, "这个多少钱？"));
        assertEquals(List.of(), answers(rules, "你好"));
    }

    @Test
    void exactMatchesOnlyTheWholePhraseIgnoringSurroundingSpace() {
        String rules = "rules = [{ exact = \"help\", reply = \"menu\" }]";
        assertEquals(List.of("menu"), answers(rules, "  HELP \n"));
        assertEquals(List.of(), answers(rules, "help me"));
    }

    @Test
    void regexIsFoundAnywhereUnlessAnchored() {
        assertEquals(List.of("order"), answers("rules = [{ regex = \"order #?[0-9]+\", reply = \"order\" }]",
                "where is order #42 please"));
        assertEquals(List.of(), answers("rules = [{ regex = \"^order [0-9]+$\", reply = \"order\" }]",
                "where is order 42"));
    }

    @Test
    void regexIgnoresCaseByDefaultAndNotWhenAskedTo() {
        assertEquals(List.of("yes"), answers("rules = [{ regex = \"^hi$\", reply = \"yes\" }]", "HI"));
        assertEquals(List.of(), answers("rules = [{ regex = \"^hi$\", ignore-case = false, reply = \"yes\" }]", "HI"));
    }

    @Test
    void firstMatchingRuleInFileOrderWins() {
        String rules = """
                rules = [
                  { keyword = "price", reply = "first" }
                  { keyword = "price list", reply = "second" }
                ]""";
        assertEquals(List.of("first"), answers(rules, "send the price list"));
    }

    @Test
    void unmatchedMessageContinuesTheChain() {
        RecordingContext context = new RecordingContext();
        assertEquals(Outcome.CONTINUE,
                handler("rules = [{ keyword = a, reply = b }]", clock).handle(fromFriend(ALICE, "zzz"), context));
        assertTrue(context.replies.isEmpty());
    }

    @Test
    void eventsOtherThanTextAreLeftAlone() {
        RecordingContext context = new RecordingContext();
        AutoReplyHandler handler = handler("rules = [{ regex = \".*\", reply = \"x\" }]", clock);
        assertEquals(Outcome.CONTINUE, handler.handle(new LoggedOut(LoggedOut.Reason.SESSION_INVALID, 1101, MONDAY_NOON_UTC), context));
        assertTrue(context.replies.isEmpty());
    }

    @Test
    void beforeConfigureNothingIsAnswered() {
        RecordingContext context = new RecordingContext();
        AutoReplyHandler handler = new AutoReplyHandler();
        assertEquals(Outcome.CONTINUE, handler.handle(fromFriend(ALICE, "hello"), context));
        assertTrue(context.replies.isEmpty());
    }

    @Test
    void catastrophicBacktrackingPatternReturnsOnALongText() {
        // (a+)+$ takes exponential time in a backtracking engine on "aaa…ab"; RE2 answers in linear time.
        TextMatcher matcher = new TextMatcher.Regex(Pattern.compile("(a+)+$"));
        String text = "a".repeat(50_000) + "b";
        assertFalse(matcher.match(text).isPresent());
        assertTrue(matcher.match("a".repeat(50_000)).isPresent());
    }

    @Test
    void catastrophicPatternInARuleStillLetsTheBotAnswer() {
        String rules = """
                rules = [
                  { regex = "^(a|aa)+$", reply = "never" }
                  { keyword = "b", reply = "answered" }
                ]""";
        assertEquals(List.of("answered"), answers(rules, "a".repeat(30_000) + "b"));
    }
}
