package dev.webwxbot.core.internal.identity;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.internal.message.ContentText;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The permanent ids ({@code wxid_…}, {@code …@chatroom}, {@code gh_…}, an old account's chosen id) the protocol pairs
 * with this session's {@code @…} names, learnt from:
 * <ul>
 *   <li>the {@code MsgType 51 / StatusNotifyCode 4} message (PROTOCOL.md 9.5.12): its {@code StatusNotifyUserName}
 *       list and the first {@code <username>} list of its content, paired by position. Sent after every login,
 *       and at times later; a later one adds to what is known;</li>
 *   <li>a card ({@code <msg username=…>}) or a friend request ({@code fromusername}) that names a contact by both.</li>
 * </ul>
 * Keyed by session name, so a contact's rename (ModContactList) leaves its id alone. Thread-safe.
 */
public final class PermanentIds {

    private static final Logger log = LoggerFactory.getLogger(PermanentIds.class);
    private static final int STATUS_NOTIFY = 51;
    private static final int SYNC_CONV = 4;
    /** The conversation list is the op's first {@code <username>}; the unread list has more inside {@code <chat>}. */
    private static final Pattern LIST = Pattern.compile("<op id=['\"]4['\"]>\\s*<username>([^<]*)</username>");

    private final Map<String, String> bySessionName = new ConcurrentHashMap<>();

    /** Learns the pairs of a code-4 status-notify message; any other message is ignored. Never throws. */
    public void learn(JsonNode raw) {
        if (Json.integer(raw, "MsgType", 0) != STATUS_NOTIFY || Json.integer(raw, "StatusNotifyCode", 0) != SYNC_CONV) {
            return;
        }
        String names = Json.text(raw, "StatusNotifyUserName");
        Matcher list = LIST.matcher(ContentText.decode(Json.text(raw, "Content")));
        if (names.isBlank() || !list.find()) return;
        String[] sessionNames = names.split(",", -1);
        String[] ids = list.group(1).split(",", -1);
        if (sessionNames.length != ids.length) {
            // Positional pairing of lists of different lengths would give people each other's ids: better none.
            log.info("status-notify list of {} session names has {} permanent ids; not paired", sessionNames.length,
                    ids.length);
            return;
        }
        int learnt = 0;
        for (int i = 0; i < ids.length; i++) {
            if (pair(sessionNames[i].strip(), ids[i].strip())) learnt++;
        }
        log.debug("status-notify paired {} session names with permanent ids", learnt);
    }

    /** Learns the pair a card or a friend request carries; other messages are ignored. */
    public void learn(MessageEvent event) {
        switch (event) {
            case CardMessage card -> pair(card.userName(), card.permanentId());
            case FriendRequest request -> pair(request.userName(), request.permanentId());
            default -> { }
        }
    }

    /** The permanent id paired with this session name, if one was learnt. */
    public Optional<String> of(String sessionName) {
        return Optional.ofNullable(bySessionName.get(sessionName));
    }

    public int size() {
        return bySessionName.size();
    }

    /**
     * Records a pair. Only a session name ({@code @…}) is paired: any other name is permanent itself. A stranger's
     * {@code v1_…@stranger} is an encrypted ticket, not a lasting id, so it is not kept.
     */
    private boolean pair(String sessionName, String permanentId) {
        if (!sessionName.startsWith("@") || permanentId.isEmpty() || permanentId.startsWith("@")
                || permanentId.endsWith("@stranger") || permanentId.startsWith("v1_")) {
            return false;
        }
        bySessionName.put(sessionName, permanentId);
        return true;
    }
}
