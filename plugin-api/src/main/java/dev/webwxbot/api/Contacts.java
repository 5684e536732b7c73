package dev.webwxbot.api;

import java.util.List;
import java.util.Optional;

/** Read-only lookups into the session's address book. Thread-safe; results are snapshots. */
public interface Contacts {

    /** The contact with this session-scoped id ({@code @…}, {@code @@…} or a special name such as {@code filehelper}). */
    Optional<Contact> byUserName(String userName);

    /**
     * Every contact whose remark name, nickname or alias equals {@code name} (emoji decoded, case-sensitive),
     * then every group member whose in-group display name does; best match first: remark names before nicknames
     * before aliases before in-group names.
     */
    List<Contact> find(String name);

    /**
     * The members of a group as the session last saw them, each with its in-group display name and, for friends,
     * its address-book names; empty when the group or its members are unknown.
     */
    List<Contact> members(Contact group);

    /** Every known contact: friends, groups, official and special accounts. */
    List<Contact> all();
}
