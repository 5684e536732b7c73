package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.Contact;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The chats that saw a message since start, most recent first, each with how many incoming messages arrived since
 * the user last turned to it or wrote in it. Thread-safe: the network side records, the console reads.
 */
final class RecentChats {

    /** One chat as {@code /chats} lists it. */
    record Entry(Contact chat, int unread, Instant last) {
    }

    /** Enough for any person's working set; the oldest drops off. */
    private static final int MAX_CHATS = 200;

    private final Map<String, Entry> byUserName = new LinkedHashMap<>();

    synchronized void incoming(Contact chat, Instant time, boolean fromSelf) {
        Entry old = byUserName.remove(chat.userName());
        int unread = fromSelf ? 0 : (old == null ? 0 : old.unread()) + 1;
        put(new Entry(chat, unread, time));
    }

    /** The user turned to the chat or wrote in it: everything in it is read. */
    synchronized void read(Contact chat, Instant time) {
        Entry old = byUserName.remove(chat.userName());
        put(new Entry(chat, 0, old == null || time.isAfter(old.last()) ? time : old.last()));
    }

    synchronized List<Entry> mostRecentFirst() {
        List<Entry> entries = new ArrayList<>(byUserName.values());
        Collections.reverse(entries);
        return entries;
    }

    private void put(Entry entry) {
        byUserName.put(entry.chat().userName(), entry);
        if (byUserName.size() > MAX_CHATS) byUserName.remove(byUserName.keySet().iterator().next());
    }
}
