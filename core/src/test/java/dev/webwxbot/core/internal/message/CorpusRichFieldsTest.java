package dev.webwxbot.core.internal.message;

import static dev.webwxbot.core.internal.message.CorpusMessagesTest.event;
import static dev.webwxbot.core.internal.message.CorpusMessagesTest.load;
import static dev.webwxbot.core.internal.message.CorpusMessagesTest.parse;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Gender;
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
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.core.internal.protocol.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every sample of testdata/corpus/addmsg, field by field: each record that carries more than text is compared whole
 * with the record its capture describes (values read by hand from the sample), so a field the parser drops or
 * misreads fails here; every envelope carries the capture's own {@code MsgType}, {@code Status}, {@code ImgStatus},
 * {@code ForwardFlag} and says where its time comes from.
 */
class CorpusRichFieldsTest {

    static Stream<String> samples() throws Exception {
        return CorpusMessagesTest.samples();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void envelopeCarriesTheCapturesOwnNumbersAndWhereItsTimeComesFrom(String name) throws Exception {
        JsonNode message = load(name);
        Optional<MessageEvent> event = parse(message);
        if (event.isEmpty()) return; // bookkeeping (51): no envelope
        Envelope envelope = event.get().envelope();
        assertEquals(Json.integer(message, "MsgType", -1), envelope.msgType(), name);
        assertEquals(Json.integer(message, "Status", 0), envelope.status(), name);
        assertEquals(Json.integer(message, "ImgStatus", 0), envelope.imgStatus(), name);
        assertEquals(Json.integer(message, "ForwardFlag", 0), envelope.forwardFlag(), name);
        long createTime = Json.longValue(message, "CreateTime", 0);
        if (createTime > 0) {
            assertEquals(TimeSource.SERVER, envelope.timeSource(), name);
            assertEquals(Instant.ofEpochSecond(createTime), envelope.time(), name);
        } else {
            assertEquals(TimeSource.RECEIVED, envelope.timeSource(), name);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("samples")
    void everyFieldTheCaptureCarriesIsInItsRecord(String name) throws Exception {
        Optional<MessageEvent> event = parse(load(name));
        if (event.isEmpty()) return;
        MessageEvent parsed = event.get();
        MessageEvent expected = expected(name, parsed);
        if (expected == null) {
            // Only kinds that carry nothing beyond their text need no whole-record expectation.
            assertTrue(parsed instanceof TextMessage || parsed instanceof SystemNotice, name + ": no expectation");
            return;
        }
        assertEquals(expected, parsed, name);
    }

    @Test
    void aPicturesAndAVideosXmlContentIsKeptDecodedForForwarding() throws Exception {
        String picture = ((ImageMessage) event("itchat4j-readme-type3.json")).content();
        assertTrue(picture.startsWith("<?xml version=\"1.0\"?>\n<msg>\n\t<img aeskey=\"2384ec2f417e4066a23522635d76b86a\""),
                picture);
        assertTrue(picture.contains(" cdnmidimgurl=\"3050020100044930470201000204577f6a2c02030f4881"), picture);
        String video = ((VideoMessage) event("itchat4j-readme-type43.json")).content();
        assertTrue(video.startsWith("<?xml version=\"1.0\"?>\n<msg>\n\t<videomsg aeskey=\"d9770f7f38f04888a96f95faa548dbd8\""),
                video);
        assertTrue(!picture.contains("&lt;") && !video.contains("&lt;") && !video.contains("<br/>"), video);
        assertTrue(((VideoMessage) event("qjesus-webwxsync-2-type43.json")).content().startsWith("@70a7130064990229"));
    }

    @Test
    void theCapturesWithoutCreateTimeAreTimedAtReceiptAndSaySo() throws Exception {
        for (String name : new String[] {"wcap-worker-addFriendMsg-verify-partial.json",
                "openwechat-message_test-type37-content-only.json"}) {
            Envelope envelope = event(name).envelope();
            assertEquals(TimeSource.RECEIVED, envelope.timeSource(), name);
            assertTrue(envelope.time().isAfter(Instant.parse("2025-01-01T00:00:00Z")), name + ": " + envelope.time());
        }
    }

    @Test
    void systemLinesAndRevokesHaveStatus4AndPicturesImgStatus2() throws Exception {
        assertEquals(4, event("unresolved-625268707-type10000-friend-added.json").envelope().status());
        assertEquals(4, event("wwdk-receive-type10002.json").envelope().status());
        assertEquals(2, event("itchat4j-readme-type3.json").envelope().imgStatus());
        assertEquals(2, event("qjesus-webwxsync-0-type47.json").envelope().imgStatus());
        // No MsgType key at all: a friend request by its sender, the envelope honest about what was sent.
        Envelope partial = event("wcap-worker-addFriendMsg-verify-partial.json").envelope();
        assertEquals(-1, partial.msgType());
        assertEquals(0, partial.imgStatus());
    }

    /**
     * The record each capture describes. Long opaque values the older tests check (tickets, session ids, media ids)
     * are taken from the parsed record; every field added for issue 17 is written out.
     */
    private static MessageEvent expected(String name, MessageEvent parsed) {
        Envelope e = parsed.envelope();
        return switch (name) {
            case "hellokaton-wechat-api-enums-MsgType-type49-app5.json" -> new LinkMessage(e,
                    "约返:0.99 优惠卷:5 付费价33.00", "唯资眉笔水眉笔雾眉液体眉笔防水防汗不脱色自然持久不晕染一字眉",
                    "http://t.cn/RrBhwLB", "",
                    "https://img.alicdn.com/bao/uploaded/i4/425781057/TB1AMYNjaAoBKNjSZSyXXaHAVXa_!!0-item_pic.jpg",
                    5, "");
            case "itchat4j-readme-type3.json" ->
                    new ImageMessage(e, 90, 120, "5a774ad813f40fb3ca81349d82101423", 139_120, 12_204,
                            ((ImageMessage) parsed).content());
            case "itchat4j-readme-type34.json" -> new VoiceMessage(e, Duration.ofMillis(2112), 4051, 4);
            case "itchat4j-readme-type37.json" -> request(parsed, "yaphone", "", 6, "wxid_a6p74rz9ovbz21",
                    Gender.FEMALE, "", "重庆", "南岸", "",
                    "http://wx.qlogo.cn/mmhead/ver_1/rA30HUEYRfMW5Se0ib95ZT8XMY24IicxPY2QPblbK6UNzicwUIIE9CGmgKh4WOUuo8PLeAsPw"
                            + "iaNfLVGDOAOUADZ9VHOzyC8th7iavQwnCw3Fuos/", "0", "132", "");
            case "itchat4j-readme-type42.json" -> new CardMessage(e, "@173bd4ce01b725f327c221a06017260734d4607001d1dc"
                    + "82ba6b99c1ef77fb92", "LittleCoder机器人", "", "", "", false, Gender.UNKNOWN, "",
                    "http://wx.qlogo.cn/mmhead/ver_1/ajX7IquRvt16WXDJYrYsBuGy5HoicQ1ibNbLKKHu744ic2WnxSaRtEQCgibSP8S2MdyIs"
                            + "qTWsKUUEZydsias9UR55nSQE7n6ibXChx4DQZQf5xh0M/0",
                    "http://wx.qlogo.cn/mmhead/ver_1/ajX7IquRvt16WXDJYrYsBuGy5HoicQ1ibNbLKKHu744ic2WnxSaRtEQCgibSP8S2MdyIs"
                            + "qTWsKUUEZydsias9UR55nSQE7n6ibXChx4DQZQf5xh0M/132", 17,
                    "v1_183ca2ddb6369f35d74ea56046fcdf33d3a769352d9e125b44d26c18c0063ff537f6d66ea415db7648605aabf65b7b98"
                            + "@stranger");
            case "itchat4j-readme-type43.json" -> new VideoMessage(e, Duration.ofSeconds(2), 960, 540,
                    "555c3efc0e065ba83c3fed942fea81b5", 328_666, 10_398, ((VideoMessage) parsed).content());
            case "openwechat-message_test-type37-content-only.json" -> request(parsed, "nickname1", "test11111", 3,
                    "user1", Gender.MALE, "1111", "Zhejiang", "Hangzhou", "Life is a struggle.",
                    "http://wx.qlogo.cn/mmhead/ver_1/1231231/", "0", "132", "123@chatroom");
            case "puppet-wechat-puppeteer-friendship-L62-type37.json" -> request(parsed, "李卓桓.PreAngel",
                    "我是群聊\"Wechaty\"的李卓桓.PreAngel", 14, "wxid_a8d806dzznm822", Gender.MALE, "zixia008", "北京",
                    "海淀", "投资人中最会飞的程序员。好友请加 918999 ，因为本号好友已满。",
                    "http://wx.qlogo.cn/mmhead/ver_1/xct7OPTbuU6iaS8gTaK2VibhRs3rATwnU1rCUwWu8ic89EGOynaic2Y4MUdKr66khhApl"
                            + "cfFlm7xbXhum5reania3fXDXH6CI9c3Bb4BODmYAh04/", "0", "132", "2332413729@chatroom");
            case "qjesus-webwxsync-0-type47.json" -> new EmoticonMessage(e, "594560af0d32d92224682ee2c292877a", false,
                    447_446, 240, 210,
                    "http://emoji.qpic.cn/wx_emoji/NBYII27icz3UvDVcCrK2sXzjZeTXzicxmtdRw9NT55ONgEB4VQHCsmTA/",
                    "http://emoji.qpic.cn/wx_emoji/NBYII27icz3UvDVcCrK2sXzjZeTXzicxmtgwJAQBfFGKalttRyL1HHTQ/",
                    "f63eaffcd7e1b1efce4ca891a7034ade", "");
            // Newer captures: the content is an opaque token, so nothing beyond the message's own fields.
            case "qjesus-webwxsync-2-type43.json" -> new VideoMessage(e, Duration.ofSeconds(10), 290, 512, "", -1, -1,
                    ((VideoMessage) parsed).content());
            // A prefix-shaped start from a chat that is no group is not a sender prefix: kept, its <br/> decoded.
            case "wwdk-receive-type43.json" -> new VideoMessage(e, Duration.ofSeconds(1), 200, 400, "", -1, -1,
                    "@xxxx:\n@xxxxxxx");
            // In a group the token follows the sender prefix, which is not part of it.
            case "wwdk-receive-type3.json" -> new ImageMessage(e, 0, 0, "", -1, -1, "@xxxxxxxxxxxxxxxxxxxxxxxxxxxx");
            case "wwdk-receive-type34.json" -> new VoiceMessage(e, Duration.ofMillis(3215), -1, 0);
            case "unresolved-38174924037-type10002.json" ->
                    new RevokeNotice(e, "4241293912041778012", "你撤回了一条消息", "5538097630@chatroom", "1096526481");
            case "wwdk-receive-type10002.json" ->
                    new RevokeNotice(e, "41000000000000000", "\"xx\" 撤回了一条消息", "wxid_xxxxxxx", "1660000000");
            case "unresolved-40276100670-type49-app6.json" -> new FileMessage(e, "耶路撒冷三千年.doc", 633_344,
                    ((FileMessage) parsed).mediaId(),
                    "%E8%80%B6%E8%B7%AF%E6%92%92%E5%86%B7%E4%B8%89%E5%8D%83%E5%B9%B4%2Edoc", "doc", "", "");
            case "wwdk-receive-type49-app6.json" -> new FileMessage(e, "fileName.zip", 1024,
                    "@crypt_xxxxxxxxxxxxxxxxxxxxxxxxxxx", "fileName%2Ezip", "zip", "wx6618f1cfc6c132f8", "微信电脑版");
            // Content attributes lack a space before percard: the tolerant scan still reads them.
            case "wcap-worker-addFriendMsg-verify-partial.json" -> request(parsed, "幸运星", "I'm 幸运星", 30,
                    "wxid_u3hv5ow2xxkw22", Gender.FEMALE, "jinni20175", "", "", "当一棵树不再炫耀自己的枝繁叶茂而是深深扎根泥土的时候",
                    "http://wx.qlogo.cn/mmhead/PiajxSqBRaEIsRhiaMLG1JdNibQ6NrBjvIHuoOJRbIIDic4M1NEGwM93ew/", "0", "96", "");
            case "wwdk-contact-type37.json" -> request(parsed, "xxxx", "我是xxxx", 14, "wx_id", Gender.UNKNOWN, "", "",
                    "", "", "http://wx.qlogo.cn/mmhead/ver_1/xxxxxxxxx/", "0", "96", "1000000@chatroom");
            case "wwdk-receive-type1-sub48.json" -> new LocationMessage(e, "深圳市xxxx", 22.0, 113.0, "[位置]",
                    "http://apis.map.qq.com/uri/v1/geocoder?coord=22.000000,113.000000", 16, "",
                    "<?xml version=\"1.0\"?>\n<msg>\n\t<location x=\"22.000000\" y=\"113.000000\" scale=\"16\""
                            + " label=\"深圳市xxxx\" maptype=\"0\" poiname=\"[位置]\" poiid=\"\" />\n</msg>\n");
            case "wwdk-receive-type42.json" -> new CardMessage(e, "@xxxxxxxxxxxxxxx", "xxx", "", "", "", false,
                    Gender.UNKNOWN, "", "http://wx.qlogo.cn/mmhead/ver_1/xxxx/0", "http://wx.qlogo.cn/mmhead/ver_1/xxxx/132",
                    17, "v1_xxxx@stranger");
            case "wwdk-receive-type47.json" -> new EmoticonMessage(e, "xxxx", false, 1024, 80, 80,
                    "http://emoji.qpic.cn/wx_emoji/xxxxxxxx/", "http://emoji.qpic.cn/wx_emoji/xxxx/", "xxxx", "");
            default -> null;
        };
    }

    /** A friend request whose session name and ticket are the parsed ones; avatars share a base, as captured. */
    private static FriendRequest request(MessageEvent parsed, String nickName, String greeting, int scene,
                                         String permanentId, Gender gender, String alias, String province, String city,
                                         String signature, String avatarBase, String bigSuffix, String smallSuffix,
                                         String viaGroupId) {
        FriendRequest request = (FriendRequest) parsed;
        return new FriendRequest(request.envelope(), request.userName(), nickName, greeting, request.ticket(), scene,
                permanentId, gender, alias, province, city, signature, avatarBase + bigSuffix, avatarBase + smallSuffix,
                viaGroupId);
    }
}
