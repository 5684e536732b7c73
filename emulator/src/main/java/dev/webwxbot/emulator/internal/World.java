package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.SentMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The emulated world: accounts, their contacts, QR logins, tickets and web sessions. Every mutation happens under
 * this object's monitor; blocking waits of test threads wait on it too, and every change wakes them.
 * Network threads only ever hold the monitor briefly and never wait on it.
 */
public final class World {
    private static final Logger LOG = LoggerFactory.getLogger(World.class);
    private static final int ENDED_SESSIONS_KEPT = 16;
    private static final int QR_LOGINS_KEPT = 1_000;

    final EmulatorSettings settings;
    final Ids ids = new Ids();
    private final List<AccountState> accounts = new ArrayList<>();
    private final Map<String, QrLogin> qrLogins = new LinkedHashMap<>();
    private final Map<String, LoginTicket> tickets = new HashMap<>();
    private final Map<String, WebSession> sessionsBySid = new HashMap<>();

    public World(EmulatorSettings settings) {
        this.settings = settings;
    }

    Instant now() {
        return Instant.now();
    }

    // ---- accounts and contacts -------------------------------------------------------------------------------

    public synchronized AccountState addAccount(String nickName) {
        AccountState account = new AccountState(uniqueUin(), ids.wxid(), nickName, ids.uvid(), ids.authTicket(),
                ids.between(100_000_000L, 1_999_999_999L), ids.between(600_000_000L, 700_000_000L));
        accounts.add(account);
        account.fileHelper = addContactLocked(account, ContactKind.SPECIAL, "filehelper", "文件传输助手", List.of());
        addContactLocked(account, ContactKind.SPECIAL, "weixin", "微信团队", List.of());
        notifyAll();
        return account;
    }

    public synchronized List<AccountState> accounts() {
        return List.copyOf(accounts);
    }

    public synchronized ContactState addContact(AccountState owner, ContactKind kind, String nickName,
                                                List<ContactState> members) {
        String id = switch (kind) {
            case FRIEND, STRANGER -> ids.wxid();
            case OFFICIAL_ACCOUNT -> ids.officialAccountId();
            case GROUP -> ids.chatroomId();
            case SPECIAL -> throw new IllegalArgumentException("special accounts are built in");
        };
        for (ContactState member : members) {
            if (member.owner() != owner || (member.kind() != ContactKind.FRIEND && member.kind() != ContactKind.STRANGER)) {
                throw new IllegalArgumentException("group members must be friends or strangers of the same account: " + member);
            }
        }
        ContactState contact = addContactLocked(owner, kind, id, nickName, members);
        notifyAll();
        return contact;
    }

    private ContactState addContactLocked(AccountState owner, ContactKind kind, String id, String nickName,
                                          List<ContactState> members) {
        ContactState contact = new ContactState(owner, kind, id, nickName, ids.between(600_000_000L, 700_000_000L),
                kind == ContactKind.FRIEND || kind == ContactKind.STRANGER ? ids.between(10_000L, 200_000L) : 0L);
        contact.membersUnsafe().addAll(members);
        owner.contacts.add(contact);
        return contact;
    }

    public synchronized List<ContactState> contactsOf(AccountState account) {
        return List.copyOf(account.contacts);
    }

    public synchronized List<ContactState> membersOf(ContactState group) {
        return List.copyOf(group.membersUnsafe());
    }

    private long uniqueUin() {
        while (true) {
            long uin = ids.uin();
            if (accounts.stream().noneMatch(a -> a.uin() == uin)) {
                return uin;
            }
        }
    }

    // ---- QR login -------------------------------------------------------------------------------------------

    synchronized QrLogin issueQr(boolean desktopRequested, String lang) {
        String uuid;
        do {
            uuid = ids.qrUuid();
        } while (qrLogins.containsKey(uuid));
        QrLogin qr = new QrLogin(uuid, now(), desktopRequested, lang);
        qrLogins.put(uuid, qr);
        if (qrLogins.size() > QR_LOGINS_KEPT) {
            qrLogins.remove(qrLogins.keySet().iterator().next());
        }
        notifyAll();
        return qr;
    }

