package dev.webwxbot.emulator;

import dev.webwxbot.emulator.internal.AccountState;
import dev.webwxbot.emulator.internal.ContactState;
import dev.webwxbot.emulator.internal.World;

import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * An account of the emulated world: its identity, its address book, its phone, and what its web clients did.
 * Thread-safe; owned by the {@link Emulator}, nothing to close. Equal when they denote the same account.
 */
public final class Account {
    private final World world;
    private final AccountState state;
    private final Phone phone;

    Account(World world, AccountState state) {
        this.world = world;
        this.state = state;
        this.phone = new Phone(world, state);
    }

    AccountState state() {
        return state;
    }

    /**
     * {@code other} (another account of the same emulator) as this account knows them: a friend (see
     * {@link Emulator#befriend}) or a stranger met in a group; empty when this account does not know them.
     */
    public java.util.Optional<Contact> contactFor(Account other) {
        return java.util.Optional.ofNullable(world.betweenAccounts().contactFor(state, other.state))
                .map(contact -> new Contact(world, contact));
    }

    public long uin() {
        return state.uin();
    }

    public String wxid() {
        return state.wxid();
    }

    public String nickName() {
        return state.nickName();
    }

    public HostFamily hostFamily() {
        return state.family();
    }

    /**
     * Serves this account's synccheck on {@code pushHost} only (e.g. {@code webpush2.wx.qq.com}); every other push
     * host answers {@code 1100}, the "wrong push host" symptom of PROTOCOL.md 1.4 that probing clients get past.
     * {@code null} (the default) serves every push host of the account's family.
     */
    public Account setPushHost(String pushHost) {
        state.pushHost(pushHost == null ? null : pushHost.trim().toLowerCase(java.util.Locale.ROOT));
        return this;
    }

    /** Pins the account to a domain family (default {@link HostFamily#WX}); applies to the next login. */
    public Account setHostFamily(HostFamily family) {
        state.family(Objects.requireNonNull(family, "family"));
        return this;
    }

    public boolean webLoginBanned() {
        return state.webLoginBanned();
    }

    /** When banned, webwxnewloginpage answers {@code 1203} unless the login is a desktop (UOS) login that is allowed. */
    public Account setWebLoginBanned(boolean banned) {
        state.webLoginBanned(banned);
        return this;
    }

    /** Whether a desktop (UOS) login bypasses the web-login ban (default true). */
    public Account setDesktopLoginAllowed(boolean allowed) {
        state.desktopLoginAllowed(allowed);
        return this;
    }

    public Phone phone() {
        return phone;
    }

    /**
     * A friend (someone who added the account). While a web session is live it gets the friend through
     * ModContactList and, in the same webwxsync answer, the line the phone shows, "X刚刚把你添加到通讯录，现在可以开始聊天了。"
     * (PROTOCOL.md 9.5.11). Before any login this only sets up the address book the login will list.
     */
    public Contact addFriend(String nickName) {
        return new Contact(world, world.contactChanges().add(state, ContactKind.FRIEND,
                Objects.requireNonNull(nickName, "nickName")));
    }

    /** A person who is not in the address book (for groups); sending to them answers {@code 1204}. Sessions hear nothing. */
    public Contact addStranger(String nickName) {
        return new Contact(world, world.contactChanges().add(state, ContactKind.STRANGER,
                Objects.requireNonNull(nickName, "nickName")));
    }

    /** An official account the account follows; a live session gets it through ModContactList, with no line. */
    public Contact addOfficialAccount(String nickName) {
        return new Contact(world, world.contactChanges().add(state, ContactKind.OFFICIAL_ACCOUNT,
                Objects.requireNonNull(nickName, "nickName")));
    }

    /**
     * A group saved to the address book, with friends or strangers of this account as members, owned by its first
     * member (see {@link Contact#transferOwnership}). A live session gets it through ModContactList with its
     * MemberList and ChatRoomOwner; no line follows, since the sources give none for being pulled into a group.
     */
    public Contact addGroup(String name, Contact... members) {
        return new Contact(world, world.groupChanges().add(state, Objects.requireNonNull(name, "name"),
                Arrays.stream(members).map(Contact::state).toList()));
    }

    /**
     * A stranger sends a friend request: a {@code 37} from {@code fmessage} whose RecommendInfo carries the
     * requester's UserName and Ticket (9.5.4). The returned contact is a stranger until the request is accepted.
     */
    public Contact receiveFriendRequest(String nickName, String greeting) {
        return new Contact(world, world.contactChanges().friendRequest(state, Objects.requireNonNull(nickName, "nickName"),
                Objects.requireNonNull(greeting, "greeting")));
    }

    /** A grey {@code 10000} line in {@code chat} (a person or a group); returns the MsgId. */
    public String systemNotice(Contact chat, String text) {
        return world.delivery().deliver(state, chat.state(), chat.state(), MessageBody.systemNotice(text).payload());
    }

    /** A friend request a web client sent (webwxverifyuser opcode 2): to whom, with which greeting. */
    public record SentFriendRequest(Contact to, String greeting) {
    }

