package dev.webwxbot.api;

import java.util.List;
import java.util.Optional;

/** Read-only lookups into the session's address book. Thread-safe; results are snapshots. */
public interface Contacts {

    /** The contact with this session-scoped id ({@code @…}, {@code @@…} or a special name such as {@code filehelper}). */
    Optional<Contact> byUserName(String userName);

    /**
     * Every contact whose remark name, nickname or alias equals {@code name} (emoji decoded, case-sensitive),
     * best match first: remark names before nicknames before aliases.
     */
    List<Contact> find(String name);

    /** Every known contact: friends, groups, official and special accounts. */
    List<Contact> all();
}
