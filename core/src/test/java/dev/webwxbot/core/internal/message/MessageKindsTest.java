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
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each kind of PROTOCOL.md 9 from composed payloads, and the edge cases the corpus does not cover. */
class MessageKindsTest {

    private final ContactBook contacts = LoggedInFixture.contactBook();
    private final MessageParser parser = new MessageParser(contacts);

    // ---- XML safety and robustness ----

    @Test
    void externalEntityInAnAppMessageIsRejectedAndNoFileIsRead(@TempDir Path dir) throws Exception {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET-42");
        String xxe = escape("<?xml version=\"1.0\"?><!DOCTYPE msg [<!ENTITY x SYSTEM \"" + secret.toUri() + "\">]>"
                + "<msg><appmsg><title>&x;</title><type>5</type><url>&x;</url></appmsg></msg>");
        MessageEvent event = parse(message(FRIEND, SELF, 49, xxe).put("AppMsgType", 5));
        UnknownMessage unknown = assertInstanceOf(UnknownMessage.class, event);
        assertEquals(xxe, unknown.rawContent());
        assertFalse(event.toString().contains("TOP-SECRET-42"));
    }

    @ParameterizedTest
    @ValueSource(ints = {10002, 37, 42, 47})
    void dtdInAnyXmlKindMakesItUnknown(int msgType) {
        String dtd = escape("<!DOCTYPE msg [<!ENTITY b \"bomb\">]><msg ticket=\"v2_x\" username=\"u\" md5=\"m\">"
                + "<revokemsg><msgid>1</msgid></revokemsg></msg>");
        assertInstanceOf(UnknownMessage.class, parse(message(FRIEND, SELF, msgType, dtd)));
    }

    @Test
    void revokeWithMalformedXmlIsUnknownAndKeepsItsContent() {
        UnknownMessage unknown = (UnknownMessage) parse(message(FRIEND, SELF, 10002,
                "&lt;sysmsg&gt;&lt;revokemsg&gt;&lt;msgid&gt;12"));
        assertEquals(10002, unknown.msgType());
        assertEquals("&lt;sysmsg&gt;&lt;revokemsg&gt;&lt;msgid&gt;12", unknown.rawContent());
    }

    @Test
    void groupRevokeHasItsSenderPrefixStrippedBeforeParsing() {
        RevokeNotice revoke = (RevokeNotice) parse(message(GROUP, SELF, 10002, MEMBER + ":<br/>"
                + escape("<sysmsg type=\"revokemsg\"><revokemsg><session>1@chatroom</session><msgid>"
                + "9223372036854775807</msgid><replacemsg><![CDATA[\"Carol\" 撤回了一条消息]]></replacemsg>"
                + "</revokemsg></sysmsg>")));
        assertEquals("9223372036854775807", revoke.revokedMsgId());
        assertEquals("\"Carol\" 撤回了一条消息", revoke.notice());
        assertEquals(MEMBER, revoke.sender().userName());
    }

    @Test
    void groupLinkHasItsSenderPrefixStrippedAndTitleDescriptionUrlAndAppName() {
        LinkMessage link = (LinkMessage) parse(message(GROUP, SELF, 49, MEMBER + ":<br/>" + escape(
                "<msg><appmsg appid=\"\"><title>News</title><des>What &amp; why</des><type>5</type>"
                + "<url>http://a.example/x?a=1&amp;b=2</url></appmsg><appinfo><appname>Reader</appname>"
                + "</appinfo></msg>")).put("AppMsgType", 5));
        assertEquals("News", link.title());
        assertEquals("What & why", link.description());
        assertEquals("http://a.example/x?a=1&b=2", link.url());
        assertEquals("Reader", link.appName());
        assertEquals(MEMBER, link.sender().userName());
    }

    @Test
    void linkWithMalformedXmlStillUsesTheTopLevelFields() {
        LinkMessage link = (LinkMessage) parse(message(FRIEND, SELF, 49, "&lt;msg&gt;&lt;appmsg&gt;")
                .put("AppMsgType", 5).put("FileName", "Title").put("Url", "http://x/?a=1&amp;b=2"));
        assertEquals("Title", link.title());
        assertEquals("http://x/?a=1&b=2", link.url());
        assertEquals("", link.description());
    }

