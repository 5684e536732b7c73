package dev.webwxbot.emulator;

import dev.webwxbot.emulator.internal.ContactFlag;
import dev.webwxbot.emulator.internal.ContactState;
import dev.webwxbot.emulator.internal.World;

import java.util.List;
import java.util.Objects;

/**
 * Someone (or a group) in an account's world, with a stable permanent id; the session-scoped UserName changes at
 * every login. Thread-safe; owned by its {@link Account}, nothing to close. Equal when they denote the same contact.
 */
public final class Contact {
    private final World world;
    private final ContactState state;

    Contact(World world, ContactState state) {
        this.world = world;
        this.state = state;
    }

    ContactState state() {
        return state;
    }

    /** The permanent id: {@code wxid_…}, {@code gh_…}, {@code …@chatroom}, or a bare special name. */
    public String wxid() {
        return state.permanentId();
    }

    public String nickName() {
        return state.nickName();
    }

    public ContactKind kind() {
        return state.kind();
    }

    /** The UserName in the account's current live session, or {@code null} when it has none. */
    public String userName() {
        return world.sessions().userNameOf(state);
    }

    /** Group members (empty for non-groups). */
    public List<Contact> members() {
        return world.accounts().membersOf(state).stream().map(member -> new Contact(world, member)).toList();
    }

    /** This friend, MP or special account writes {@code text} to the account; live sessions get it via webwxsync. */
    public void sendText(String text) {
        world.delivery().contactSendsText(state, Objects.requireNonNull(text, "text"));
    }

    /** This member writes {@code text} in {@code group}; it arrives from the group with the sender prefix (9.2). */
    public void sendTextIn(Contact group, String text) {
        world.delivery().memberSendsTextInGroup(state, group.state, Objects.requireNonNull(text, "text"));
    }

    /** The contact's WeChat id, sent as {@code Alias} ({@code ""} when none, as is common). */
    public String alias() {
        return state.alias();
    }

    /** Sets the WeChat id ({@code Alias}, PROTOCOL.md 3.6); live sessions get the change through ModContactList. */
    public Contact setAlias(String alias) {
        world.contactChanges().setAlias(state, Objects.requireNonNull(alias, "alias"));
        return this;
    }

    /**
     * On a group: sets {@code member}'s nickname inside it (群昵称, the member's {@code DisplayName}, PROTOCOL.md 3.7);
     * {@code ""} clears it. Live sessions get the group through ModContactList.
     */
    public Contact setMemberDisplayName(Contact member, String displayName) {
        world.groupChanges().setMemberDisplayName(state, member.state, Objects.requireNonNull(displayName, "displayName"));
        return this;
    }

    /** On a group: {@code member}'s nickname inside it, {@code ""} when none. */
    public String memberDisplayName(Contact member) {
        return world.groupChanges().memberDisplayName(state, member.state);
    }

    /** The account's remark name for this contact ({@code ""} when none). */
    public String remarkName() {
        return state.remarkName();
    }

    /** This friend, MP or special account writes {@code body} to the account; returns the MsgId. */
    public String send(MessageBody body) {
        return world.delivery().deliver(state.owner(), state, state, body.payload());
    }

    /** This member writes {@code body} in {@code group} (with the sender prefix of 9.2); returns the MsgId. */
    public String sendIn(Contact group, MessageBody body) {
        return world.delivery().deliver(state.owner(), state, group.state, body.payload());
    }

    /** This contact withdraws a message it wrote (directly or in a group): sessions get a 10002 (9.5.13). */
    public String revoke(String msgId) {
        return world.delivery().revoke(state.owner(), state, Objects.requireNonNull(msgId, "msgId"));
    }

    /** This stranger accepts the account's friend request: ModContactList plus "X刚刚把你添加到通讯录…" (9.5.11). */
    public void acceptYourRequest() {
        world.contactChanges().befriend(state, false);
    }

