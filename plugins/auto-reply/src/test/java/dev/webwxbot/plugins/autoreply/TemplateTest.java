package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.ALICE;
import static dev.webwxbot.plugins.autoreply.Fixtures.CAROL_IN_GROUP;
import static dev.webwxbot.plugins.autoreply.Fixtures.FAMILY;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.handler;
import static dev.webwxbot.plugins.autoreply.Fixtures.inGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

class TemplateTest {

    private final SettableClock clock = new SettableClock(MONDAY_NOON_UTC);

    private String answer(String rule, TextMessage message) {
        RecordingContext context = new RecordingContext();
        handler("rules = [" + rule + "]", clock).handle(message, context);
        List<String> texts = context.texts();
        assertEquals(1, texts.size(), "one reply");
        return texts.getFirst();
    }

    @Test
    void senderChatAndTextInAFriendsChat() {
        assertEquals("Alice / Alice / [] / hi there",
                answer("{ keyword = hi, reply = \"{sender} / {chat} / [{group}] / {text}\" }",
                        fromFriend(ALICE, "hi there")));
    }

    @Test
    void senderIsTheMembersInGroupNameAndGroupIsTheGroupsName() {
        assertEquals("Aunt Carol in Family (Family)",
                answer("{ keyword = hi, reply = \"{sender} in {group} ({chat})\" }",
                        inGroup(FAMILY, CAROL_IN_GROUP, "@Bot\u2005hi", true)));
    }

    @Test
    void timeUsesTheRulesZoneAndFormat() {
        assertEquals("20:00 | 2024-05-06 Mon",
                answer("{ keyword = t, time-zone = \"Asia/Shanghai\", reply = \"{time} | {time:yyyy-MM-dd EEE}\" }",
                        fromFriend(ALICE, "t")));
    }

    @Test
    void numberedAndNamedCapturesFillIn() {
        assertEquals("order 42 for bob (whole: order 42 for bob)",
                answer("{ regex = \"order (\\\\d+) for (?P<who>\\\\w+)\", reply = \"order {1} for {who} (whole: {0})\" }",
                        fromFriend(ALICE, "order 42 for bob")));
    }

    @Test
    void aGroupThatTookNoPartIsEmpty() {
        assertEquals("[]", answer("{ regex = \"a(x)?\", reply = \"[{1}]\" }", fromFriend(ALICE, "a")));
    }

    @Test
    void doubledBracesAreLiteral() {
        assertEquals("{sender} is Alice}", answer("{ keyword = a, reply = \"{{sender}} is {sender}}}\" }",
                fromFriend(ALICE, "a")));
    }
}
