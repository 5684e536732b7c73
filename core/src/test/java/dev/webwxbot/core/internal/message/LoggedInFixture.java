package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.nio.charset.StandardCharsets;

/** A logged-in address book (me, a friend, a group with a member) and message builders shared by parser tests. */
final class LoggedInFixture {

    static final String SELF = "@0a1b2c3d4e5f60718293a4b5c6d7e8f9";
    static final String GROUP = "@@5f0e9b2c7d1a4e3f8a6b0c9d2e1f4a7b5c8d3e6f9a0b1c2d3e4f5a6b7c8d9e0f";
    static final String MEMBER = "@4c1f2e3d4c5b6a79887766554433221100ffeeddccbbaa998877665544332211";
    static final String FRIEND = "@9f8e7d6c5b4a39281706f5e4d3c2b1a0";

    private LoggedInFixture() {
    }

    /** Me ("Bot", "Robo" in the group), Alice (remark "Al"), and group 测试群 with Carol ("Carol in group"). */
    static ContactBook contactBook() {
        ContactBook contacts = new ContactBook();
        contacts.setSelf(json("{\"UserName\":\"" + SELF + "\",\"NickName\":\"Bot\"}"));
        contacts.put(json("{\"UserName\":\"" + FRIEND + "\",\"NickName\":\"Alice\",\"RemarkName\":\"Al\",\"VerifyFlag\":0}"));
        contacts.put(json("{\"UserName\":\"" + GROUP + "\",\"NickName\":\"测试群\",\"MemberList\":["
                + "{\"UserName\":\"" + MEMBER + "\",\"NickName\":\"Carol\",\"DisplayName\":\"Carol in group\"},"
                + "{\"UserName\":\"" + SELF + "\",\"NickName\":\"Bot\",\"DisplayName\":\"Robo\"}]}"));
        return contacts;
    }

    /** An {@code AddMsgList} entry with the fields every kind has. */
    static ObjectNode message(String from, String to, int type, String content) {
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

    static JsonNode json(String text) {
        try {
            return Json.parse(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("test JSON does not parse: " + text, e);
        }
    }
}
