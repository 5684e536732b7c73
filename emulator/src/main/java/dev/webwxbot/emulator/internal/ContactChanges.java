package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;
import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;

import java.util.HexFormat;
import java.util.List;

/**
 * Changes to people in an address book (PROTOCOL.md 8.1, 8.2, 9.5.4, 9.5.11): friend requests both ways,
 * befriending, renames, remarks, aliases and deletions. Live sessions learn of each through webwxsync's
 * ModContactList or DelContactList, plus the lines the phone would show.
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
     * A stranger becomes a friend: sessions get the contact through ModContactList and the 10000 line of 9.5.11
     * ({@code youAccepted}: "你已添加了X…", otherwise "X刚刚把你添加到通讯录…").
     */
    public void befriend(ContactState contact, boolean youAccepted) {
        AccountState account = contact.owner();
        synchronized (world) {
            if (contact.kind() != ContactKind.STRANGER) {
                throw new IllegalArgumentException(contact + " is not a stranger");
            }
            contact.kind(ContactKind.FRIEND);
            contact.pendingRequestTicket = null;
            enqueueContactChange(account, contact, WebSession.EventKind.ADD_CONTACT);
            world.changed();
        }
        String nick = contact.nickName();
        delivery.deliver(account, contact, contact, new Payload.SystemNotice(youAccepted
                ? "你已添加了" + nick + "，现在可以开始聊天了。" : nick + "刚刚把你添加到通讯录，现在可以开始聊天了。"));
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
        synchronized (world) {
            if (newNickName != null) {
                contact.nickName(newNickName);
            }
            if (newRemarkName != null) {
                contact.remarkName(newRemarkName);
            }
            enqueueContactChange(contact.owner(), contact, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
    }

    /** Sets a person's WeChat id ({@code Alias}); live sessions get the contact through ModContactList. */
    public void setAlias(ContactState contact, String alias) {
        synchronized (world) {
            contact.alias(alias);
            enqueueContactChange(contact.owner(), contact, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
    }

    /** A contact leaves the address book: sessions get it through DelContactList (selector 6). */
    public void delete(ContactState contact) {
        synchronized (world) {
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
            long createTime = world.now().getEpochSecond();
            for (WebSession session : SessionRegistry.liveSessions(account)) {
                session.enqueue(WebSession.EventKind.DEL_CONTACT, new Wire.DelContact(session.userNameOf(contact), 0),
                        createTime);
            }
            world.changed();
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
