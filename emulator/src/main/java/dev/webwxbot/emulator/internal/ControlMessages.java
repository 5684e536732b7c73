package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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
                if (names.isEmpty()) {
                    // A mention of nobody is a plain text; whoever asked for Kind mention meant someone.
                    throw new IllegalArgumentException("Kind mention needs Names: the display names it mentions, in"
                            + " order (the account's NickName to mention the account)");
                }
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

    /**
     * A text that names the account ({@code @NickName}) sent as Kind text goes out as typed: a plain text, as a PC
     * client writes it, not a mention as the phone writes it ({@code @name} + U+2005, PROTOCOL.md 9.6). That is a
     * legitimate thing to send (clients must read both), so it is sent, with a warning in the answer saying so and
     * how to send the phone's form, rather than refused; outside a group no client counts it as a mention at all.
     *
     * @param selfName the account's NickName
     * @param inGroup whether the message goes to a group
     */
    static Optional<String> mentionWarning(JsonNode body, String selfName, boolean inGroup) {
        if (!text(body, "Kind", "text").equals("text") || selfName.isEmpty()) return Optional.empty();
        String text = text(body, "Text", "");
        String flag = "@" + selfName;
        int at = text.indexOf(flag);
        if (at < 0) return Optional.empty();
        String rest = text.substring(at + flag.length()).strip();
        Map<String, Object> mention = new LinkedHashMap<>();
        mention.put("Kind", "mention");
        mention.put("Names", List.of(selfName));
        mention.put("Text", rest.isEmpty() ? "…" : rest);
        String example = new String(JsonBodies.write(mention), StandardCharsets.UTF_8);
        String warning = "Text names the account as " + flag + " but Kind is text: it was sent as a plain text, as a"
                + " PC client writes it (a client may take '" + flag + "' followed by a space as a mention, or not);"
                + " to mention the account as the phone does (" + flag + " + U+2005), send " + example;
        return Optional.of(inGroup ? warning : warning + ", in a group (\"Group\": a group's id): a mention means"
                + " something only there");
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
