package dev.webwxbot.plugins.autoreply;

import static dev.webwxbot.plugins.autoreply.Fixtures.CAROL_IN_GROUP;
import static dev.webwxbot.plugins.autoreply.Fixtures.FAMILY;
import static dev.webwxbot.plugins.autoreply.Fixtures.MONDAY_NOON_UTC;
import static dev.webwxbot.plugins.autoreply.Fixtures.NEWS;
import static dev.webwxbot.plugins.autoreply.Fixtures.fromFriend;
import static dev.webwxbot.plugins.autoreply.Fixtures.handler;
import static dev.webwxbot.plugins.autoreply.Fixtures.inGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.plugins.autoreply.Fixtures.RecordingContext;
import dev.webwxbot.plugins.autoreply.Fixtures.SettableClock;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Who is answered, where the chats of AutoReplyInChatsTest cannot show it: official accounts, a mention by the
 * bot's own in-group name, and the mention text itself.
 */
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
    void officialAccountsAreNeverAnswered() {
        assertEquals(List.of(), answers(rule(""), fromFriend(NEWS, "hello")));
    }

    @Test
    void aMentionByMyNameInTheGroupIsRemovedBeforeMatching() {
        // A mention by my in-group name, which a plugin cannot know, still ends with U+2005 from a phone.
        assertEquals(List.of("menu: help"), answers("rules = [{ exact = \"help\", reply = \"menu: {text}\" }]",
                inGroup(FAMILY, CAROL_IN_GROUP, "@Robot in Family\u2005help", true)));
    }

    @Test
    void mentionTextKeepsNamesThatOnlyStartLikeMine() {
        assertEquals("@Botany club", MentionText.withoutMentionOfMe("@Botany club", "Bot"));
        assertEquals("ask @Alice", MentionText.withoutMentionOfMe("@Bot\u2005ask @Alice", "Bot"));
    }
}
