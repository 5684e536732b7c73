package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one {@code AddMsgList} entry into its event (PROTOCOL.md 9): works out chat, sender and the envelope,
 * strips the group sender prefix (for every kind), then hands the content to the parser of its {@code MsgType}.
 * Never throws for odd content: what it does not understand, or cannot read, becomes an {@link UnknownMessage}
 * with the content as the server sent it (sender prefix removed). Thread-safe.
 */
public final class MessageParser {

    /** The official page's group sender prefix: an {@code @}-name or a bare id, then {@code :<br/>}. */
    private static final Pattern GROUP_SENDER = Pattern.compile("^(@[a-zA-Z0-9]+|[a-zA-Z0-9_-]+):<br/>");
    private static final int TEXT = 1;
    private static final int IMAGE = 3;
    private static final int VOICE = 34;
    private static final int VERIFY_MSG = 37;
    private static final int SHARE_CARD = 42;
    private static final int VIDEO = 43;
    private static final int EMOTICON = 47;
    private static final int LOCATION = 48;
    private static final int APP = 49;
    private static final int STATUS_NOTIFY = 51;
    private static final int MICRO_VIDEO = 62;
    private static final int SYSTEM = 10000;
    private static final int RECALLED = 10002;
    private static final String FRIEND_REQUESTS = "fmessage";
    private static final char MENTION_SEPARATOR = '\u2005';

    private final ContactBook contacts;

    public MessageParser(ContactBook contacts) {
        this.contacts = contacts;
    }

    /**
     * The event for this entry, or empty for protocol bookkeeping no plugin should see (status notifications, a
     * friend request from myself). Never throws.
     */
    public Optional<MessageEvent> parse(JsonNode message) {
        int msgType = msgType(message);
        if (msgType == STATUS_NOTIFY) return Optional.empty();
        String from = Json.text(message, "FromUserName");
        String to = Json.text(message, "ToUserName");
        String content = Json.text(message, "Content");
        Contact self = contacts.self();
        boolean fromSelf = from.isEmpty() || from.equals(self.userName());

        Contact chat;
        Contact sender;
        if (fromSelf) {
            chat = contacts.resolve(to);
            sender = self;
        } else if (from.startsWith("@@")) {
            chat = contacts.resolve(from);
            Matcher prefix = GROUP_SENDER.matcher(content);
            if (prefix.find()) {
                sender = contacts.member(from, prefix.group(1));
                content = content.substring(prefix.end());
            } else {
                sender = chat; // system lines in groups carry no sender prefix
            }
        } else {
            chat = contacts.resolve(from);
            sender = chat;
        }
        Instant time = Instant.ofEpochSecond(Json.longValue(message, "CreateTime", 0));
        Envelope envelope = new Envelope(msgId(message), chat, sender, time, fromSelf, false);
        if (msgType == VERIFY_MSG && FriendRequestParser.isFromSelf(message, self.userName())) return Optional.empty();
        String body = content;
        Optional<MessageEvent> event;
        try {
            event = event(msgType, envelope, message, body);
        } catch (RuntimeException e) {
            event = Optional.empty(); // odd content must never break the sync loop
        }
        return Optional.of(event.map(this::withMentions).orElseGet(() ->
                new UnknownMessage(envelope, msgType, Json.integer(message, "AppMsgType", 0), body)));
    }

