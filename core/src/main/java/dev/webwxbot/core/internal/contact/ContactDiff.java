package dev.webwxbot.core.internal.contact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.ContactChanged;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.GroupOwnerChanged;
import dev.webwxbot.core.internal.protocol.Json;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Applies one contact update of a sync ({@code DelContactList} or {@code ModContactList} entry, PROTOCOL.md 4.2) to
 * the book and says what it changed, by comparing the book before and after: a contact new to the address book or
 * gone from it, its names, avatar and flags, a group new to the session, renamed, its members in and out, its owner.
 * What a grey line may tell more about (who invited, who removed, who renamed) is returned as a {@link Found} for
 * {@link ContactEvents} to pair; the rest as finished events. Not thread-safe: used by the one sync loop.
 */
final class ContactDiff {

    /** A change found in one update. */
    sealed interface Found {
        /** A friend or official account newly in the address book. */
        record Added(Contact contact) implements Found {
        }

        /** A group the session did not know, with the members the update listed. */
        record Created(Contact group, List<Contact> members) implements Found {
        }

        record Joined(Contact group, Contact member) implements Found {
        }

        record Left(Contact group, Contact member) implements Found {
        }

        record Renamed(Contact group, String oldName, String newName) implements Found {
        }

        /** A group in DelContactList: the account was removed, left, or took it off its list. */
        record Gone(Contact group) implements Found {
        }

        /** A change no grey line tells more about, finished as found. */
        record Complete(ContactEvent event) implements Found {
        }
    }

    private final ContactBook book;

    ContactDiff(ContactBook book) {
        this.book = book;
    }

    /** Removes the contact a DelContactList entry names; what that changed. */
    List<Found> delete(JsonNode entry, Instant now) {
        String userName = Json.text(entry, "UserName");
        Optional<Contact> before = book.byUserName(userName).filter(contact -> !isSelf(contact));
        ContactFacts facts = book.facts(userName);
        book.remove(userName);
        if (before.isEmpty()) return List.of();
        if (before.get().isGroup()) return List.of(new Found.Gone(before.get()));
        return facts.inAddressBook() ? List.of(new Found.Complete(new ContactRemoved(before.get(), now))) : List.of();
    }

    /** Puts a ModContactList entry into the book; what that changed. */
    List<Found> modify(JsonNode entry, Instant now) {
        String userName = Json.text(entry, "UserName");
        Optional<Contact> before = book.byUserName(userName);
        if (userName.isEmpty() || before.filter(this::isSelf).isPresent()) {
            book.put(entry);
            return List.of();
        }
        ContactFacts factsBefore = book.facts(userName);
        Map<String, Contact> membersBefore = before.isPresent() && book.knowsMembersOf(userName)
                ? byUserName(book.members(before.get())) : null;
        book.put(entry);
        Optional<Contact> stored = book.byUserName(userName);
        if (stored.isEmpty()) return List.of();
        Contact after = stored.get();
        ContactFacts factsAfter = book.facts(userName);
        if (after.isGroup()) {
            // New to the session: never listed by the server, even if this session created it a moment ago and
            // put it in from the webwxcreatechatroom answer (which has no ContactFlag).
            if (before.isEmpty() || factsBefore.contactFlag() == ContactFacts.UNKNOWN) {
                return List.of(new Found.Created(after, book.members(after)));
            }
            return group(before.get(), after, factsBefore, factsAfter, membersBefore, entry, now);
        }
        boolean wasInBook = before.isPresent() && factsBefore.inAddressBook();
        if (!wasInBook) return factsAfter.inAddressBook() ? List.of(new Found.Added(after)) : List.of();
        if (!factsAfter.inAddressBook()) return List.of(new Found.Complete(new ContactRemoved(before.get(), now)));
        return changed(before.get(), after, factsBefore, factsAfter, now).map(List::of).orElse(List.of());
    }

