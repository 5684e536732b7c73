package dev.webwxbot.server.store;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.HistoryEntry;
import dev.webwxbot.api.Outgoing;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.server.json.EventJson;
import dev.webwxbot.store.Direction;
import dev.webwxbot.store.MediaRef;
import dev.webwxbot.store.StoredContact;
import dev.webwxbot.store.StoredMessage;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/** Events and sends as store rows, and rows as plugins read them. Stateless. */
final class Rows {

    static final String RECEIVED = "received";
    static final String QUEUED = "queued";
    static final String SENT = "sent";
    static final String FAILED = "failed";
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper READER = new ObjectMapper();

    private Rows() {
    }

    /** @param senderIdentity the sender's identity in its configuration form, empty when it has none */
    static StoredMessage inbound(String account, MessageEvent event, Optional<MediaRef> media, String senderIdentity) {
        Contact chat = event.chat();
        Contact sender = event.sender();
        String quoted = event instanceof QuoteMessage quote ? quote.quotedMsgId() : "";
        return new StoredMessage(0, account, Direction.IN, EventJson.type(event), event.msgId(), "",
                chat.userName(), name(chat), sender.userName(), name(sender), sender.groupDisplayName(),
                event.envelope().time(), text(event), EventJson.toJson(event).toString(), media, RECEIVED, "", quoted,
                senderIdentity);
    }

    /** A send as the bot asked for it, before it leaves: {@code queued}, without a MsgId yet. */
    static StoredMessage outbound(String account, Contact self, Contact chat, Outgoing message, String localId,
                                  Instant time, Optional<MediaRef> media) {
        ObjectNode fields = NODES.objectNode();
        fields.set("chat", EventJson.contact(chat));
        String text = switch (message) {
            case Outgoing.Text t -> {
                fields.put("text", t.text());
                t.mentions().forEach(m -> fields.withArray("mentions").add(EventJson.contact(m)));
                yield t.text();
            }
            // As a received quote reply is kept: the reply and the quoted text searchable, the quoted message's id.
            case Outgoing.Quote q -> {
                fields.put("text", q.text()).put("quotedMsgId", q.quotedMsgId()).put("quotedText", q.quotedText());
                fields.set("quotedSender", EventJson.contact(q.quotedSender()));
                q.mentions().forEach(m -> fields.withArray("mentions").add(EventJson.contact(m)));
                yield q.text() + "\n" + q.quotedText();
            }
            case Outgoing.StoredEmoticon s -> {
                fields.put("md5", s.md5());
                yield "";
            }
            // Kept as what the chat gets (see forwardedKind), with the message it forwards and where that came from.
            case Outgoing.Forward f -> {
                fields.put("forwardedMsgId", f.original().msgId());
                fields.set("forwardedFrom", EventJson.contact(f.original().chat()));
                fields.set("original", EventJson.toJson(f.original()));
                yield forwardedText(f.original());
            }
            default -> {
                String fileName = String.valueOf(file(message).map(Path::getFileName).orElse(Path.of("")));
                fields.put("fileName", fileName);
                yield message instanceof Outgoing.File ? fileName : "";
            }
        };
        String quoted = message instanceof Outgoing.Quote q ? q.quotedMsgId() : "";
        return new StoredMessage(0, account, Direction.OUT, kind(message), "", localId, chat.userName(), name(chat),
                self.userName(), name(self), "", time, text, fields.toString(), media, QUEUED, "", quoted);
    }

    static StoredContact contact(Contact c, Instant seen) {
        return new StoredContact(c.userName(), c.nickName().isEmpty() ? c.groupDisplayName() : c.nickName(),
                c.remarkName(), c.kind().name(), seen);
    }

    static HistoryEntry entry(StoredMessage row, Function<MediaRef, Path> mediaFile) {
        return new HistoryEntry(row.direction() == Direction.IN ? HistoryEntry.Direction.IN : HistoryEntry.Direction.OUT,
                row.kind(), row.msgId(), row.chatId(), row.chatName(),
                row.senderGroupName().isEmpty() ? row.senderName() : row.senderGroupName(), row.time(), row.text(),
                row.media().map(mediaFile), row.quotedMsgId());
    }

    /** The file an outgoing message sends, if it sends one. */
    static Optional<Path> file(Outgoing message) {
        return switch (message) {
            case Outgoing.Image i -> Optional.of(i.file());
            case Outgoing.Video v -> Optional.of(v.file());
            case Outgoing.File f -> Optional.of(f.file());
            case Outgoing.Emoticon e -> Optional.of(e.file());
            default -> Optional.empty();
        };
    }

