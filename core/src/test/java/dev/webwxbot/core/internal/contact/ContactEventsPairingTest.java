package dev.webwxbot.core.internal.contact;

import static dev.webwxbot.core.internal.contact.SyncFixture.ALICE;
import static dev.webwxbot.core.internal.contact.SyncFixture.CAROL;
import static dev.webwxbot.core.internal.contact.SyncFixture.ERIN;
import static dev.webwxbot.core.internal.contact.SyncFixture.HIKERS;
import static dev.webwxbot.core.internal.contact.SyncFixture.LINE_TIME;
import static dev.webwxbot.core.internal.contact.SyncFixture.SELF;
import static dev.webwxbot.core.internal.contact.SyncFixture.START;
import static dev.webwxbot.core.internal.contact.SyncFixture.deleted;
import static dev.webwxbot.core.internal.contact.SyncFixture.hikers;
import static dev.webwxbot.core.internal.contact.SyncFixture.membersAnd;
import static dev.webwxbot.core.internal.contact.SyncFixture.person;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.GroupCreated;
import dev.webwxbot.api.event.GroupRenamed;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.core.internal.protocol.Json;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * A change told twice, by a contact update and by a grey line, is one event with the fullest fields, whichever
 * comes first and whether or not they share a webwxsync answer; a line alone raises its event when the book can
 * say who it means and has not shown the change already.
 */
class ContactEventsPairingTest {

    private static final String ALICE_INVITED_ERIN = "\"Alice\"邀请\"Erin\"加入了群聊";
    private static final Instant AT_LINE = Instant.ofEpochSecond(LINE_TIME);

    private final SyncFixture world = new SyncFixture();

    @Test
    void aLineAndItsUpdateInOneSyncAreOneEventWithTheMemberFromTheUpdateAndTheInviterFromTheLine() {
        MemberJoined joined = single(world.sync(List.of(), List.of(hikers("Weekend hikers", ALICE, membersAnd(ERIN, "Erin"))),
                List.of(world.line(HIKERS, ALICE_INVITED_ERIN))), MemberJoined.class);
        assertEquals(ERIN, joined.member().userName());
        assertEquals("Erin", joined.member().nickName());
        assertEquals(Optional.of(ALICE), joined.inviter().map(Contact::userName));
        assertEquals(MemberJoined.Method.INVITED, joined.method());
        assertEquals(AT_LINE, joined.time(), "the line's time: when it happened");
    }

    @Test
    void aLineComingASyncAfterItsUpdateAddsNoSecondEvent() {
        MemberJoined joined = single(world.modified(hikers("Weekend hikers", ALICE, membersAnd(ERIN, "Erin"))),
                MemberJoined.class);
        assertEquals(Optional.empty(), joined.inviter());
        assertEquals(MemberJoined.Method.UNKNOWN, joined.method());
        assertEquals(START, joined.time(), "no line: when the session learnt of it");
        assertEquals(List.of(), world.lines(world.line(HIKERS, ALICE_INVITED_ERIN)));
    }

    @Test
    void aLineComingBeforeItsUpdateWaitsForItAndGivesItsInviter() {
        // Erin is nobody the book knows: the line alone cannot say who she is.
        assertEquals(List.of(), world.lines(world.line(HIKERS, ALICE_INVITED_ERIN)));
        world.clock.advance(Duration.ofMinutes(3));
        MemberJoined joined = single(world.modified(hikers("Weekend hikers", ALICE, membersAnd(ERIN, "Erin"))),
                MemberJoined.class);
        assertEquals(ERIN, joined.member().userName());
        assertEquals(Optional.of(ALICE), joined.inviter().map(Contact::userName));
        assertEquals(AT_LINE, joined.time());
    }

