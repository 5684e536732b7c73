package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;

import java.util.List;

/**
 * Changes to groups (PROTOCOL.md 3.7, 3.8, 8.3, 8.4, 9.5.11): creation, members joining (invited, by QR code, or by
 * accepting an invitation), leaving, being removed, the account itself removed, renames, member nicknames and
 * ownership. Live sessions get the group again through ModContactList; the {@code 10000} line the phone would show
 * is queued in the same hold of the world monitor, so that one webwxsync answer carries both (the real server sends
 * them together; a client that saw the line first would look the change up in a stale address book).
 *
 * <p>Whoever acts in a group (inviter, sharer, remover, renamer, new owner) must be in it, and nothing happens in a
 * group the account was removed from: the account no longer hears of it.
 */
public final class GroupChanges {
    private final World world;
    private final Accounts accounts;
    private final ContactChanges contactChanges;
    private final MessageDelivery delivery;

    GroupChanges(World world, Accounts accounts, ContactChanges contactChanges, MessageDelivery delivery) {
        this.world = world;
        this.accounts = accounts;
        this.contactChanges = contactChanges;
        this.delivery = delivery;
    }

    /**
     * A group appears in the address book from the phone side (someone else created it with the account in it):
     * live sessions get it through ModContactList with its MemberList and ChatRoomOwner. No line follows: the
     * sources give none for being pulled into a group by its creator ("X邀请你…" is not among 9.5.11's texts).
     */
    public ContactState add(AccountState account, String name, List<ContactState> members) {
        return addWithId(account, null, name, members, false);
    }

    /**
     * As {@link #add} with a given chatroom id ({@code null}: a new one) and owner (the account, or its first member),
     * for a group several accounts are in.
     */
    ContactState addWithId(AccountState account, String chatroomId, String name, List<ContactState> members,
                           boolean ownedByAccount) {
        synchronized (world) {
            ContactState group = accounts.addContact(account, ContactKind.GROUP, chatroomId, name, members);
            group.ownedByAccount = ownedByAccount;
            contactChanges.enqueueContactChange(account, group, WebSession.EventKind.ADD_CONTACT);
            world.changed();
            return group;
        }
    }

    /**
     * The account creates a group with {@code members} from a web session (webwxcreatechatroom): sessions get it
     * through ModContactList, and the 10000 line "你邀请"A、B"加入了群聊" in the same answer, as on the phone.
     */
    ContactState create(AccountState account, String topic, List<ContactState> members) {
        ContactState group;
        MessageDelivery.Queued notice;
        synchronized (world) {
            group = accounts.newContact(account, ContactKind.GROUP, world.ids.chatroomId(), topic, members);
            group.ownedByAccount = true;
            contactChanges.enqueueContactChange(account, group, WebSession.EventKind.ADD_CONTACT);
            String names = String.join("、", members.stream().map(ContactState::nickName).toList());
            notice = delivery.deliverLocked(account, group, group, new Payload.SystemNotice("你邀请\"" + names + "\"加入了群聊"));
            world.changed();
        }
        ContactChanges.publish(account, notice);
        return group;
    }

    /** Whether the account owns {@code group} (created it from the web, was made owner, or set so by a test). */
    public boolean ownedByAccount(ContactState group) {
        synchronized (world) {
            return group.ownedByAccount;
        }
    }

    /** Sets ownership quietly, as a starting state (sessions are not told; {@link #transferOwnership} tells them). */
    public void ownedByAccount(ContactState group, boolean owned) {
        synchronized (world) {
            requireGroupOf(group, null);
            group.ownedByAccount = owned;
        }
    }

    /** Whether the account is still a member of {@code group}. */
    public boolean accountInGroup(ContactState group) {
        synchronized (world) {
            return group.accountInGroup;
        }
    }

    /** The owner of a group: {@code null} for the account itself. Caller holds the world monitor. */
    static ContactState ownerOf(ContactState group) {
        if (group.ownedByAccount) {
            return null;
        }
        if (group.ownerMember != null) {
            return group.ownerMember;
        }
        return group.membersUnsafe().isEmpty() ? null : group.membersUnsafe().getFirst();
    }

    /** A member joins a group, invited by {@code inviter} ({@code null}: the account invited them from the phone). */
    public void memberJoins(ContactState group, ContactState member, ContactState inviter) {
        join(group, member, inviter, false);
    }

