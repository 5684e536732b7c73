package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;

import java.util.HexFormat;
import java.util.List;

/**
 * Changes to people in an address book (PROTOCOL.md 3.6, 3.8, 8.1, 8.2, 9.5.4, 9.5.11): contacts added, friend
 * requests both ways, befriending, renames, remarks, aliases, avatars, star/pin/mute flags and deletions. Live
 * sessions learn of each through webwxsync's ModContactList or DelContactList; a line the phone would show is
 * queued in the same hold of the world monitor, so that one webwxsync answer carries both.
 */
public final class ContactChanges {
    private final World world;
    private final Accounts accounts;
    private final MessageDelivery delivery;
    private final Conversations conversations;

    ContactChanges(World world, Accounts accounts, MessageDelivery delivery, Conversations conversations) {
        this.world = world;
        this.accounts = accounts;
        this.delivery = delivery;
        this.conversations = conversations;
    }

    /** A stranger asks to be added: a 37 from {@code fmessage} whose RecommendInfo carries the ticket (9.5.4). */
    public ContactState friendRequest(AccountState account, String nickName, String greeting) {
        ContactState requester;
        ConversationLine line;
        synchronized (world) {
            requester = accounts.newContact(account, ContactKind.STRANGER, world.ids.wxid(), nickName, List.of());
            requester.pendingRequestTicket = "v2_" + HexFormat.of().formatHex(world.ids.bytes(40)) + "@stranger";
            long id = world.ids.messageId();
            long createTime = world.now().getEpochSecond();
            for (WebSession session : SessionRegistry.liveSessions(account)) {
                session.enqueue(MessageRenderer.friendRequest(session, requester, greeting,
                        requester.pendingRequestTicket, new MessageRenderer.Envelope(id, "fmessage",
                                session.selfUserName, null, requester.permanentId(), "fmessage", createTime, "")));
            }
            line = conversations.record(account, nickName, account.nickName(), "[friend request] " + greeting,
                    Direction.INCOMING);
        }
        Conversations.publish(account, line);
        return requester;
    }

    /**
     * A contact enters the address book from the phone side: a friend (who added the account, or whose request the
     * account's phone accepted), an official account followed, or a stranger (no address-book entry, so sessions
     * hear nothing). Live sessions get a friend or official account through ModContactList (selector 6); a friend
     * comes with "X刚刚把你添加到通讯录，现在可以开始聊天了。" (9.5.11) in the same webwxsync answer. With no live
     * session it only changes the world: what a later login lists is its starting address book, not news.
     */
    public ContactState add(AccountState account, ContactKind kind, String nickName) {
        return add(account, kind, null, nickName);
    }

    /** As {@link #add(AccountState, ContactKind, String)} with a given permanent id ({@code null}: a new one). */
    ContactState add(AccountState account, ContactKind kind, String id, String nickName) {
        ContactState contact;
        MessageDelivery.Queued notice = null;
        synchronized (world) {
            contact = accounts.addContact(account, kind, id, nickName, List.of());
            if (kind != ContactKind.STRANGER && !SessionRegistry.liveSessions(account).isEmpty()) {
                enqueueContactChange(account, contact, WebSession.EventKind.ADD_CONTACT);
                if (kind == ContactKind.FRIEND) {
                    notice = delivery.deliverLocked(account, contact, contact, addedNotice(contact, false));
                }
            }
            world.changed();
        }
        publish(account, notice);
        return contact;
    }

    /**
     * A stranger becomes a friend: sessions get the contact through ModContactList and, in the same webwxsync
     * answer, the 10000 line of 9.5.11 ({@code youAccepted}: "你已添加了X…", otherwise "X刚刚把你添加到通讯录…").
     */
    public void befriend(ContactState contact, boolean youAccepted) {
        AccountState account = contact.owner();
        MessageDelivery.Queued notice;
        synchronized (world) {
            if (contact.kind() != ContactKind.STRANGER) {
                throw new IllegalArgumentException(contact + " is not a stranger");
            }
            contact.kind(ContactKind.FRIEND);
            contact.pendingRequestTicket = null;
            enqueueContactChange(account, contact, WebSession.EventKind.ADD_CONTACT);
            notice = delivery.deliverLocked(account, contact, contact, addedNotice(contact, youAccepted));
            world.changed();
        }
        publish(account, notice);
    }

    private static Payload.SystemNotice addedNotice(ContactState friend, boolean youAccepted) {
        String nick = friend.nickName();
        return new Payload.SystemNotice(youAccepted ? "你已添加了" + nick + "，现在可以开始聊天了。"
                : nick + "刚刚把你添加到通讯录，现在可以开始聊天了。");
    }

    /** A friend request the account sent from the web (webwxverifyuser opcode 2), for tests to inspect. */
    void recordFriendRequestSent(AccountState account, ContactState to, String greeting) {
        synchronized (world) {
            account.friendRequestsSent.add(new AccountState.SentRequest(to, greeting));
            world.changed();
        }
    }

    public List<AccountState.SentRequest> friendRequestsSent(AccountState account) {
        synchronized (world) {
            return List.copyOf(account.friendRequestsSent);
        }
    }

