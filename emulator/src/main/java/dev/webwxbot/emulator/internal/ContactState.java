package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ContactKind;

import java.util.ArrayList;
import java.util.List;

/**
 * A contact in an account's world: stable across logins (its permanent id), unlike the session-scoped UserName a
 * {@link WebSession} assigns. Mutable parts are guarded by the {@link World} monitor.
 */
public final class ContactState {
    private final AccountState owner;
    private volatile ContactKind kind;
    private final String permanentId;
    private volatile String nickName;
    private volatile String remarkName = "";
    private volatile String alias = "";
    /** Members' nicknames inside this group (群昵称), by member; guarded by the World monitor. */
    private final java.util.Map<ContactState, String> memberDisplayNames = new java.util.HashMap<>();
    /** The ticket of this stranger's pending friend request, or {@code null}; guarded by the World monitor. */
    String pendingRequestTicket;
    /** For a group: whether the account owns it (may remove members); guarded by the World monitor. */
    boolean ownedByAccount;
    /** For a group: people invited with {@code invitemember} who have not accepted yet; guarded by the World monitor. */
    final java.util.Set<ContactState> pendingInvitees = new java.util.LinkedHashSet<>();
    /**
     * For a group the account does not own: the member who does, or {@code null} for the first member (what the
     * emulator has always said in {@code ChatRoomOwner}); guarded by the World monitor.
     */
    ContactState ownerMember;
    /** For a group: whether the account is still in it (false once removed, PROTOCOL.md 3.8); World monitor. */
    boolean accountInGroup = true;
    /** The {@link ContactFlags} bits the account set (starred, pinned, muted); guarded by the World monitor. */
    int flagBits;
    private volatile long headImgSeq;
    private final long attrStatus;
    private final List<ContactState> members = new ArrayList<>();

    ContactState(AccountState owner, ContactKind kind, String permanentId, String nickName, long headImgSeq,
                 long attrStatus) {
        this.owner = owner;
        this.kind = kind;
        this.permanentId = permanentId;
        this.nickName = nickName;
        this.headImgSeq = headImgSeq;
        this.attrStatus = attrStatus;
    }

    public AccountState owner() {
        return owner;
    }

    public ContactKind kind() {
        return kind;
    }

    /** wxid, {@code gh_…}, {@code …@chatroom} or the bare special name. */
    public String permanentId() {
        return permanentId;
    }

    public String nickName() {
        return nickName;
    }

    /** Changed only under the World monitor (renames, group topic changes). */
    void nickName(String newName) {
        this.nickName = newName;
    }

    /** Changed only under the World monitor (a stranger whose request was accepted becomes a friend). */
    void kind(ContactKind newKind) {
        this.kind = newKind;
    }

    public String remarkName() {
        return remarkName;
    }

    void remarkName(String remark) {
        this.remarkName = remark;
    }

    /** The WeChat id shown as {@code Alias} ({@code ""} when none). */
    public String alias() {
        return alias;
    }

    void alias(String newAlias) {
        this.alias = newAlias;
    }

    /** The member's nickname inside this group, {@code ""} when none; callers hold the World monitor. */
    String displayNameOfUnsafe(ContactState member) {
        return memberDisplayNames.getOrDefault(member, "");
    }

    java.util.Map<ContactState, String> memberDisplayNamesUnsafe() {
        return memberDisplayNames;
    }

    long headImgSeq() {
        return headImgSeq;
    }

    /** Changed only under the World monitor (a new avatar gets a new seq, so its URL changes). */
    void headImgSeq(long seq) {
        this.headImgSeq = seq;
    }

    long attrStatus() {
        return attrStatus;
    }

    /** Group members (empty for non-groups); callers hold the World monitor. */
    List<ContactState> membersUnsafe() {
        return members;
    }

    @Override
    public String toString() {
        return kind + " " + nickName;
    }
}
