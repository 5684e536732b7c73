package dev.webwxbot.core.internal.message;

import static dev.webwxbot.core.internal.message.LoggedInFixture.FRIEND;
import static dev.webwxbot.core.internal.message.LoggedInFixture.SELF;
import static dev.webwxbot.core.internal.message.LoggedInFixture.json;
import static dev.webwxbot.core.internal.message.LoggedInFixture.message;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.event.Envelope.TimeSource;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.math.BigInteger;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Each numeric field is read on its own: a bad one is replaced by its documented stand-in, the message kept. */
class FieldHardeningTest {

    private static final Instant RECEIVED = Instant.parse("2026-12-06T20:00:00Z");
    private final MessageParser parser =
            new MessageParser(LoggedInFixture.contactBook(), Clock.fixed(RECEIVED, ZoneOffset.UTC));

    /**
     * 10^18 fits a long but not an Instant: it used to throw DateTimeException and the text was lost. 0 (the
     * protocol's "unused") used to be taken as given, dating the message 1970-01-01.
     */
    @ParameterizedTest
    @ValueSource(strings = {"0", "\"0\"", "1000000000000000000", "100000000000000000000", "-10000000000000000000",
            "-1", "253402300800", "\"soon\"", "1.5e9", "null", "{}"})
    void aTextWithAnUnusableCreateTimeIsDeliveredWithTheTimeOfReceiptMarkedAsSuch(String createTime) {
        ObjectNode message = message(FRIEND, SELF, 1, "hello");
        message.set("CreateTime", json("{\"t\":" + createTime + "}").get("t"));
        TextMessage text = assertInstanceOf(TextMessage.class, parse(message));
        assertEquals("hello", text.text());
        assertEquals(RECEIVED, text.envelope().time());
        assertEquals(TimeSource.RECEIVED, text.envelope().timeSource());
    }

    @Test
    void aTextWithoutCreateTimeIsDeliveredWithTheTimeOfReceiptMarkedAsSuch() {
        ObjectNode message = message(FRIEND, SELF, 1, "hello");
        message.remove("CreateTime");
        assertEquals(RECEIVED, parse(message).envelope().time());
        assertEquals(TimeSource.RECEIVED, parse(message).envelope().timeSource());
    }

    @Test
    void aPlausibleCreateTimeIsKeptAsSentAlsoAsText() {
        ObjectNode message = message(FRIEND, SELF, 1, "hello");
        assertEquals(Instant.ofEpochSecond(1_700_000_200), parse(message).envelope().time());
        assertEquals(TimeSource.SERVER, parse(message).envelope().timeSource());
        message.put("CreateTime", "1700000300");
        assertEquals(Instant.ofEpochSecond(1_700_000_300), parse(message).envelope().time());
        message.put("CreateTime", 1);
        assertEquals(Instant.ofEpochSecond(1), parse(message).envelope().time());
        assertEquals(TimeSource.SERVER, parse(message).envelope().timeSource());
        message.put("CreateTime", MessageParser.LATEST_CREATE_TIME);
        assertEquals(Instant.ofEpochSecond(MessageParser.LATEST_CREATE_TIME), parse(message).envelope().time());
    }

    @Test
    void negativeOrHugeDimensionsAreUnknownNotFatal() {
        ObjectNode message = message(FRIEND, SELF, 3, "");
        message.put("ImgWidth", -5);
        message.put("ImgHeight", new BigInteger("99999999999999999999"));
        ImageMessage image = assertInstanceOf(ImageMessage.class, parse(message));
        assertEquals(0, image.width());
        assertEquals(0, image.height());
    }

    @Test
    void negativeOrNonNumericLengthsBecomeZero() {
        ObjectNode voice = message(FRIEND, SELF, 34, "&lt;msg&gt;&lt;voicemsg voicelength=\"-30\" /&gt;&lt;/msg&gt;");
        voice.put("VoiceLength", "long");
        assertEquals(Duration.ZERO, assertInstanceOf(VoiceMessage.class, parse(voice)).length());
        ObjectNode video = message(FRIEND, SELF, 43, "");
        video.put("PlayLength", Long.MAX_VALUE);
        assertEquals(Duration.ofSeconds(Long.MAX_VALUE), assertInstanceOf(VideoMessage.class, parse(video)).length());
    }

    @Test
    void aFileSizeThatIsNoSizeIsUnknown() {
        ObjectNode message = message(FRIEND, SELF, 49, "&lt;msg&gt;&lt;appmsg&gt;&lt;title&gt;a.pdf&lt;/title&gt;"
                + "&lt;appattach&gt;&lt;totallen&gt;-7&lt;/totallen&gt;&lt;/appattach&gt;&lt;/appmsg&gt;&lt;/msg&gt;");
        message.put("AppMsgType", 6);
        message.put("FileSize", "1e99");
        assertEquals(-1, assertInstanceOf(FileMessage.class, parse(message)).size());
    }

    @Test
    void coordinatesOutsideTheGlobeAreUnknown() {
        ObjectNode message = message(FRIEND, SELF, 1, "Somewhere:<br/>/cgi-bin/mmwebwx-bin/webwxgetpubliclinkimg");
        message.put("SubMsgType", 48);
        message.put("OriContent", "&lt;msg&gt;&lt;location x=\"1e300\" y=\"-720.5\" label=\"x\" /&gt;&lt;/msg&gt;");
        LocationMessage location = assertInstanceOf(LocationMessage.class, parse(message));
        assertEquals(0, location.latitude());
        assertEquals(0, location.longitude());
    }

    @Test
    void anEmojiSpanOfNineHexDigitsIsDroppedNotFatal() {
        TextMessage text = assertInstanceOf(TextMessage.class,
                parse(message(FRIEND, SELF, 1, "a<span class=\"emoji emojifffffffff\"></span>b")));
        assertEquals("ab", text.text());
    }

    @Test
    void anUnknownKindCarriesEveryRawTopLevelField() {
        ObjectNode message = message(FRIEND, SELF, 9999, "&lt;sysmsg/&gt;");
        message.set("RecommendInfo", json("{\"UserName\":\"x\"}"));
        UnknownMessage unknown = assertInstanceOf(UnknownMessage.class, parse(message));
        assertEquals("9999", unknown.rawFields().get("MsgType"));
        assertEquals("6469713913745187012", unknown.rawFields().get("NewMsgId"));
        assertEquals("{\"UserName\":\"x\"}", unknown.rawFields().get("RecommendInfo"));
        assertEquals("&lt;sysmsg/&gt;", unknown.rawFields().get("Content"));
    }

    @Test
    void anythingThatIsNotAnObjectIsAnUnknownMessageNotAnException() {
        for (String notAMessage : new String[] {"[]", "\"text\"", "42", "null"}) {
            MessageEvent event = parser.parse(json(notAMessage)).orElseThrow();
            assertTrue(event instanceof UnknownMessage, notAMessage);
        }
    }

    private MessageEvent parse(ObjectNode message) {
        return parser.parse(message).orElseThrow();
    }
}
