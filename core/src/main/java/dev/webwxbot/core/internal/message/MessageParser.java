package dev.webwxbot.core.internal.message;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.Envelope;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.core.internal.contact.ContactBook;
import dev.webwxbot.core.internal.protocol.Json;
import java.time.Instant;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns one {@code AddMsgList} entry into its event (PROTOCOL.md 9). Never throws for odd content: what it does
 * not understand becomes an {@link UnknownMessage} with the raw content. Thread-safe.
 */
public final class MessageParser {

    /** The official page's group sender prefix: an {@code @}-name or a bare id, then {@code :<br/>}. */
    private static final Pattern GROUP_SENDER = Pattern.compile("^(@[a-zA-Z0-9]+|[a-zA-Z0-9_-]+):<br/>");
    private static final int TEXT = 1;
    private static final int STATUS_NOTIFY = 51;
    private static final char MENTION_SEPARATOR = '\u2005';

    private final ContactBook contacts;

    public MessageParser(ContactBook contacts) {
        this.contacts = contacts;
    }

    /** The event for this entry, or empty for protocol bookkeeping no plugin should see (status notifications). */
    public Optional<MessageEvent> parse(JsonNode message) {
        int msgType = Json.integer(message, "MsgType", -1);
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
        String msgId = Json.text(message, "MsgId");

        if (msgType == TEXT && Json.integer(message, "SubMsgType", 0) != 48) {
            String text = ContentText.decode(content);
            boolean mentioned = chat.isGroup() && !fromSelf && mentionsMe(text, chat);
            return Optional.of(new TextMessage(new Envelope(msgId, chat, sender, time, fromSelf, mentioned), text));
        }
        Envelope envelope = new Envelope(msgId, chat, sender, time, fromSelf, false);
        return Optional.of(new UnknownMessage(envelope, msgType, Json.integer(message, "AppMsgType", 0), content));
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
