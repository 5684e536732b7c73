package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.core.internal.protocol.Json;

/**
 * The {@code RecommendInfo} object of friend requests and cards (PROTOCOL.md 9.1), with the {@code <msg …>}
 * content attributes as fallback for each field the object lacks (some captures carry only the content).
 */
final class RecommendInfo {

    private final JsonNode info;
    private final XmlPayload content;

    RecommendInfo(JsonNode message, String content) {
        this.info = message.path("RecommendInfo");
        this.content = XmlPayload.of(content);
    }

    /** The first non-empty of the object's field and the content attributes, in order; emoji decoded. */
    String text(String field, String... attributes) {
        String value = ContentText.decodeEmoji(ContentText.unescapeEntities(Json.text(info, field))).strip();
        for (int i = 0; value.isEmpty() && i < attributes.length; i++) {
            value = content.attribute("msg", attributes[i]).strip();
        }
        return value;
    }

    /** The object's non-zero field, else the content attribute, else 0. */
    int number(String field, String attribute) {
        int value = Json.integer(info, field, 0);
        return value != 0 ? value : content.intAttribute("msg", attribute, 0);
    }

    /** An attribute of the {@code <msg …>} content alone (for what the object does not carry), trimmed; else empty. */
    String contentText(String attribute) {
        return content.attribute("msg", attribute).strip();
    }

    /** A numeric attribute of the {@code <msg …>} content, else 0. */
    int contentNumber(String attribute) {
        return content.intAttribute("msg", attribute, 0);
    }

    boolean hostile() {
        return content.hostile();
    }
}
