package dev.webwxbot.core.internal.contact;

import static dev.webwxbot.core.internal.contact.ContactEventsPairingTest.single;
import static dev.webwxbot.core.internal.contact.SyncFixture.ALICE;
import static dev.webwxbot.core.internal.contact.SyncFixture.CAROL;
import static dev.webwxbot.core.internal.contact.SyncFixture.HIKERS;
import static dev.webwxbot.core.internal.contact.SyncFixture.SELF;
import static dev.webwxbot.core.internal.contact.SyncFixture.deleted;
import static dev.webwxbot.core.internal.contact.SyncFixture.hikers;
import static dev.webwxbot.core.internal.contact.SyncFixture.membersAnd;
import static dev.webwxbot.core.internal.contact.SyncFixture.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactChanged;
import dev.webwxbot.api.event.ContactChanged.Change;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.GroupOwnerChanged;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.core.internal.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What comparing a contact update with the book finds, on built entries and on the corpus's captured syncs. */
class ContactEventsDiffTest {

    private static final Path SYNCS = Path.of("../testdata/corpus/webwxsync");

    private final SyncFixture world = new SyncFixture();

    @Test
    void namesChangedAreSaidWithBothVersions() {
        ObjectNode renamed = person(ALICE, "Alice W.", "Aunt Alice", 3, 11);
        renamed.put("Alias", "alice_wx");
        ContactChanged changed = single(world.modified(renamed), ContactChanged.class);
        assertEquals(Set.of(Change.NICKNAME, Change.REMARK, Change.ALIAS), changed.changes());
        assertEquals(new Contact(ALICE, "Alice", "", "", dev.webwxbot.api.ContactKind.FRIEND, ""), changed.before());
        assertEquals("Aunt Alice", changed.after().remarkName());
    }

    @Test
    void aNewAvatarIsAHeadImageChangeButTheSameUnderANewSkeyIsNot() {
        ObjectNode sameUnderNewSkey = person(ALICE, "Alice", "", 3, 11);
        sameUnderNewSkey.put("HeadImgUrl", "/cgi-bin/mmwebwx-bin/webwxgeticon?seq=11&username=" + ALICE + "&skey=@crypt_2");
        assertEquals(List.of(), world.modified(sameUnderNewSkey));
        assertEquals(Set.of(Change.HEAD_IMAGE), single(world.modified(person(ALICE, "Alice", "", 3, 12)),
                ContactChanged.class).changes());
    }

    @Test
    void flagBitsAreStarredPinnedAndMutedWithTheFlagsAfterTheChange() {
        ContactChanged pinned = single(world.modified(person(ALICE, "Alice", "", 3 | 2048, 11)), ContactChanged.class);
        assertEquals(Set.of(Change.PINNED), pinned.changes());
        assertEquals(new ContactChanged.Flags(false, true, false), pinned.flags());
        ObjectNode starred = person(ALICE, "Alice", "", 3 | 2048 | 512, 11);
        starred.put("StarFriend", 1);
        ContactChanged more = single(world.modified(starred), ContactChanged.class);
        assertEquals(Set.of(Change.STARRED, Change.MUTED), more.changes());
        assertEquals(new ContactChanged.Flags(true, true, true), more.flags());
        // An entry giving flags without StarFriend says "not starred" (the address book's StarFriend is not kept).
        assertEquals(Set.of(Change.STARRED, Change.PINNED, Change.MUTED),
                single(world.modified(person(ALICE, "Alice", "", 3, 11)), ContactChanged.class).changes());
    }

    @Test
    void anUpdateSayingNothingNewRaisesNothing() {
        assertEquals(List.of(), world.modified(person(ALICE, "Alice", "", 3, 11)));
        JsonNode fewerKeys = SyncFixture.json("{\"UserName\":\"" + ALICE + "\",\"NickName\":\"Alice\",\"RemarkName\":\"\"}");
        assertEquals(List.of(), world.modified(fewerKeys), "absent fields keep what was known");
        assertEquals(List.of(), world.modified(hikers("Weekend hikers", ALICE, membersAnd())),
                "a group's sync avatar (seq=0) and its address-book flag bit are no change");
    }