    @Test
    void contentThatBreaksEveryParserStillBecomesAnEventAndNeverThrows() {
        for (int type : new int[] {1, 3, 34, 37, 42, 43, 47, 48, 49, 62, 10000, 10002}) {
            for (String content : new String[] {"", "&lt;", "<msg", "&lt;msg&gt;&lt;/x&gt;", "\u0000", ":<br/>"}) {
                assertTrue(parser.parse(message(FRIEND, SELF, type, content)).isPresent(), type + " " + content);
            }
        }
    }

    @Test
    void absentFieldsOfAKnownKindDoNotMakeItUnknown() {
        ObjectNode bare = Json.MAPPER.createObjectNode();
        bare.put("FromUserName", FRIEND).put("MsgType", 3);
        ImageMessage image = (ImageMessage) parse(bare);
        assertEquals(0, image.width());
        assertEquals("", image.msgId());
        bare.put("MsgType", 43);
        assertEquals(Duration.ZERO, ((VideoMessage) parse(bare)).length());
        bare.put("MsgType", 49).put("AppMsgType", 6);
        FileMessage file = (FileMessage) parse(bare);
        assertEquals(-1, file.size());
        assertEquals("", file.fileName());
    }

    // ---- ids ----

    @Test
    void msgIdFallsBackToNewMsgIdDigitsWithoutDoublePrecisionLoss() throws Exception {
        JsonNode node = json("{\"FromUserName\":\"" + FRIEND + "\",\"MsgType\":1,\"Content\":\"x\","
                + "\"NewMsgId\":6469713913745187013}");
        assertEquals("6469713913745187013", parse(node).msgId());
    }

    // ---- kinds ----

    @Test
    void imageVoiceAndVideoReadTheirDimensionsAndDurations() {
        ImageMessage image = (ImageMessage) parse(message(FRIEND, SELF, 3, "@abc").put("ImgWidth", 640)
                .put("ImgHeight", 480));
        assertEquals(640, image.width());
        assertEquals(480, image.height());
        VoiceMessage voice = (VoiceMessage) parse(message(FRIEND, SELF, 34, "").put("VoiceLength", 1580));
        assertEquals(Duration.ofMillis(1580), voice.length());
        VideoMessage micro = (VideoMessage) parse(message(FRIEND, SELF, 62, "@tok").put("PlayLength", 7)
                .put("ImgWidth", 200).put("ImgHeight", 400));
        assertEquals(Duration.ofSeconds(7), micro.length());
        assertEquals(400, micro.height());
    }

    @Test
    void voiceWithoutVoiceLengthTakesItFromTheXml() {
        VoiceMessage voice = (VoiceMessage) parse(message(FRIEND, SELF, 34,
                escape("<msg><voicemsg voicelength=\"2100\" length=\"1\"/></msg>")));
        assertEquals(Duration.ofMillis(2100), voice.length());
    }

    @Test
    void storeStickerWithEmptyContentIsAStoreEmoticon() {
        EmoticonMessage sticker = (EmoticonMessage) parse(message(FRIEND, SELF, 47, "").put("HasProductId", 1));
        assertTrue(sticker.storeSticker());
        assertEquals("", sticker.md5());
    }

    @Test
    void groupEmoticonReadsTheMd5AfterTheSenderPrefix() {
        EmoticonMessage emoticon = (EmoticonMessage) parse(message(GROUP, SELF, 47, MEMBER + ":<br/>"
                + escape("<msg><emoji md5=\"594560af\" productid=\"\" len=\"1\"></emoji></msg>")));
        assertEquals("594560af", emoticon.md5());
        assertFalse(emoticon.storeSticker());
    }

    @Test
    void locationInAGroupWithItsPrefixUsesTheMiddlePartAsLabel() {
        LocationMessage location = (LocationMessage) parse(message(GROUP, SELF, 1, MEMBER
                + ":<br/>Nanshan &amp; Co:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?url=xxx&msgid=1&pictype=location")
                .put("SubMsgType", 48).put("Url", "http://apis.map.qq.com/uri/v1/geocoder?coord=22.54,113.93")
                .put("OriContent", "<?xml version=\"1.0\"?>\n<msg>\n\t<location x=\"22.540000\" y=\"113.930000\" "
                        + "scale=\"16\" label=\"Nanshan\" poiname=\"XX Building\" />\n</msg>\n"));
        assertEquals("Nanshan & Co", location.label());
        assertEquals(22.54, location.latitude(), 1e-9);
        assertEquals(113.93, location.longitude(), 1e-9);
        assertEquals("XX Building", location.poiName());
        assertEquals(MEMBER, location.sender().userName());
    }

