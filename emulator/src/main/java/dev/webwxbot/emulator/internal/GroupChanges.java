package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;

import java.util.List;

/**
 * Changes to groups (PROTOCOL.md 8.3, 8.4, 9.5.11): creation, members joining (directly or by accepting an
 * invitation), leaving, renames, member nicknames and ownership. Live sessions get the group again through
 * ModContactList, and the {@code 10000} line the phone would show follows.
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
     * The account creates a group with {@code members} from a web session (webwxcreatechatroom): sessions get it
     * through ModContactList, and the 10000 line "你邀请"A、B"加入了群聊" follows as on the phone.
     */
    ContactState create(AccountState account, String topic, List<ContactState> members) {
        ContactState group;
        synchronized (world) {
            group = accounts.newContact(account, ContactKind.GROUP, world.ids.chatroomId(), topic, members);
            group.ownedByAccount = true;
            contactChanges.enqueueContactChange(account, group, WebSession.EventKind.ADD_CONTACT);
            world.changed();
        }
        String names = String.join("、", members.stream().map(ContactState::nickName).toList());
        delivery.deliver(account, group, group, new Payload.SystemNotice("你邀请\"" + names + "\"加入了群聊"));
        return group;
    }

    /** Whether the account owns {@code group} (created it from the web, or set so by a test). */
    public boolean ownedByAccount(ContactState group) {
        synchronized (world) {
            return group.ownedByAccount;
        }
    }

    public void ownedByAccount(ContactState group, boolean owned) {
        synchronized (world) {
            requireGroupOf(group, null);
            group.ownedByAccount = owned;
        }
    }

    /** A member joins a group ({@code inviter} null: the account invited them from the phone). */
    public void memberJoins(ContactState group, ContactState member, ContactState inviter) {
        synchronized (world) {
            requireGroupOf(group, member);
            if (inviter != null) {
                requireGroupOf(group, inviter);
            }
            if (group.membersUnsafe().contains(member)) {
                throw new IllegalArgumentException(member + " is already in " + group);
            }
            group.membersUnsafe().add(member);
            group.pendingInvitees.remove(member);
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
        String text = inviter == null ? "你邀请\"" + member.nickName() + "\"加入了群聊  "
                : "\"" + inviter.nickName() + "\"邀请\"" + member.nickName() + "\"加入了群聊";
        delivery.deliver(group.owner(), group, group, new Payload.SystemNotice(text));
    }

    /**
     * The account invites {@code invitees} from the web (webwxupdatechatroom {@code fun=invitemember}, 8.4): the
     * real server sends them invitation cards, so nobody joins until {@link #acceptInvitation} says they accepted.
     */
    void invite(ContactState group, List<ContactState> invitees) {
        synchronized (world) {
            for (ContactState invitee : invitees) {
                requireGroupOf(group, invitee);
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
     * A member leaves a group: removed by the account from the phone ({@code remover} null, with the line
     * "你将"B"移出了群聊"), or leaving or removed by someone else, which the real client shows no line for.
     */
    public void memberLeaves(ContactState group, ContactState member, ContactState remover) {
        synchronized (world) {
            requireGroupOf(group, member);
            if (!group.membersUnsafe().remove(member)) {
                throw new IllegalArgumentException(member + " is not in " + group);
            }
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
        if (remover == null) {
            delivery.deliver(group.owner(), group, group,
                    new Payload.SystemNotice("你将\"" + member.nickName() + "\"移出了群聊"));
        }
    }

    /** The group gets a new name ({@code renamer} null: the account renamed it from the phone). */
    public void rename(ContactState group, String newName, ContactState renamer) {
        synchronized (world) {
            requireGroupOf(group, renamer);
            group.nickName(newName);
            contactChanges.enqueueContactChange(group.owner(), group, WebSession.EventKind.MOD_CONTACT);
            world.changed();
        }
        String text = (renamer == null ? "你" : "\"" + renamer.nickName() + "\"") + "修改群名为“" + newName + "”";
        delivery.deliver(group.owner(), group, group, new Payload.SystemNotice(text));
    }

    /** Sets (or, with {@code ""}, clears) a member's nickname inside a group; sessions get the group again. */
    public void setMemberDisplayName(ContactState group, ContactState member, String displayName) {
        synchronized (world) {
            requireGroupOf(group, member);
            if (!group.membersUnsafe().contains(member)) {
                throw new IllegalArgumentException(member + " is not in " + group);
            }
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

    private static void requireGroupOf(ContactState group, ContactState member) {
        if (group.kind() != ContactKind.GROUP) {
            throw new IllegalArgumentException(group + " is not a group");
        }
        if (member != null && (member.owner() != group.owner() || !Accounts.isPerson(member))) {
            throw new IllegalArgumentException(member + " cannot be a member of " + group);
        }
    }
}