    @Test
    void aLineWaitsForItsUpdateOnlyAFewMinutesBySessionClock() {
        world.lines(world.line(HIKERS, ALICE_INVITED_ERIN));
        world.clock.advance(ContactEvents.MEMORY.plusSeconds(1));
        MemberJoined joined = single(world.modified(hikers("Weekend hikers", ALICE, membersAnd(ERIN, "Erin"))),
                MemberJoined.class);
        assertEquals(Optional.empty(), joined.inviter(), "a stale line is not taken for this join");
    }

    @Test
    void aLineAboutSomeoneTheBookKnowsRaisesTheEventAloneAndItsLateUpdateNothing() {
        MemberLeft left = single(world.lines(world.line(HIKERS, "你将\"Carol\"移出了群聊")), MemberLeft.class);
        assertEquals(CAROL, left.member().userName());
        assertEquals(Optional.of(ContactKind.SELF), left.removedBy().map(Contact::kind));
        assertEquals(List.of(), world.modified(hikers("Weekend hikers", ALICE, ALICE, "Alice", SELF, "Bot")));
    }

    @Test
    void aLineTheBookAlreadyShowsRaisesNothing() {
        assertEquals(List.of(), world.lines(world.line(HIKERS, "\"Alice\"邀请\"Carol\"加入了群聊")), "Carol is in");
        assertEquals(List.of(), world.lines(world.line(HIKERS, "\"Alice\"修改群名为“Weekend hikers”")), "its name");
        assertEquals(List.of(), world.lines(world.line("@@unknown", "\"Alice\"邀请\"Erin\"加入了群聊")),
                "a group the session does not know yet");
    }

    @Test
    void aRenameLineAloneRenamesAndTheUpdateAfterItRaisesNothingMore() {
        ObjectNode line = world.line(HIKERS, "你修改群名为“Sunday hikers”");
        GroupRenamed renamed = single(world.lines(line), GroupRenamed.class);
        assertEquals("Weekend hikers", renamed.oldName());
        assertEquals("Sunday hikers", renamed.newName());
        assertEquals("Sunday hikers", renamed.group().nickName());
        assertEquals(Optional.of(ContactKind.SELF), renamed.renamedBy().map(Contact::kind));
        assertEquals(List.of(), world.lines(line), "the same line delivered again is read once");
        assertEquals(List.of(), world.modified(hikers("Sunday hikers", ALICE, membersAnd())));
    }

    @Test
    void aRenameByAMemberNamesTheRenamer() {
        GroupRenamed renamed = single(world.sync(List.of(), List.of(hikers("Sunday hikers", ALICE, membersAnd())),
                List.of(world.line(HIKERS, "\"Alice\" changed the group name to \"Sunday hikers\""))), GroupRenamed.class);
        assertEquals(Optional.of(ALICE), renamed.renamedBy().map(Contact::userName));
    }

    @Test
    void theLoginsFirstSyncRaisesNothingAndItsLinesAreNotReadAgainLater() {
        ObjectNode line = world.line(HIKERS, ALICE_INVITED_ERIN);
        assertEquals(List.of(), world.events.take(List.of(),
                List.of(hikers("Weekend hikers", ALICE, membersAnd(ERIN, "Erin"))), List.of(line), false));
        Contact group = world.book.byUserName(HIKERS).orElseThrow();
        assertTrue(world.book.members(group).stream().anyMatch(m -> m.userName().equals(ERIN)), "the book is updated");
        assertEquals(List.of(), world.lines(line));
    }

    @Test
    void aGroupNewToTheSessionIsCreatedAndItsInvitationLineIsNoJoin() {
        JsonNode choir = choir();
        String invited = "你邀请\"Alice、Carol\"加入了群聊";
        GroupCreated created = single(world.sync(List.of(), List.of(choir), List.of(world.line("@@choir", invited))),
                GroupCreated.class);
        assertEquals("Choir", created.group().nickName());
        assertEquals(List.of("Alice", "Bot", "Carol"), created.members().stream().map(Contact::nickName).sorted().toList());
        assertEquals(List.of(), world.lines(world.line("@@choir", invited)), "the line a sync later is no join either");
    }

