package dev.webwxbot.core.internal.contact;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.Contacts;
import dev.webwxbot.api.Identity;
import dev.webwxbot.core.internal.identity.IdentityTag;
import dev.webwxbot.core.internal.identity.PermanentIds;
import dev.webwxbot.core.internal.message.ContentText;
import dev.webwxbot.core.internal.protocol.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Every contact a session knows, keyed by session-scoped UserName, with group members kept per group.
 * Thread-safe: written by the sync loop, read by plugins.
 */
public final class ContactBook implements Contacts {

    /** Accounts every client treats as neither person nor official account (PROTOCOL.md 3.8). */
    static final Set<String> SPECIAL = Set.of("filehelper", "newsapp", "fmessage", "weibo", "qqmail", "tmessage",
            "qmessage", "qqsync", "floatbottle", "lbsapp", "shakeapp", "medianote", "qqfriend", "readerapp",
            "blogapp", "facebookapp", "masssendapp", "meishiapp", "feedsapp", "voip", "blogappweixin", "weixin",
            "brandsessionholder", "weixinreminder", "wxid_novlwrv3lqwv11", "gh_22b87fa7cb3c", "officialaccounts",
            "notification_messages", "wxitil", "userexperience_alarm", "notifymessage");
    private static final int VERIFY_FLAG_BRAND = 8;

    private final Map<String, Contact> byUserName = new ConcurrentHashMap<>();
    private final Map<String, Map<String, Contact>> membersByGroup = new ConcurrentHashMap<>();
    /** The server's pinyin helpers, kept for search only: per contact, and per group per member. */
    private final Map<String, ContactSearchPinyin.Server> pinyin = new ConcurrentHashMap<>();
    private final Map<String, Map<String, ContactSearchPinyin.Server>> memberPinyin = new ConcurrentHashMap<>();
    /** What {@link ContactEvents} compares beyond the Contact record, per UserName. */
    private final Map<String, ContactFacts> facts = new ConcurrentHashMap<>();
    /** The permanent ids the protocol paired with this session's names; a contact's first choice of identity. */
    private final PermanentIds permanentIds = new PermanentIds();
    /** Counts changes to the book, so the search index knows when it is stale. */
    private final AtomicLong changes = new AtomicLong();
    /** What search looked through at the last find, built again after a change: finds far outnumber changes. */
    private volatile SearchIndex searchIndex;
    private volatile Contact self;

    /** Records the logged-in account from webwxinit's {@code User}. */
    public Contact setSelf(JsonNode user) {
        Contact contact = new Contact(Json.text(user, "UserName"), ContentText.decodeEmoji(Json.text(user, "NickName")),
                "", "", ContactKind.SELF, "");
        self = contact;
        byUserName.put(contact.userName(), contact);
        pinyin.put(contact.userName(), ContactSearchPinyin.Server.of(user));
        changes.incrementAndGet();
        return contact;
    }

    public Contact self() {
        Contact current = self;
        if (current == null) throw new IllegalStateException("not logged in yet");
        return current;
    }