    synchronized QrLogin qr(String uuid) {
        return uuid == null ? null : qrLogins.get(uuid);
    }

    /** The newest uuid that is neither scanned, confirmed nor expired; waits for jslogin to issue one. */
    public String awaitQrUuid(Duration timeout) {
        String[] found = new String[1];
        awaitCondition(timeout, "no unscanned QR uuid was issued", () -> {
            found[0] = newestWaitingUuid();
            return found[0] != null;
        });
        return found[0];
    }

    /** The newest uuid neither scanned, confirmed nor expired, or {@code null}; never blocks. */
    public synchronized String newestWaitingUuid() {
        Instant now = now();
        String found = null;
        for (QrLogin qr : qrLogins.values()) {
            if (qr.state == QrLogin.State.WAITING && !qr.expired(now, settings.uuidTtl())) {
                found = qr.uuid;
            }
        }
        return found;
    }

    public synchronized void scan(AccountState account, String uuid) {
        QrLogin qr = qrLogins.get(uuid);
        if (qr == null || qr.expired(now(), settings.uuidTtl())) {
            throw new IllegalStateException("unknown or expired QR uuid " + uuid);
        }
        if (qr.state != QrLogin.State.WAITING) {
            throw new IllegalStateException("QR uuid " + uuid + " is " + qr.state);
        }
        qr.state = QrLogin.State.SCANNED;
        qr.scannedBy = account;
        qr.scanSeconds = now().getEpochSecond();
        qr.scanReported = false;
        boolean delivered = false;
        for (QrLogin.Poller poller : qr.pollers) {
            delivered |= poller.held().complete(LoginPollReplies.scanned(account, poller.wantsAvatar()));
        }
        qr.pollers.clear();
        // The real server answers 201 once; a later poll waits for the confirmation.
        qr.scanReported = delivered;
        notifyAll();
    }

    public synchronized void confirm(AccountState account) {
        QrLogin qr = lastScannedBy(account);
        qr.state = QrLogin.State.CONFIRMED;
        qr.ticket = ids.loginTicket();
        tickets.put(qr.ticket, new LoginTicket(qr.ticket, qr.uuid, account, qr.desktopRequested));
        completePollers(qr, LoginPollReplies.confirmed(qr, account.family().apiHost()));
        notifyAll();
    }

    /** "Cancel" on the phone: 408 leaves the QR re-scannable (iKuiki), 202 ends it (official page). */
    public synchronized void cancel(AccountState account) {
        QrLogin qr = lastScannedBy(account);
        if (settings.cancelCode() == 202) {
            qr.state = QrLogin.State.CANCELLED;
            completePollers(qr, LoginPollReplies.code(202));
        } else {
            qr.state = QrLogin.State.WAITING;
            qr.scannedBy = null;
            qr.scanReported = false;
            completePollers(qr, LoginPollReplies.code(408));
        }
        notifyAll();
    }

    public synchronized void expireQr(String uuid) {
        QrLogin qr = qrLogins.get(uuid);
        if (qr == null) {
            throw new IllegalArgumentException("unknown QR uuid " + uuid);
        }
        qr.expiredByHand = true;
        completePollers(qr, LoginPollReplies.code(400));
        notifyAll();
    }

    private QrLogin lastScannedBy(AccountState account) {
        QrLogin found = null;
        Instant now = now();
        for (QrLogin qr : qrLogins.values()) {
            if (qr.scannedBy == account && qr.state == QrLogin.State.SCANNED && !qr.expired(now, settings.uuidTtl())) {
                found = qr;
            }
        }
        if (found == null) {
            throw new IllegalStateException(account + " has no scanned, unconfirmed, unexpired QR code");
        }
        return found;
    }

    private static void completePollers(QrLogin qr, Reply reply) {
        for (QrLogin.Poller poller : qr.pollers) {
            poller.held().complete(reply);
        }
        qr.pollers.clear();
    }

    // ---- sessions -------------------------------------------------------------------------------------------

    /** The outcome of redeeming a login ticket at webwxnewloginpage. */
    record LoginOutcome(Result result, WebSession session) {
        enum Result { OK, BAD_TICKET, BANNED }
    }

