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
 * is in the message's own fields, so an opaque {@code @…} token or odd XML content does not matter; the XML is
 * only read as a fallback for a missing duration.
 */
final class MediaParser {

    private MediaParser() {
    }

    static ImageMessage image(Envelope envelope, JsonNode message) {
        return new ImageMessage(envelope, dimension(message, "ImgWidth"), dimension(message, "ImgHeight"));
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
        long millis = Json.longValue(message, "VoiceLength", 0);
        if (millis <= 0) millis = Math.max(0, XmlPayload.of(content).intAttribute("voicemsg", "voicelength", 0));
        return new VoiceMessage(envelope, Duration.ofMillis(millis));
    }

    /** {@code PlayLength} is seconds, read as {@code VoiceLength} is. */
    static VideoMessage video(Envelope envelope, JsonNode message, String content) {
        long seconds = Json.longValue(message, "PlayLength", 0);
        if (seconds <= 0) seconds = Math.max(0, XmlPayload.of(content).intAttribute("videomsg", "playlength", 0));
        return new VideoMessage(envelope, Duration.ofSeconds(seconds), dimension(message, "ImgWidth"),
                dimension(message, "ImgHeight"));
    }

    /**
     * The {@code <emoji md5=…>} attribute; store stickers ({@code HasProductId 1} or a {@code productid}) often come
     * with empty content, so an empty md5 is fine. Empty result only for a hostile payload.
     */
    static Optional<EmoticonMessage> emoticon(Envelope envelope, JsonNode message, String content) {
        XmlPayload xml = XmlPayload.of(content);
        if (xml.hostile()) return Optional.empty();
        boolean store = Json.integer(message, "HasProductId", 0) == 1 || !xml.attribute("emoji", "productid").isEmpty();
        return Optional.of(new EmoticonMessage(envelope, xml.attribute("emoji", "md5"), store));
    }
}
