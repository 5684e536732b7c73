package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.BOB;
import static dev.webwxbot.plugins.autoreply.Fixtures.CAROL_IN_GROUP;
import static dev.webwxbot.plugins.autoreply.Fixtures.FAMILY;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.NEWS;
import static dev.webwxbot.plugins.autoreply.Fixtures.WORK;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.handler;
import static dev.webwxbot.plugins.autoreply.Fixtures.inGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeTest {

    private final SettableClock clock = new SettableClock(MONDAY_NOON_UTC);

    private List<String> answers(String block, TextMessage message) {
        RecordingContext context = new RecordingContext();
        handler(block, clock).handle(message, context);
        return context.texts();
    }

    private static String rule(String extra) {
        return "rules = [{ keyword = hello, reply = hi, " + extra + " }]";
    }

    @Test
    void groupMessagesNeedAMentionByDefault() {
        assertEquals(List.of(), answers(rule(""), inGroup(FAMILY, CAROL_IN_GROUP, "hello all", false)));
        assertEquals(List.of("hi"), answers(rule(""), inGroup(FAMILY, CAROL_IN_GROUP, "@Bot\u2005hello", true)));
    }

    @Test
    void groupMessagesWithoutMentionAreAnsweredWhenRequireMentionIsOff() {
        assertEquals(List.of("hi"),
                answers(rule("require-mention = false"), inGroup(FAMILY, CAROL_IN_GROUP, "hello all", false)));
    }

    @Test
    void requireMentionDoesNotAffectFriends() {
        assertEquals(List.of("hi"), answers(rule("require-mention = true"), fromFriend(ALICE, "hello")));
    }

    @Test
    void friendsScopeIgnoresGroupsAndGroupsScopeIgnoresFriends() {
        assertEquals(List.of(), answers(rule("scope = [friends]"), inGroup(FAMILY, CAROL_IN_GROUP, "@Bot hello", true)));
        assertEquals(List.of(), answers(rule("scope = [groups]"), fromFriend(ALICE, "hello")));
        assertEquals(List.of("hi"), answers(rule("scope = [groups]"), inGroup(FAMILY, CAROL_IN_GROUP, "@Bot hello", true)));
    }

    @Test
    void officialAccountsAreNeverAnswered() {
        assertEquals(List.of(), answers(rule(""), fromFriend(NEWS, "hello")));
    }

    @Test
    void namedChatsMatchByNicknameRemarkNameOrAliasIgnoringCase() {
        String onlyThese = rule("chats = [\"bobby\", \"ALICE_WX\", \"family\"]");
        assertEquals(List.of("hi"), answers(onlyThese, fromFriend(BOB, "hello")));
        assertEquals(List.of("hi"), answers(onlyThese, fromFriend(ALICE, "hello")));
        assertEquals(List.of("hi"), answers(onlyThese, inGroup(FAMILY, CAROL_IN_GROUP, "@Bot hello", true)));
        assertEquals(List.of(), answers(onlyThese, inGroup(WORK, CAROL_IN_GROUP, "@Bot hello", true)));
        assertEquals(List.of(), answers(rule("chats = [\"Bob\", \"Work\"]"), fromFriend(ALICE, "hello")));
    }

    @Test
    void excludedChatsAreNotAnswered() {
        String block = rule("exclude-chats = [Work, Bobby]");
        assertEquals(List.of(), answers(block, fromFriend(BOB, "hello")));
        assertEquals(List.of(), answers(block, inGroup(WORK, CAROL_IN_GROUP, "@Bot hello", true)));
        assertEquals(List.of("hi"), answers(block, inGroup(FAMILY, CAROL_IN_GROUP, "@Bot hello", true)));
    }

    @Test
    void sendersAndExcludedSendersMatchTheInGroupNameToo() {
        TextMessage fromCarol = inGroup(FAMILY, CAROL_IN_GROUP, "@Bot hello", true);
        assertEquals(List.of("hi"), answers(rule("senders = [\"aunt carol\"]"), fromCarol));
        assertEquals(List.of(), answers(rule("senders = [Alice]"), fromCarol));
        assertEquals(List.of(), answers(rule("exclude-senders = [Carol]"), fromCarol));
    }

    @Test
    void defaultsApplyToEveryRuleAndARuleCanOverrideThem() {
        String block = """
                defaults { exclude-chats = [Alice], scope = [friends] }
                rules = [
                  { keyword = hello, reply = one }
                  { keyword = bye, reply = two, exclude-chats = [] }
                ]""";
        assertEquals(List.of(), answers(block, fromFriend(ALICE, "hello")));
        assertEquals(List.of("one"), answers(block, fromFriend(BOB, "hello")));
        assertEquals(List.of("two"), answers(block, fromFriend(ALICE, "bye")));
    }

    @Test
    void theMentionOfMeIsRemovedBeforeMatching() {
        String exact = "rules = [{ exact = \"help\", reply = \"menu: {text}\" }]";
        assertEquals(List.of("menu: help"), answers(exact, inGroup(FAMILY, CAROL_IN_GROUP, "@Bot\u2005help", true)));
        assertEquals(List.of("menu: help"), answers(exact, inGroup(FAMILY, CAROL_IN_GROUP, "help @Bot", true)));
        assertEquals(List.of("menu: help"), answers(exact, inGroup(FAMILY, CAROL_IN_GROUP, "@Bot help", true)));
        // a mention by my in-group name, which a plugin cannot know, still ends with U+2005 from a phone
        assertEquals(List.of("menu: help"),
                answers(exact, inGroup(FAMILY, CAROL_IN_GROUP, "@Robot in Family\u2005help", true)));
    }

    @Test
    void mentionTextKeepsNamesThatOnlyStartLikeMine() {
        assertEquals("@Botany club", MentionText.withoutMentionOfMe("@Botany club", "Bot"));
        assertEquals("ask @Alice", MentionText.withoutMentionOfMe("@Bot\u2005ask @Alice", "Bot"));
    }
}
