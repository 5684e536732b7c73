package dev.webwxbot.emulator.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays captured {@code AddMsgList} entries (e.g. corpus files) into an account's live sessions, rewriting only
 * what names the session; see {@code Account.injectRawMessage}.
 */
public final class RawMessages {
    /** Keys clients add to messages after receipt (corpus README): not part of the server's shape. */
    private static final Set<String> CLIENT_ADDED_KEYS = Set.of("LocalID", "ClientMsgId", "Type", "Text", "groupMsg",
            "ActualUserName", "ActualNickName", "isAt", "User");
    private static final Pattern SENDER_PREFIX = Pattern.compile("^(@[a-zA-Z0-9]+|[a-zA-Z0-9_-]+):<br/>");

    private final World world;
    private final Conversations conversations;

    RawMessages(World world, Conversations conversations) {
        this.world = world;
        this.conversations = conversations;
    }

    /** Delivers the captured entry from {@code from} (null: a sender guessed from the capture); returns its MsgId. */
    public String inject(AccountState account, String json, ContactState from) {
        return inject(account, json, from, "", Map.of());
    }

    /**
     * As {@link #inject(AccountState, String, ContactState)}; when {@code recordedNames} is not empty, every recorded
     * UserName (and {@code recordedSelf}) in the entry is replaced by this session's name for its contact (self).
     */
    public String inject(AccountState account, String json, ContactState from, String recordedSelf,
                         Map<String, ContactState> recordedNames) {
        ObjectNode captured = JsonBodies.parseObject(json.getBytes(StandardCharsets.UTF_8))
                .filter(node -> node.isObject() && node.size() > 0)
                .map(node -> (ObjectNode) node)
                .orElseThrow(() -> new IllegalArgumentException("not a JSON object"));
        captured.properties().removeIf(e -> e.getKey().startsWith("MM") || e.getKey().startsWith("_")
                || e.getKey().startsWith("$$") || CLIENT_ADDED_KEYS.contains(e.getKey()));
        ConversationLine line;
        String msgId;
        synchronized (world) {
            String originalFrom = captured.path("FromUserName").asText("");
            ContactState sender = from != null ? from : defaultSender(account, originalFrom);
            if (sender.owner() != account) {
                throw new IllegalArgumentException(sender + " is not a contact of " + account);
            }
            msgId = captured.path("MsgId").asText("");
            if (msgId.isEmpty()) {
                long id = world.ids.messageId();
                msgId = Long.toString(id);
                captured.put("MsgId", msgId);
                captured.put("NewMsgId", id);
            }
            for (WebSession session : SessionRegistry.liveSessions(account)) {
                ObjectNode delivered = recordedNames.isEmpty()
                        ? forSession(session, captured, originalFrom, sender)
                        : renamed(session, captured, recordedSelf, recordedNames);
                session.enqueue(WebSession.EventKind.MESSAGE, delivered,
                        captured.path("CreateTime").asLong(world.now().getEpochSecond()));
            }
            line = conversations.record(account, sender.nickName(), account.nickName(),
                    "[raw MsgType " + captured.path("MsgType").asText("?") + "]", Direction.INCOMING);
        }
        Conversations.publish(account, line);
        return msgId;
    }

    /** The capture with this session's names in it. Caller holds the world monitor. */
    private static ObjectNode forSession(WebSession session, ObjectNode captured, String originalFrom,
                                         ContactState sender) {
        ObjectNode copy = captured.deepCopy();
        if (originalFrom.startsWith("@")) {
            copy.put("FromUserName", session.userNameOf(sender));
        }
        copy.put("ToUserName", session.selfUserName);
        String content = copy.path("Content").asText("");
        Matcher prefix = SENDER_PREFIX.matcher(content);
        if (sender.kind() == ContactKind.GROUP && !sender.membersUnsafe().isEmpty() && prefix.find()) {
            copy.put("Content", session.userNameOf(sender.membersUnsafe().getFirst()) + ":<br/>"
                    + content.substring(prefix.end()));
        }
        return copy;
    }

    /**
     * The capture with each recorded UserName replaced, longest first (a group's {@code @@…} name before any
     * {@code @…} name it could contain). Names are hex after one or two {@code @}, so replacing them in the JSON
     * text cannot break its syntax. Caller holds the world monitor.
     */
    private static ObjectNode renamed(WebSession session, ObjectNode captured, String recordedSelf,
                                      Map<String, ContactState> recordedNames) {
        String text = captured.toString();
        List<String> names = new ArrayList<>(recordedNames.keySet());
        if (!recordedSelf.isEmpty()) {
            names.add(recordedSelf);
        }
        names.sort(Comparator.comparingInt(String::length).reversed());
        for (String name : names) {
            String now = name.equals(recordedSelf) ? session.selfUserName : session.userNameOf(recordedNames.get(name));
            text = text.replace(name, now);
        }
        ObjectNode copy = JsonBodies.parseObject(text.getBytes(StandardCharsets.UTF_8))
                .map(node -> (ObjectNode) node).orElseThrow();
        copy.put("ToUserName", session.selfUserName);
        return copy;
    }

    private static ContactState defaultSender(AccountState account, String capturedFrom) {
        ContactKind wanted = capturedFrom.startsWith("@@") ? ContactKind.GROUP : ContactKind.FRIEND;
        return account.contacts.stream().filter(c -> c.kind() == wanted).findFirst().orElse(account.fileHelper);
    }
}
