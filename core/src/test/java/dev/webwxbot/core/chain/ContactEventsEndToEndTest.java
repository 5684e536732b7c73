package dev.webwxbot.core.chain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Result;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactChanged;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.GroupCreated;
import dev.webwxbot.api.event.GroupOwnerChanged;
import dev.webwxbot.api.event.GroupRenamed;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.core.EmulatorWorld;
import dev.webwxbot.core.PhoneLogin;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.emulator.Account;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every kind of contact and group event, caused through the emulator's Java API while the bot is online, reaches a
 * plugin in the chain exactly once, typed, with the member from the contact update and the inviter, remover or
 * renamer from the grey line the server sends beside it. After each change the test waits until the session has
 * caught up (its next synccheck is held) and the chain is done, so a second event would have been seen.
 */
class ContactEventsEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private EmulatorWorld world;
    private Account account;
    private Contact alice;
    private Contact bob;
    private Contact carol;
    private Contact hikers;
    private final Recorder plugin = new Recorder();
    private ChainLogin login;

    @BeforeEach
    void online() throws Exception {
        world = EmulatorWorld.start();
        account = world.account;
        alice = account.addFriend("Alice");
        bob = account.addFriend("Bob");
        carol = account.addStranger("Carol");
        hikers = account.addGroup("Weekend hikers", alice, bob, carol);   // its owner is Alice, the first member
        login = new ChainLogin(account, new PluginChain(List.of(RegisteredHandler.declared("recorder", plugin))));
        login.session = world.client.newSession(SessionOptions.defaults(), login);
        login.session.start().get(EmulatorWorld.LOGIN_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        account.awaitHeldSyncCheck(WAIT);   // past the login's first sync, which raises nothing
        login.awaitDispatched();
        assertEquals(List.of(), plugin.contactEvents(), "nothing is raised for what the login loads");
    }

    @AfterEach
    void stop() {
        login.chain.close();
        world.close();
    }

    @Test
    void aFriendAddedWhileOnlineIsContactAddedOnceThoughTheLineSaysItToo() throws Exception {
        Contact dave = account.addFriend("Dave");
        ContactAdded added = only(ContactAdded.class);
        assertEquals(dave.userName(), added.contact().userName());
        assertEquals("Dave", added.contact().nickName());
        assertEquals(ContactKind.FRIEND, added.contact().kind());
        assertEquals(added.contact(), added.chat());
        assertTrue(plugin.notices().stream().anyMatch(n -> n.kind() == SystemNotice.Kind.FRIEND_ADDED),
                "the grey line still reaches plugins as a message: " + plugin.notices());
    }

    @Test
    void aDeletedFriendIsContactRemoved() throws Exception {
        account.deleteContact(bob);
        ContactRemoved removed = only(ContactRemoved.class);
        assertEquals(bob.userName(), removed.contact().userName());
        assertEquals("Bob", removed.contact().nickName());
    }

    @Test
    void aRemarkChangeSaysWhatChangedWithBothVersions() throws Exception {
        alice.modify(null, "Aunt Alice");
        ContactChanged changed = only(ContactChanged.class);
        assertEquals(Set.of(ContactChanged.Change.REMARK), changed.changes());
        assertEquals("", changed.before().remarkName());
        assertEquals("Aunt Alice", changed.after().remarkName());
        assertEquals(alice.userName(), changed.chat().userName());
    }

    @Test
    void aNewAvatarIsAHeadImageChange() throws Exception {
        alice.changeHeadImage();
        assertEquals(Set.of(ContactChanged.Change.HEAD_IMAGE), only(ContactChanged.class).changes());
    }

    @Test
    void pinningAChatIsAPinnedChangeWithTheFlagsAfterIt() throws Exception {
        bob.setPinned(true);
        ContactChanged pinned = only(ContactChanged.class);
        assertEquals(Set.of(ContactChanged.Change.PINNED), pinned.changes());
        assertEquals(new ContactChanged.Flags(false, true, false), pinned.flags());
    }

    @Test
    void aMemberInvitedByAnotherJoinsWithTheInviterNamed() throws Exception {
        Contact erin = account.addStranger("Erin");
        hikers.addMember(erin, bob);
        MemberJoined joined = only(MemberJoined.class);
        assertEquals(hikers.userName(), joined.group().userName());
        assertEquals(erin.userName(), joined.member().userName());
        assertEquals("Erin", joined.member().nickName());
        assertEquals(Optional.of(bob.userName()), joined.inviter().map(dev.webwxbot.api.Contact::userName));
        assertEquals(MemberJoined.Method.INVITED, joined.method());
        assertEquals(hikers.userName(), joined.chat().userName());
    }

    @Test
    void aMemberWhoScannedTheAccountsQrCodeJoinsByQrCodeSharedByTheAccount() throws Exception {
        Contact erin = account.addStranger("Erin");
        hikers.addMemberByQrCode(erin, null);
        MemberJoined joined = only(MemberJoined.class);
        assertEquals(erin.userName(), joined.member().userName());
        assertEquals(MemberJoined.Method.QR_CODE, joined.method());
        assertEquals(ContactKind.SELF, joined.inviter().orElseThrow().kind());
    }

    @Test
    void aMemberWhoQuitsLeavesRemovedByNobody() throws Exception {
        hikers.memberQuits(carol);
        MemberLeft left = only(MemberLeft.class);
        assertEquals(carol.userName(), left.member().userName());
        assertEquals(Optional.empty(), left.removedBy());
        assertFalse(left.selfLeft());
    }

    @Test
    void aMemberTheAccountRemovesLeavesRemovedByTheAccount() throws Exception {
        hikers.removeMember(carol, null);
        MemberLeft left = only(MemberLeft.class);
        assertEquals(carol.userName(), left.member().userName());
        assertEquals(ContactKind.SELF, left.removedBy().orElseThrow().kind());
    }

    @Test
    void theAccountRemovedFromAGroupLeavesItItselfRemovedByTheMemberNamed() throws Exception {
        hikers.removeAccount(bob);
        MemberLeft left = only(MemberLeft.class);
        assertTrue(left.selfLeft());
        assertEquals(Optional.of(bob.userName()), left.removedBy().map(dev.webwxbot.api.Contact::userName));
    }

    @Test
    void aRenameByAMemberNamesTheRenamerAndBothNames() throws Exception {
        hikers.renameGroup("Sunday hikers", bob);
        GroupRenamed renamed = only(GroupRenamed.class);
        assertEquals("Weekend hikers", renamed.oldName());
        assertEquals("Sunday hikers", renamed.newName());
        assertEquals("Sunday hikers", renamed.group().nickName());
        assertEquals(Optional.of(bob.userName()), renamed.renamedBy().map(dev.webwxbot.api.Contact::userName));
    }

    @Test
    void aGroupTheAccountIsBroughtIntoIsCreated() throws Exception {
        Contact book = account.addGroup("Book club", alice, carol);
        GroupCreated created = only(GroupCreated.class);
        assertEquals(book.userName(), created.group().userName());
        assertEquals("Book club", created.group().nickName());
        assertEquals(Set.of("Alice", "Carol", "Bot"),
                Set.copyOf(created.members().stream().map(dev.webwxbot.api.Contact::nickName).toList()));
    }

    @Test
    void aGroupTheBotCreatesIsCreatedOnceAndItsInvitationLineIsNoJoin() throws Exception {
        Result<dev.webwxbot.api.Contact> made = login.session.bot().account().createGroup("Choir", List.of(
                contact(alice), contact(bob)));
        dev.webwxbot.api.Contact group = ((Result.Ok<dev.webwxbot.api.Contact>) made).value();
        GroupCreated created = only(GroupCreated.class);
        assertEquals(group.userName(), created.group().userName());
    }

    @Test
    void ownershipPassingToTheAccountSaysTheAccountOwnsItNow() throws Exception {
        hikers.transferOwnership(null);
        GroupOwnerChanged owner = only(GroupOwnerChanged.class);
        assertTrue(owner.ownedBySelf());
        // Login's batch-get says only that the account did not own it (IsOwner 0), not who did.
        assertEquals(Optional.empty(), owner.previousOwner());
    }

    @Test
    void ownershipPassingBetweenMembersNamesBothOnceTheSessionKnewTheOwner() throws Exception {
        hikers.renameGroup("Sunday hikers", bob);   // its update names the owner, Alice
        only(GroupRenamed.class);
        plugin.forget();
        hikers.transferOwnership(bob);
        GroupOwnerChanged owner = only(GroupOwnerChanged.class);
        assertEquals(Optional.of(alice.userName()), owner.previousOwner().map(dev.webwxbot.api.Contact::userName));
        assertEquals(bob.userName(), owner.owner().userName());
        assertFalse(owner.ownedBySelf());
    }

    /**
     * Waits for the event the change raises, then until the session caught up and the chain is done with all it was
     * given, and checks it was the only contact event.
     */
    private <T extends ContactEvent> T only(Class<T> type) throws Exception {
        Await.until(() -> plugin.contactEvents().stream().anyMatch(type::isInstance), type.getSimpleName(), WAIT);
        account.awaitHeldSyncCheck(WAIT);
        login.awaitDispatched();
        List<ContactEvent> events = plugin.contactEvents();
        assertEquals(1, events.size(), events.toString());
        return type.cast(events.getFirst());
    }

    private dev.webwxbot.api.Contact contact(Contact contact) {
        return login.session.bot().contacts().byUserName(contact.userName()).orElseThrow();
    }

    /** A plugin that writes down every event it is handed. */
    private static final class Recorder implements MessageHandler {
        private final List<BotEvent> events = new CopyOnWriteArrayList<>();

        @Override
        public Outcome handle(BotEvent event, HandlerContext context) {
            events.add(event);
            return Outcome.CONTINUE;
        }

        List<ContactEvent> contactEvents() {
            return events.stream().filter(ContactEvent.class::isInstance).map(ContactEvent.class::cast).toList();
        }

        void forget() {
            events.clear();
        }

        List<SystemNotice> notices() {
            return events.stream().filter(SystemNotice.class::isInstance).map(SystemNotice.class::cast).toList();
        }
    }

    /** Hands every event to the chain as the launcher does, and keeps the dispatches to wait for. */
    private static final class ChainLogin extends PhoneLogin {
        final PluginChain chain;
        final List<CompletableFuture<DispatchTrace>> dispatched = new CopyOnWriteArrayList<>();
        volatile Session session;

        ChainLogin(Account account, PluginChain chain) {
            super(account);
            this.chain = chain;
        }

        @Override
        public void onEvent(BotEvent event) {
            super.onEvent(event);
            dispatched.add(chain.dispatch(event, session.bot()));
        }

        @Override
        public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
            CompletableFuture<DispatchTrace> trace = chain.dispatch(message, bot);
            dispatched.add(trace);
            return trace;
        }

        void awaitDispatched() throws Exception {
            for (CompletableFuture<DispatchTrace> trace : dispatched) trace.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }
    }
}
