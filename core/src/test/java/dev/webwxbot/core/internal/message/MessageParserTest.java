package dev.webwxbot.core.internal.message;

import static dev.webwxbot.core.internal.message.LoggedInFixture.FRIEND;
import static dev.webwxbot.core.internal.message.LoggedInFixture.GROUP;
import static dev.webwxbot.core.internal.message.LoggedInFixture.MEMBER;
import static dev.webwxbot.core.internal.message.LoggedInFixture.SELF;
import static dev.webwxbot.core.internal.message.LoggedInFixture.json;
import static dev.webwxbot.core.internal.message.LoggedInFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private final ContactBook contacts = LoggedInFixture.contactBook();
    private final MessageParser parser = new MessageParser(contacts);

    @Test
    void groupTextHasItsSenderSplitFromTheContentAndDecoded() throws Exception {
        TextMessage text = (TextMessage) parse(message(GROUP, SELF, 1,
                MEMBER + ":<br/>hello &amp; welcome<br/>second line <span class=\"emoji emoji1f604\"></span>"));
        assertEquals("hello & welcome\nsecond line \uD83D\uDE04", text.text());
        assertEquals(GROUP, text.chat().userName());
        assertEquals(MEMBER, text.sender().userName());
        assertEquals("Carol in group", text.sender().displayName());
        assertTrue(text.envelope().inGroup());
        assertFalse(text.envelope().fromSelf());
    }

    @Test
    void mentionByMyInGroupNameFollowedByFourPerEmSpaceIsDetected() throws Exception {
        TextMessage text = (TextMessage) parse(message(GROUP, SELF, 1, MEMBER + ":<br/>@Robo\u2005ping"));
        assertTrue(text.envelope().mentionsMe());
    }

    @Test
    void mentionOfSomeoneWhoseNameStartsWithMineIsNotMine() throws Exception {
        TextMessage text = (TextMessage) parse(message(GROUP, SELF, 1, MEMBER + ":<br/>@Robot ping"));
        assertFalse(text.envelope().mentionsMe());
    }

    @Test
    void messageITypedOnMyPhoneIsMarkedFromSelfAndBelongsToTheRecipientsChat() throws Exception {
        TextMessage text = (TextMessage) parse(message(SELF, FRIEND, 1, "sent from my phone"));
        assertTrue(text.envelope().fromSelf());
        assertEquals(FRIEND, text.chat().userName());
        assertEquals(ContactKind.SELF, text.sender().kind());
    }

    @Test
    void friendsTextNamesTheFriendAsChatAndSender() throws Exception {
        TextMessage text = (TextMessage) parse(message(FRIEND, SELF, 1, "hi"));
        assertEquals("Al", text.chat().displayName());
        assertEquals(text.chat(), text.sender());
    }

    @Test
    void statusNotifyIsBookkeepingNotAnEvent() throws Exception {
        assertTrue(parser.parse(message(SELF, SELF, 51, "")).isEmpty());
    }

    @Test
    void kindThisVersionDoesNotKnowKeepsItsRawContent() throws Exception {
        UnknownMessage unknown = (UnknownMessage) parse(message(FRIEND, SELF, 9999, "&lt;sysmsg/&gt;"));
        assertEquals(9999, unknown.msgType());
        assertEquals("&lt;sysmsg/&gt;", unknown.rawContent());
    }

    @Test
    void capturedWechat4uTextMessageParses() throws Exception {
        Path sample = Path.of("../testdata/corpus/addmsg/wechat4u-test-webwxsync-1-type1.json");
        JsonNode node = Json.parse(Files.readAllBytes(sample));
        MessageEvent event = parser.parse(node).orElseThrow();
        assertInstanceOf(TextMessage.class, event);
        assertEquals(Json.text(node, "MsgId"), event.msgId());
    }

    private MessageEvent parse(JsonNode message) {
        return parser.parse(message).orElseThrow();
    }


}