    /** Adds or replaces a contact from init, webwxgetcontact, batch-get or ModContactList. */
    public void put(JsonNode node) {
        String userName = Json.text(node, "UserName");
        if (userName.isEmpty()) return;
        Contact contact = new Contact(userName, ContentText.decodeEmoji(Json.text(node, "NickName")),
                ContentText.decodeEmoji(Json.text(node, "RemarkName")), Json.text(node, "Alias"),
                classify(userName, Json.integer(node, "VerifyFlag", 0)), "");
        if (self != null && userName.equals(self.userName())) return;
        byUserName.put(userName, contact);
        pinyin.put(userName, ContactSearchPinyin.Server.of(node));
        facts.compute(userName, (name, before) -> ContactFacts.read(node, before));
        if (contact.isGroup() && node.path("MemberList").size() > 0) {
            Map<String, Contact> members = new ConcurrentHashMap<>();
            Map<String, ContactSearchPinyin.Server> membersPinyin = new ConcurrentHashMap<>();
            // A sync entry may list only some members (MemberCount 462, one listed: PROTOCOL.md 4.2's "may be
            // partial"): the others are still there.
            Map<String, Contact> known = membersByGroup.get(userName);
            if (known != null && Json.integer(node, "MemberCount", 0) > node.path("MemberList").size()) {
                members.putAll(known);
                membersPinyin.putAll(memberPinyin.getOrDefault(userName, Map.of()));
            }
            for (JsonNode member : node.path("MemberList")) {
                String memberName = Json.text(member, "UserName");
                if (memberName.isEmpty()) continue;
                members.put(memberName, new Contact(memberName, ContentText.decodeEmoji(Json.text(member, "NickName")),
                        "", "", memberKind(memberName), ContentText.decodeEmoji(Json.text(member, "DisplayName"))));
                membersPinyin.put(memberName, ContactSearchPinyin.Server.of(member));
            }
            membersByGroup.put(userName, members);
            memberPinyin.put(userName, membersPinyin);
        }
        changes.incrementAndGet();
    }

    /**
     * Forgets every contact and group of this login before a fresh login of the same account: UserNames are per
     * login (PROTOCOL.md 0.5), so the old ones would name nobody. Permanent ids stay.
     */
    public void forgetSessionNames() {
        byUserName.clear();
        membersByGroup.clear();
        pinyin.clear();
        memberPinyin.clear();
        facts.clear();
        changes.incrementAndGet();
    }

    public void remove(String userName) {
        byUserName.remove(userName);
        membersByGroup.remove(userName);
        pinyin.remove(userName);
        memberPinyin.remove(userName);
        facts.remove(userName);
        changes.incrementAndGet();
    }

    /** The raw fields the event diff compares, as the latest answers told them. */
    ContactFacts facts(String userName) {
        return facts.getOrDefault(userName, ContactFacts.NONE);
    }

    public int size() {
        return byUserName.size();
    }

    /** The contact, or a placeholder classified by the id's shape when the session has not seen it yet. */
    public Contact resolve(String userName) {
        Contact known = byUserName.get(userName);
        if (known != null) return known;
        ContactKind kind = classify(userName, 0);
        return new Contact(userName, "", "", "", kind == ContactKind.FRIEND ? ContactKind.STRANGER : kind, "");
    }

    /** A group member as seen in that group, falling back to the address book entry. */
    public Contact member(String groupUserName, String memberUserName) {
        Map<String, Contact> members = membersByGroup.get(groupUserName);
        Contact member = members == null ? null : members.get(memberUserName);
        Contact friend = byUserName.get(memberUserName);
        if (member == null) return friend != null ? friend : resolve(memberUserName);
        if (friend == null) return member;
        return new Contact(friend.userName(), friend.nickName(), friend.remarkName(), friend.alias(), friend.kind(),
                member.groupDisplayName());
    }

    /** The ids of every group in the book. */
    public List<String> groupUserNames() {
        return byUserName.values().stream().filter(Contact::isGroup).map(Contact::userName).toList();
    }

    /** Whether the session knows this group's members. */
    public boolean knowsMembersOf(String groupUserName) {
        return membersByGroup.containsKey(groupUserName);
    }

    @Override
    public Optional<Contact> byUserName(String userName) {
        return Optional.ofNullable(byUserName.get(userName));
    }

    @Override
    public List<Contact> find(String query) {
        return ContactSearch.find(query, searchIndex().entries(), ContactSearch.Mode.RANKED);
    }

    @Override
    public List<Contact> findExact(String name) {
        return ContactSearch.find(name, searchIndex().withName(name), ContactSearch.Mode.EXACT);
    }

