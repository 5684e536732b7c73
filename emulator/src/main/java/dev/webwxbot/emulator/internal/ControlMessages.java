package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Reads a message description of the control API into a {@link Payload}:
 * {@code {"Kind": "text|mention|image|voice|video|file|card|emoticon|location|link|music|miniprogram|quote|transfer|system|redpacket", …}}
 * with media as {@code "Base64"}. Stateless; thread-safe.
 */
final class ControlMessages {
    private ControlMessages() {
    }

    /** @throws IllegalArgumentException on a missing or malformed field */
    static Payload payload(JsonNode body, Function<String, ContactState> contactById) {
        String kind = text(body, "Kind", "text");
        return switch (kind) {
            case "text" -> new Payload.Text(required(body, "Text"));
            case "mention" -> {
                List<String> names = new ArrayList<>();
                body.path("Names").forEach(name -> names.add(name.asText()));
                yield new Payload.Mention(names, required(body, "Text"));
            }
            case "image" -> {
                byte[] bytes = bytes(body);
                int[] size = MediaFacts.dimensions(bytes);
                yield new Payload.Image(bytes, body.path("Width").asInt(size[0]), body.path("Height").asInt(size[1]));
            }
            case "voice" -> new Payload.Voice(bytes(body), body.path("Millis").asInt(1000));
            case "video" -> {
                byte[] bytes = bytes(body);
                yield new Payload.Video(bytes, body.path("Seconds").asInt(1), MediaFacts.placeholderJpeg(bytes), 132, 132);
            }
            case "file" -> new Payload.File(required(body, "FileName"), bytes(body));
            case "card" -> new Payload.Card(contactById.apply(required(body, "Subject")));
            case "emoticon" -> {
                byte[] bytes = bytes(body);
                yield new Payload.Emoticon(bytes, MediaStore.md5(bytes), body.path("Width").asInt(0), body.path("Height").asInt(0));
            }
            case "location" -> new Payload.Location(required(body, "Label"), body.path("Latitude").asDouble(),
                    body.path("Longitude").asDouble());
            case "link" -> new Payload.Link(required(body, "Title"), text(body, "Description", ""), required(body, "Url"));
            case "music" -> new Payload.Music(required(body, "Title"), text(body, "Description", ""),
                    text(body, "Url", ""), text(body, "DataUrl", ""));
            case "miniprogram" -> new Payload.MiniProgram(required(body, "Title"), required(body, "AppId"),
                    text(body, "UserName", ""), text(body, "PagePath", ""));
            case "quote" -> new Payload.Quote(required(body, "Text"), required(body, "QuotedMsgId"),
                    text(body, "QuotedName", ""), text(body, "QuotedText", ""));
            case "transfer" -> new Payload.Transfer(required(body, "Amount"), text(body, "Memo", ""));
            case "system" -> new Payload.SystemNotice(required(body, "Text"));
            case "redpacket" -> Payload.SystemNotice.redPacketNotice();
            default -> throw new IllegalArgumentException("unknown Kind " + kind);
        };
    }

    private static byte[] bytes(JsonNode body) {
        try {
            return Base64.getDecoder().decode(required(body, "Base64"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Base64 is not valid base64");
        }
    }

    private static String required(JsonNode body, String field) {
        String value = JsonBodies.scalarText(body, field);
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing " + field);
        }
        return value;
    }

    private static String text(JsonNode body, String field, String fallback) {
        String value = JsonBodies.scalarText(body, field);
        return value == null ? fallback : value;
    }
}
