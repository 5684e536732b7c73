package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.Envelope.TimeSource;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns one {@code AddMsgList} entry into its event (PROTOCOL.md 9): works out chat, sender and the envelope,
 * strips the group sender prefix (for every kind), then hands the content to the parser of its {@code MsgType}.
 *
 * <p>Never throws, for any JSON input: each field is read on its own and a bad one is replaced, not fatal (a
 * {@code CreateTime} that is absent, 0 or not a plausible time becomes the time of receipt, marked as such, see
 * {@link #createTime}; a size, length or dimension that is negative or not a number becomes "unknown", see the
 * kind parsers). What it does not understand, or cannot make into its kind, becomes an {@link UnknownMessage}
 * with the content and every top-level field as the server sent them. Thread-safe.
 */
public final class MessageParser {

    private static final Logger log = LoggerFactory.getLogger(MessageParser.class);

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

    /**
     * The latest {@code CreateTime} taken as given: the end of year 9999, the last instant every date library
     * (and a person reading a log) handles. Beyond it, and before 1970, the value is nonsense, not a time.
     */
    static final long LATEST_CREATE_TIME = 253_402_300_799L;

    private final ContactBook contacts;
    private final Clock clock;

    public MessageParser(ContactBook contacts) {
        this(contacts, Clock.systemUTC());
    }

    /** @param clock gives the time of receipt, used for a message whose own time is absent or unusable */
    public MessageParser(ContactBook contacts, Clock clock) {
        this.contacts = contacts;
        this.clock = clock;
    }

    /**
     * The event for this entry, or empty for protocol bookkeeping no plugin should see (status notifications, a
     * friend request from myself). Never throws for any JSON input (an object as the server sends, or anything
     * else): a failure of this parser itself still yields an {@link UnknownMessage}, so no message is lost.
     */
    public Optional<MessageEvent> parse(JsonNode message) {
        try {
            return parseFields(message);
        } catch (RuntimeException | StackOverflowError e) {
            // A bug here must cost one message its kind, never the message: hand it on as it came, and say so.
            UnknownMessage unknown = unreadable(message);
            log.warn("message {} (MsgType {}) could not be parsed and is handed on as unknown: {}", unknown.msgId(),
                    unknown.msgType(), e.toString());
            return Optional.of(unknown);
        }
    }

    private Optional<MessageEvent> parseFields(JsonNode message) {
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
        Envelope envelope = envelope(message, msgId(message), chat, sender, fromSelf);
        if (msgType == VERIFY_MSG && FriendRequestParser.isFromSelf(message, self.userName())) return Optional.empty();
        String body = content;
        Optional<MessageEvent> event;
        try {
            event = event(msgType, envelope, message, body);
        } catch (RuntimeException | StackOverflowError e) {
            // Content a kind parser cannot cope with makes the message Unknown, not lost.
            log.debug("message {} (MsgType {}) is unknown: its kind's parser failed: {}", envelope.msgId(), msgType,
                    e.toString());
            event = Optional.empty();
        }
        return Optional.of(event.map(this::withMentions).orElseGet(() ->
                new UnknownMessage(envelope, msgType, Json.integer(message, "AppMsgType", 0), body, rawFields(message))));
    }

    /**
     * The envelope with the message's own numbers as sent. {@code MsgType} is the raw field (-1 when it is no number,
     * also for a friend request the parser recognised by its sender alone).
     */
    private Envelope envelope(JsonNode message, String msgId, Contact chat, Contact sender, boolean fromSelf) {
        Optional<Instant> created = createTime(message);
        return new Envelope(msgId, chat, sender, created.orElseGet(clock::instant), fromSelf, false,
                created.isPresent() ? TimeSource.SERVER : TimeSource.RECEIVED, Json.integer(message, "MsgType", -1),
                Json.integer(message, "Status", 0), Json.integer(message, "ImgStatus", 0),
                Json.integer(message, "ForwardFlag", 0));
    }

    /**
     * {@code CreateTime} (seconds since 1970) when it is a whole number from 1 to the end of year 9999; else empty,
     * and the message gets the time of receipt, which is what the server means by it and is never far off for a
     * message just synced. 0 is the protocol's "unused" value (every field is always present, 0 when unused), not
     * 1970: taken as given it made such a message the oldest of all. Not clamped to a bound: a time of year 9999
     * would sort a message after every real one.
     */
    static Optional<Instant> createTime(JsonNode message) {
        JsonNode value = message.get("CreateTime");
        long seconds = 0;
        if (value != null && value.isIntegralNumber() && value.canConvertToLong()) {
            seconds = value.longValue();
        } else if (value != null && value.isTextual()) {
            seconds = Numbers.toLong(value.textValue(), 0);
        }
        return seconds > 0 && seconds <= LATEST_CREATE_TIME ? Optional.of(Instant.ofEpochSecond(seconds))
                : Optional.empty();
    }

    /** The last resort of {@link #parse}: as little as possible read, nothing that could fail again. */
    private UnknownMessage unreadable(JsonNode message) {
        String from = message.isObject() ? Json.text(message, "FromUserName") : "";
        Contact chat = new Contact(from, "", "", "", ContactKind.STRANGER, "");
        String msgId = message.isObject() ? Json.text(message, "MsgId") : "";
        int msgType = message.isObject() ? Json.integer(message, "MsgType", -1) : -1;
        Envelope envelope = new Envelope(msgId, chat, chat, clock.instant(), false, false, TimeSource.RECEIVED,
                msgType, 0, 0, 0);
        int appMsgType = message.isObject() ? Json.integer(message, "AppMsgType", 0) : 0;
        String content = message.isObject() ? Json.text(message, "Content") : "";
        return new UnknownMessage(envelope, msgType, appMsgType, content, rawFields(message));
    }

    /** Every top-level field: scalars as their text (numbers exactly as written), containers as JSON text. */
    static Map<String, String> rawFields(JsonNode message) {
        Map<String, String> fields = new LinkedHashMap<>();
        if (!message.isObject()) return fields;
        for (Map.Entry<String, JsonNode> field : message.properties()) {
            JsonNode value = field.getValue();
            fields.put(field.getKey(), value.isNull() ? "" : value.isContainerNode() ? value.toString() : value.asText());
        }
        return fields;
    }

    /** Empty when the kind is not understood or its content is unreadable (then it becomes Unknown). */
    private static Optional<MessageEvent> event(int msgType, Envelope envelope, JsonNode message, String content) {
        return switch (msgType) {
            case TEXT -> text(envelope, message, content);
            case LOCATION -> Optional.of(LocationParser.parse(envelope, message, content));
            case IMAGE -> Optional.of(MediaParser.image(envelope, message, content));
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
                    new TextMessage(envelope.withMentionsMe(true), text.text());
            case QuoteMessage quote when mentionsMe(quote.text(), envelope.chat()) -> new QuoteMessage(
                    envelope.withMentionsMe(true), quote.text(), quote.quotedMsgId(), quote.quotedSenderName(), quote.quotedText());
            default -> event;
        };
    }


    /**
     * {@code MsgType}; a capture without one that comes from {@code fmessage} is a friend request (the only thing
     * that account sends).
     */
    private static int msgType(JsonNode message) {
        int msgType = Json.integer(message, "MsgType", -1);
        if (msgType == -1 && FRIEND_REQUESTS.equals(Json.text(message, "FromUserName"))) return VERIFY_MSG;
        if (msgType == -1 && message.hasNonNull("MsgType")) {
            // Not a kind we do not know yet (those are numbers): a damaged message, worth the operator's notice.
            log.warn("message {} has a MsgType that is not a number ({}); it is handed on as unknown",
                    Json.text(message, "MsgId"), Json.text(message, "MsgType"));
        }
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