    /**
     * The index as of now: the last one while the book has not changed since, else a new one. The count is read
     * before building, so a change made while building leaves the new index stale and the next find builds again.
     */
    private SearchIndex searchIndex() {
        long version = changes.get();
        SearchIndex current = searchIndex;
        if (current != null && current.version() == version) return current;
        SearchIndex built = new SearchIndex(version, searchEntries());
        searchIndex = built;
        return built;
    }

    /** The search entries of one version of the book, and those entries by each exact-lookup name. */
    private record SearchIndex(long version, List<ContactSearch.Entry> entries,
                               Map<String, List<ContactSearch.Entry>> byExactName) {

        SearchIndex(long version, List<ContactSearch.Entry> entries) {
            this(version, List.copyOf(entries), ContactSearch.byExactName(entries));
        }

        List<ContactSearch.Entry> withName(String name) {
            return byExactName.getOrDefault(Contacts.normalizeName(name), List.of());
        }
    }

    /** What search looks through: every contact, then every group's members as seen in that group. */
    private List<ContactSearch.Entry> searchEntries() {
        List<ContactSearch.Entry> entries = new ArrayList<>(byUserName.size());
        byUserName.values().forEach(contact -> entries.add(new ContactSearch.Entry(contact,
                pinyin.getOrDefault(contact.userName(), ContactSearchPinyin.Server.NONE), false)));
        membersByGroup.forEach((group, members) -> members.keySet().forEach(memberName -> {
            // A friend's pinyin is the book's (remark and nickname); a stranger's is what the member list said.
            ContactSearchPinyin.Server server = byUserName.containsKey(memberName)
                    ? pinyin.get(memberName)
                    : memberPinyin.getOrDefault(group, Map.of()).get(memberName);
            entries.add(new ContactSearch.Entry(member(group, memberName),
                    server == null ? ContactSearchPinyin.Server.NONE : server, true));
        }));
        return entries;
    }

    @Override
    public List<Contact> members(Contact group) {
        Map<String, Contact> members = membersByGroup.get(group.userName());
        if (members == null) return List.of();
        return members.keySet().stream().sorted().map(member -> member(group.userName(), member)).toList();
    }

    @Override
    public List<Contact> all() {
        return List.copyOf(byUserName.values());
    }

    /** Where the session records the permanent ids it learns (status-notify lists, cards, friend requests). */
    public PermanentIds permanentIds() {
        return permanentIds;
    }

    @Override
    public Optional<Identity> identity(Contact contact) {
        Optional<String> permanent = permanentIds.of(contact.userName());
        if (permanent.isPresent()) return Optional.of(new Identity(Identity.Kind.WXID, permanent.get()));
        if (contact.userName().startsWith("@")) {
            Optional<String> tag = IdentityTag.of(contact.remarkName());
            if (tag.isPresent()) return Optional.of(new Identity(Identity.Kind.TAG, tag.get()));
        }
        return Contacts.super.identity(contact);
    }

    @Override
    public Optional<Contact> groupOwner(Contact group) {
        String owner = facts(group.userName()).owner();
        return owner.isEmpty() ? Optional.empty() : Optional.of(member(group.userName(), owner));
    }

    private ContactKind memberKind(String userName) {
        Contact self = this.self;
        if (self != null && self.userName().equals(userName)) return ContactKind.SELF;
        Contact friend = byUserName.get(userName);
        return friend != null ? friend.kind() : ContactKind.STRANGER;
    }

    /** PROTOCOL.md 3.8's order: official account by VerifyFlag bit, special list, group, else a person. */
    static ContactKind classify(String userName, int verifyFlag) {
        if (userName.startsWith("@@") || userName.endsWith("@chatroom")) return ContactKind.GROUP;
        if ((verifyFlag & VERIFY_FLAG_BRAND) != 0) return ContactKind.OFFICIAL;
        if (SPECIAL.contains(userName) || userName.endsWith("@qqim")) return ContactKind.SPECIAL;
        if (!userName.startsWith("@")) return ContactKind.SPECIAL;
        return ContactKind.FRIEND;
    }
}
