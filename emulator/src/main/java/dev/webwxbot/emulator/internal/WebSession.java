package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.HostFamily;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * One web login of an account: its credentials, its session-scoped UserNames and its sync state (the per-session
 * counters model of PROTOCOL.md 4.3). Guarded by the {@link World} monitor.
 */
final class WebSession {

    /** Why a session is (no longer) usable, and the retcode/Ret it answers with. */
    enum State {
        LIVE(0), LOGGED_OUT_BY_PHONE(1100), LOGGED_OUT_BY_CLIENT(1101), KICKED(1101), IDLE_EXPIRED(1101);

        final int code;

        State(int code) {
            this.code = code;
        }
    }

    /** A message waiting for webwxsync, numbered by the Key 1 sequence it raised the counter to. */
    record Queued(long seq, Wire.Message message) {
    }

    final AccountState account;
    final HostFamily family;
    final String sid;
    final String skey;
    final String passTicket;
    final String dataTicket;
    final Instant loginTime;
    final String selfUserName;
    final boolean desktop;
    final String lang;
    State state = State.LIVE;
    boolean inited;
    Instant lastActivity;

    private final Ids ids;
    private final Map<ContactState, String> userNames = new IdentityHashMap<>();
    private final Map<String, ContactState> byUserName = new HashMap<>();
    private final Map<ContactState, String> encryChatRoomIds = new IdentityHashMap<>();

    // Sync counters: Key 1 counts messages; the other keys are carried as the captures show them.
    private long messageSeq;
    private long ackedSeq;
    private final long key2;
    private final long key3;
    private final long key11;
    private final long key1000;
    private final long key1001;
    private long key201;
    final long contactCursorBase;
    final Deque<Queued> pending = new ArrayDeque<>();
    final List<HeldReply> syncCheckWaiters = new ArrayList<>();

    WebSession(AccountState account, Ids ids, Instant loginTime, boolean desktop, String lang) {
        this.account = account;
        this.ids = ids;
        this.family = account.family();
        this.sid = ids.wxsid();
        this.skey = ids.skey();
        this.passTicket = ids.passTicket();
        this.dataTicket = ids.dataTicket();
        this.loginTime = loginTime;
        this.lastActivity = loginTime;
        this.desktop = desktop;
        this.lang = lang;
        this.selfUserName = ids.personUserName(32);
        long base = account.nextSyncKeyBase;
        account.nextSyncKeyBase = base + 100_000;
        long seconds = loginTime.getEpochSecond();
        this.messageSeq = base;
        this.ackedSeq = base;
        this.key2 = base + 4;
        this.key3 = base - 54;
        this.key11 = base - 2_697;
        this.key1000 = seconds - 859;
        this.key1001 = seconds - 786;
        this.key201 = seconds;
        this.contactCursorBase = ids.between(600_000_000L, 700_000_000L);
    }

    long uin() {
        return account.uin();
    }

    boolean live() {
        return state == State.LIVE;
    }

    /** The session-scoped UserName of a contact, assigned on first use (PROTOCOL.md 0.5). */
    String userNameOf(ContactState contact) {
        return userNames.computeIfAbsent(contact, c -> {
            String name = switch (c.kind()) {
                case SPECIAL -> c.permanentId();
                case GROUP -> ids.groupUserName();
                case OFFICIAL_ACCOUNT -> ids.personUserName(32);
                case FRIEND, STRANGER -> ids.personUserName(64);
            };
            byUserName.put(name, c);
            return name;
        });
    }

    /** The contact a UserName of this session names, or {@code null}. */
    ContactState contactOf(String userName) {
        return userName == null ? null : byUserName.get(userName);
    }

    String encryChatRoomIdOf(ContactState group) {
        return encryChatRoomIds.computeIfAbsent(group, g -> ids.encryChatRoomId());
    }

    /** Names every contact of the account now, so that lookups by UserName work before the client lists them. */
    void assignAllUserNames() {
        for (ContactState contact : account.contacts) {
            userNameOf(contact);
            if (contact.kind() == ContactKind.GROUP) {
                contact.membersUnsafe().forEach(this::userNameOf);
            }
        }
    }

    /** Queues a message and wakes any held synccheck with selector 2. */
    void enqueue(Wire.Message message) {
        messageSeq++;
        pending.addLast(new Queued(messageSeq, message));
        key201 = message.createTime();
        completeSyncChecks(SyncCheckReplies.answer(0, 2));
    }

    boolean hasMessagesAfter(long presentedKey1) {
        return presentedKey1 < messageSeq;
    }

    /** Messages newer than the presented Key 1; everything at or below it counts as received and is dropped. */
    List<Wire.Message> takeMessagesAfter(long presentedKey1) {
        while (!pending.isEmpty() && pending.peekFirst().seq() <= presentedKey1) {
            pending.removeFirst();
        }
        ackedSeq = Math.max(ackedSeq, Math.min(presentedKey1, messageSeq));
        List<Wire.Message> out = new ArrayList<>();
        for (Queued queued : pending) {
            if (queued.seq() > presentedKey1) {
                out.add(queued.message());
            }
        }
        return out;
    }

    /** Init's four keys; Key 1 sits below anything not yet received so the first sync delivers it. */
    Wire.SyncKey initSyncKey() {
        return Wire.SyncKey.of(List.of(new Wire.KeyVal(1, ackedSeq), new Wire.KeyVal(2, key2),
                new Wire.KeyVal(3, key3), new Wire.KeyVal(1000, key1000)));
    }

    /** The fuller key set later syncs return (1, 2, 3, 11, 201, 1000, 1001 as in the captures). */
    Wire.SyncKey currentSyncKey() {
        return Wire.SyncKey.of(List.of(new Wire.KeyVal(1, messageSeq), new Wire.KeyVal(2, key2),
                new Wire.KeyVal(3, key3), new Wire.KeyVal(11, key11), new Wire.KeyVal(201, key201),
                new Wire.KeyVal(1000, key1000), new Wire.KeyVal(1001, key1001)));
    }

    long key1000() {
        return key1000;
    }

    /** Ends the session and answers its held synccheck requests with the state's retcode. */
    void end(State newState) {
        if (state != State.LIVE) {
            return;
        }
        state = newState;
        completeSyncChecks(SyncCheckReplies.answer(newState.code, 0));
    }

    void completeSyncChecks(Reply reply) {
        List<HeldReply> waiting = new ArrayList<>(syncCheckWaiters);
        syncCheckWaiters.clear();
        for (HeldReply held : waiting) {
            held.complete(reply);
        }
    }
}
