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
import java.util.function.Function;

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

    /**
     * What a queued event is, and the synccheck selector it raises (PROTOCOL.md 4.3's suggested model: 2 messages,
     * 4 contact modified, 6 contact added or deleted).
     */
    enum EventKind {
        MESSAGE(2), MOD_CONTACT(4), ADD_CONTACT(6), DEL_CONTACT(6);

        final int selector;

        EventKind(int selector) {
            this.selector = selector;
        }
    }

    /**
     * An event waiting for webwxsync, numbered by the Key 1 sequence it raised the counter to. {@code entry} is what
     * goes into the list of its kind: a {@link Wire.Message}, a raw JSON message, or a contact entry.
     * {@code forSession} renders the same event for another session of the account (its UserNames are
     * session-scoped), or is {@code null} when the event cannot move: a zombie session hands its undelivered
     * messages on to the login that replaces it.
     */
    record Queued(long seq, EventKind kind, Object entry, long createTime, Function<WebSession, Object> forSession) {
    }

    /**
     * A zombie fault stuck to this session (our own model of what peers' issue threads report; PROTOCOL.md says
     * nothing of such sessions): until the client calls webwxinit again, or a new login replaces the session.
     */
    enum Zombie {
        NONE,
        /** synccheck answers 0/0 after its hold, webwxsync nothing and the presented SyncKey. */
        FROZEN_SYNC,
        /** synccheck as usual (selector 2 at once while anything waits), webwxsync nothing and the presented key. */
        STUCK_SYNC_KEY,
        /** Sends are taken and answered, but never echoed through sync. */
        LOST_ECHOES;

        /** Whether webwxsync withholds everything. */
        boolean withholdsSync() {
            return this == FROZEN_SYNC || this == STUCK_SYNC_KEY;
        }
    }

    /**
     * The most events one webwxsync hands out. The sources are silent on a real server's limit; without one, a
     * session that comes back to a long backlog would get it all in one answer (tens of megabytes), which no client
     * can be expected to take. PROTOCOL.md 11.4 names the way a server spreads a backlog: {@code ContinueFlag} ≠ 0
     * and the rest on the next round (4.2: clients that ignore the flag still get it, since their next synccheck
     * answers at once while events remain).
     */
    static final int SYNC_BATCH_LIMIT = 500;

    /**
     * What one webwxsync hands out.
     *
     * @param lastSeq the Key 1 the answer's SyncKey carries: the newest event handed out
     * @param more whether events newer than {@code lastSeq} remain (the answer's ContinueFlag)
     */
    record SyncBatch(List<Object> messages, List<Object> modContacts, List<Object> delContacts, long lastSeq,
                     boolean more) {
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
    Zombie zombie = Zombie.NONE;

    private final Ids ids;
    private final Map<ContactState, String> userNames = new IdentityHashMap<>();
    private final Map<String, ContactState> byUserName = new HashMap<>();
    private final Map<ContactState, String> encryChatRoomIds = new IdentityHashMap<>();

    // Sync counters: Key 1 counts messages; the other keys are carried as the captures show them.
    private long messageSeq;
    private long ackedSeq;
    private long key2;
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
        enqueue(EventKind.MESSAGE, message, message.createTime());
    }

    /**
     * Queues any event and wakes held synccheck requests with its selector. Every kind raises Key 1, so that one
     * presented key acknowledges everything (contact events also raise Key 2, as the suggested model counts them).
     */
    void enqueue(EventKind kind, Object entry, long createTime) {
        enqueue(kind, entry, createTime, null);
    }

    /** As {@link #enqueue(EventKind, Object, long)}, with how to render the event for another session. */
    void enqueue(EventKind kind, Object entry, long createTime, Function<WebSession, Object> forSession) {
        messageSeq++;
        if (kind != EventKind.MESSAGE) {
            key2++;
        }
        pending.addLast(new Queued(messageSeq, kind, entry, createTime, forSession));
        key201 = createTime;
        completeSyncChecks(SyncCheckReplies.answer(0, kind.selector));
    }

    boolean hasMessagesAfter(long presentedKey1) {
        return presentedKey1 < messageSeq;
    }

    /** The selector of the oldest event newer than the presented Key 1 (2 when only acknowledged ones remain). */
    int selectorAfter(long presentedKey1) {
        for (Queued queued : pending) {
            if (queued.seq() > presentedKey1) {
                return queued.kind().selector;
            }
        }
        return EventKind.MESSAGE.selector;
    }

    /** Events newer than the presented Key 1; everything at or below it counts as received and is dropped. */
    SyncBatch takeEventsAfter(long presentedKey1) {
        while (!pending.isEmpty() && pending.peekFirst().seq() <= presentedKey1) {
            pending.removeFirst();
        }
        ackedSeq = Math.max(ackedSeq, Math.min(presentedKey1, messageSeq));
        List<Object> messages = new ArrayList<>();
        List<Object> mods = new ArrayList<>();
        List<Object> dels = new ArrayList<>();
        int taken = 0;
        long last = presentedKey1;
        for (Queued queued : pending) {
            if (queued.seq() > presentedKey1) {
                if (taken == SYNC_BATCH_LIMIT) {
                    return new SyncBatch(messages, mods, dels, last, true);
                }
                taken++;
                last = queued.seq();
                switch (queued.kind()) {
                    case MESSAGE -> messages.add(queued.entry());
                    case MOD_CONTACT, ADD_CONTACT -> mods.add(queued.entry());
                    case DEL_CONTACT -> dels.add(queued.entry());
                }
            }
        }
        return new SyncBatch(messages, mods, dels, messageSeq, false);
    }


    /** Init's four keys; Key 1 sits below anything not yet received so the first sync delivers it. */
    Wire.SyncKey initSyncKey() {
        return Wire.SyncKey.of(List.of(new Wire.KeyVal(1, ackedSeq), new Wire.KeyVal(2, key2),
                new Wire.KeyVal(3, key3), new Wire.KeyVal(1000, key1000)));
    }

    /** The fuller key set later syncs return (1, 2, 3, 11, 201, 1000, 1001 as in the captures). */
    Wire.SyncKey currentSyncKey() {
        return syncKeyAt(messageSeq);
    }

    /** The current keys with Key 1 at {@code key1}: where a batch cut short by {@link #SYNC_BATCH_LIMIT} ends. */
    Wire.SyncKey syncKeyAt(long key1) {
        return Wire.SyncKey.of(List.of(new Wire.KeyVal(1, key1), new Wire.KeyVal(2, key2),
                new Wire.KeyVal(3, key3), new Wire.KeyVal(11, key11), new Wire.KeyVal(201, key201),
                new Wire.KeyVal(1000, key1000), new Wire.KeyVal(1001, key1001)));
    }

    /**
     * Takes over what a zombie session held back and never delivered (events it could render for another session),
     * in their order; the caller ends that session.
     */
    int adoptUndelivered(WebSession zombieSession) {
        int adopted = 0;
        for (Queued queued : zombieSession.pending) {
            if (queued.seq() > zombieSession.ackedSeq && queued.forSession() != null) {
                enqueue(queued.kind(), queued.forSession().apply(this), queued.createTime(), queued.forSession());
                adopted++;
            }
        }
        return adopted;
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
