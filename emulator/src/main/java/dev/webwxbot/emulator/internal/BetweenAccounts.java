package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;

import java.util.ArrayList;
import java.util.List;

/**
 * Messages between the world's own accounts, as the real server carries them: what one account's web client sends
 * to a friend who is another account of the world reaches that account's live sessions as an incoming message from
 * the sender, under the UserName the receiver's session knows the sender by; what it sends in a group that other
 * accounts are in reaches them from the group, with the sender's prefix (PROTOCOL.md 9.1, 9.2).
 *
 * <p>Each account keeps its own address book, so two accounts are linked by permanent ids: account A's contact whose
 * id is B's wxid is B, and B's whose id is A's wxid is A. A message is carried only while each side has the other as
 * a friend (for a group: while the receiver is still in its copy of the group, whose id is the same chatroom id, and
 * that copy lists the sender). Anything else stays as it was: recorded as the sender's outgoing message only.
 *
 * <p>The receiver's copy gets a MsgId of its own: PROTOCOL.md is silent on whether a receiver's MsgId equals the
 * sender's {@code MsgID}; every message stored in an account is its own message there (revoked, downloaded and
 * de-duplicated by that account's id), and the emulator's ids stay unique across the world. Guarded by the world
 * monitor.
 */
public final class BetweenAccounts {
    private final World world;
    private final Accounts accounts;
    private final ContactChanges contactChanges;
    private final MessageDelivery delivery;

    BetweenAccounts(World world, Accounts accounts, ContactChanges contactChanges, MessageDelivery delivery) {
        this.world = world;
        this.accounts = accounts;
        this.contactChanges = contactChanges;
        this.delivery = delivery;
    }

    /**
     * Makes {@code a} and {@code b} friends of each other; returns {@code b} as {@code a} knows them and {@code a} as
     * {@code b} knows them. A side that already has the other as a friend keeps that contact; a side that knows the
     * other only as a stranger (a group member) befriends that contact; otherwise the other is added as a friend. Live
     * sessions hear of a new friend as of any other (ModContactList and the "added you" line).
     */
    public List<ContactState> befriend(AccountState a, AccountState b) {
        if (a == b) {
            throw new IllegalArgumentException("an account cannot befriend itself: " + a);
        }
        return List.of(friendOf(a, b), friendOf(b, a));
    }

    private ContactState friendOf(AccountState account, AccountState other) {
        ContactState known;
        synchronized (world) {
            known = find(account, other.wxid(), ContactKind.FRIEND, ContactKind.STRANGER);
        }
        if (known == null) {
            return contactChanges.add(account, ContactKind.FRIEND, other.wxid(), other.nickName());
        }
        if (known.kind() == ContactKind.STRANGER) {
            contactChanges.befriend(known, false);
        }
        return known;
    }

    /** {@code other} as {@code account} knows them (a friend or a stranger), or {@code null}. */
    public ContactState contactFor(AccountState account, AccountState other) {
        synchronized (world) {
            return find(account, other.wxid(), ContactKind.FRIEND, ContactKind.STRANGER);
        }
    }

    /**
     * A group that {@code members} are all in, one copy per account with the same chatroom id: in each copy the
     * other accounts are members, as that account knows them (a friend, else a stranger added for the group). The
     * first account owns it (the other copies list it first, so their {@code ChatRoomOwner} is the first account);
     * what later happens to one copy (members joining, renames) happens to that copy only. Returns the copies in the
     * order of {@code members}.
     */
    public List<ContactState> addGroup(String name, List<AccountState> members) {
        if (members.size() < 2 || members.stream().distinct().count() != members.size()) {
            throw new IllegalArgumentException("a group of accounts needs two or more different accounts");
        }
        String chatroomId;
        List<List<ContactState>> memberLists = new ArrayList<>();
        synchronized (world) {
            chatroomId = world.ids.chatroomId();
            for (int i = 0; i < members.size(); i++) {
                AccountState account = members.get(i);
                List<ContactState> list = new ArrayList<>();
                for (AccountState other : members) {
                    if (other != account) {
                        ContactState known = find(account, other.wxid(), ContactKind.FRIEND, ContactKind.STRANGER);
                        list.add(known != null ? known : accounts.newContact(account, ContactKind.STRANGER,
                                other.wxid(), other.nickName(), List.of()));
                    }
                }
                memberLists.add(list);
            }
        }
        List<ContactState> copies = new ArrayList<>();
        for (int i = 0; i < members.size(); i++) {
            copies.add(world.groupChanges().addWithId(members.get(i), chatroomId, name, memberLists.get(i), i == 0));
        }
        return copies;
    }

