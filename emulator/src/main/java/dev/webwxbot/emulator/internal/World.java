package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import dev.webwxbot.emulator.EmulatorTimeoutException;
import dev.webwxbot.emulator.SentMessage;
import dev.webwxbot.emulator.ThrottledSend;
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

    final SendThrottle sendThrottle;
    /** Where uploaded files are reassembled and kept; created on the first upload, deleted by {@link #close()}. */
    private java.nio.file.Path uploadDirectory;

    public World(EmulatorSettings settings) {
        this.settings = settings;
        this.sendThrottle = new SendThrottle(settings.sendRateLimits());
    }

    /** Sends refused by a configured send rate limit, oldest first. */
    public List<ThrottledSend> throttledSends(AccountState account) {
        return sendThrottle.throttled(account);
    }

    synchronized java.nio.file.Path uploadDirectory() throws java.io.IOException {
        if (uploadDirectory == null) {
            uploadDirectory = java.nio.file.Files.createTempDirectory("webwx-emulator-uploads");
        }
        return uploadDirectory;
    }

    /** Deletes the uploaded files. */
    public synchronized void close() {
        if (uploadDirectory == null) {
            return;
        }
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.list(uploadDirectory)) {
            files.forEach(MediaStore::deleteQuietly);
        } catch (java.io.IOException e) {
            LOG.warn("cannot list the upload directory {}", uploadDirectory, e);
        }
        MediaStore.deleteQuietly(uploadDirectory);
        uploadDirectory = null;
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

    /** What webwxpushloginurl answers: {@code ret} 0 with a uuid, else 1 (args) or 3 (auth ticket). */
    record PushOutcome(int ret, String uuid) {
    }

    /**
     * Push login (PROTOCOL.md 2.7): the query's uin, the {@code wxuin} cookie and the account's
     * {@code webwx_auth_ticket} cookie must agree; then the phone shows a prompt, as a QR login that is already
     * scanned (no 201 is reported: nothing was scanned), which {@link #confirm} completes.
     */
    synchronized PushOutcome pushLogin(String uin, String uinCookie, String authTicketCookie, boolean desktop,
                                       String lang) {
        AccountState account = uin == null ? null
                : accounts.stream().filter(a -> Long.toString(a.uin()).equals(uin.trim())).findFirst().orElse(null);
        if (account == null || uinCookie == null || !uinCookie.equals(uin.trim())) {
            return new PushOutcome(1, null);
        }
        if (authTicketCookie == null || !authTicketCookie.equals(account.authTicket())) {
            return new PushOutcome(3, null);
        }
        QrLogin qr = issueQr(desktop, lang);
        qr.state = QrLogin.State.SCANNED;
        qr.scannedBy = account;
        qr.scanSeconds = now().getEpochSecond();
        qr.scanReported = true;
        qr.pushed = true;
        notifyAll();
        return new PushOutcome(0, qr.uuid);
    }

    /** Whether the account's phone shows a push-login prompt not yet answered. */
    public synchronized boolean hasPushPrompt(AccountState account) {
        Instant now = now();
        return qrLogins.values().stream().anyMatch(qr -> qr.pushed && qr.scannedBy == account
                && qr.state == QrLogin.State.SCANNED && !qr.expired(now, settings.uuidTtl()));
    }

    public void awaitPushPrompt(AccountState account, Duration timeout) {
        awaitCondition(timeout, account + " got no push-login prompt", () -> hasPushPrompt(account));
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
        deliver(from.owner(), from, from, new Payload.Text(text));
    }

    /** A member writes in a group: the message comes from the group with the {@code @sender:<br/>} prefix. */
    public void memberSendsTextInGroup(ContactState member, ContactState group, String text) {
        deliver(group.owner(), member, group, new Payload.Text(text));
    }

    /** The account's own phone sends a text (PROTOCOL.md 9.7): sessions see it with FromUserName = self. */
    public void phoneSendsText(AccountState account, ContactState to, String text) {
        deliver(account, null, to, new Payload.Text(text));
    }

    /** Who wrote a delivered message ({@code null}: the account itself) in which chat, for revoking it. */
    record Delivered(String msgId, ContactState writer, ContactState chat, String summary) {
    }

    /**
     * Delivers a message of any kind to every live session and returns its MsgId (one id for all sessions).
     * {@code writer} null means the account's own phone; {@code chat} is the peer or group the message belongs to:
     * a contact writing directly passes itself, a member writing in a group passes the group.
     */
    public String deliver(AccountState account, ContactState writer, ContactState chat, Payload payload) {
        ConversationLine line;
        String msgId;
        synchronized (this) {
            checkRoute(account, writer, chat, payload);
            long id = ids.messageId();
            msgId = Long.toString(id);
            long createTime = now().getEpochSecond();
            String mediaId = storeMedia(account, msgId, payload);
            for (WebSession session : liveSessions(account)) {
                session.enqueue(MessageRenderer.render(session, payload, envelope(session, writer, chat, id, createTime,
                        mediaId), settings.emojiAsSpans()));
            }
            account.delivered.put(msgId, new Delivered(msgId, writer, chat, payload.summary()));
            line = lineFor(account, writer, chat, payload.summary());
        }
        publish(account, line);
        return msgId;
    }

    /** The writer of {@code msgId} withdraws it: sessions receive the 10002 revoke notice of 9.5.13. */
    public String revoke(AccountState account, ContactState writer, String msgId) {
        ConversationLine line;
        String noticeId;
        synchronized (this) {
            Delivered original = account.delivered.get(msgId);
            if (original == null || original.writer() != writer) {
                throw new IllegalArgumentException("no message " + msgId + " written by "
                        + (writer == null ? "the phone" : writer));
            }
            String replace = writer == null ? "你撤回了一条消息" : "\"" + writer.nickName() + "\" 撤回了一条消息";
            long id = ids.messageId();
            noticeId = Long.toString(id);
            long createTime = now().getEpochSecond();
            for (WebSession session : liveSessions(account)) {
                session.enqueue(MessageRenderer.revoke(envelope(session, writer, original.chat(), id, createTime, ""),
                        msgId, replace));
            }
            line = lineFor(account, writer, original.chat(), replace);
        }
        publish(account, line);
        return noticeId;
    }

    /** A stranger asks to be added: a 37 from {@code fmessage} whose RecommendInfo carries the ticket (9.5.4). */
    public ContactState friendRequest(AccountState account, String nickName, String greeting) {
        ContactState requester;
        ConversationLine line;
        synchronized (this) {
            requester = addContactLocked(account, ContactKind.STRANGER, ids.wxid(), nickName, List.of());
            requester.pendingRequestTicket = "v2_" + java.util.HexFormat.of().formatHex(ids.bytes(40)) + "@stranger";
            long id = ids.messageId();
            long createTime = now().getEpochSecond();
            for (WebSession session : liveSessions(account)) {
                session.enqueue(MessageRenderer.friendRequest(session, requester, greeting,
                        requester.pendingRequestTicket, new MessageRenderer.Envelope(id, "fmessage",
                                session.selfUserName, null, requester.permanentId(), "fmessage", createTime, "")));
            }
            line = recordLine(account, nickName, account.nickName(), "[friend request] " + greeting, Direction.INCOMING);
        }
        publish(account, line);
        return requester;
    }

    /**
     * A stranger becomes a friend: sessions get the contact through ModContactList and the 10000 line of 9.5.11
     * ({@code youAccepted}: "你已添加了X…", otherwise "X刚刚把你添加到通讯录…").
     */
    public void befriend(ContactState contact, boolean youAccepted) {
        AccountState account = contact.owner();
        synchronized (this) {
            if (contact.kind() != ContactKind.STRANGER) {
                throw new IllegalArgumentException(contact + " is not a stranger");
            }
            contact.kind(ContactKind.FRIEND);
            contact.pendingRequestTicket = null;
            enqueueContactChange(account, contact, WebSession.EventKind.ADD_CONTACT);
            notifyAll();
        }
        String nick = contact.nickName();
        deliver(account, contact, contact, new Payload.SystemNotice(youAccepted ? "你已添加了" + nick + "，现在可以开始聊天了。"
                : nick + "刚刚把你添加到通讯录，现在可以开始聊天了。"));
    }

    /**
     * The account creates a group with {@code members} from a web session (webwxcreatechatroom): sessions get it
     * through ModContactList, and the 10000 line "你邀请"A、B"加入了群聊" follows as on the phone.
     */
    ContactState createGroup(AccountState account, String topic, List<ContactState> members) {
        ContactState group;
        synchronized (this) {
            group = addContactLocked(account, ContactKind.GROUP, ids.chatroomId(), topic, members);
            group.ownedByAccount = true;
            enqueueContactChange(account, group, WebSession.EventKind.ADD_CONTACT);
            notifyAll();
        }
        String names = String.join("、", members.stream().map(ContactState::nickName).toList());
        deliver(account, group, group, new Payload.SystemNotice("你邀请\"" + names + "\"加入了群聊"));
        return group;
    }

    /** A friend request the account sent from the web (webwxverifyuser opcode 2), for tests to inspect. */
    synchronized void recordFriendRequestSent(AccountState account, ContactState to, String greeting) {
        account.friendRequestsSent.add(new dev.webwxbot.emulator.internal.AccountState.SentRequest(to, greeting));
        notifyAll();
    }

    public synchronized List<AccountState.SentRequest> friendRequestsSent(AccountState account) {
        return List.copyOf(account.friendRequestsSent);
    }

    /** Whether the account owns {@code group} (created it from the web, or set so by a test). */
    public synchronized boolean ownedByAccount(ContactState group) {
        return group.ownedByAccount;
    }

    public synchronized void ownedByAccount(ContactState group, boolean owned) {
        if (group.kind() != ContactKind.GROUP) {
            throw new IllegalArgumentException(group + " is not a group");
        }
        group.ownedByAccount = owned;
    }

    /** A member joins a group ({@code inviter} null: the account invited them from the phone). */
    public void groupMemberJoins(ContactState group, ContactState member, ContactState inviter) {
        synchronized (this) {
            requireGroupOf(group, member);
            if (inviter != null) {
                requireGroupOf(group, inviter);
            }
            if (group.membersUnsafe().contains(member)) {
                throw new IllegalArgumentException(member + " is already in " + group);
            }
            group.membersUnsafe().add(member);
            enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            notifyAll();
        }
        String text = inviter == null ? "你邀请\"" + member.nickName() + "\"加入了群聊  "
                : "\"" + inviter.nickName() + "\"邀请\"" + member.nickName() + "\"加入了群聊";
        deliver(group.owner(), group, group, new Payload.SystemNotice(text));
    }

    /**
     * A member leaves a group: removed by the account from the phone ({@code remover} null, with the line
     * "你将"B"移出了群聊"), or leaving or removed by someone else, which the real client shows no line for.
     */
    public void groupMemberLeaves(ContactState group, ContactState member, ContactState remover) {
        synchronized (this) {
            requireGroupOf(group, member);
            if (!group.membersUnsafe().remove(member)) {
                throw new IllegalArgumentException(member + " is not in " + group);
            }
            enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            notifyAll();
        }
        if (remover == null) {
            deliver(group.owner(), group, group, new Payload.SystemNotice("你将\"" + member.nickName() + "\"移出了群聊"));
        }
    }

    /** The group gets a new name ({@code renamer} null: the account renamed it from the phone). */
    public void renameGroup(ContactState group, String newName, ContactState renamer) {
        synchronized (this) {
            requireGroupOf(group, renamer);
            group.nickName(newName);
            enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            notifyAll();
        }
        String text = (renamer == null ? "你" : "\"" + renamer.nickName() + "\"") + "修改群名为“" + newName + "”";
        deliver(group.owner(), group, group, new Payload.SystemNotice(text));
    }

    /** A contact's nickname or remark changes: sessions get it through ModContactList (selector 4). */
    public void modifyContact(ContactState contact, String newNickName, String newRemarkName) {
        synchronized (this) {
            if (newNickName != null) {
                contact.nickName(newNickName);
            }
            if (newRemarkName != null) {
                contact.remarkName(newRemarkName);
            }
            enqueueContactChange(contact.owner(), contact, WebSession.EventKind.MOD_CONTACT);
            notifyAll();
        }
    }

    /** Sets a person's WeChat id ({@code Alias}); live sessions get the contact through ModContactList. */
    public synchronized void setAlias(ContactState contact, String alias) {
        contact.alias(alias);
        enqueueContactChange(contact.owner(), contact, WebSession.EventKind.MOD_CONTACT);
        notifyAll();
    }

    /** Sets (or, with {@code ""}, clears) a member's nickname inside a group; sessions get the group again. */
    public synchronized void setMemberDisplayName(ContactState group, ContactState member, String displayName) {
        requireGroupOf(group, member);
        if (!group.membersUnsafe().contains(member)) {
            throw new IllegalArgumentException(member + " is not in " + group);
        }
        if (displayName.isEmpty()) {
            group.memberDisplayNamesUnsafe().remove(member);
        } else {
            group.memberDisplayNamesUnsafe().put(member, displayName);
        }
        enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
        notifyAll();
    }

    /** The member's nickname inside the group ({@code ""} when none). */
    public synchronized String memberDisplayName(ContactState group, ContactState member) {
        return group.displayNameOfUnsafe(member);
    }

    /** A contact leaves the address book: sessions get it through DelContactList (selector 6). */
    public synchronized void deleteContact(ContactState contact) {
        AccountState account = contact.owner();
        if (contact.kind() == ContactKind.SPECIAL) {
            throw new IllegalArgumentException("built-in contacts cannot be deleted: " + contact);
        }
        boolean stillMember = account.contacts.stream().anyMatch(g -> g.membersUnsafe().contains(contact));
        if (stillMember) {
            contact.kind(ContactKind.STRANGER);
        } else {
            account.contacts.remove(contact);
        }
        long createTime = now().getEpochSecond();
        for (WebSession session : liveSessions(account)) {
            session.enqueue(WebSession.EventKind.DEL_CONTACT, new Wire.DelContact(session.userNameOf(contact), 0),
                    createTime);
        }
        notifyAll();
    }

    /** Queues a contact's current state as a ModContactList entry in every live session. Caller holds the monitor. */
    void enqueueContactChange(AccountState account, ContactState contact, WebSession.EventKind kind) {
        long createTime = now().getEpochSecond();
        for (WebSession session : liveSessions(account)) {
            session.enqueue(kind, ContactViews.modContact(session, contact), createTime);
        }
    }

    private static void requireGroupOf(ContactState group, ContactState member) {
        if (group.kind() != ContactKind.GROUP) {
            throw new IllegalArgumentException(group + " is not a group");
        }
        if (member != null && (member.owner() != group.owner()
                || (member.kind() != ContactKind.FRIEND && member.kind() != ContactKind.STRANGER))) {
            throw new IllegalArgumentException(member + " cannot be a member of " + group);
        }
    }

    private void checkRoute(AccountState account, ContactState writer, ContactState chat, Payload payload) {
        if (chat.owner() != account || (writer != null && writer.owner() != account)) {
            throw new IllegalArgumentException("contacts of another account");
        }
        if (writer != null && writer != chat) {
            if (chat.kind() != ContactKind.GROUP || !chat.membersUnsafe().contains(writer)) {
                throw new IllegalArgumentException(writer + " is not a member of " + chat);
            }
        } else if (writer != null && writer.kind() == ContactKind.GROUP && !(payload instanceof Payload.SystemNotice)) {
            throw new IllegalArgumentException("a group cannot write by itself; use a member: " + writer);
        }
    }

    private static MessageRenderer.Envelope envelope(WebSession session, ContactState writer, ContactState chat,
                                                     long msgId, long createTime, String mediaId) {
        String self = session.selfUserName;
        String selfId = session.account.wxid();
        if (writer == null) {
            return new MessageRenderer.Envelope(msgId, self, session.userNameOf(chat), null, selfId, chat.permanentId(),
                    createTime, mediaId);
        }
        String prefix = writer == chat ? null : session.userNameOf(writer);
        return new MessageRenderer.Envelope(msgId, session.userNameOf(chat), self, prefix, writer.permanentId(),
                chat.permanentId(), createTime, mediaId);
    }

    /** Keys clients add to messages after receipt (corpus README): not part of the server's shape. */
    private static final java.util.Set<String> CLIENT_ADDED_KEYS = java.util.Set.of("LocalID", "ClientMsgId", "Type",
            "Text", "groupMsg", "ActualUserName", "ActualNickName", "isAt", "User");
    private static final java.util.regex.Pattern SENDER_PREFIX =
            java.util.regex.Pattern.compile("^(@[a-zA-Z0-9]+|[a-zA-Z0-9_-]+):<br/>");

    /** Replays a captured AddMsgList entry; see {@code Account.injectRawMessage}. */
    public String injectRaw(AccountState account, String json, ContactState from) {
        com.fasterxml.jackson.databind.node.ObjectNode captured = JsonBodies.parseObject(
                json.getBytes(java.nio.charset.StandardCharsets.UTF_8))
                .filter(node -> node.isObject() && node.size() > 0)
                .map(node -> (com.fasterxml.jackson.databind.node.ObjectNode) node)
                .orElseThrow(() -> new IllegalArgumentException("not a JSON object"));
        captured.properties().removeIf(e -> e.getKey().startsWith("MM") || e.getKey().startsWith("_")
                || e.getKey().startsWith("$$") || CLIENT_ADDED_KEYS.contains(e.getKey()));
        ConversationLine line;
        String msgId;
        synchronized (this) {
            String originalFrom = captured.path("FromUserName").asText("");
            ContactState sender = from != null ? from : defaultSender(account, originalFrom);
            if (sender.owner() != account) {
                throw new IllegalArgumentException(sender + " is not a contact of " + account);
            }
            msgId = captured.path("MsgId").asText("");
            if (msgId.isEmpty()) {
                long id = ids.messageId();
                msgId = Long.toString(id);
                captured.put("MsgId", msgId);
                captured.put("NewMsgId", id);
            }
            for (WebSession session : liveSessions(account)) {
                com.fasterxml.jackson.databind.node.ObjectNode copy = captured.deepCopy();
                if (originalFrom.startsWith("@")) {
                    copy.put("FromUserName", session.userNameOf(sender));
                }
                copy.put("ToUserName", session.selfUserName);
                String content = copy.path("Content").asText("");
                java.util.regex.Matcher prefix = SENDER_PREFIX.matcher(content);
                if (sender.kind() == ContactKind.GROUP && !sender.membersUnsafe().isEmpty() && prefix.find()) {
                    copy.put("Content", session.userNameOf(sender.membersUnsafe().getFirst()) + ":<br/>"
                            + content.substring(prefix.end()));
                }
                session.enqueue(WebSession.EventKind.MESSAGE, copy, copy.path("CreateTime").asLong(now().getEpochSecond()));
            }
            line = recordLine(account, sender.nickName(), account.nickName(),
                    "[raw MsgType " + captured.path("MsgType").asText("?") + "]", Direction.INCOMING);
        }
        publish(account, line);
        return msgId;
    }

    private static ContactState defaultSender(AccountState account, String capturedFrom) {
        ContactKind wanted = capturedFrom.startsWith("@@") ? ContactKind.GROUP : ContactKind.FRIEND;
        return account.contacts.stream().filter(c -> c.kind() == wanted).findFirst().orElse(account.fileHelper);
    }

    /** Keeps the bytes of media payloads for the download endpoints; returns the file MediaId ("" otherwise). */
    private String storeMedia(AccountState account, String msgId, Payload payload) {
        MediaStore.Item item = switch (payload) {
            case Payload.Image image -> new MediaStore.Item(image.bytes(), "image/jpeg",
                    Images.thumbnailJpeg(image.bytes()), "");
            case Payload.Voice voice -> new MediaStore.Item(voice.bytes(), "audio/mp3", new byte[0], "");
            case Payload.Video video -> new MediaStore.Item(video.bytes(), "video/mp4", video.thumbnail(), "");
            case Payload.Emoticon emoticon -> new MediaStore.Item(emoticon.bytes(), "image/gif", emoticon.bytes(), "");
            case Payload.File file -> new MediaStore.Item(file.bytes(), "application/octet-stream", new byte[0], file.name());
            default -> null;
        };
        if (item == null) {
            return "";
        }
        account.media.putMessage(msgId, item);
        if (payload instanceof Payload.Emoticon emoticon) {
            account.media.putMedia(emoticon.md5(), item);
        }
        if (payload instanceof Payload.File) {
            String mediaId = "@crypt_" + java.util.HexFormat.of().formatHex(ids.bytes(4)) + "_"
                    + java.util.HexFormat.of().formatHex(ids.bytes(64));
            account.media.putMedia(mediaId, item);
            return mediaId;
        }
        return "";
    }

    private ConversationLine lineFor(AccountState account, ContactState writer, ContactState chat, String text) {
        if (writer == null) {
            return recordLine(account, account.nickName(), chat.nickName(), text, Direction.OUTGOING);
        }
        String to = writer == chat ? account.nickName() : chat.nickName();
        return recordLine(account, writer.nickName(), to, text, Direction.INCOMING);
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
        return recordWebSend(session, to, toUserName, type, content, localId, clientMsgId, SentMessage.Kind.TEXT,
                SentMessage.Media.NONE, "");
    }

    /**
     * Records a send of any kind. Only texts are echoed through webwxsync: the sources show echoes of texts only
     * (9.7), and a media echo would need CDN fields the emulator cannot make up.
     */
    SentMessage recordWebSend(WebSession session, ContactState to, String toUserName, int type, String content,
                              String localId, String clientMsgId, SentMessage.Kind kind, SentMessage.Media media,
                              String msgSource) {
        long msgId;
        SentMessage sent;
        ConversationLine line;
        synchronized (this) {
            msgId = ids.messageId();
            Instant now = now();
            sent = new SentMessage(now, session.selfUserName, toUserName, to.nickName(), type, content,
                    Long.toString(msgId), localId, clientMsgId, kind, media, msgSource);
            AccountState account = session.account;
            account.sent.add(sent);
            account.unclaimedSent.addLast(sent);
            boolean text = kind == SentMessage.Kind.TEXT;
            if (text && settings.echoWebSentMessages()) {
                session.enqueue(Messages.text(msgId, session.selfUserName, toUserName, WebText.escape(content, settings.emojiAsSpans()),
                        now.getEpochSecond()));
            }
            String summary = text ? content : "[" + kind.name().toLowerCase(java.util.Locale.ROOT) + "] "
                    + (media.fileName().isEmpty() ? media.emoticonMd5() : media.fileName());
            line = recordLine(account, account.nickName(), to.nickName(), summary, Direction.OUTGOING);
            notifyAll();
        }
        publish(session.account, line);
        return sent;
    }

    /**
     * Withdraws a message the session's account sent through the web, if it exists, was sent to this session's
     * self name and is inside the revoke window; returns it, or {@code null} (the caller answers {@code Ret -1}).
     */
    SentMessage revokeWebSend(WebSession session, String msgId) {
        ConversationLine line;
        SentMessage found = null;
        synchronized (this) {
            AccountState account = session.account;
            for (SentMessage sent : account.sent) {
                if (sent.msgId().equals(msgId)) {
                    found = sent;
                }
            }
            if (found == null || account.revokedWebSends.contains(msgId)
                    || found.time().plus(settings.revokeWindow()).isBefore(now())) {
                return null;
            }
            account.revokedWebSends.add(msgId);
            line = recordLine(account, account.nickName(), found.toNickName(), "[revoked] " + found.content(),
                    Direction.OUTGOING);
        }
        publish(session.account, line);
        return found;
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