    /** A member joins by scanning the group's QR code that {@code sharer} shared ({@code null}: the account). */
    public void memberJoinsByQrCode(ContactState group, ContactState member, ContactState sharer) {
        join(group, member, sharer, true);
    }

    private void join(ContactState group, ContactState member, ContactState by, boolean qrCode) {
        MessageDelivery.Queued notice;
        synchronized (world) {
            requireActiveGroupOf(group, member);
            requireMember(group, by);
            if (group.membersUnsafe().contains(member)) {
                throw new IllegalArgumentException(member + " is already in " + group);
            }
            group.membersUnsafe().add(member);
            group.pendingInvitees.remove(member);
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            notice = notice(group, joinText(member, by, qrCode));
            world.changed();
        }
        ContactChanges.publish(group.owner(), notice);
    }

    /**
     * The texts of 9.5.11, as written there: the account's own invitation and its own QR code end in two spaces,
     * and the own-QR line opens with {@code " } and a space (wechaty's patterns accept the space as optional).
     */
    private static String joinText(ContactState member, ContactState by, boolean qrCode) {
        String joiner = member.nickName();
        if (qrCode) {
            return by == null ? "\" " + joiner + "\"通过扫描你分享的二维码加入群聊  "
                    : "\"" + joiner + "\"通过扫描\"" + by.nickName() + "\"分享的二维码加入群聊";
        }
        return by == null ? "你邀请\"" + joiner + "\"加入了群聊  " : "\"" + by.nickName() + "\"邀请\"" + joiner + "\"加入了群聊";
    }

    /**
     * The account invites {@code invitees} from the web (webwxupdatechatroom {@code fun=invitemember}, 8.4): the
     * real server sends them invitation cards, so nobody joins until {@link #acceptInvitation} says they accepted.
     */
    void invite(ContactState group, List<ContactState> invitees) {
        synchronized (world) {
            for (ContactState invitee : invitees) {
                requireActiveGroupOf(group, invitee);
            }
            group.pendingInvitees.addAll(invitees);
            world.changed();
        }
    }

    /** {@code invitee} accepts the invitation card: they join as if the account had invited them from the phone. */
    public void acceptInvitation(ContactState group, ContactState invitee) {
        synchronized (world) {
            requireGroupOf(group, invitee);
            if (!group.pendingInvitees.contains(invitee)) {
                throw new IllegalArgumentException(invitee + " has no pending invitation to " + group);
            }
        }
        memberJoins(group, invitee, null);
    }

    /** Who was invited to {@code group} and has not accepted yet, in the order invited. */
    public List<ContactState> pendingInvitees(ContactState group) {
        synchronized (world) {
            return List.copyOf(group.pendingInvitees);
        }
    }

    /**
     * A member is removed: by the account from the phone ({@code remover} null, with the line "你将"B"移出了群聊"),
     * or by another member, which 9.5.11 gives no line for (only the remover's own client shows one). The owner
     * cannot be removed.
     */
    public void memberLeaves(ContactState group, ContactState member, ContactState remover) {
        leave(group, member, remover, true, remover == null ? "你将\"" + member.nickName() + "\"移出了群聊" : null);
    }

    /**
     * A member leaves by themselves: the other members' clients show no line for it, so only ModContactList. An
     * owner who quits leaves the group to its first remaining member (WeChat passes it on; to whom, the sources do
     * not say).
     */
    public void memberQuits(ContactState group, ContactState member) {
        leave(group, member, null, false, null);
    }

    private void leave(ContactState group, ContactState member, ContactState remover, boolean removed, String text) {
        MessageDelivery.Queued notice = null;
        synchronized (world) {
            requireActiveGroupOf(group, member);
            requireMember(group, remover);
            if (removed && member == remover) {
                throw new IllegalArgumentException(member + " cannot remove themselves; they quit");
            }
            if (removed && member == ownerOf(group)) {
                throw new IllegalArgumentException(member + " owns " + group + "; nobody can remove the owner");
            }
            if (!group.membersUnsafe().remove(member)) {
                throw new IllegalArgumentException(member + " is not in " + group);
            }
            group.memberDisplayNamesUnsafe().remove(member);
            if (group.ownerMember == member) {
                group.ownerMember = null;
            }
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            if (text != null) {
                notice = notice(group, text);
            }
            world.changed();
        }
        ContactChanges.publish(group.owner(), notice);
    }