    synchronized LoginOutcome redeemTicket(String ticket, boolean desktopHeaders, boolean modDesktopInQuery,
                                           String lang) {
        LoginTicket found = ticket == null ? null : tickets.get(ticket);
        if (found == null || found.used) {
            return new LoginOutcome(LoginOutcome.Result.BAD_TICKET, null);
        }
        found.used = true;
        AccountState account = found.account;
        boolean desktop = desktopHeaders && (found.desktopRequested || modDesktopInQuery);
        if (account.webLoginBanned() && !(desktop && account.desktopLoginAllowed())) {
            return new LoginOutcome(LoginOutcome.Result.BANNED, null);
        }
        for (WebSession other : account.sessions) {
            other.end(WebSession.State.KICKED);
        }
        WebSession session = new WebSession(account, ids, now(), desktop, lang);
        session.assignAllUserNames();
        account.sessions.add(session);
        sessionsBySid.put(session.sid, session);
        while (account.sessions.size() > ENDED_SESSIONS_KEPT) {
            WebSession oldest = account.sessions.removeFirst();
            sessionsBySid.remove(oldest.sid);
        }
        notifyAll();
        return new LoginOutcome(LoginOutcome.Result.OK, session);
    }

    synchronized WebSession sessionBySid(String sid) {
        return sid == null ? null : sessionsBySid.get(sid);
    }

    /** The session a skey belongs to (for GET calls that carry no BaseRequest and no cookies). */
    synchronized WebSession sessionBySkey(String skey) {
        if (skey == null || skey.isEmpty()) {
            return null;
        }
        for (WebSession session : sessionsBySid.values()) {
            if (session.skey.equals(skey)) {
                return session;
            }
        }
        return null;
    }

    private static WebSession liveSession(AccountState account) {
        for (int i = account.sessions.size() - 1; i >= 0; i--) {
            WebSession session = account.sessions.get(i);
            if (session.live()) {
                return session;
            }
        }
        return null;
    }

    synchronized void markInited(WebSession session) {
        session.inited = true;
        notifyAll();
    }

    public synchronized boolean isOnline(AccountState account) {
        WebSession session = liveSession(account);
        return session != null && session.inited;
    }

    public void awaitOnline(AccountState account, Duration timeout) {
        awaitCondition(timeout, account + " did not come online (no webwxinit on a live session)",
                () -> isOnline(account));
    }

    /** The self UserName of the account's live session, or {@code null}. */
    public synchronized String selfUserName(AccountState account) {
        WebSession session = liveSession(account);
        return session == null ? null : session.selfUserName;
    }

    /** The contact's UserName in the account's live session, or {@code null} when offline. */
    public synchronized String userNameOf(ContactState contact) {
        WebSession session = liveSession(contact.owner());
        return session == null ? null : session.userNameOf(contact);
    }

    // ---- messages from the phone side ------------------------------------------------------------------------

    /** A friend, MP or special account writes to the account; every live session receives it. */
    public void contactSendsText(ContactState from, String text) {
        if (from.kind() == ContactKind.GROUP) {
            throw new IllegalArgumentException("a group cannot write by itself; use a member: " + from);
        }
        ConversationLine line;
        AccountState account = from.owner();
        synchronized (this) {
            long createTime = now().getEpochSecond();
            for (WebSession session : liveSessions(account)) {
                session.enqueue(Messages.text(ids.messageId(), session.userNameOf(from), session.selfUserName,
                        WebText.escape(text, settings.emojiAsSpans()), createTime));
            }
            line = recordLine(account, from.nickName(), account.nickName(), text, Direction.INCOMING);
        }
        publish(account, line);
    }

    /** A member writes in a group: the message comes from the group with the {@code @sender:<br/>} prefix. */
    public void memberSendsTextInGroup(ContactState member, ContactState group, String text) {
        ConversationLine line;
        AccountState account = group.owner();
        synchronized (this) {
            if (group.kind() != ContactKind.GROUP || !group.membersUnsafe().contains(member)) {
                throw new IllegalArgumentException(member + " is not a member of " + group);
            }
            long createTime = now().getEpochSecond();
            for (WebSession session : liveSessions(account)) {
                session.enqueue(Messages.text(ids.messageId(), session.userNameOf(group), session.selfUserName,
                        WebText.groupContent(session.userNameOf(member), text, settings.emojiAsSpans()), createTime));
            }
            line = recordLine(account, member.nickName(), group.nickName(), text, Direction.INCOMING);
        }
        publish(account, line);
    }