    private List<Found> group(Contact before, Contact after, ContactFacts factsBefore, ContactFacts factsAfter,
                              Map<String, Contact> membersBefore, JsonNode entry, Instant now) {
        List<Found> found = new ArrayList<>();
        if (!before.nickName().equals(after.nickName())) {
            found.add(new Found.Renamed(after, before.nickName(), after.nickName()));
        }
        if (membersBefore != null) {
            Map<String, Contact> membersAfter = byUserName(book.members(after));
            membersAfter.forEach((userName, member) -> {
                if (!membersBefore.containsKey(userName)) found.add(new Found.Joined(after, member));
            });
            // Only a whole list says who is gone: a partial one (MemberCount above its length) leaves people out.
            int listed = entry.path("MemberList").size();
            if (listed > 0 && Json.integer(entry, "MemberCount", listed) <= listed) {
                membersBefore.forEach((userName, member) -> {
                    if (!membersAfter.containsKey(userName)) found.add(new Found.Left(after, member));
                });
            }
        }
        changed(before, after, factsBefore, factsAfter, now).ifPresent(found::add);
        owner(after, factsBefore, factsAfter, membersBefore, now).ifPresent(found::add);
        return found;
    }

    /** A person's or group's names, avatar or flags; a group's name is its own change (a rename). */
    private Optional<Found> changed(Contact before, Contact after, ContactFacts factsBefore, ContactFacts factsAfter,
                                    Instant now) {
        Set<ContactChanged.Change> changes = EnumSet.noneOf(ContactChanged.Change.class);
        if (!before.remarkName().equals(after.remarkName())) changes.add(ContactChanged.Change.REMARK);
        if (!after.isGroup() && !before.nickName().equals(after.nickName())) changes.add(ContactChanged.Change.NICKNAME);
        if (!before.alias().equals(after.alias())) changes.add(ContactChanged.Change.ALIAS);
        if (!factsBefore.headImage().isEmpty() && !factsBefore.headImage().equals(factsAfter.headImage())) {
            changes.add(ContactChanged.Change.HEAD_IMAGE);
        }
        if (factsBefore.contactFlag() != ContactFacts.UNKNOWN) {
            if (factsBefore.starred() != factsAfter.starred()) changes.add(ContactChanged.Change.STARRED);
            if (factsBefore.pinned() != factsAfter.pinned()) changes.add(ContactChanged.Change.PINNED);
            if (factsBefore.muted() != factsAfter.muted()) changes.add(ContactChanged.Change.MUTED);
        }
        if (changes.isEmpty()) return Optional.empty();
        ContactChanged.Flags flags = new ContactChanged.Flags(factsAfter.starred(), factsAfter.pinned(), factsAfter.muted());
        return Optional.of(new Found.Complete(new ContactChanged(before, after, changes, flags, now)));
    }

    /**
     * A new owner, as the update names it ({@code ChatRoomOwner}), or the account's own {@code IsOwner} turning
     * (batch-get tells that much, sync the owner's name). An owner the session never knew before is learnt, not
     * announced.
     */
    private Optional<Found> owner(Contact group, ContactFacts before, ContactFacts after,
                                  Map<String, Contact> membersBefore, Instant now) {
        String self = book.self().userName();
        String was = before.owner();
        String is = after.owner();
        Optional<Contact> previous = was.isEmpty() ? Optional.empty()
                : Optional.of(membersBefore != null && membersBefore.containsKey(was) ? membersBefore.get(was)
                        : book.member(group.userName(), was));
        if (!was.isEmpty()) {
            return was.equals(is) ? Optional.empty()
                    : Optional.of(complete(new GroupOwnerChanged(group, previous, book.member(group.userName(), is), now)));
        }
        int ownedBefore = before.isOwner();
        int ownedAfter = is.isEmpty() ? after.isOwner() : is.equals(self) ? 1 : 0;
        if (ownedBefore == ContactFacts.UNKNOWN || ownedAfter == ContactFacts.UNKNOWN || ownedBefore == ownedAfter) {
            return Optional.empty();
        }
        if (ownedAfter == 1) return Optional.of(complete(new GroupOwnerChanged(group, Optional.empty(), book.self(), now)));
        if (is.isEmpty()) return Optional.empty();   // no longer the account's, but whose the update does not say
        return Optional.of(complete(new GroupOwnerChanged(group, Optional.of(book.self()),
                book.member(group.userName(), is), now)));
    }

    private static Found complete(ContactEvent event) {
        return new Found.Complete(event);
    }

    private boolean isSelf(Contact contact) {
        return contact.userName().equals(book.self().userName());
    }

    private static Map<String, Contact> byUserName(List<Contact> contacts) {
        Map<String, Contact> map = new LinkedHashMap<>();
        contacts.forEach(contact -> map.put(contact.userName(), contact));
        return map;
    }
}