    /**
     * Renames this contact (NickName) or sets the account's remark for it; null leaves a value as it is. Live
     * sessions get the contact through ModContactList (even when both are null: a way to announce it again).
     */
    public void modify(String newNickName, String newRemarkName) {
        world.contactChanges().modify(state, newNickName, newRemarkName);
    }

    /**
     * This person or official account sets a new avatar: live sessions get it through ModContactList with a new
     * {@code HeadImgUrl} (another {@code seq}). Every captured entry says {@code HeadImgUpdateFlag 1} whatever
     * changed, so that flag is sent as always and the URL is what tells the picture is new.
     *
     * @throws IllegalArgumentException on a group (its avatar is drawn from its members; the captured group entries
     *                                  carry {@code seq=0} whatever happened) or a built-in contact
     */
    public Contact changeHeadImage() {
        world.contactChanges().changeHeadImage(state);
        return this;
    }

    /**
     * The phone stars this friend or not (星标朋友): {@code ContactFlag} bit {@code 64} and {@code StarFriend}
     * (PROTOCOL.md 3.6, 3.8); live sessions get the contact through ModContactList. No change, nothing sent.
     *
     * @throws IllegalArgumentException when this is not a friend
     */
    public Contact setStarred(boolean starred) {
        world.contactChanges().setFlag(state, ContactFlag.STARRED, starred);
        return this;
    }

    /**
     * The phone pins this chat to the top or not: {@code ContactFlag} bit {@code 2048} (3.8, 8.2); live sessions
     * get the contact through ModContactList. No change, nothing sent.
     *
     * @throws IllegalArgumentException on a stranger (not in the address book)
     */
    public Contact setPinned(boolean pinned) {
        world.contactChanges().setFlag(state, ContactFlag.PINNED, pinned);
        return this;
    }

    /**
     * The phone mutes this chat or not (消息免打扰): {@code ContactFlag} bit {@code 512} (3.8); live sessions get the
     * contact through ModContactList. A group's {@code Statues} is left alone: 3.6 finds it unreliable as a mute
     * flag. No change, nothing sent.
     *
     * @throws IllegalArgumentException on a stranger (not in the address book)
     */
    public Contact setMuted(boolean muted) {
        world.contactChanges().setFlag(state, ContactFlag.MUTED, muted);
        return this;
    }

    public boolean starred() {
        return world.contactChanges().hasFlag(state, ContactFlag.STARRED);
    }

    public boolean pinned() {
        return world.contactChanges().hasFlag(state, ContactFlag.PINNED);
    }

    public boolean muted() {
        return world.contactChanges().hasFlag(state, ContactFlag.MUTED);
    }

    /**
     * On a group: {@code member} joins, invited by {@code inviter} (null: by the account, from the phone). Live
     * sessions get the group through ModContactList and, in the same answer, ""A"邀请"B"加入了群聊" or
     * "你邀请"B"加入了群聊  " (9.5.11).
     *
     * @throws IllegalArgumentException when {@code member} is already in the group or {@code inviter} is not
     */
    public void addMember(Contact member, Contact inviter) {
        world.groupChanges().memberJoins(state, member.state, inviter == null ? null : inviter.state);
    }

    /**
     * On a group: {@code member} joins by scanning the group's QR code that {@code sharer} shared (null: the account
     * shared it). ModContactList and, in the same answer, ""B"通过扫描"A"分享的二维码加入群聊" or
     * "" B"通过扫描你分享的二维码加入群聊  ", as 9.5.11 writes them.
     *
     * @throws IllegalArgumentException when {@code member} is already in the group or {@code sharer} is not
     */
    public void addMemberByQrCode(Contact member, Contact sharer) {
        world.groupChanges().memberJoinsByQrCode(state, member.state, sharer == null ? null : sharer.state);
    }

