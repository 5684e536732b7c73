package dev.webwxbot.core.internal.message;

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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class MessageParserTest {

    private static final String SELF = "@0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    private static final String GROUP = "@@5f0e9b2c7d1a4e3f8a6b0c9d2e1f4a7b5c8d3e6f9a0b1c2d3e4f5a6b7c8d9e0f";
    private static final String MEMBER = "@4c1f2e3d4c5b6a79887766554433221100ffeeddccbbaa998877665544332211";
    private static final String FRIEND = "@9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    private final ContactBook contacts = new ContactBook();
    private final MessageParser parser = new MessageParser(contacts);

    @BeforeEach
    void loggedIn() throws Exception {
        contacts.setSelf(json("{\"UserName\":\"" + SELF + "\",\"NickName\":\"Bot\"}"));
        contacts.put(json("{\"UserName\":\"" + FRIEND + "\",\"NickName\":\"Alice\",\"RemarkName\":\"Al\",\"VerifyFlag\":0}"));
        contacts.put(json("{\"UserName\":\"" + GROUP + "\",\"NickName\":\"测试群\",\"MemberList\":["
                + "{\"UserName\":\"" + MEMBER + "\",\"NickName\":\"Carol\",\"DisplayName\":\"Carol in group\"},"
                + "{\"UserName\":\"" + SELF + "\",\"NickName\":\"Bot\",\"DisplayName\":\"Robo\"}]}"));
    }

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
        Path sample = Path.of("../../shared/corpus/addmsg/wechat4u-test-webwxsync-1-type1.json");
        JsonNode node = Json.parse(Files.readAllBytes(sample));
        MessageEvent event = parser.parse(node).orElseThrow();
        assertInstanceOf(TextMessage.class, event);
        assertEquals(Json.text(node, "MsgId"), event.msgId());
    }

    private MessageEvent parse(JsonNode message) {
        return parser.parse(message).orElseThrow();
    }

    private static JsonNode message(String from, String to, int type, String content) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("MsgId", "6469713913745187012");
        node.put("FromUserName", from);
        node.put("ToUserName", to);
        node.put("MsgType", type);
        node.put("Content", content);
        node.put("CreateTime", 1700000200);
        node.put("AppMsgType", 0);
        node.put("SubMsgType", 0);
        node.put("NewMsgId", 6469713913745187012L);
        return node;
    }

    private static JsonNode json(String text) throws Exception {
        return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
