package dev.webwxbot.core.internal.message;

import static dev.webwxbot.core.internal.message.LoggedInFixture.FRIEND;
import static dev.webwxbot.core.internal.message.LoggedInFixture.GROUP;
import static dev.webwxbot.core.internal.message.LoggedInFixture.MEMBER;
import static dev.webwxbot.core.internal.message.LoggedInFixture.SELF;
import static dev.webwxbot.core.internal.message.LoggedInFixture.json;
import static dev.webwxbot.core.internal.message.LoggedInFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
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
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fields beyond each kind's essentials (issue 17) when the server leaves them out or sends nonsense: an absent
 * value is "" / 0 / -1 for a byte count / {@link Gender#UNKNOWN}, a garbled one the same, and the message keeps its
 * kind. What the captures hold is checked in {@link CorpusRichFieldsTest}.
 */
class RichFieldsTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-06T20:00:00Z");
    private final MessageParser parser =
            new MessageParser(LoggedInFixture.contactBook(), Clock.fixed(RECEIVED, ZoneOffset.UTC));

    // ---- envelope ----

    @Test
    void envelopeCarriesTheRawNumbersAndAGarbledOneIsZero() {
        ObjectNode message = message(FRIEND, SELF, 1, "hi");
        message.put("Status", "three");
        message.put("ImgStatus", 1);
        message.put("ForwardFlag", 1);
        Envelope envelope = parse(message).envelope();
        assertEquals(1, envelope.msgType());
        assertEquals(0, envelope.status());
        assertEquals(1, envelope.imgStatus());
        assertEquals(1, envelope.forwardFlag());
        assertEquals(TimeSource.SERVER, envelope.timeSource());
    }

    @Test
    void aMentionKeepsTheEnvelopesRawNumbersAndTimeSource() {
        ObjectNode message = message(GROUP, SELF, 1, MEMBER + ":<br/>@Robo\u2005ping");
        message.put("Status", 3);
        message.put("ImgStatus", 1);
        message.put("CreateTime", 0);
        Envelope envelope = assertInstanceOf(TextMessage.class, parse(message)).envelope();
        assertTrue(envelope.mentionsMe());
        assertEquals(3, envelope.status());
        assertEquals(1, envelope.imgStatus());
        assertEquals(TimeSource.RECEIVED, envelope.timeSource());
        assertEquals(RECEIVED, envelope.time());
    }

    @Test
    void anUnknownKindsEnvelopeCarriesItsMsgTypeToo() {
        ObjectNode message = message(FRIEND, SELF, 9999, "");
        message.put("Status", 4);
        UnknownMessage unknown = assertInstanceOf(UnknownMessage.class, parse(message));
        assertEquals(9999, unknown.envelope().msgType());
        assertEquals(4, unknown.envelope().status());
    }

    // ---- media ----

    @Test
    void imageSizesThatAreNoSizesAreUnknownAndTheMd5IsTrimmed() {
        ImageMessage image = assertInstanceOf(ImageMessage.class, parse(message(FRIEND, SELF, 3,
                escape("<msg><img md5=\" 5a77 \" length=\"-5\" cdnthumblength=\"lots\" /></msg>"))));
        assertEquals("5a77", image.md5());
        assertEquals(-1, image.size());
        assertEquals(-1, image.thumbnailSize());
    }

    @Test
    void aDtdInAPicturesContentYieldsNothingFromItButThePictureStays() {
        ImageMessage image = assertInstanceOf(ImageMessage.class, parse(message(FRIEND, SELF, 3,
                escape("<!DOCTYPE msg [<!ENTITY b \"9\">]><msg><img md5=\"m\" length=\"12\" /></msg>"))));
        assertEquals("", image.md5());
        assertEquals(-1, image.size());
    }

    @Test
    void voiceWithAnOverlongSizeAndANegativeFormatSaysNeither() {
        VoiceMessage voice = assertInstanceOf(VoiceMessage.class, parse(message(FRIEND, SELF, 34,
                escape("<msg><voicemsg voicelength=\"900\" length=\"99999999999999999999\" voiceformat=\"-3\" /></msg>"))));
        assertEquals(900, voice.length().toMillis());
        assertEquals(-1, voice.size());
        assertEquals(0, voice.voiceFormat());
    }

    @Test
    void videoAttributesAreReadEvenWhenTheServerLeftOutASpaceBetweenThem() {
        VideoMessage video = assertInstanceOf(VideoMessage.class, parse(message(FRIEND, SELF, 43,
                escape("<msg><videomsg md5=\"abc\"length=\"2048\" cdnthumblength=\"0\" playlength=\"3\" /></msg>"))));
        assertEquals("abc", video.md5());
        assertEquals(2048, video.size());
        assertEquals(0, video.thumbnailSize());
        assertEquals(3, video.length().toSeconds());
    }

    @Test
    void emoticonWithoutSizesInItsContentTakesTheMessagesAndAProductMakesItAStoreSticker() {
        ObjectNode message = message(FRIEND, SELF, 47,
                escape("<msg><emoji md5=\"m\" len=\"x\" width=\"wide\" productid=\" com.tencent.xin.emoticon.p1 \" />"
                        + "</msg>"));
        message.put("ImgWidth", 120);
        message.put("ImgHeight", 96);
        EmoticonMessage sticker = assertInstanceOf(EmoticonMessage.class, parse(message));
        assertEquals(-1, sticker.size());
        assertEquals(120, sticker.width());
        assertEquals(96, sticker.height());
        assertEquals("com.tencent.xin.emoticon.p1", sticker.productId());
        assertTrue(sticker.storeSticker());
        assertEquals("", sticker.cdnUrl());
        assertEquals("", sticker.aesKey());
    }

    @Test
    void appImageTakesItsMd5AndSizesFromTheAttachment() {
        ObjectNode message = message(FRIEND, SELF, 49, escape("<msg><appmsg><type>2</type><appattach><totallen>5000"
                + "</totallen><cdnthumblength>300</cdnthumblength></appattach><md5>ff00</md5></appmsg></msg>"));
        message.put("AppMsgType", 2);
        ImageMessage image = assertInstanceOf(ImageMessage.class, parse(message));
        assertEquals("ff00", image.md5());
        assertEquals(5000, image.size());
        assertEquals(300, image.thumbnailSize());
    }

    // ---- files and links ----

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"report.PDF|PDF", "archive.tar.gz|gz", "notes.final draft|''",
            "no extension|''", "trailing.|''", "name.abcdefghijk|''"})
    void fileWithoutAStatedExtensionTakesTheNamesEnding(String fileName, String extension) {
        ObjectNode message = message(FRIEND, SELF, 49, "");
        message.put("AppMsgType", 6);
        message.put("FileName", fileName);
        FileMessage file = assertInstanceOf(FileMessage.class, parse(message));
        assertEquals(extension, file.extension());
        assertEquals("", file.encodedFileName());
        assertEquals("", file.appId());
        assertEquals("", file.appName());
    }

    @Test
    void fileAppIdComesFromTheAppmsgAttributeWhenAppInfoIsNoObject() {
        ObjectNode message = message(FRIEND, SELF, 49, escape("<msg><appmsg appid=\"wx6618f1cfc6c132f8\"><title>a.7z"
                + "</title><type>6</type><appattach><fileext>7z</fileext></appattach></appmsg>"
                + "<appinfo><appname>微信电脑版</appname></appinfo></msg>"));
        message.put("AppMsgType", 6);
        message.put("AppInfo", "garbled");
        message.put("EncryFileName", "a%2E7z");
        FileMessage file = assertInstanceOf(FileMessage.class, parse(message));
        assertEquals("wx6618f1cfc6c132f8", file.appId());
        assertEquals("微信电脑版", file.appName());
        assertEquals("7z", file.extension());
        assertEquals("a%2E7z", file.encodedFileName());
    }

    @Test
    void linkAppIdIsAppInfosAndAMissingThumbnailIsEmpty() {
        ObjectNode message = message(FRIEND, SELF, 49, escape("<msg><appmsg appid=\"wx_xml\"><title>T</title>"
                + "<url>https://example.com</url><type>5</type></appmsg></msg>"));
        message.put("AppMsgType", 5);
        message.set("AppInfo", json("{\"AppID\":\"wx_field\",\"Type\":0}"));
        LinkMessage link = assertInstanceOf(LinkMessage.class, parse(message));
        assertEquals("wx_field", link.appId());
        assertEquals("", link.thumbnailUrl());
        assertEquals(5, link.appMsgType());
    }

    // ---- people ----

    @Test
    void cardWithOnlyRecommendInfoHasItsGenderAndSignatureButNoAvatarsOrPermanentId() {
        ObjectNode message = message(FRIEND, SELF, 42, "");
        message.set("RecommendInfo", json("{\"UserName\":\"@card\",\"NickName\":\"Dora\",\"Sex\":2,"
                + "\"Signature\":\"hi <span class=\\\"emoji emoji1f604\\\"></span>\",\"Scene\":17}"));
        CardMessage card = assertInstanceOf(CardMessage.class, parse(message));
        assertEquals(Gender.FEMALE, card.gender());
        assertEquals("hi \uD83D\uDE04", card.signature());
        assertEquals(17, card.scene());
        assertEquals("", card.bigAvatarUrl());
        assertEquals("", card.smallAvatarUrl());
        assertEquals("", card.permanentId());
    }

    @Test
    void friendRequestWithAGenderNumberThisVersionDoesNotKnowIsUnknownAndNoGroupMeansNone() {
        ObjectNode message = message("fmessage", SELF, 37, escape("<msg fromusername=\"wxid_e\" encryptusername="
                + "\"v1_e@stranger\" fromnickname=\"Eve\" ticket=\"v2_e@stranger\" sex=\"7\" scene=\"30\" />"));
        FriendRequest request = assertInstanceOf(FriendRequest.class, parse(message));
        assertEquals(Gender.UNKNOWN, request.gender());
        assertEquals("", request.viaGroupId());
        assertEquals("wxid_e", request.permanentId());
        assertEquals("v1_e@stranger", request.userName());
        assertEquals("", request.signature());
    }

    // ---- revokes and locations ----

    @Test
    void revokeWithoutSessionOrOldIdHasNeitherAndOnlyAnOldIdNamesTheWithdrawnMessage() {
        RevokeNotice plain = assertInstanceOf(RevokeNotice.class, parse(message(FRIEND, SELF, 10002,
                escape("<sysmsg type=\"revokemsg\"><revokemsg><msgid>42</msgid></revokemsg></sysmsg>"))));
        assertEquals("", plain.chatPermanentId());
        assertEquals("", plain.oldMsgId());
        RevokeNotice old = assertInstanceOf(RevokeNotice.class, parse(message(FRIEND, SELF, 10002,
                escape("<sysmsg type=\"revokemsg\"><revokemsg><oldmsgid>1660000000</oldmsgid></revokemsg></sysmsg>"))));
        assertEquals("1660000000", old.revokedMsgId());
        assertEquals("1660000000", old.oldMsgId());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"scale=\"big\"|0", "scale=\"-4\"|0", "scale=\"15\"|15", "|0"})
    void locationScaleThatIsNoZoomIsZero(String scaleAttribute, int scale) {
        ObjectNode message = message(FRIEND, SELF, 1, "Pier:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg");
        message.put("SubMsgType", 48);
        message.put("OriContent", "<msg><location x=\"22.5\" y=\"113.9\" " + (scaleAttribute == null ? "" : scaleAttribute)
                + " poiid=\" qqmap_1 \" /></msg>");
        LocationMessage location = assertInstanceOf(LocationMessage.class, parse(message));
        assertEquals(scale, location.scale());
        assertEquals("qqmap_1", location.poiId());
    }

    // ---- what a forward sends back ----

    @Test
    void aGroupPicturesContentIsKeptAsItsSenderWroteItWithoutTheSenderPrefix() {
        String xml = "<?xml version=\"1.0\"?>\n<msg>\n\t<img aeskey=\"a1\" cdnmidimgurl=\"30&amp;5\" />\n</msg>\n";
        ImageMessage image = assertInstanceOf(ImageMessage.class, parse(message(GROUP, SELF, 3,
                MEMBER + ":<br/>" + escape(xml).replace("\n", "<br/>"))));
        assertEquals(xml, image.content(), "entities and line breaks decoded once, the XML's own &amp; kept");
    }

    @Test
    void aVideosOpaqueTokenContentIsKeptAsSent() {
        VideoMessage video = assertInstanceOf(VideoMessage.class, parse(message(FRIEND, SELF, 43, "@3a5b7c9d")));
        assertEquals("@3a5b7c9d", video.content());
    }

    @Test
    void aLocationKeepsTheServersXmlAsSentAndNoneMeansEmpty() {
        String xml = "<?xml version=\"1.0\"?>\n<msg>\n\t<location x=\"22.5\" y=\"113.9\" label=\"Pier\" />\n</msg>\n";
        ObjectNode message = message(FRIEND, SELF, 1, "Pier:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg?pictype=location");
        message.put("SubMsgType", 48);
        message.put("OriContent", xml);
        assertEquals(xml, assertInstanceOf(LocationMessage.class, parse(message)).locationXml());
        message.remove("OriContent");
        assertEquals("", assertInstanceOf(LocationMessage.class, parse(message)).locationXml());
    }

    private MessageEvent parse(ObjectNode message) {
        return parser.parse(message).orElseThrow();
    }

    private static String escape(String xml) {
        return xml.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
