package dev.webwxbot.core.internal.contact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.GroupCreated;
import dev.webwxbot.api.event.GroupRenamed;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.core.internal.contact.ContactDiff.Found;
import dev.webwxbot.core.internal.contact.NoticeClaims.Claim;
import dev.webwxbot.core.internal.contact.NoticeClaims.Kind;
import dev.webwxbot.core.internal.contact.NoticeClaims.Name;
import dev.webwxbot.core.internal.message.MessageParser;
import dev.webwxbot.core.internal.protocol.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Turns what a sync says about contacts into {@link ContactEvent}s, each change once. The server tells of a change
 * twice, in two shapes (PROTOCOL.md 9.5.11: "these events are also accompanied by ModContactList updates"): the
 * contact update, which says who (by UserName) but not who did it, and the grey line, which names the inviter,
 * the remover or the renamer but names people by their names only. Each update is compared with the book
 * ({@link ContactDiff}), each grey line read ({@link NoticeClaims}), and a line is paired with the change it tells
 * of, so the event has the member from the one and the inviter from the other.
 *
 * <p>Both usually come in the same webwxsync answer. When they do not, an update that comes first raises its event
 * at once (without the inviter), and a line that comes first raises it by itself when the book can say who it means
 * and otherwise waits; either half is remembered for a few minutes by the session's clock ({@link #MEMORY}), so the
 * other half raises no second event (a waiting line gives its inviter to the update's event). A line about what
 * the book already shows (one from before a restart) raises nothing. The login's first sync may replay the state
 * just loaded, so it raises nothing (see {@link #take}).
 * Not thread-safe: used by the one sync loop of a session.
 */
public final class ContactEvents {

    /** How long half of a change waits for its other half: iKuiki saw updates come up to ~3 minutes after the line. */
    static final Duration MEMORY = Duration.ofMinutes(5);
    private static final int MEMORY_LIMIT = 256;
    private static final int SYSTEM = 10000;

    /**
     * Half a change: a change raised from an update (waiting for its line), a change raised from a line alone
     * (waiting for its update), a line whose person could not be found yet, or a group just created (its creation
     * line "你邀请…加入了群聊" is no join).
     */
    private record Half(Optional<Found> found, Optional<Claim> claim, boolean raised, Instant at) {
    }

    private final ContactBook book;
    private final Clock clock;
    private final ContactDiff diff;
    private final MessageParser notices;
    private final List<Half> memory = new ArrayList<>();
    /** Lines already read: the server may deliver a message twice. */
    private final Map<String, Boolean> readLines = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
            return size() > MEMORY_LIMIT;
        }
    };

    public ContactEvents(ContactBook book, Clock clock) {
        this.book = book;
        this.clock = clock;
        this.diff = new ContactDiff(book);
        this.notices = new MessageParser(book, clock);
    }

    /**
     * Applies one sync's {@code DelContactList} and {@code ModContactList} to the book, reads the grey lines among
     * its {@code AddMsgList}, and returns the events to raise, in the order found. With {@code live} false (the
     * login's first sync, which may replay the state the login just loaded) the book is updated and nothing is
     * raised or remembered.
     */
    public List<ContactEvent> take(Iterable<JsonNode> deleted, Iterable<JsonNode> modified, Iterable<JsonNode> messages,
                                   boolean live) {
        Instant now = clock.instant();
        List<Found> found = new ArrayList<>();
        for (JsonNode entry : deleted) found.addAll(diff.delete(entry, now));
        for (JsonNode entry : modified) found.addAll(diff.modify(entry, now));
        List<Claim> claims = new ArrayList<>();
        for (JsonNode message : messages) {
            if (!message.isObject() || Json.integer(message, "MsgType", 0) != SYSTEM) continue;
            String msgId = Json.text(message, "MsgId");
            if (!msgId.isEmpty() && readLines.put(msgId, Boolean.TRUE) != null) continue;
            if (live && notices.parse(message).orElse(null) instanceof SystemNotice notice) {
                claims.addAll(NoticeClaims.read(notice.text(), notice.chat().userName(), notice.envelope().time()));
            }
        }
        if (!live) return List.of();
        forget(now);
        return pair(found, claims, now);
    }

    private List<ContactEvent> pair(List<Found> found, List<Claim> claims, Instant now) {
        Map<Found, Claim> paired = new IdentityHashMap<>();
        List<Claim> alone = new ArrayList<>();
        for (Claim claim : claims) {
            Optional<Found> same = found.stream().filter(f -> !paired.containsKey(f) && matches(claim, f)).findFirst();
            if (same.isPresent()) {
                paired.put(same.get(), claim);
            } else if (!absorbedByCreation(claim, found)) {
                // A change an earlier update raised takes its late line, which adds nothing; else the line is alone.
                Half earlier = takeHalf(half -> half.raised() && half.found().filter(f -> matches(claim, f)).isPresent());
                if (earlier == null) alone.add(claim);
            }
        }
        List<ContactEvent> events = new ArrayList<>();
        for (Found change : found) {
            Claim claim = paired.get(change);
            if (change instanceof Found.Created created) {
                events.add(new GroupCreated(created.group(), created.members(), now));
                remember(new Half(Optional.of(change), Optional.empty(), true, now));
            } else if (change instanceof Found.Complete complete) {
                events.add(complete.event());
            } else if (claim != null) {
                events.add(event(change, Optional.of(claim), now));
            } else {
                Half earlier = takeHalf(half -> half.claim().filter(c -> matches(c, change)).isPresent());
                if (earlier == null) {
                    events.add(event(change, Optional.empty(), now));
                    remember(new Half(Optional.of(change), Optional.empty(), true, now));
                } else if (!earlier.raised()) {
                    events.add(event(change, earlier.claim(), now));
                }
            }
        }
        for (Claim claim : alone) {
            if (shownAlready(claim)) continue;
            Optional<ContactEvent> event = byItself(claim);
            event.ifPresent(events::add);
            remember(new Half(Optional.empty(), Optional.of(claim), event.isPresent(), now));
        }
        return events;
    }

    /** The event of a change found in an update, with what its line adds when there is one. */
    private ContactEvent event(Found change, Optional<Claim> claim, Instant now) {
        Instant time = claim.map(Claim::time).orElse(now);
        return switch (change) {
            case Found.Added added -> new ContactAdded(added.contact(), time);
            case Found.Joined joined -> new MemberJoined(joined.group(), joined.member(),
                    claim.flatMap(Claim::by).flatMap(by -> person(joined.group(), by)),
                    claim.map(Claim::method).orElse(MemberJoined.Method.UNKNOWN), time);
            case Found.Left left -> new MemberLeft(left.group(), left.member(),
                    claim.flatMap(Claim::by).flatMap(by -> person(left.group(), by)), time);
            case Found.Gone gone -> claim.isPresent()
                    ? new MemberLeft(gone.group(), book.self(), claim.get().by().flatMap(by -> person(gone.group(), by)), time)
                    : new ContactRemoved(gone.group(), time);
            case Found.Renamed renamed -> new GroupRenamed(renamed.group(), renamed.oldName(), renamed.newName(),
                    claim.flatMap(Claim::by).flatMap(by -> person(renamed.group(), by)), time);
            case Found.Created created -> new GroupCreated(created.group(), created.members(), time);
            case Found.Complete complete -> complete.event();
        };
    }

    /** Whether a line tells of this change: same chat, same kind, and the person (or new name) it names. */
    private static boolean matches(Claim claim, Found change) {
        return switch (change) {
            case Found.Added added -> claim.kind() == Kind.ADDED && (claim.chat().equals(added.contact().userName())
                    || claim.subject().names(added.contact()));
            case Found.Joined joined -> claim.kind() == Kind.JOINED && claim.chat().equals(joined.group().userName())
                    && claim.subject().names(joined.member());
            case Found.Left left -> claim.kind() == Kind.LEFT && claim.chat().equals(left.group().userName())
                    && claim.subject().names(left.member());
            case Found.Gone gone -> claim.kind() == Kind.LEFT && claim.chat().equals(gone.group().userName())
                    && claim.subject().self();
            case Found.Renamed renamed -> claim.kind() == Kind.RENAMED && claim.chat().equals(renamed.group().userName())
                    && claim.newName().equals(renamed.newName());
            case Found.Created created -> false;
            case Found.Complete complete -> false;
        };
    }

    /**
     * A join line for a group created now or a moment ago, naming one of its first members: its creation
     * ("你邀请"A、B"加入了群聊" comes with a group the account made), not a join.
     */
    private boolean absorbedByCreation(Claim claim, List<Found> found) {
        if (claim.kind() != Kind.JOINED) return false;
        List<Found> created = new ArrayList<>(found);
        memory.forEach(half -> half.found().ifPresent(created::add));
        return created.stream().anyMatch(f -> f instanceof Found.Created group
                && group.group().userName().equals(claim.chat())
                && (claim.subject().self() || group.members().stream().anyMatch(claim.subject()::names)));
    }

    /** Whether the book already shows what a lone line says: it came before the session knew the state it loaded. */
    private boolean shownAlready(Claim claim) {
        if (claim.kind() == Kind.ADDED) {
            return book.byUserName(claim.chat()).filter(c -> c.kind() != ContactKind.STRANGER
                    && book.facts(c.userName()).inAddressBook()).isPresent();
        }
        Optional<Contact> group = book.byUserName(claim.chat());
        if (group.isEmpty()) return true;   // a group the session does not know: nothing to tell of it yet
        if (claim.kind() == Kind.RENAMED) return group.get().nickName().equals(claim.newName());
        boolean member = book.members(group.get()).stream().anyMatch(claim.subject()::names);
        if (claim.kind() == Kind.JOINED) return member;
        return !member && book.knowsMembersOf(claim.chat());
    }

    /** The event a line raises on its own, when the people it names can be found. */
    private Optional<ContactEvent> byItself(Claim claim) {
        if (claim.kind() == Kind.ADDED) {
            return Optional.of(new ContactAdded(new Contact(claim.chat(), claim.subject().text(), "", "",
                    ContactKind.FRIEND, ""), claim.time()));
        }
        Contact group = book.byUserName(claim.chat()).orElseThrow();
        Optional<Contact> by = claim.by().flatMap(name -> person(group, name));
        return switch (claim.kind()) {
            case JOINED -> person(group, claim.subject()).map(member -> new MemberJoined(group, member, by,
                    claim.method(), claim.time()));
            case LEFT -> member(group, claim.subject()).map(member -> new MemberLeft(group, member, by, claim.time()));
            case RENAMED -> Optional.of(new GroupRenamed(new Contact(group.userName(), claim.newName(),
                    group.remarkName(), group.alias(), group.kind(), ""), group.nickName(), claim.newName(), by,
                    claim.time()));
            case ADDED -> Optional.empty();
        };
    }

    /**
     * The person a line names in a group: the account for "你", else a member of the group, else a friend by that
     * name when exactly one has it.
     */
    private Optional<Contact> person(Contact group, Name name) {
        Optional<Contact> member = member(group, name);
        if (member.isPresent()) return member;
        List<Contact> friends = book.all().stream()
                .filter(c -> c.kind() == ContactKind.FRIEND && name.names(c)).toList();
        return friends.size() == 1 ? Optional.of(friends.getFirst()) : Optional.empty();
    }

    /** The account for "你", else the member of the group by that name. */
    private Optional<Contact> member(Contact group, Name name) {
        if (name.self()) return Optional.of(book.self());
        return book.members(group).stream().filter(name::names).findFirst();
    }

    private Half takeHalf(java.util.function.Predicate<Half> wanted) {
        for (int i = 0; i < memory.size(); i++) {
            if (wanted.test(memory.get(i))) return memory.remove(i);
        }
        return null;
    }

    private void remember(Half half) {
        memory.add(half);
        if (memory.size() > MEMORY_LIMIT) memory.removeFirst();
    }

    private void forget(Instant now) {
        memory.removeIf(half -> half.at().plus(MEMORY).isBefore(now));
    }
}