    @Test
    void aGroupThisSessionCreatedIsAnnouncedWhenTheServerFirstListsIt() {
        // As SessionAccountOperations puts it from the webwxcreatechatroom answer: no ContactFlag.
        world.book.put(SyncFixture.json("{\"UserName\":\"@@choir\",\"NickName\":\"Choir\",\"MemberCount\":2,"
                + "\"MemberList\":[{\"UserName\":\"" + ALICE + "\"},{\"UserName\":\"" + CAROL + "\"}]}"));
        single(world.modified(choir()), GroupCreated.class);
        assertEquals(List.of(), world.modified(choir()));
    }

    @Test
    void theAccountRemovedSeesItselfLeaveRemovedByTheMemberTheLineNames() {
        MemberLeft left = single(world.sync(List.of(), List.of(hikers("Weekend hikers", ALICE, ALICE, "Alice", CAROL, "Carol")),
                List.of(world.line(HIKERS, "你被\"Alice\"移出群聊"))), MemberLeft.class);
        assertTrue(left.selfLeft());
        assertEquals(Optional.of(ALICE), left.removedBy().map(Contact::userName));
    }

    @Test
    void aGroupDeletedWithTheRemovedLineIsTheAccountLeavingAndAloneIsTheGroupRemoved() {
        MemberLeft left = single(world.sync(List.of(deleted(HIKERS)), List.of(),
                List.of(world.line(HIKERS, "You were removed from the group chat by \"Alice\""))), MemberLeft.class);
        assertTrue(left.selfLeft());
        assertEquals(Optional.of(ALICE), left.removedBy().map(Contact::userName));

        SyncFixture other = new SyncFixture();
        ContactRemoved removed = single(other.sync(List.of(deleted(HIKERS)), List.of(), List.of()), ContactRemoved.class);
        assertEquals(HIKERS, removed.contact().userName());
    }

    @Test
    void aFriendAddedWithItsCapturedLineIsContactAddedOnceAtTheLinesTime() throws Exception {
        ObjectNode line = (ObjectNode) Json.parse(Files.readAllBytes(
                Path.of("../testdata/corpus/addmsg/unresolved-625268707-type10000-friend-added.json")));
        line.put("FromUserName", "@dave");
        ContactAdded added = single(world.sync(List.of(), List.of(person("@dave", "呼啸而过的小青春", "", 3, 1)),
                List.of(line)), ContactAdded.class);
        assertEquals("@dave", added.contact().userName());
        assertEquals(Instant.ofEpochSecond(1498533407), added.time());
    }

    @Test
    void aFriendLineWithoutItsUpdateAddsTheFriendByItselfAndTheLateUpdateNothingMore() {
        ContactAdded added = single(world.lines(world.line("@dave", "Dave刚刚把你添加到通讯录，现在可以开始聊天了。")),
                ContactAdded.class);
        assertEquals(new Contact("@dave", "Dave", "", "", ContactKind.FRIEND, ""), added.contact());
        assertEquals(List.of(), world.modified(person("@dave", "Dave", "", 3, 1)));
    }

    private static JsonNode choir() {
        return SyncFixture.json("{\"UserName\":\"@@choir\",\"NickName\":\"Choir\",\"ContactFlag\":3,\"ChatRoomOwner\":\""
                + SELF + "\",\"MemberCount\":3,\"MemberList\":[{\"UserName\":\"" + ALICE + "\",\"NickName\":\"Alice\"},"
                + "{\"UserName\":\"" + CAROL + "\",\"NickName\":\"Carol\"},{\"UserName\":\"" + SELF
                + "\",\"NickName\":\"Bot\"}]}");
    }

    static <T extends ContactEvent> T single(List<ContactEvent> events, Class<T> type) {
        assertEquals(1, events.size(), events.toString());
        assertTrue(type.isInstance(events.getFirst()), events.toString());
        return type.cast(events.getFirst());
    }
}
