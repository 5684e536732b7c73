package dev.webwxbot.core.internal.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.core.internal.protocol.Json;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An {@link Outgoing} as the outbox keeps it: a text with the user names it mentions, a quote with the quoted
 * message's id, sender and text as well, a media send by the path of its file (read when it is sent, as always), a
 * stored sticker by its MD5, a forward by what it sends ({@link ForwardSpec}). Stateless.
 */
public final class OutgoingSpec {

    private OutgoingSpec() {
    }

    public static ObjectNode toJson(Outgoing message) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        switch (message) {
            case Outgoing.Text text -> {
                node.put("kind", "text").put("text", text.text());
                var mentions = node.putArray("mentions");
                text.mentions().forEach(contact -> mentions.add(contact.userName()));
            }
            case Outgoing.Quote quote -> {
                node.put("kind", "quote").put("text", quote.text()).put("quotedMsgId", quote.quotedMsgId())
                        .put("quotedText", quote.quotedText());
                // The sender's names too: the next run's session may not know this one's user names.
                Contact sender = quote.quotedSender();
                node.putObject("quotedSender").put("userName", sender.userName()).put("nickName", sender.nickName())
                        .put("groupDisplayName", sender.groupDisplayName()).put("kind", sender.kind().name());
                var mentions = node.putArray("mentions");
                quote.mentions().forEach(contact -> mentions.add(contact.userName()));
            }
            case Outgoing.Image image -> node.put("kind", "image").put("file", image.file().toString());
            case Outgoing.Video video -> node.put("kind", "video").put("file", video.file().toString());
            case Outgoing.File file -> node.put("kind", "file").put("file", file.file().toString());
            case Outgoing.Emoticon emoticon -> node.put("kind", "emoticon").put("file", emoticon.file().toString());
            case Outgoing.StoredEmoticon stored -> node.put("kind", "stored-emoticon").put("md5", stored.md5());
            case Outgoing.Forward forward -> ForwardSpec.write(forward, node);
        }
        return node;
    }

    /**
     * The message again; mentioned user names are turned back into contacts by {@code contacts}. Throws
     * {@link IllegalArgumentException} for a record this version cannot read.
     */
    public static Outgoing fromJson(JsonNode node, Function<String, Contact> contacts) {
        String kind = Json.text(node, "kind");
        return switch (kind) {
            case "text" -> {
                List<Contact> mentions = new ArrayList<>();
                node.path("mentions").forEach(name -> mentions.add(contacts.apply(name.asText())));
                yield new Outgoing.Text(Json.text(node, "text"), mentions);
            }
            case "quote" -> {
                List<Contact> mentions = new ArrayList<>();
                node.path("mentions").forEach(name -> mentions.add(contacts.apply(name.asText())));
                JsonNode sender = node.path("quotedSender");
                if (Json.text(sender, "userName").isEmpty()) {
                    throw new IllegalArgumentException("an outbox quote without the quoted message's sender");
                }
                Contact quoted = new Contact(Json.text(sender, "userName"), Json.text(sender, "nickName"), "", "",
                        kind(Json.text(sender, "kind")), Json.text(sender, "groupDisplayName"));
                yield new Outgoing.Quote(Json.text(node, "quotedMsgId"), quoted, Json.text(node, "quotedText"),
                        Json.text(node, "text"), mentions);
            }
            case "image" -> new Outgoing.Image(file(node));
            case "video" -> new Outgoing.Video(file(node));
            case "file" -> new Outgoing.File(file(node));
            case "emoticon" -> new Outgoing.Emoticon(file(node));
            case "stored-emoticon" -> new Outgoing.StoredEmoticon(Json.text(node, "md5"));
            case "forward" -> ForwardSpec.read(node);
            default -> throw new IllegalArgumentException("an outbox record of unknown kind '" + kind + "'");
        };
    }

    /** The id of the message a kept send quotes; empty when it is no quote. */
    public static String quotedMsgId(JsonNode node) {
        return "quote".equals(Json.text(node, "kind")) ? Json.text(node, "quotedMsgId") : "";
    }

    private static ContactKind kind(String name) {
        try {
            return ContactKind.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an outbox quote whose sender is of unknown kind '" + name + "'", e);
        }
    }

    private static Path file(JsonNode node) {
        String file = Json.text(node, "file");
        if (file.isEmpty()) throw new IllegalArgumentException("an outbox media record without a file");
        return Path.of(file);
    }
}