    /** The account's own phone sends a text (PROTOCOL.md 9.7): sessions see it with FromUserName = self. */
    public void phoneSendsText(AccountState account, ContactState to, String text) {
        ConversationLine line;
        synchronized (this) {
            long createTime = now().getEpochSecond();
            for (WebSession session : liveSessions(account)) {
                session.enqueue(Messages.text(ids.messageId(), session.selfUserName, session.userNameOf(to),
                        WebText.escape(text, settings.emojiAsSpans()), createTime));
            }
            line = recordLine(account, account.nickName(), to.nickName(), text, Direction.OUTGOING);
        }
        publish(account, line);
    }

    /** "Log out web WeChat" on the phone: live sessions end with 1100. */
    public synchronized void phoneLogsOut(AccountState account) {
        for (WebSession session : account.sessions) {
            session.end(WebSession.State.LOGGED_OUT_BY_PHONE);
        }
        notifyAll();
    }

    /** Records what a web client sent and, when so configured, echoes it back through webwxsync (9.7). */
    SentMessage recordWebSend(WebSession session, ContactState to, String toUserName, int type, String content,
                              String localId, String clientMsgId) {
        long msgId;
        SentMessage sent;
        ConversationLine line;
        synchronized (this) {
            msgId = ids.messageId();
            Instant now = now();
            sent = new SentMessage(now, session.selfUserName, toUserName, to.nickName(), type, content,
                    Long.toString(msgId), localId, clientMsgId);
            AccountState account = session.account;
            account.sent.add(sent);
            account.unclaimedSent.addLast(sent);
            if (settings.echoWebSentMessages()) {
                session.enqueue(Messages.text(msgId, session.selfUserName, toUserName, WebText.escape(content, settings.emojiAsSpans()),
                        now.getEpochSecond()));
            }
            line = recordLine(account, account.nickName(), to.nickName(), content, Direction.OUTGOING);
            notifyAll();
        }
        publish(session.account, line);
        return sent;
    }

    public SentMessage awaitSentMessage(AccountState account, Duration timeout) {
        SentMessage[] taken = new SentMessage[1];
        awaitCondition(timeout, account + " sent no message", () -> {
            taken[0] = account.unclaimedSent.pollFirst();
            return taken[0] != null;
        });
        return taken[0];
    }

    public synchronized List<SentMessage> sentMessages(AccountState account) {
        return List.copyOf(account.sent);
    }

    public synchronized List<ConversationLine> conversation(AccountState account) {
        return List.copyOf(account.conversation);
    }

    private List<WebSession> liveSessions(AccountState account) {
        return account.sessions.stream().filter(WebSession::live).toList();
    }

    private ConversationLine recordLine(AccountState account, String from, String to, String text,
                                        Direction direction) {
        ConversationLine line = new ConversationLine(now(), from, to, text, direction);
        account.conversation.add(line);
        notifyAll();
        return line;
    }

    private static void publish(AccountState account, ConversationLine line) {
        for (Consumer<ConversationLine> listener : account.conversationListeners) {
            try {
                listener.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("conversation listener of {} failed", account, e);
            }
        }
    }

    // ---- waiting ------------------------------------------------------------------------------------------

    /** Waits on this monitor until {@code condition} (evaluated under it) holds; throws on timeout or interrupt. */
    private void awaitCondition(Duration timeout, String failure, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!condition.getAsBoolean()) {
                long remainingMillis = (deadline - System.nanoTime()) / 1_000_000L;
                if (remainingMillis <= 0) {
                    throw new EmulatorTimeoutException(failure + " within " + timeout);
                }
                try {
                    wait(Math.min(remainingMillis, 200));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EmulatorTimeoutException("interrupted while waiting: " + failure);
                }
            }
        }
    }

    static String base64(byte[] bytes) {
        return Base64.getEncoder().encodeToString(bytes);
    }
}