    /**
     * The account itself is removed from {@code group} by the member {@code remover}: the line "你被"A"移出群聊"
     * and the group through ModContactList with a MemberList without the account (3.8's last paragraph: a client
     * takes a group it is not in as left). The group stays in the address book, silent from then on. Any member may
     * do it: group admins, who may remove people too, are not modelled, so the owner is not required.
     */
    public void removeAccount(ContactState group, ContactState remover) {
        MessageDelivery.Queued notice;
        synchronized (world) {
            if (remover == null) {
                throw new IllegalArgumentException("a member removes the account; name them");
            }
            requireActiveGroupOf(group, remover);
            requireMember(group, remover);
            if (group.ownedByAccount) {
                throw new IllegalArgumentException("the account owns " + group + "; nobody can remove the owner");
            }
            group.accountInGroup = false;
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            notice = notice(group, "你被\"" + remover.nickName() + "\"移出群聊");
            world.changed();
        }
        ContactChanges.publish(group.owner(), notice);
    }

    /** The group gets a new name ({@code renamer} null: the account renamed it from the phone). */
    public void rename(ContactState group, String newName, ContactState renamer) {
        MessageDelivery.Queued notice;
        synchronized (world) {
            requireActiveGroupOf(group, renamer);
            requireMember(group, renamer);
            group.nickName(newName);
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            String by = renamer == null ? "你" : "\"" + renamer.nickName() + "\"";
            notice = notice(group, by + "修改群名为“" + newName + "”");
            world.changed();
        }
        ContactChanges.publish(group.owner(), notice);
    }

    /**
     * The owner hands the group to {@code newOwner} ({@code null}: to the account): sessions get the group through
     * ModContactList with the new {@code ChatRoomOwner}, and batch-get says {@code IsOwner} accordingly. No line
     * follows: the sources give no 10000 text for a change of owner (9.5.11), so none is invented.
     */
    public void transferOwnership(ContactState group, ContactState newOwner) {
        synchronized (world) {
            requireActiveGroupOf(group, newOwner);
            requireMember(group, newOwner);
            if (ownerOf(group) == newOwner && (newOwner != null || group.ownedByAccount)) {
                throw new IllegalArgumentException((newOwner == null ? "the account" : newOwner) + " already owns " + group);
            }
            group.ownedByAccount = newOwner == null;
            group.ownerMember = newOwner;
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
    }

    /** Sets (or, with {@code ""}, clears) a member's nickname inside a group; sessions get the group again. */
    public void setMemberDisplayName(ContactState group, ContactState member, String displayName) {
        synchronized (world) {
            requireActiveGroupOf(group, member);
            requireMember(group, member);
            if (displayName.isEmpty()) {
                group.memberDisplayNamesUnsafe().remove(member);
            } else {
                group.memberDisplayNamesUnsafe().put(member, displayName);
            }
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
    }

    /** The member's nickname inside the group ({@code ""} when none). */
    public String memberDisplayName(ContactState group, ContactState member) {
        synchronized (world) {
            return group.displayNameOfUnsafe(member);
        }
    }

    /** The group's 10000 line, queued with the change. Caller holds the world monitor and publishes it after. */
    private MessageDelivery.Queued notice(ContactState group, String text) {
        return delivery.deliverLocked(group.owner(), group, group, new Payload.SystemNotice(text));
    }

    private static void requireGroupOf(ContactState group, ContactState person) {
        if (group.kind() != ContactKind.GROUP) {
            throw new IllegalArgumentException(group + " is not a group");
        }
        if (person != null && (person.owner() != group.owner() || !Accounts.isPerson(person))) {
            throw new IllegalArgumentException(person + " cannot be a member of " + group);
        }
    }

    /** As {@link #requireGroupOf}, and the account must still be in the group. */
    private static void requireActiveGroupOf(ContactState group, ContactState person) {
        requireGroupOf(group, person);
        if (!group.accountInGroup) {
            throw new IllegalArgumentException("the account is no longer in " + group);
        }
    }

    /** {@code person} (null: the account) must be in the group to act in it. */
    private static void requireMember(ContactState group, ContactState person) {
        requireGroupOf(group, person);
        if (person != null && !group.membersUnsafe().contains(person)) {
            throw new IllegalArgumentException(person + " is not in " + group);
        }
    }
}
