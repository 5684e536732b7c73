package dev.webwxbot.core.internal.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real captured {@code AddMsgList} entry of the shared corpus (testdata/corpus/addmsg, a copy of ../shared/corpus) goes through the
 * parser: its kind must match the sidecar's {@code MsgType}/{@code AppMsgType} and its key fields must be read.
 */
class CorpusMessagesTest {

    private static final Path CORPUS = Path.of("../testdata/corpus/addmsg");
    /** Keys clients add after receipt (corpus README, "Caveats"). */
    private static final Set<String> CLIENT_KEYS = Set.of("LocalID", "ClientMsgId", "Type", "Text", "groupMsg",
            "ActualUserName", "ActualNickName", "isAt", "IsAt", "User");
    private static final String SELF = "@0a1b2c3d4e5f60718293a4b5c6d7e8f9";

    static Stream<String> samples() throws IOException {
        try (Stream<Path> files = Files.list(CORPUS)) {
            return files.map(path -> path.getFileName().toString())
                    .filter(name -> name.endsWith(".json") && !name.endsWith(".source.json"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void capturedMessageBecomesTheEventItsSidecarNames(String name) throws Exception {
        JsonNode message = load(name);
        JsonNode source = Json.parse(Files.readAllBytes(CORPUS.resolve(name.replace(".json", ".source.json"))));
        Optional<MessageEvent> event = parse(message);
        int msgType = Json.integer(source, "MsgType", -1);
        int appMsgType = Json.integer(source, "AppMsgType", 0);
        Class<?> expected = expectedKind(msgType, appMsgType, message);
        if (expected == null) {
            assertTrue(event.isEmpty(), name + " is bookkeeping, not an event");
            return;
        }
        MessageEvent parsed = event.orElseThrow();
        assertEquals(expected, parsed.getClass(), name);
        assertKeyFields(name, message, parsed);
    }

    @Test
    void corpusYieldsTheExpectedNumberOfEachKind() throws Exception {
        Map<String, Integer> counts = new TreeMap<>();
        for (String name : samples().toList()) {
            String kind = parse(load(name)).map(e -> e.getClass().getSimpleName()).orElse("(none)");
            counts.merge(kind, 1, Integer::sum);
        }
        assertEquals(Map.ofEntries(Map.entry("TextMessage", 16), Map.entry("LocationMessage", 1),
                Map.entry("ImageMessage", 2), Map.entry("VoiceMessage", 2), Map.entry("FriendRequest", 5),
                Map.entry("CardMessage", 2), Map.entry("VideoMessage", 3), Map.entry("EmoticonMessage", 2),
                Map.entry("LinkMessage", 1), Map.entry("FileMessage", 2), Map.entry("(none)", 4),
                Map.entry("SystemNotice", 4), Map.entry("RevokeNotice", 2)), counts);
    }

    @Test
    void friendRequestCarriesTicketGreetingAndSceneFromRecommendInfo() throws Exception {
        FriendRequest request = (FriendRequest) event("puppet-wechat-puppeteer-friendship-L62-type37.json");
        assertEquals("李卓桓.PreAngel", request.nickName());
        assertEquals("我是群聊\"Wechaty\"的李卓桓.PreAngel", request.greeting());
        assertTrue(request.ticket().startsWith("v2_ba70dfbdb1b10168d61c1ab491be19e219db11ed5c"));
        assertTrue(request.ticket().endsWith("@stranger"));
        assertEquals(14, request.scene());
        assertTrue(request.userName().startsWith("@"));
    }

    @Test
    void contentOnlyFriendRequestIsReadFromTheMsgAttributes() throws Exception {
        FriendRequest request = (FriendRequest) event("openwechat-message_test-type37-content-only.json");
        assertEquals("123123131@stranger", request.userName());
        assertEquals("nickname1", request.nickName());
        assertEquals("test11111", request.greeting());
        assertEquals("1231231@stranger", request.ticket());
        assertEquals(3, request.scene());
    }

    @Test
    void friendRequestWithoutMsgTypeFromFmessageIsStillAFriendRequest() throws Exception {
        FriendRequest request = (FriendRequest) event("wcap-worker-addFriendMsg-verify-partial.json");
        assertEquals("I'm 幸运星", request.greeting());
        assertEquals(30, request.scene());
        assertEquals("8088937757620138340", request.msgId()); // from NewMsgId, all 19 digits
    }

    @Test
    void revokeNamesTheWithdrawnMessageAndItsNotice() throws Exception {
        RevokeNotice revoke = (RevokeNotice) event("unresolved-38174924037-type10002.json");
        assertEquals("4241293912041778012", revoke.revokedMsgId());
        assertEquals("你撤回了一条消息", revoke.notice());
        RevokeNotice tabbed = (RevokeNotice) event("wwdk-receive-type10002.json");
        assertEquals("41000000000000000", tabbed.revokedMsgId());
        assertEquals("\"xx\" 撤回了一条消息", tabbed.notice());
    }

    @Test
    void fileHasItsNameSizeAndMediaIdEvenWithEmptyContent() throws Exception {
        FileMessage file = (FileMessage) event("unresolved-40276100670-type49-app6.json");
        assertEquals("耶路撒冷三千年.doc", file.fileName());
        assertEquals(633344L, file.size());
        assertTrue(file.mediaId().startsWith("@crypt_3f3d67af_"));
        FileMessage grouped = (FileMessage) event("wwdk-receive-type49-app6.json");
        assertEquals("fileName.zip", grouped.fileName());
        assertEquals(1024L, grouped.size());
        assertEquals("@xxxxxxxxxxxxxxxxx", grouped.sender().userName());
    }

    @Test
    void locationHasItsLabelAndCoordinates() throws Exception {
        LocationMessage location = (LocationMessage) event("wwdk-receive-type1-sub48.json");
        assertEquals("深圳市xxxx", location.label());
        assertEquals(22.0, location.latitude(), 1e-9);
        assertEquals(113.0, location.longitude(), 1e-9);
        assertEquals("[位置]", location.poiName());
        assertTrue(location.mapUrl().startsWith("http://apis.map.qq.com/"));
    }

    @Test
    void redPacketLineIsARedPacketNotice() throws Exception {
        SystemNotice notice = (SystemNotice) event("unresolved-8576586035-type10000-hongbao.json");
        assertEquals(SystemNotice.Kind.RED_PACKET, notice.kind());
        assertEquals("收到红包，请在手机上查看", notice.text());
    }

    @Test
    void englishGroupInviteIsAMemberJoinedNoticeWithoutTrailingBlanks() throws Exception {
        SystemNotice notice = (SystemNotice) event("unresolved-12925893936-type10000-group-invite-en.json");
        assertEquals(SystemNotice.Kind.GROUP_MEMBER_JOINED, notice.kind());
        assertEquals("You invited 赵剑鹏 to the group chat.", notice.text());
        assertTrue(notice.envelope().inGroup());
    }

    @Test
    void friendAddedLinesInChineseAndEnglishAreFriendAdded() throws Exception {
        assertEquals(SystemNotice.Kind.FRIEND_ADDED,
                ((SystemNotice) event("unresolved-625268707-type10000-friend-added.json")).kind());
        assertEquals(SystemNotice.Kind.FRIEND_ADDED,
                ((SystemNotice) event("puppet-wechat-puppeteer-friendship-L112-type10000.json")).kind());
    }

    @Test
    void linkShareHasTitleDescriptionAndUrl() throws Exception {
        LinkMessage link = (LinkMessage) event("hellokaton-wechat-api-enums-MsgType-type49-app5.json");
        assertEquals("约返:0.99 优惠卷:5 付费价33.00", link.title());
        assertTrue(link.description().startsWith("唯资眉笔"));
        assertEquals("http://t.cn/RrBhwLB", link.url());
    }

    @Test
    void groupCardIsReadAfterTheSenderPrefix() throws Exception {
        CardMessage card = (CardMessage) event("wwdk-receive-type42.json");
        assertEquals("@xxxxxxxxxxxxxxx", card.userName());
        assertEquals("@xxxxxxxxxxx", card.sender().userName());
        assertFalse(card.official());
        assertEquals("LittleCoder机器人", ((CardMessage) event("itchat4j-readme-type42.json")).nickName());
    }

    @Test
    void emoticonHasItsMd5() throws Exception {
        EmoticonMessage emoticon = (EmoticonMessage) event("qjesus-webwxsync-0-type47.json");
        assertEquals("594560af0d32d92224682ee2c292877a", emoticon.md5());
        assertFalse(emoticon.storeSticker());
    }

    @Test
    void mediaDurationsAndSizesComeFromTheMessageFields() throws Exception {
        assertEquals(Duration.ofMillis(2112), ((VoiceMessage) event("itchat4j-readme-type34.json")).length());
        VideoMessage video = (VideoMessage) event("itchat4j-readme-type43.json");
        assertEquals(Duration.ofSeconds(2), video.length());
        assertEquals(960, video.width());
        ImageMessage image = (ImageMessage) event("itchat4j-readme-type3.json");
        assertEquals(90, image.width());
        assertEquals(120, image.height());
    }

    private static Class<?> expectedKind(int msgType, int appMsgType, JsonNode message) {
        if (msgType == -1 && "fmessage".equals(Json.text(message, "FromUserName"))) return FriendRequest.class;
        return switch (msgType) {
            case 1 -> Json.integer(message, "SubMsgType", 0) == 48 ? LocationMessage.class : TextMessage.class;
            case 3 -> ImageMessage.class;
            case 34 -> VoiceMessage.class;
            case 37 -> FriendRequest.class;
            case 42 -> CardMessage.class;
            case 43, 62 -> VideoMessage.class;
            case 47 -> EmoticonMessage.class;
            case 49 -> switch (appMsgType) {
                case 5 -> LinkMessage.class;
                case 6 -> FileMessage.class;
                default -> throw new AssertionError("no expectation for AppMsgType " + appMsgType);
            };
            case 51 -> null;
            case 10000 -> SystemNotice.class;
            case 10002 -> RevokeNotice.class;
            default -> throw new AssertionError("no expectation for MsgType " + msgType);
        };
    }

    /** What each kind must have read from a real sample. */
    private static void assertKeyFields(String name, JsonNode message, MessageEvent event) {
        String msgId = Json.text(message, "MsgId");
        if (!msgId.isEmpty()) assertEquals(msgId, event.msgId(), name);
        switch (event) {
            case TextMessage text -> {
                assertFalse(text.text().isEmpty(), name);
                assertFalse(text.text().contains("<br/>"), name);
                assertFalse(text.text().matches("(?s)^@[0-9a-f]{16,}:\n.*"), name + " kept its sender prefix");
            }
            case ImageMessage image -> assertEquals(Json.integer(message, "ImgWidth", 0), image.width(), name);
            case VoiceMessage voice -> assertTrue(voice.length().toMillis() > 0, name);
            case VideoMessage video -> assertTrue(video.length().toSeconds() > 0, name);
            case FriendRequest request -> {
                assertFalse(request.userName().isEmpty(), name);
                assertTrue(request.ticket().contains("@stranger"), name);
                assertFalse(request.nickName().isEmpty(), name);
            }
            case CardMessage card -> assertFalse(card.nickName().isEmpty(), name);
            case EmoticonMessage emoticon -> assertFalse(emoticon.md5().isEmpty(), name);
            case LinkMessage link -> assertFalse(link.url().isEmpty(), name);
            case FileMessage file -> {
                assertFalse(file.fileName().isEmpty(), name);
                assertTrue(file.size() > 0, name);
                assertFalse(file.mediaId().isEmpty(), name);
            }
            case SystemNotice notice -> assertNotEquals(SystemNotice.Kind.OTHER, notice.kind(), name);
            case RevokeNotice revoke -> assertFalse(revoke.revokedMsgId().isEmpty(), name);
            case LocationMessage location -> assertNotEquals(0.0, location.latitude(), name);
            default -> throw new AssertionError(name + ": unexpected " + event);
        }
    }

    static MessageEvent event(String name) throws Exception {
        return parse(load(name)).orElseThrow();
    }

    /**
     * A fresh logged-in session. Self is a fixed name, not the sample's receiver: masked samples use the same
     * placeholder for receiver and requester, which would make a friend request look like my own.
     */
    static Optional<MessageEvent> parse(JsonNode message) throws Exception {
        ContactBook contacts = new ContactBook();
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.put("UserName", SELF);
        user.put("NickName", "Bot");
        contacts.setSelf(user);
        return new MessageParser(contacts).parse(message);
    }

    /** The sample with the keys clients added after receipt removed. */
    static JsonNode load(String name) throws Exception {
        ObjectNode node = (ObjectNode) Json.parse(Files.readAllBytes(CORPUS.resolve(name)));
        List<String> drop = new ArrayList<>();
        for (Iterator<String> names = node.fieldNames(); names.hasNext(); ) {
            String key = names.next();
            if (key.startsWith("MM") || key.startsWith("_") || key.startsWith("$$") || CLIENT_KEYS.contains(key)) {
                drop.add(key);
            }
        }
        node.remove(drop);
        return node;
    }
}