    @Test
    void aGroupPinnedIsAChangeOfTheGroup() {
        ObjectNode pinned = hikers("Weekend hikers", ALICE, membersAnd());
        pinned.put("ContactFlag", 3 | 2048);
        ContactChanged changed = single(world.modified(pinned), ContactChanged.class);
        assertEquals(Set.of(Change.PINNED), changed.changes());
        assertEquals(HIKERS, changed.chat().userName());
    }

    @Test
    void aStrangerIsNoContactUntilTheAddressBookHasThem() {
        assertEquals(List.of(), world.modified(person("@dave", "Dave", "", 0, 1)));
        assertEquals("@dave", single(world.modified(person("@dave", "Dave", "", 3, 1)), ContactAdded.class)
                .contact().userName());
    }

    @Test
    void aDeletedFriendIsRemovedAndAnUnknownOneIsNothing() {
        ContactRemoved removed = single(world.sync(List.of(deleted(ALICE)), List.of(), List.of()), ContactRemoved.class);
        assertEquals("Alice", removed.contact().nickName());
        assertEquals(List.of(), world.sync(List.of(deleted("@nobody")), List.of(), List.of()));
        assertTrue(world.book.byUserName(ALICE).isEmpty());
    }

    @Test
    void anOwnerIsLearntFromTheFirstUpdateAndItsChangeAnnounced() {
        assertEquals(List.of(), world.modified(hikers("Weekend hikers", ALICE, membersAnd())), "learnt, not changed");
        GroupOwnerChanged owner = single(world.modified(hikers("Weekend hikers", CAROL, membersAnd())),
                GroupOwnerChanged.class);
        assertEquals(Optional.of(ALICE), owner.previousOwner().map(Contact::userName));
        assertEquals(CAROL, owner.owner().userName());
        assertFalse(owner.ownedBySelf());
    }

    @Test
    void theAccountBecomingOwnerIsAnnouncedThoughLoginOnlyToldItWasNot() {
        // Batch-get said IsOwner 0; the first update names the account as ChatRoomOwner.
        GroupOwnerChanged owner = single(world.modified(hikers("Weekend hikers", SELF, membersAnd())),
                GroupOwnerChanged.class);
        assertTrue(owner.ownedBySelf());
        assertEquals(Optional.empty(), owner.previousOwner());
    }

    @Test
    void aCapturedPartialMemberListAddsItsMemberAndRemovesNobody() throws Exception {
        JsonNode sync = Json.parse(Files.readAllBytes(SYNCS.resolve("wechat4u-test-webwxsync.json")));
        JsonNode group = sync.path("ModContactList").get(0);
        String userName = group.path("UserName").asText();
        world.book.put(SyncFixture.json("{\"UserName\":\"" + userName + "\",\"NickName\":\"Vue.js Podcast 群二\","
                + "\"ContactFlag\":2,\"MemberCount\":2,\"MemberList\":[{\"UserName\":\"@m1\",\"NickName\":\"M1\"},"
                + "{\"UserName\":\"" + SELF + "\",\"NickName\":\"Bot\"}]}"));
        List<ContactEvent> events = world.sync(List.of(), List.of(group), List.of());
        MemberJoined joined = single(events, MemberJoined.class);
        assertEquals("@e0ec8ddd68b83d04a51839008fdaa78e", joined.member().userName());
        assertEquals("吃圡死月不會碼代碼\uD83C\uDF1B", joined.member().nickName());
        Contact stored = world.book.byUserName(userName).orElseThrow();
        assertEquals(Set.of("@m1", SELF, "@e0ec8ddd68b83d04a51839008fdaa78e"),
                Set.copyOf(world.book.members(stored).stream().map(Contact::userName).toList()),
                "462 members, one listed: the others are still there");
    }

    @Test
    void aCapturedSyncThatDeletesAndListsTheSamePersonAddsThemOnce() throws Exception {
        JsonNode sync = Json.parse(Files.readAllBytes(SYNCS.resolve("wwdk-sync-webwxsync.json")));
        List<ContactEvent> events = world.sync(List.copyOf(list(sync, "DelContactList")),
                List.copyOf(list(sync, "ModContactList")), List.of());
        assertEquals("@xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", single(events, ContactAdded.class).contact().userName());
    }

    private static List<JsonNode> list(JsonNode sync, String name) {
        List<JsonNode> entries = new java.util.ArrayList<>();
        sync.path(name).forEach(entries::add);
        return entries;
    }
}