    /** Outgoing kinds under the type names received messages have. */
    static String kind(Outgoing message) {
        return switch (message) {
            case Outgoing.Text t -> "message.text";
            case Outgoing.Quote q -> "message.quote";
            case Outgoing.Image i -> "message.image";
            case Outgoing.Video v -> "message.video";
            case Outgoing.File f -> "message.file";
            case Outgoing.Emoticon e -> "message.emoticon";
            case Outgoing.StoredEmoticon s -> "message.emoticon";
            case Outgoing.Forward f -> forwardedKind(f.original());
        };
    }

    /**
     * The kind a forward of {@code original} arrives as: its own, except that a quote is forwarded as its reply and a
     * link or a song as a text of the title and address (Outgoing.Forward), so their echoes are recognised as this
     * row's.
     */
    static String forwardedKind(MessageEvent original) {
        return switch (original) {
            case QuoteMessage q -> "message.text";
            case LinkMessage l -> "message.text";
            case MusicMessage m -> "message.text";
            default -> EventJson.type(original);
        };
    }

    /** The searchable text of a forward of {@code original}: what the chat gets, as {@link #text} reads it. */
    static String forwardedText(MessageEvent original) {
        return switch (original) {
            case QuoteMessage q -> q.text();
            case LinkMessage l -> (l.title().strip() + "\n" + l.url().strip()).strip();
            case MusicMessage m -> (m.title().strip() + "\n" + m.url().strip()).strip();
            default -> text(original);
        };
    }

    /** The name this account shows for a contact: remark, else its own name, else its in-group name. */
    static String name(Contact c) {
        if (!c.remarkName().isEmpty()) return c.remarkName();
        if (!c.nickName().isEmpty()) return c.nickName();
        return c.groupDisplayName().isEmpty() ? c.userName() : c.groupDisplayName();
    }

    /** What full-text search looks at: the words of the message, else its most telling name or title. */
    static String text(MessageEvent event) {
        return switch (event) {
            case TextMessage t -> t.text();
            case QuoteMessage q -> q.text() + "\n" + q.quotedText();
            case FileMessage f -> f.fileName();
            case LinkMessage l -> l.title() + "\n" + l.description();
            case MusicMessage m -> m.title() + "\n" + m.description();
            case MiniProgramMessage p -> p.title();
            case LocationMessage l -> l.label() + (l.poiName().isEmpty() ? "" : "\n" + l.poiName());
            case CardMessage c -> c.nickName();
            case TransferMessage t -> t.description();
            case FriendRequest r -> r.nickName() + "\n" + r.greeting();
            case SystemNotice s -> s.text();
            case RevokeNotice r -> r.notice();
            case RevokedMessage r -> r.original().text();
            case ImageMessage i -> "";
            case VoiceMessage v -> "";
            case VideoMessage v -> "";
            case EmoticonMessage e -> "";
            case UnknownMessage u -> "";
        };
    }

    /**
     * Whether {@code event} is the echo of the send {@code row} keeps: to the same chat, of the same kind
     * ({@code kind}, as {@link EventJson#type} names the event's) and text ({@code text}, as {@link #text} gives it),
     * or the echo of a quote reply.
     */
    static boolean echoOf(StoredMessage row, MessageEvent event, String kind, String text) {
        return row.chatId().equals(event.chat().userName())
                && (row.kind().equals(kind) && row.text().equals(text) || echoOfQuote(row, event));
    }

    /**
     * Whether {@code event} is the echo of the quote reply {@code row} keeps: sent as a text, the echo ends with the
     * reply after WeChat's quote separator (the reply may follow @-mentions).
     */
    static boolean echoOfQuote(StoredMessage row, MessageEvent event) {
        if (!row.kind().equals("message.quote") || !(event instanceof TextMessage echo)) return false;
        try {
            String reply = READER.readTree(row.fieldsJson()).path("text").asText("");
            String sent = echo.text();
            int separator = sent.indexOf("」\n" + Outgoing.Quote.SEPARATOR + "\n");
            return !reply.isEmpty() && separator >= 0 && sent.endsWith(reply);
        } catch (JacksonException unreadable) {
            return false;
        }
    }

    static boolean hasMedia(MessageEvent event) {
        return event instanceof ImageMessage || event instanceof VoiceMessage || event instanceof VideoMessage
                || event instanceof FileMessage || event instanceof EmoticonMessage;
    }
}
