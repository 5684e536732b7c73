package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A location (PROTOCOL.md 9.5.8): {@code MsgType 1} with {@code SubMsgType 48}, a map {@code Url} or a
 * {@code pictype=location} link, or the rare {@code MsgType 48}. The label is the content before {@code :<br/>};
 * coordinates come from {@code OriContent}'s {@code <location x= y=>}, else from the map URL's {@code coord=};
 * zoom ({@code scale}) and point-of-interest id ({@code poiid}) only from {@code OriContent}.
 */
final class LocationParser {

    private static final int SUB_MSG_TYPE_LOCATION = 48;
    private static final String SEPARATOR = ":<br/>";
    private static final Pattern COORD = Pattern.compile("coord=(-?[0-9.]+),(-?[0-9.]+)");

    private LocationParser() {
    }

    static boolean isLocation(JsonNode message, String content) {
        if (Json.integer(message, "SubMsgType", 0) == SUB_MSG_TYPE_LOCATION) return true;
        return content.contains("pictype=location") || Json.text(message, "Url").contains("apis.map.qq.com");
    }

    /** {@code content} has the group sender prefix already removed. */
    static LocationMessage parse(Envelope envelope, JsonNode message, String content) {
        String oriContent = Json.text(message, "OriContent");
        XmlPayload origin = XmlPayload.of(oriContent);
        String mapUrl = ContentText.unescapeEntities(Json.text(message, "Url"));
        String label = label(content);
        if (label.isEmpty()) label = origin.attribute("location", "label");
        double latitude = degrees(origin.attribute("location", "x"), 90);
        double longitude = degrees(origin.attribute("location", "y"), 180);
        Matcher coord = COORD.matcher(mapUrl);
        if ((Double.isNaN(latitude) || Double.isNaN(longitude)) && coord.find()) {
            latitude = degrees(coord.group(1), 90);
            longitude = degrees(coord.group(2), 180);
        }
        return new LocationMessage(envelope, label, Double.isNaN(latitude) ? 0 : latitude,
                Double.isNaN(longitude) ? 0 : longitude, origin.attribute("location", "poiname"), mapUrl,
                Math.max(0, origin.intAttribute("location", "scale", 0)),
                origin.attribute("location", "poiid").strip(), oriContent);
    }

    /** Degrees within ±{@code limit}; NaN (then 0, "not said") for text that is not such a number. */
    private static double degrees(String text, double limit) {
        double value = Numbers.toDouble(text, Double.NaN);
        return Math.abs(value) <= limit ? value : Double.NaN;
    }

    /**
     * "label:<br/>link" (2 parts), or "sender:<br/>label:<br/>link" (3 parts) when a prefix the group rule did not
     * recognise is still there. Without a separator the whole content is the label unless it is only a link.
     */
    private static String label(String content) {
        String[] parts = content.split(Pattern.quote(SEPARATOR), -1);
        String label = parts.length >= 3 ? parts[parts.length - 2] : parts[0];
        if (parts.length == 1 && (label.startsWith("/cgi-bin/") || label.startsWith("http"))) return "";
        return ContentText.decode(label).strip();
    }
}
