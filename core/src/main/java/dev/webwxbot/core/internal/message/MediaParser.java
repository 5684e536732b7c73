package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.core.internal.protocol.Json;
import java.time.Duration;
import java.util.Optional;

/**
 * Images (3), voice (34), video (43, 62) and emoticons (47), PROTOCOL.md 9.5.2/9.5.3/9.5.7/9.5.9. Their key data
 * is in the message's own fields, so an opaque {@code @…} token or odd XML content does not matter; the XML adds
 * what only it says (MD5, byte sizes, the voice format, the sticker's addresses) and is the fallback for a missing
 * duration. A hostile payload (a DTD) yields nothing from the XML, not an error.
 */
final class MediaParser {

    private MediaParser() {
    }

    /** {@code <img md5 length cdnthumblength>} of the older XML form; the newer opaque token says none of them. */
    static ImageMessage image(Envelope envelope, JsonNode message, String content) {
        XmlPayload xml = XmlPayload.of(content);
        return new ImageMessage(envelope, dimension(message, "ImgWidth"), dimension(message, "ImgHeight"),
                xml.attribute("img", "md5").strip(), Numbers.byteCount(xml.attribute("img", "length")),
                Numbers.byteCount(xml.attribute("img", "cdnthumblength")), asWritten(content));
    }

    /**
     * The content as the sender's client wrote it (line breaks and entities decoded, 9.2), which a forward sends
     * back: the server finds the media by the CDN keys in it (5.3, 5.4).
     */
    static String asWritten(String content) {
        return ContentText.decode(content).replace("<br/>", "\n");
    }

    /** A width or height in pixels; 0 ("not said") when absent, negative or not an int. */
    static int dimension(JsonNode message, String field) {
        return Math.max(0, Json.integer(message, field, 0));
    }

    /**
     * {@code VoiceLength} is milliseconds; the XML's {@code voicelength} when the field is 0, negative or not a
     * number; 0 when neither says. (Any long of milliseconds or seconds fits a {@link Duration}.)
     */
    static VoiceMessage voice(Envelope envelope, JsonNode message, String content) {
        XmlPayload xml = XmlPayload.of(content);
        long millis = Json.longValue(message, "VoiceLength", 0);
        if (millis <= 0) millis = Math.max(0, xml.intAttribute("voicemsg", "voicelength", 0));
        return new VoiceMessage(envelope, Duration.ofMillis(millis),
                Numbers.byteCount(xml.attribute("voicemsg", "length")),
                Math.max(0, xml.intAttribute("voicemsg", "voiceformat", 0)));
    }

    /** {@code PlayLength} is seconds, read as {@code VoiceLength} is. */
    static VideoMessage video(Envelope envelope, JsonNode message, String content) {
        XmlPayload xml = XmlPayload.of(content);
        long seconds = Json.longValue(message, "PlayLength", 0);
        if (seconds <= 0) seconds = Math.max(0, xml.intAttribute("videomsg", "playlength", 0));
        return new VideoMessage(envelope, Duration.ofSeconds(seconds), dimension(message, "ImgWidth"),
                dimension(message, "ImgHeight"), xml.attribute("videomsg", "md5").strip(),
                Numbers.byteCount(xml.attribute("videomsg", "length")),
                Numbers.byteCount(xml.attribute("videomsg", "cdnthumblength")), asWritten(content));
    }

    /**
     * The {@code <emoji …>} attributes; store stickers ({@code HasProductId 1} or a {@code productid}) often come
     * with empty content, so an empty md5 is fine. The size in pixels is the XML's, else the message's. Empty result
     * only for a hostile payload.
     */
    static Optional<EmoticonMessage> emoticon(Envelope envelope, JsonNode message, String content) {
        XmlPayload xml = XmlPayload.of(content);
        if (xml.hostile()) return Optional.empty();
        String productId = xml.attribute("emoji", "productid").strip();
        boolean store = Json.integer(message, "HasProductId", 0) == 1 || !productId.isEmpty();
        int width = Math.max(0, xml.intAttribute("emoji", "width", 0));
        int height = Math.max(0, xml.intAttribute("emoji", "height", 0));
        return Optional.of(new EmoticonMessage(envelope, xml.attribute("emoji", "md5"), store,
                Numbers.byteCount(xml.attribute("emoji", "len")),
                width > 0 ? width : dimension(message, "ImgWidth"), height > 0 ? height : dimension(message, "ImgHeight"),
                xml.attribute("emoji", "cdnurl").strip(), xml.attribute("emoji", "encrypturl").strip(),
                xml.attribute("emoji", "aeskey").strip(), productId));
    }
}
