package dev.webwxbot.core.internal.contact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.core.internal.protocol.Json;
import dev.webwxbot.emulator.ManualClock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A logged-in book as login leaves it (me, the friend Alice, the group Weekend hikers with Alice, the stranger
 * Carol and me, from batch-get), the contact events of its session, and builders for the entries of a webwxsync
 * answer shaped as PROTOCOL.md 3.6, 3.7 and 4.2 give them.
 */
final class SyncFixture {

    static final String SELF = "@me";
    static final String ALICE = "@alice";
    static final String CAROL = "@carol";
    static final String ERIN = "@erin";
    static final String HIKERS = "@@hikers";
    static final Instant START = Instant.parse("2026-12-07T10:00:00Z");
    /** What grey lines give as their CreateTime: a time before the clock's, to tell the two apart. */
    static final long LINE_TIME = START.getEpochSecond() - 30;

    final ManualClock clock = ManualClock.startingAt(START);
    final ContactBook book = new ContactBook();
    final ContactEvents events = new ContactEvents(book, clock);
    private final AtomicLong msgIds = new AtomicLong(7_000_000_000_000_000_000L);

    SyncFixture() {
        book.setSelf(json("{\"UserName\":\"" + SELF + "\",\"NickName\":\"Bot\"}"));
        book.put(person(ALICE, "Alice", "", 3, 11));
        book.put(json("{\"UserName\":\"" + HIKERS + "\",\"NickName\":\"Weekend hikers\",\"ContactFlag\":2,"
                + "\"IsOwner\":0,\"HeadImgUrl\":\"/cgi-bin/mmwebwx-bin/webwxgetheadimg?seq=640&username=" + HIKERS
                + "&skey=\",\"MemberCount\":3,\"MemberList\":[" + member(ALICE, "Alice") + "," + member(CAROL, "Carol")
                + "," + member(SELF, "Bot") + "]}"));
    }

    /** One webwxsync answer, after login's first. */
    List<ContactEvent> sync(List<JsonNode> deleted, List<JsonNode> modified, List<JsonNode> messages) {
        return events.take(deleted, modified, messages, true);
    }

    List<ContactEvent> modified(JsonNode... entries) {
        return sync(List.of(), List.of(entries), List.of());
    }

    List<ContactEvent> lines(JsonNode... messages) {
        return sync(List.of(), List.of(), List.of(messages));
    }

    /** A person as webwxgetcontact or ModContactList give one: ContactFlag, and an avatar with its seq. */
    static ObjectNode person(String userName, String nickName, String remark, int contactFlag, int avatarSeq) {
        ObjectNode node = (ObjectNode) json("{\"UserName\":\"" + userName + "\",\"NickName\":\"" + nickName
                + "\",\"RemarkName\":\"" + remark + "\",\"Alias\":\"\",\"VerifyFlag\":0,\"ContactFlag\":" + contactFlag
                + ",\"HeadImgUrl\":\"/cgi-bin/mmwebwx-bin/webwxgeticon?seq=" + avatarSeq + "&username=" + userName
                + "&skey=@crypt_1\"}");
        return node;
    }

    /**
     * The group as ModContactList sends it (wechat4u-test-webwxsync): ContactFlag 3, its avatar with seq=0, the
     * owner's UserName, and these members (UserName, NickName pairs).
     */
    static ObjectNode hikers(String name, String owner, String... members) {
        ObjectNode node = (ObjectNode) json("{\"UserName\":\"" + HIKERS + "\",\"NickName\":\"" + name
                + "\",\"HeadImgUpdateFlag\":1,\"ContactType\":0,\"ChatRoomOwner\":\"" + owner + "\",\"HeadImgUrl\":"
                + "\"/cgi-bin/mmwebwx-bin/webwxgetheadimg?seq=0&username=" + HIKERS + "&skey=@crypt_1\","
                + "\"ContactFlag\":3,\"Statues\":0}");
        ArrayNode list = node.putArray("MemberList");
        for (int i = 0; i < members.length; i += 2) list.add(json(member(members[i], members[i + 1])));
        node.put("MemberCount", list.size());
        return node;
    }

    /** The members the group has at login, with {@code more} (UserName, NickName pairs) after them. */
    static String[] membersAnd(String... more) {
        String[] all = new String[6 + more.length];
        System.arraycopy(new String[] {ALICE, "Alice", CAROL, "Carol", SELF, "Bot"}, 0, all, 0, 6);
        System.arraycopy(more, 0, all, 6, more.length);
        return all;
    }

    /** A grey line ({@code MsgType 10000}) in {@code chat}, with a new MsgId. */
    ObjectNode line(String chat, String text) {
        return line(chat, text, Long.toString(msgIds.incrementAndGet()));
    }

    static ObjectNode line(String chat, String text, String msgId) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("MsgId", msgId);
        node.put("FromUserName", chat);
        node.put("ToUserName", SELF);
        node.put("MsgType", 10000);
        node.put("Content", text);
        node.put("CreateTime", LINE_TIME);
        return node;
    }

    static JsonNode deleted(String userName) {
        return json("{\"UserName\":\"" + userName + "\",\"ContactFlag\":0}");
    }

    private static String member(String userName, String nickName) {
        return "{\"Uin\":0,\"UserName\":\"" + userName + "\",\"NickName\":\"" + nickName + "\",\"AttrStatus\":0,"
                + "\"MemberStatus\":0,\"DisplayName\":\"\",\"KeyWord\":\"\"}";
    }

    static JsonNode json(String text) {
        try {
            return Json.parse(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("test JSON does not parse: " + text, e);
        }
    }
}
