package dev.webwxbot.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OutgoingQuoteTest {

    private static final Contact ALICE = new Contact("@alice", "Alice", "Ali", "", ContactKind.FRIEND, "");
    private static final Envelope FROM_ALICE = new Envelope("7001", ALICE, ALICE, Instant.EPOCH, false, false);

    @Test
    void aQuoteOfAMessageNamesItsIdItsSenderAndWhatItSaid() {
        Outgoing.Quote quote = Outgoing.quote(new TextMessage(FROM_ALICE, "lunch at noon?"), "yes");
        assertEquals(new Outgoing.Quote("7001", ALICE, "lunch at noon?", "yes", List.of()), quote);
    }

    @Test
    void whatIsNoTextIsQuotedByTheLabelWeChatShowsForIt() {
        assertEquals("[图片]", quoted(new ImageMessage(FROM_ALICE, 640, 480)));
        assertEquals("[语音]", quoted(new VoiceMessage(FROM_ALICE, Duration.ofSeconds(3))));
        assertEquals("[视频]", quoted(new VideoMessage(FROM_ALICE, Duration.ofSeconds(9), 320, 240)));
        assertEquals("[动画表情]", quoted(new EmoticonMessage(FROM_ALICE, "0123456789abcdef0123456789abcdef", false)));
        assertEquals("[文件]report.pdf", quoted(new FileMessage(FROM_ALICE, "report.pdf", 1024, "@crypt_1")));
        assertEquals("[链接]Weekend plans", quoted(new LinkMessage(FROM_ALICE, "Weekend plans", "", "https://x", "")));
        assertEquals("Shenzhen Nanshan", quoted(new LocationMessage(FROM_ALICE, "Shenzhen Nanshan", 22.5, 113.9, "", "")));
        assertEquals("向你推荐了Bob", quoted(new CardMessage(FROM_ALICE, "@bob", "Bob", "", "", "", false)));
        assertEquals("该消息网页版微信暂时不支持", quoted(new UnknownMessage(FROM_ALICE, 9999, 0, "", Map.of())));
    }

    @Test
    void aQuoteReplyIsQuotedByItsReplyNotByWhatItQuoted() {
        assertEquals("sure", quoted(new QuoteMessage(FROM_ALICE, "sure", "6000", "Bob", "coffee?")));
        String textForm = "「Bob：coffee?」\n" + Outgoing.Quote.SEPARATOR + "\nsure";
        assertEquals("sure", quoted(new TextMessage(FROM_ALICE, textForm)), "a quote in text form, as web clients get it");
    }

    private static String quoted(MessageEvent message) {
        return Outgoing.quote(message, "reply").quotedText();
    }
}