    /**
     * Queues what {@code sender} sent to {@code to} (a contact or group of the sender) in every other account it
     * reaches, in the hold of the world monitor the caller is in; the caller publishes the lines after releasing it.
     */
    List<Delivered> carry(AccountState sender, String sentMsgId, ContactState to, Payload payload) {
        List<Delivered> out = new ArrayList<>();
        if (to.kind() == ContactKind.FRIEND) {
            AccountState receiver = accountOf(to.permanentId());
            ContactState senderThere = receiver == null ? null
                    : find(receiver, sender.wxid(), ContactKind.FRIEND);
            if (senderThere != null) {
                out.add(new Delivered(receiver, senderThere, delivery.deliverLocked(receiver, senderThere, senderThere,
                        forReceiver(receiver, payload))));
            }
        } else if (to.kind() == ContactKind.GROUP && to.accountInGroup) {
            for (ContactState member : to.membersUnsafe()) {
                AccountState receiver = accountOf(member.permanentId());
                ContactState copy = receiver == null ? null : find(receiver, to.permanentId(), ContactKind.GROUP);
                if (copy == null || !copy.accountInGroup) {
                    continue;
                }
                ContactState senderThere = copy.membersUnsafe().stream()
                        .filter(m -> m.permanentId().equals(sender.wxid())).findFirst().orElse(null);
                if (senderThere != null) {
                    out.add(new Delivered(receiver, senderThere, delivery.deliverLocked(receiver, senderThere, copy,
                            forReceiver(receiver, payload))));
                }
            }
        }
        if (!out.isEmpty()) {
            sender.carriedCopies.put(sentMsgId, out.stream()
                    .map(d -> new Copy(d.receiver(), d.writer(), d.queued().msgId())).toList());
        }
        return out;
    }

    /**
     * The sender revoked {@code sentMsgId} from the web (5.7): every account its copies reached gets the 10002 of
     * 9.5.13 for its own copy, as when any contact withdraws a message. Caller does not hold the world monitor.
     */
    void revoked(AccountState sender, String sentMsgId) {
        List<Copy> copies;
        synchronized (world) {
            copies = sender.carriedCopies.remove(sentMsgId);
        }
        if (copies != null) {
            for (Copy copy : copies) {
                try {
                    delivery.revoke(copy.receiver(), copy.writer(), copy.msgId());
                } catch (IllegalArgumentException forgotten) {
                    // The receiver keeps its last 10 000 messages; an older copy has nothing left to withdraw.
                }
            }
        }
    }

    /** A web send's copy in another account: who it is from there, and its MsgId there. */
    record Copy(AccountState receiver, ContactState writer, String msgId) {
    }

    /**
     * Whether a send to {@code to} may reach another account of the world (a friend or group member that is one), so
     * that a send endpoint reads the bytes of media only when something needs them.
     */
    boolean mayReachAnAccount(ContactState to) {
        synchronized (world) {
            return switch (to.kind()) {
                case FRIEND -> accountOf(to.permanentId()) != null;
                case GROUP -> to.membersUnsafe().stream().anyMatch(member -> accountOf(member.permanentId()) != null);
                default -> false;
            };
        }
    }

    /** A message queued in another account, to publish to that account's listeners. */
    record Delivered(AccountState receiver, ContactState writer, MessageDelivery.Queued queued) {
        void publish() {
            Conversations.publish(receiver, queued.line());
        }
    }

    /**
     * The payload as the receiver's world holds it: a card names one of the sender's contacts, so the receiver gets
     * a card of its own contact with that id, or of a stranger added for it (sending to whom answers 1204, as to any
     * stranger). Caller holds the world monitor.
     */
    private Payload forReceiver(AccountState receiver, Payload payload) {
        if (!(payload instanceof Payload.Card card)) {
            return payload;
        }
        ContactState subject = card.subject();
        ContactState known = find(receiver, subject.permanentId(), ContactKind.FRIEND, ContactKind.STRANGER,
                ContactKind.OFFICIAL_ACCOUNT);
        return new Payload.Card(known != null ? known : accounts.newContact(receiver, ContactKind.STRANGER,
                subject.permanentId(), subject.nickName(), List.of()));
    }

    /** The account whose wxid is {@code id}, or {@code null}. Caller holds the world monitor. */
    private AccountState accountOf(String id) {
        for (AccountState account : accounts.list()) {
            if (account.wxid().equals(id)) {
                return account;
            }
        }
        return null;
    }

    /** The account's contact with that permanent id and one of those kinds, or {@code null}. Caller holds the lock. */
    private static ContactState find(AccountState account, String id, ContactKind... kinds) {
        for (ContactState contact : account.contacts) {
            if (contact.permanentId().equals(id) && List.of(kinds).contains(contact.kind())) {
                return contact;
            }
        }
        return null;
    }
}