    /** A contact's nickname or remark changes: sessions get it through ModContactList (selector 4). */
    public void modify(ContactState contact, String newNickName, String newRemarkName) {
        modify(contact, newNickName, newRemarkName, null);
    }

    /**
     * Nickname, remark and WeChat id ({@code Alias}, 3.6) change at once, {@code null} leaving one as it is: live
     * sessions get one ModContactList entry for them all (selector 4).
     */
    public void modify(ContactState contact, String newNickName, String newRemarkName, String newAlias) {
        synchronized (world) {
            if (newNickName != null) {
                contact.nickName(newNickName);
            }
            if (newRemarkName != null) {
                contact.remarkName(newRemarkName);
            }
            if (newAlias != null) {
                contact.alias(newAlias);
            }
            enqueueContactChange(contact.owner(), contact, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
    }

    /** Sets a person's WeChat id ({@code Alias}); live sessions get the contact through ModContactList. */
    public void setAlias(ContactState contact, String alias) {
        modify(contact, null, null, alias);
    }

    /**
     * The contact sets a new avatar: its {@code HeadImgUrl} gets a new {@code seq}, and sessions get the contact
     * through ModContactList. Every entry the captures show says {@code HeadImgUpdateFlag 1}, whatever changed, so
     * the URL is what tells a client the picture is new. People and official accounts only: a group's avatar is
     * drawn from its members, and the captured group entries carry {@code seq=0} whatever happened.
     */
    public void changeHeadImage(ContactState contact) {
        synchronized (world) {
            if (contact.kind() == ContactKind.GROUP || contact.kind() == ContactKind.SPECIAL) {
                throw new IllegalArgumentException("only people and official accounts change their avatar: " + contact);
            }
            long seq;
            do {
                seq = world.ids.between(600_000_000L, 700_000_000L);
            } while (seq == contact.headImgSeq());
            contact.headImgSeq(seq);
            enqueueContactChange(contact.owner(), contact, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
    }

    /**
     * The phone stars, pins or mutes a contact (or undoes it): its {@code ContactFlag} bit changes and sessions get
     * the contact through ModContactList (8.2 says so of pinning). Setting a flag to what it already is changes
     * nothing and sends nothing. Starring is for friends (星标朋友); strangers are not in the address book at all.
     */
    public void setFlag(ContactState contact, ContactFlag flag, boolean on) {
        setFlags(contact, java.util.Map.of(flag, on));
    }

    /** As {@link #setFlag} for several flags at once: one ModContactList entry when any of them changes. */
    public void setFlags(ContactState contact, java.util.Map<ContactFlag, Boolean> flags) {
        synchronized (world) {
            int bits = contact.flagBits;
            for (java.util.Map.Entry<ContactFlag, Boolean> flag : flags.entrySet()) {
                if (contact.kind() == ContactKind.STRANGER
                        || (flag.getKey() == ContactFlag.STARRED && contact.kind() != ContactKind.FRIEND)) {
                    throw new IllegalArgumentException(contact + " cannot be "
                            + flag.getKey().name().toLowerCase(java.util.Locale.ROOT));
                }
                bits = flag.getValue() ? bits | flag.getKey().bit : bits & ~flag.getKey().bit;
            }
            if (bits == contact.flagBits) {
                return;
            }
            contact.flagBits = bits;
            enqueueContactChange(contact.owner(), contact, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
    }

    /** Whether {@code flag} is set on the contact. */
    public boolean hasFlag(ContactState contact, ContactFlag flag) {
        synchronized (world) {
            return (contact.flagBits & flag.bit) != 0;
        }
    }

    /** A contact leaves the address book: sessions get it through DelContactList (selector 6). */
    public void delete(ContactState contact) {
        synchronized (world) {
            AccountState account = contact.owner();
            if (contact.kind() == ContactKind.SPECIAL) {
                throw new IllegalArgumentException("built-in contacts cannot be deleted: " + contact);
            }
            contact.flagBits = 0;
            boolean stillMember = account.contacts.stream().anyMatch(g -> g.membersUnsafe().contains(contact));
            if (stillMember) {
                contact.kind(ContactKind.STRANGER);
            } else {
                account.contacts.remove(contact);
            }
            long createTime = world.now().getEpochSecond();
            for (WebSession session : SessionRegistry.liveSessions(account)) {
                session.enqueue(WebSession.EventKind.DEL_CONTACT, new Wire.DelContact(session.userNameOf(contact), 0),
                        createTime);
            }
            world.changed();
        }
    }

    /** Hands a notice queued under the monitor to the conversation listeners. Caller does not hold the monitor. */
    static void publish(AccountState account, MessageDelivery.Queued notice) {
        if (notice != null) {
            Conversations.publish(account, notice.line());
        }
    }

    /** Queues a contact's current state as a ModContactList entry in every live session. Caller holds the monitor. */
    void enqueueContactChange(AccountState account, ContactState contact, WebSession.EventKind kind) {
        long createTime = world.now().getEpochSecond();
        for (WebSession session : SessionRegistry.liveSessions(account)) {
            session.enqueue(kind, ContactViews.modContact(session, contact), createTime);
        }
    }
}
