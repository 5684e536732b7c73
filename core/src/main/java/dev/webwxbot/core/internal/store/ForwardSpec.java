package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Gender;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.core.internal.protocol.Json;
import java.time.Duration;
import java.time.Instant;

/**
 * An {@link Outgoing.Forward} as the outbox keeps it: the original message's id, chat and sender, and of its content
 * only what its forward sends (a text, the content naming an image or video on the CDN, a file's MediaId, a
 * sticker's MD5, a location's XML, a card's contact, a share's title and address). Read back, it is an event of the
 * same kind holding those fields, which forwards the same way. A kind that cannot be forwarded is kept by its name
 * only, and reads back as unreadable (it never stays pending: its send fails before any request). Stateless.
 */
final class ForwardSpec {

    private ForwardSpec() {
    }

    static void write(Outgoing.Forward forward, ObjectNode node) {
        MessageEvent original = forward.original();
        node.put("kind", "forward").put("msgId", original.msgId());
        contact(node.putObject("chat"), original.chat());
        contact(node.putObject("sender"), original.sender());
        switch (original) {
            case TextMessage text -> node.put("of", "text").put("text", text.text());
            case QuoteMessage quote -> node.put("of", "quote").put("text", quote.text());
            case ImageMessage image -> node.put("of", "image").put("content", image.content());
            case VideoMessage video -> node.put("of", "video").put("content", video.content());
            case FileMessage file -> node.put("of", "file").put("fileName", file.fileName()).put("size", file.size())
                    .put("mediaId", file.mediaId()).put("extension", file.extension());
            case EmoticonMessage sticker -> node.put("of", "emoticon").put("md5", sticker.md5())
                    .put("storeSticker", sticker.storeSticker());
            case LocationMessage location -> node.put("of", "location").put("label", location.label())
                    .put("locationXml", location.locationXml());
            case CardMessage card -> node.put("of", "card").put("nickName", card.nickName())
                    .put("permanentId", card.permanentId());
            case LinkMessage link -> node.put("of", "link").put("title", link.title()).put("url", link.url());
            case MusicMessage music -> node.put("of", "music").put("title", music.title()).put("url", music.url());
            default -> node.put("of", original.getClass().getSimpleName());
        }
    }

    /** The forward again; throws {@link IllegalArgumentException} for a record this version cannot read. */
    static Outgoing.Forward read(JsonNode node) {
        String msgId = Json.text(node, "msgId");
        Envelope envelope = new Envelope(msgId, contact(node.path("chat")), contact(node.path("sender")),
                Instant.EPOCH, false, false);
        String of = Json.text(node, "of");
        MessageEvent original = switch (of) {
            case "text" -> new TextMessage(envelope, Json.text(node, "text"));
            case "quote" -> new QuoteMessage(envelope, Json.text(node, "text"), "", "", "");
            case "image" -> new ImageMessage(envelope, 0, 0, "", -1, -1, Json.text(node, "content"));
            case "video" -> new VideoMessage(envelope, Duration.ZERO, 0, 0, "", -1, -1, Json.text(node, "content"));
            case "file" -> new FileMessage(envelope, Json.text(node, "fileName"), Json.longValue(node, "size", -1),
                    Json.text(node, "mediaId"), "", Json.text(node, "extension"), "", "");
            case "emoticon" -> new EmoticonMessage(envelope, Json.text(node, "md5"),
                    node.path("storeSticker").asBoolean(false));
            case "location" -> new LocationMessage(envelope, Json.text(node, "label"), 0, 0, "", "", 0, "",
                    Json.text(node, "locationXml"));
            case "card" -> new CardMessage(envelope, "", Json.text(node, "nickName"), "", "", "", false,
                    Gender.UNKNOWN, "", "", "", 0, Json.text(node, "permanentId"));
            case "link" -> new LinkMessage(envelope, Json.text(node, "title"), "", Json.text(node, "url"), "");
            case "music" -> new MusicMessage(envelope, Json.text(node, "title"), "", Json.text(node, "url"), "");
            default -> throw new IllegalArgumentException("an outbox forward of a kind that cannot be forwarded: '"
                    + of + "'");
        };
        return new Outgoing.Forward(original);
    }

    private static void contact(ObjectNode node, Contact contact) {
        node.put("userName", contact.userName()).put("nickName", contact.nickName()).put("kind", contact.kind().name());
    }

    private static Contact contact(JsonNode node) {
        ContactKind kind;
        try {
            kind = ContactKind.valueOf(Json.text(node, "kind"));
        } catch (IllegalArgumentException e) {
            kind = ContactKind.FRIEND; // only shown; the forward does not depend on it
        }
        return new Contact(Json.text(node, "userName"), Json.text(node, "nickName"), "", "", kind, "");
    }
}