    @Test
    void locationWithoutOriContentTakesCoordinatesFromTheMapUrl() {
        LocationMessage location = (LocationMessage) parse(message(FRIEND, SELF, 1,
                "Somewhere:<br/>/cgi-bin/x?pictype=location").put("Url",
                "http://apis.map.qq.com/uri/v1/geocoder?coord=-33.5,151.25"));
        assertEquals("Somewhere", location.label());
        assertEquals(-33.5, location.latitude(), 1e-9);
        assertEquals(151.25, location.longitude(), 1e-9);
    }

    @Test
    void locationWithoutAnyCoordinatesHasZeros() {
        LocationMessage location = (LocationMessage) parse(message(FRIEND, SELF, 1, "Here").put("SubMsgType", 48));
        assertEquals("Here", location.label());
        assertEquals(0.0, location.latitude());
    }

    @Test
    void friendRequestFromRecommendInfoDecodesEmojiInTheNickname() {
        ObjectNode message = message("fmessage", SELF, 37, "");
        message.putObject("RecommendInfo").put("UserName", "@req").put("NickName",
                "Ann<span class=\"emoji emoji1f604\"></span>").put("Content", "hi").put("Ticket", "v2_t@stranger")
                .put("Scene", 14);
        FriendRequest request = (FriendRequest) parse(message);
        assertEquals("Ann\uD83D\uDE04", request.nickName());
        assertEquals("@req", request.userName());
        assertEquals(14, request.scene());
    }

    @Test
    void friendRequestFromMyselfIsNotAnEvent() {
        ObjectNode message = message("fmessage", SELF, 37, "");
        message.putObject("RecommendInfo").put("UserName", SELF).put("Ticket", "v2_t");
        assertTrue(parser.parse(message).isEmpty());
    }

    @Test
    void friendRequestWithNothingToIdentifyTheRequesterIsUnknown() {
        assertInstanceOf(UnknownMessage.class, parse(message("fmessage", SELF, 37, "hello")));
    }

    @Test
    void officialAccountCardIsOfficialByCertflagOrVerifyFlag() {
        CardMessage byCert = (CardMessage) parse(message(FRIEND, SELF, 42, escape(
                "<?xml version=\"1.0\"?><msg username=\"gh_1\" nickname=\"News MP\" certflag=\"24\" alias=\"\"/>")));
        assertTrue(byCert.official());
        assertEquals("gh_1", byCert.userName());
        ObjectNode message = message(FRIEND, SELF, 42, "");
        message.putObject("RecommendInfo").put("UserName", "@mp").put("NickName", "MP").put("VerifyFlag", 24)
                .put("Province", "Guangdong").put("City", "Shenzhen");
        CardMessage byFlag = (CardMessage) parse(message);
        assertTrue(byFlag.official());
        assertEquals("Shenzhen", byFlag.city());
    }

    @Test
    void musicShareHasItsStreamUrl() {
        MusicMessage music = (MusicMessage) parse(message(FRIEND, SELF, 49, escape("<msg><appmsg><title>Song"
                + "</title><des>Singer</des><type>3</type><url>http://m/page</url><dataurl>http://m/stream.mp3"
                + "</dataurl></appmsg></msg>")).put("AppMsgType", 3).put("FileName", "Song"));
        assertEquals("Song", music.title());
        assertEquals("Singer", music.description());
        assertEquals("http://m/page", music.url());
        assertEquals("http://m/stream.mp3", music.streamUrl());
    }

    @ParameterizedTest
    @ValueSource(ints = {33, 36})
    void miniProgramHasAppIdPagePathAndName(int appMsgType) {
        MiniProgramMessage mini = (MiniProgramMessage) parse(message(FRIEND, SELF, 49, escape("<msg><appmsg>"
                + "<title>Order</title><type>" + appMsgType + "</type><sourcedisplayname>Shop</sourcedisplayname>"
                + "<weappinfo><pagepath><![CDATA[pages/a.html?x=1]]></pagepath><username>gh_2@app</username>"
                + "<appid>wx123</appid></weappinfo></appmsg></msg>")).put("AppMsgType", appMsgType));
        assertEquals("Order", mini.title());
        assertEquals("wx123", mini.appId());
        assertEquals("pages/a.html?x=1", mini.pagePath());
        assertEquals("Shop", mini.appName());
    }