    /**
     * On a group: {@code member} is removed. {@code remover} null means the account removed them from the phone,
     * with the line "你将"B"移出了群聊"; another member removing them gets no line (9.5.11 has none). Either way
     * live sessions get the group through ModContactList.
     *
     * @throws IllegalArgumentException when {@code member} or {@code remover} is not in the group, or {@code member}
     *                                  owns it (see {@link #transferOwnership}; the first member owns a group added
     *                                  with {@link Account#addGroup})
     */
    public void removeMember(Contact member, Contact remover) {
        world.groupChanges().memberLeaves(state, member.state, remover == null ? null : remover.state);
    }

    /**
     * On a group: {@code member} leaves by themselves. WeChat shows the others no line for that, so live sessions
     * get only the group through ModContactList. An owner who quits leaves the group to the first remaining member.
     *
     * @throws IllegalArgumentException when {@code member} is not in the group
     */
    public void memberQuits(Contact member) {
        world.groupChanges().memberQuits(state, member.state);
    }

    /**
     * On a group: the member {@code remover} removes the account itself. Live sessions get the line "你被"A"移出群聊"
     * and, in the same answer, the group through ModContactList with a MemberList that no longer lists the account
     * (3.8: a group without self is one the account left). The group stays in the address book; nothing more
     * happens in it for the account (later changes or messages in it throw).
     *
     * @throws IllegalArgumentException when the account owns the group or {@code remover} is not in it
     */
    public void removeAccount(Contact remover) {
        world.groupChanges().removeAccount(state, Objects.requireNonNull(remover, "remover").state);
    }

    /**
     * On a group: renames it; {@code renamer} null means the account did it from the phone. ModContactList and,
     * in the same answer, ""A"修改群名为“X”" or "你修改群名为“X”".
     */
    public void renameGroup(String newName, Contact renamer) {
        world.groupChanges().rename(state, Objects.requireNonNull(newName, "newName"), renamer == null ? null : renamer.state);
    }

    /**
     * On a group: ownership passes to the member {@code newOwner} (null: to the account). Live sessions get the
     * group through ModContactList with the new {@code ChatRoomOwner}; batch-get says {@code IsOwner} 1 or 0 for
     * the account. No line is sent: the sources give no 10000 text for a change of owner.
     *
     * @throws IllegalArgumentException when {@code newOwner} is not in the group or already owns it
     */
    public void transferOwnership(Contact newOwner) {
        world.groupChanges().transferOwnership(state, newOwner == null ? null : newOwner.state);
    }

    /** On a group: whether the account is still in it (false once {@link #removeAccount removed}). */
    public boolean includesAccount() {
        return world.groupChanges().accountInGroup(state);
    }

    /**
     * On a group: {@code invitee} accepts the invitation card a web client sent with {@code invitemember}
     * (PROTOCOL.md 8.4) and joins: ModContactList plus "你邀请"B"加入了群聊" (9.5.11).
     *
     * @throws IllegalArgumentException when {@code invitee} has no pending invitation to this group
     */
    public void acceptGroupInvitation(Contact invitee) {
        world.groupChanges().acceptInvitation(state, invitee.state);
    }

    /** On a group: who was invited with {@code invitemember} and has not accepted yet, in the order invited. */
    public List<Contact> pendingInvitees() {
        return world.groupChanges().pendingInvitees(state).stream().map(c -> new Contact(world, c)).toList();
    }

    /** On a group: whether the account owns it, and so may remove members from the web (webwxupdatechatroom). */
    public boolean ownedByAccount() {
        return world.groupChanges().ownedByAccount(state);
    }

    /**
     * On a group: makes the account its owner or not, quietly, as a starting state (groups created from the web are
     * owned); {@link #transferOwnership} is the change live sessions are told of.
     */
    public Contact setOwnedByAccount(boolean owned) {
        world.groupChanges().ownedByAccount(state, owned);
        return this;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Contact contact && contact.state == state;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(state);
    }

    @Override
    public String toString() {
        return state.toString();
    }
}