    /** Every friend request web clients sent, in order. */
    public List<SentFriendRequest> sentFriendRequests() {
        return world.contactChanges().friendRequestsSent(state).stream()
                .map(request -> new SentFriendRequest(new Contact(world, request.to()), request.greeting())).toList();
    }

    /**
     * Removes {@code contact} (a friend, official account or group) from the address book: sessions get it in
     * DelContactList (selector 6), with no line. A deleted friend still in a group stays known as a stranger.
     */
    public void deleteContact(Contact contact) {
        world.contactChanges().delete(contact.state());
    }

    /**
     * Delivers a captured {@code AddMsgList} entry (e.g. a corpus file) to the live sessions: {@code ToUserName}
     * becomes the session's self name, a {@code @…} {@code FromUserName} becomes {@code from}'s UserName (names
     * without {@code @}, such as {@code fmessage}, are kept), and a group sender prefix in {@code Content} becomes
     * the UserName of {@code from}'s first member. Keys clients add after receipt ({@code MM…}, {@code _…},
     * {@code $$…}, {@code LocalID}, …) are dropped; everything else is sent as captured. Returns the MsgId.
     *
     * @throws IllegalArgumentException when the text is not a JSON object
     */
    public String injectRawMessage(String addMsgJson, Contact from) {
        return world.rawMessages().inject(state, Objects.requireNonNull(addMsgJson, "addMsgJson"), from.state());
    }

    /**
     * As {@link #injectRawMessage(String, Contact)} for an entry recorded in another session (a {@code run --record}
     * file): every recorded UserName in it (sender, group member prefix, {@code <session>} of a revoke, mentions...)
     * becomes the UserName this session knows the mapped contact by, and {@code recordedSelf} the session's self
     * name, wherever it appears; no group member is guessed.
     *
     * @param recordedNames recorded UserName to the contact of this account that stands for it
     */
    public String injectRawMessage(String addMsgJson, Contact from, String recordedSelf,
                                   Map<String, Contact> recordedNames) {
        Map<String, ContactState> names = new HashMap<>();
        recordedNames.forEach((name, contact) -> names.put(name, contact.state()));
        return world.rawMessages().inject(state, Objects.requireNonNull(addMsgJson, "addMsgJson"), from.state(),
                Objects.requireNonNull(recordedSelf, "recordedSelf"), names);
    }

    /**
     * As {@link #injectRawMessage(String, Contact)}, mapping a {@code @@…} sender to the first group and a {@code @…}
     * sender to the first friend of the account (falling back to {@code filehelper}).
     */
    public String injectRawMessage(String addMsgJson) {
        return world.rawMessages().inject(state, Objects.requireNonNull(addMsgJson, "addMsgJson"), null);
    }

    /** The built-in {@code filehelper}. */
    public Contact fileHelper() {
        return contacts().getFirst();
    }

    /** Every contact, built-ins ({@code filehelper}, {@code weixin}) first, then in the order added. */
    public List<Contact> contacts() {
        return world.accounts().contactsOf(state).stream().map(c -> new Contact(world, c)).toList();
    }

    /** True while a live web session of this account has done webwxinit. */
    public boolean isOnline() {
        return world.sessions().isOnline(state);
    }

    /** Blocks until a live web session has done webwxinit; throws {@link EmulatorTimeoutException} otherwise. */
    public void awaitOnline(Duration timeout) {
        world.sessions().awaitOnline(state, timeout);
    }

    /**
     * Blocks until a synccheck of the live web session is held: its client has caught up and waits for news, so
     * what a test makes happen next (a friend writes, the phone logs out) answers that held poll.
     */
    public void awaitHeldSyncCheck(Duration timeout) {
        world.sessions().awaitHeldSyncCheck(state, timeout);
    }

    /** The self UserName of the live session, or {@code null}. */
    public String userName() {
        return world.sessions().selfUserName(state);
    }

    /** Takes the next message a web client sent, in order; throws {@link EmulatorTimeoutException} if none comes. */
    public SentMessage awaitSentMessage(Duration timeout) {
        return world.webSends().awaitNext(state, timeout);
    }

    /** Every message web clients sent, taken or not. */
    public List<SentMessage> sentMessages() {
        return world.webSends().of(state);
    }

    /** Every send refused with {@code Ret 1205} by a {@link SendRateLimit}, oldest first; none was delivered. */
    public List<ThrottledSend> throttledSends() {
        return world.webSends().throttled(state);
    }

    /**
     * Calls {@code listener} for every conversation line from now on, on the thread that caused it (a test thread
     * or a network thread): keep it quick and do not block.
     */
    public void onConversation(Consumer<ConversationLine> listener) {
        state.addConversationListener(Objects.requireNonNull(listener, "listener"));
    }

    /** Every conversation line so far. */
    public List<ConversationLine> conversation() {
        return world.conversations().of(state);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Account account && account.state == state;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(state);
    }

    @Override
    public String toString() {
        return "Account " + state.nickName() + " (" + state.uin() + ")";
    }
}