    @Test
    void quoteHasTheReplyAndTheQuotedMessageAndDetectsMyMention() {
        QuoteMessage quote = (QuoteMessage) parse(message(GROUP, SELF, 49, MEMBER + ":<br/>" + escape("<msg><appmsg>"
                + "<title>@Robo\u2005agreed</title><type>57</type><refermsg><type>1</type><svrid>4100000000000000000"
                + "</svrid><fromusr>wxid_a</fromusr><displayname>Dave</displayname><content>lunch?</content>"
                + "</refermsg></appmsg></msg>")).put("AppMsgType", 57));
        assertEquals("@Robo\u2005agreed", quote.text());
        assertEquals("4100000000000000000", quote.quotedMsgId());
        assertEquals("Dave", quote.quotedSenderName());
        assertEquals("lunch?", quote.quotedText());
        assertTrue(quote.envelope().mentionsMe());
    }

    @Test
    void transferDescribesItselfFromItsDescription() {
        TransferMessage transfer = (TransferMessage) parse(message(FRIEND, SELF, 49, escape("<msg><appmsg>"
                + "<title>微信转账</title><des><![CDATA[收到转账0.01元。如需收钱，请点此升级至最新版本]]></des>"
                + "<type>2000</type></appmsg></msg>")).put("AppMsgType", 2000).put("FileName", "微信转账"));
        assertEquals("收到转账0.01元。如需收钱，请点此升级至最新版本", transfer.description());
    }

    @Test
    void redPacketAsAppOrTextMessageIsARedPacketNotice() {
        SystemNotice app = (SystemNotice) parse(message(FRIEND, SELF, 49, "").put("AppMsgType", 2001)
                .put("FileName", "微信红包"));
        assertEquals(SystemNotice.Kind.RED_PACKET, app.kind());
        assertEquals("微信红包", app.text());
        SystemNotice text = (SystemNotice) parse(message(FRIEND, SELF, 1, "[红包]").put("AppMsgType", 2001));
        assertEquals(SystemNotice.Kind.RED_PACKET, text.kind());
    }

    @Test
    void realtimeLocationSharingIsAnOtherNotice() {
        SystemNotice notice = (SystemNotice) parse(message(FRIEND, SELF, 49, "").put("AppMsgType", 17)
                .put("FileName", "我发起了位置共享"));
        assertEquals(SystemNotice.Kind.OTHER, notice.kind());
        assertEquals("我发起了位置共享", notice.text());
    }

    @Test
    void appStickerIsAnEmoticonAndAppTextIsTextOfItsTitle() {
        EmoticonMessage sticker = (EmoticonMessage) parse(message(FRIEND, SELF, 49, escape("<msg><appmsg>"
                + "<type>8</type><appattach><emoticonmd5>abc123</emoticonmd5></appattach></appmsg></msg>"))
                .put("AppMsgType", 8));
        assertEquals("abc123", sticker.md5());
        TextMessage text = (TextMessage) parse(message(FRIEND, SELF, 49, escape("<msg><appmsg><title>hello"
                + "</title><type>1</type></appmsg></msg>")).put("AppMsgType", 1));
        assertEquals("hello", text.text());
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 4, 7, 19, 100})
    void appTypesWithoutAnEventAreUnknownWithTheirAppMsgType(int appMsgType) {
        UnknownMessage unknown = (UnknownMessage) parse(message(FRIEND, SELF, 49, "请在手机上查看")
                .put("AppMsgType", appMsgType));
        assertEquals(49, unknown.msgType());
        assertEquals(appMsgType, unknown.appMsgType());
    }

    @ParameterizedTest
    @ValueSource(ints = {40, 50, 52, 53, 9999, 12345})
    void callsRecommendationsAndSysNoticesAreUnknown(int msgType) {
        assertEquals(msgType, ((UnknownMessage) parse(message(FRIEND, SELF, msgType, "&lt;voipmsg/&gt;"))).msgType());
    }

    @Test
    void systemLineInAGroupHasNoPrefixItsLinksRemovedAndIsClassified() {
        SystemNotice notice = (SystemNotice) parse(message(GROUP, SELF, 10000,
                "\"Carol\"邀请\"Dave\"加入了群聊  &lt;a href=\"weixin://findfriend/verifycontact\"&gt;撤销&lt;/a&gt;"));
        assertEquals(SystemNotice.Kind.GROUP_MEMBER_JOINED, notice.kind());
        assertEquals("\"Carol\"邀请\"Dave\"加入了群聊  撤销", notice.text());
        assertEquals(GROUP, notice.sender().userName());
    }

    private MessageEvent parse(JsonNode message) {
        return parser.parse(message).orElseThrow();
    }

    /** The server's escaping of an XML payload (PROTOCOL.md 9.2). */
    private static String escape(String xml) {
        return xml.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }


}