    /** Empty when the kind is not understood or its content is unreadable (then it becomes Unknown). */
    private static Optional<MessageEvent> event(int msgType, Envelope envelope, JsonNode message, String content) {
        return switch (msgType) {
            case TEXT -> text(envelope, message, content);
            case LOCATION -> Optional.of(LocationParser.parse(envelope, message, content));
            case IMAGE -> Optional.of(MediaParser.image(envelope, message));
            case VOICE -> Optional.of(MediaParser.voice(envelope, message, content));
            case VIDEO, MICRO_VIDEO -> Optional.of(MediaParser.video(envelope, message, content));
            case EMOTICON -> MediaParser.emoticon(envelope, message, content).map(MessageEvent.class::cast);
            case VERIFY_MSG -> FriendRequestParser.parse(envelope, message, content).map(MessageEvent.class::cast);
            case SHARE_CARD -> CardParser.parse(envelope, message, content).map(MessageEvent.class::cast);
            case APP -> AppMessageParser.parse(envelope, message, content);
            case SYSTEM -> Optional.of(SystemNoticeParser.parse(envelope, content));
            case RECALLED -> RevokeParser.parse(envelope, content).map(MessageEvent.class::cast);
            default -> Optional.empty(); // 40, 50, 52, 53, 9999 and anything new
        };
    }

    /** Text, unless it is a location or the official page's red packet in text form (9.4, 2001). */
    private static Optional<MessageEvent> text(Envelope envelope, JsonNode message, String content) {
        if (LocationParser.isLocation(message, content)) {
            return Optional.of(LocationParser.parse(envelope, message, content));
        }
        if (Json.integer(message, "AppMsgType", 0) == AppMessageParser.RED_PACKET) {
            return AppMessageParser.parse(envelope, message, content);
        }
        return Optional.of(new TextMessage(envelope, ContentText.decode(content)));
    }

    /** Texts and quotes in groups get their @-mention flag (9.6). */
    private MessageEvent withMentions(MessageEvent event) {
        Envelope envelope = event.envelope();
        if (!envelope.inGroup() || envelope.fromSelf()) return event;
        return switch (event) {
            case TextMessage text when mentionsMe(text.text(), envelope.chat()) ->
                    new TextMessage(mentioned(envelope), text.text());
            case QuoteMessage quote when mentionsMe(quote.text(), envelope.chat()) -> new QuoteMessage(
                    mentioned(envelope), quote.text(), quote.quotedMsgId(), quote.quotedSenderName(), quote.quotedText());
            default -> event;
        };
    }

    private static Envelope mentioned(Envelope envelope) {
        return new Envelope(envelope.msgId(), envelope.chat(), envelope.sender(), envelope.time(), envelope.fromSelf(),
                true);
    }

    /**
     * {@code MsgType}; a capture without one that comes from {@code fmessage} is a friend request (the only thing
     * that account sends).
     */
    private static int msgType(JsonNode message) {
        int msgType = Json.integer(message, "MsgType", -1);
        if (msgType == -1 && FRIEND_REQUESTS.equals(Json.text(message, "FromUserName"))) return VERIFY_MSG;
        return msgType;
    }

    /** The exact string {@code MsgId}; else {@code NewMsgId}'s digits as written (never through a double). */
    static String msgId(JsonNode message) {
        String msgId = Json.text(message, "MsgId");
        if (!msgId.isEmpty()) return msgId;
        JsonNode newMsgId = message.get("NewMsgId");
        if (newMsgId == null || !(newMsgId.isIntegralNumber() || newMsgId.isTextual())) return "";
        return newMsgId.isBigInteger() ? newMsgId.bigIntegerValue().toString() : newMsgId.asText();
    }

    /**
     * PROTOCOL.md 9.6: {@code @} plus my name in this group (else my nickname), followed by U+2005, a space, or the
     * end of the text.
     */
    private boolean mentionsMe(String text, Contact group) {
        Contact me = contacts.member(group.userName(), contacts.self().userName());
        String name = me.groupDisplayName().isEmpty() ? contacts.self().nickName() : me.groupDisplayName();
        if (name.isEmpty()) return false;
        String flag = "@" + name;
        int at = text.indexOf(flag);
        while (at >= 0) {
            int after = at + flag.length();
            if (after == text.length() || text.charAt(after) == MENTION_SEPARATOR || text.charAt(after) == ' ') {
                return true;
            }
            at = text.indexOf(flag, at + 1);
        }
        return false;
    }
}
