package dev.webwxbot.server.json;

import static dev.webwxbot.server.json.EventJsonTest.ALICE;
import static dev.webwxbot.server.json.EventJsonTest.DIRECT;
import static dev.webwxbot.server.json.EventJsonTest.T;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Gender;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.Envelope.TimeSource;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The fields issue 17 added to the message records reach the webhook and API JSON under their contract names. */
class EventJsonRichFieldsTest {

    private static final Envelope RAW = new Envelope("2001", ALICE, ALICE, T, false, false, TimeSource.RECEIVED, 3, 3,
            2, 1);

    record Case(MessageEvent event, Map<String, Object> fields) {
    }

    static List<Case> enrichedKinds() {
        return List.of(
                new Case(new ImageMessage(RAW, 90, 120, "5a77", 139_120L, 12_204L),
                        Map.of("md5", "5a77", "size", 139_120L, "thumbnailSize", 12_204L)),
                new Case(new VoiceMessage(RAW, Duration.ofMillis(2112), 4051L, 4),
                        Map.of("durationMillis", 2112L, "size", 4051L, "voiceFormat", 4)),
                new Case(new VideoMessage(RAW, Duration.ofSeconds(2), 960, 540, "555c", 328_666L, -1L),
                        Map.of("md5", "555c", "size", 328_666L, "thumbnailSize", -1L)),
                new Case(new FileMessage(RAW, "a.zip", 1024L, "@crypt_1", "a%2Ezip", "zip", "wx6618f1cfc6c132f8",
                        "微信电脑版"), Map.of("encodedFileName", "a%2Ezip", "extension", "zip",
                        "appId", "wx6618f1cfc6c132f8", "appName", "微信电脑版")),
                new Case(new LinkMessage(RAW, "T", "", "https://t", "", "https://img/t.jpg", 5, "wx1"),
                        Map.of("thumbnailUrl", "https://img/t.jpg", "appMsgType", 5, "appId", "wx1")),
                new Case(new CardMessage(RAW, "@c", "Carol", "", "", "", false, Gender.FEMALE, "hello",
                        "http://wx.qlogo.cn/x/0", "http://wx.qlogo.cn/x/132", 17, "wxid_carol"),
                        Map.of("gender", "FEMALE", "signature", "hello", "bigAvatarUrl", "http://wx.qlogo.cn/x/0",
                                "smallAvatarUrl", "http://wx.qlogo.cn/x/132", "scene", 17,
                                "permanentId", "wxid_carol")),
                new Case(new FriendRequest(RAW, "@d", "Dave", "hi", "v2_ticket", 14, "wxid_dave", Gender.MALE, "dave8",
                        "Zhejiang", "Hangzhou", "sign", "http://wx.qlogo.cn/d/0", "http://wx.qlogo.cn/d/96",
                        "123@chatroom"), Map.ofEntries(Map.entry("permanentId", "wxid_dave"),
                        Map.entry("gender", "MALE"), Map.entry("alias", "dave8"), Map.entry("province", "Zhejiang"),
                        Map.entry("city", "Hangzhou"), Map.entry("signature", "sign"),
                        Map.entry("bigAvatarUrl", "http://wx.qlogo.cn/d/0"),
                        Map.entry("smallAvatarUrl", "http://wx.qlogo.cn/d/96"), Map.entry("viaGroupId", "123@chatroom"),
                        Map.entry("scene", 14))),
                new Case(new EmoticonMessage(RAW, "5945", false, 447_446L, 240, 210, "http://emoji.qpic.cn/a/",
                        "http://emoji.qpic.cn/b/", "f63e", "p1"), Map.of("size", 447_446L, "width", 240,
                        "height", 210, "cdnUrl", "http://emoji.qpic.cn/a/", "encryptedUrl", "http://emoji.qpic.cn/b/",
                        "aesKey", "f63e", "productId", "p1")),
                new Case(new LocationMessage(RAW, "Pier", 22.5, 113.9, "[位置]", "", 16, "qqmap_1"),
                        Map.of("scale", 16, "poiId", "qqmap_1")),
                new Case(new RevokeNotice(RAW, "4241", "withdrawn", "5538097630@chatroom", "1096526481"),
                        Map.of("revokedMsgId", "4241", "chatPermanentId", "5538097630@chatroom",
                                "oldMsgId", "1096526481")));
    }

    @Test
    void everyEnrichedKindWritesItsNewFields() {
        for (Case c : enrichedKinds()) {
            ObjectNode json = EventJson.toJson(c.event());
            c.fields().forEach((name, expected) -> assertField(json, name, expected, EventJson.type(c.event())));
        }
    }

    @Test
    void everyMessageCarriesItsTimeSourceAndTheProtocolsRawNumbers() {
        ObjectNode json = EventJson.toJson(new TextMessage(RAW, "hi"));
        assertEquals("RECEIVED", json.get("timeSource").textValue());
        assertField(json, "msgType", 3, "text");
        assertField(json, "status", 3, "text");
        assertField(json, "imgStatus", 2, "text");
        assertField(json, "forwardFlag", 1, "text");
    }

    @Test
    void aMessageBuiltWithTheOldEnvelopeIsServerTimedWithNoRawNumbers() {
        ObjectNode json = EventJson.toJson(new TextMessage(DIRECT, "hi"));
        assertEquals("SERVER", json.get("timeSource").textValue());
        assertField(json, "msgType", -1, "text");
        assertField(json, "status", 0, "text");
    }

    @Test
    void anUnknownMessagesOwnMsgTypeIsTheOneWritten() {
        ObjectNode json = EventJson.toJson(new UnknownMessage(RAW, 9999, 0, "odd"));
        assertField(json, "msgType", 9999, "unknown");
        assertField(json, "status", 3, "unknown");
    }

    @Test
    void theRevokedOriginalCarriesTheNoticesPermanentChatAndOldId() {
        RevokeNotice notice = new RevokeNotice(RAW, "4241", "withdrawn", "wxid_alice", "1660000000");
        ObjectNode json = EventJson.toJson(new RevokedMessage(RAW, notice, new HistoryEntry(HistoryEntry.Direction.IN,
                "message.text", "4241", "@alice", "Alice", "Alice", T, "oops", Optional.empty())));
        assertEquals("wxid_alice", json.get("chatPermanentId").textValue());
        assertEquals("1660000000", json.get("oldMsgId").textValue());
    }

    @Test
    void theFriendRequestsTicketStaysOutAlongsideItsNewFields() {
        String json = EventJson.toJson(enrichedKinds().stream().map(Case::event)
                .filter(FriendRequest.class::isInstance).findFirst().orElseThrow()).toString();
        assertFalse(json.contains("v2_ticket"), json);
        assertTrue(json.contains("\"viaGroupId\":\"123@chatroom\""), json);
    }

    private static void assertField(ObjectNode json, String name, Object expected, String where) {
        JsonNode value = json.get(name);
        String at = where + "." + name + ": " + value;
        switch (expected) {
            case String s -> assertEquals(s, value.textValue(), at);
            case Integer i -> assertTrue(value.isInt() && value.intValue() == i, at);
            case Long l -> assertTrue(value.isIntegralNumber() && value.longValue() == l, at);
            default -> throw new AssertionError(at);
        }
    }
}
