package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.safeoutput.TerminalText;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * One stored message (the API's StoredMessage JSON) as one terminal line:
 * {@code 2026-12-06 22:00:05  alice  Team  Bob: hello}, in the local time zone, every name and text from the network
 * cleaned by {@link TerminalText} (a newline in a message shows as a mark, so one message stays one line).
 */
final class LogLines {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private LogLines() {
    }

    static String line(JsonNode message, ZoneId zone) {
        return time(message, zone) + "  " + clean(message.path("account").asText(""))
                + "  " + clean(chat(message)) + "  " + clean(sender(message)) + ": " + clean(body(message));
    }

    /** What identifies a row across polls: a send keeps its local id while it goes from queued to sent. */
    static String key(JsonNode message) {
        String direction = message.path("direction").asText("");
        String localId = message.path("localId").asText("");
        String id = direction.equals("OUT") && !localId.isEmpty() ? localId : message.path("msgId").asText("");
        return message.path("account").asText("") + "|" + direction + "|" + id;
    }

    private static String time(JsonNode message, ZoneId zone) {
        String text = message.path("time").asText("");
        try {
            return TIME.format(Instant.parse(text).atZone(zone));
        } catch (DateTimeParseException e) {
            return text;
        }
    }

    private static String chat(JsonNode message) {
        JsonNode chat = message.path("chat");
        String name = chat.path("name").asText("");
        return name.isEmpty() ? chat.path("id").asText("?") : name;
    }

    /** The in-group name when the sender set one, else the nickname; the bot itself when a send has neither. */
    private static String sender(JsonNode message) {
        JsonNode sender = message.path("sender");
        String group = sender.path("groupName").asText("");
        if (!group.isEmpty()) return group;
        String name = sender.path("name").asText("");
        if (!name.isEmpty()) return name;
        return message.path("direction").asText("").equals("OUT") ? "(bot)" : sender.path("id").asText("?");
    }

    /** The text; other kinds say what they are ({@code [image] cat.jpg}); a failed or revoked one says so. */
    private static String body(JsonNode message) {
        String kind = message.path("kind").asText("");
        String text = message.path("text").asText("");
        String body;
        if (kind.equals("message.text")) {
            body = text;
        } else {
            String shortKind = kind.startsWith("message.") ? kind.substring("message.".length()) : kind;
            body = "[" + shortKind + "]" + (text.isEmpty() ? "" : " " + text);
        }
        String status = message.path("status").asText("");
        if (status.equals("failed")) {
            String failure = message.path("failure").asText("");
            body += failure.isEmpty() ? "  (not sent)" : "  (not sent: " + failure + ")";
        } else if (status.equals("queued")) {
            body += "  (queued)";
        } else if (status.equals("revoked")) {
            body += "  (revoked)";
        }
        return body;
    }

    private static String clean(String text) {
        return TerminalText.clean(text);
    }
}
