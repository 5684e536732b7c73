package dev.webwxbot.testkit;

import dev.webwxbot.emulator.Contact;
import java.util.List;
import java.util.Objects;

/**
 * A group chat the bot is in, with its members: {@code bot.group("Hikers", "Alice", "Bob")}. Created in the
 * emulated address book the first time a test names it (its members are friends of the bot); naming it again with
 * new members adds them. Thread-safe.
 */
public final class Group {

    private final PluginTestKit kit;
    private final KitWorld world;
    private final String name;
    private final Contact group;

    Group(PluginTestKit kit, KitWorld world, String name, Contact group) {
        this.kit = kit;
        this.world = world;
        this.name = name;
        this.group = group;
    }

    /** The group's name. */
    public String name() {
        return name;
    }

    /** The members' names, in the order they joined. */
    public List<String> members() {
        return group.members().stream().map(Contact::nickName).toList();
    }

    /**
     * The member called {@code name}, to speak in the group.
     *
     * @throws IllegalArgumentException when no member has that name
     */
    public Member member(String memberName) {
        for (Contact member : group.members()) {
            if (member.nickName().equals(memberName)) {
                return new Member(new Speaker(kit, world, memberName, member, group, name), this);
            }
        }
        throw new IllegalArgumentException("the group " + name + " has no member " + memberName + "; its members: "
                + String.join(", ", members()) + " (name them in group(\"" + name + "\", ...))");
    }

    /**
     * The bot's own account writes {@code text} in this group from its phone: the bot receives it as its own
     * message ({@code envelope().fromSelf()}), which a plugin should leave alone.
     */
    public Said ownerSays(String text) {
        return new Speaker(kit, world, name, null, group, name).ownerSays(text);
    }

    /**
     * {@code newcomer} joins the group, invited by the bot's owner from the phone: the bot gets a
     * {@code MemberJoined}. The newcomer is the friend of that name when a test named one, else someone who is not
     * the bot's friend.
     */
    public Happening memberJoins(String newcomer) {
        return changes().join(group, name, newcomer, null, false);
    }

    /** {@code newcomer} joins the group invited by its member {@code invitedBy}, who the event names as inviter. */
    public Happening memberJoins(String newcomer, String invitedBy) {
        return changes().join(group, name, newcomer, Objects.requireNonNull(invitedBy, "invitedBy"), false);
    }

    /** {@code newcomer} joins by scanning the group's QR code its member {@code sharedBy} shared. */
    public Happening memberJoinsByQrCode(String newcomer, String sharedBy) {
        return changes().join(group, name, newcomer, Objects.requireNonNull(sharedBy, "sharedBy"), true);
    }

    /** The member {@code memberName} leaves the group by themselves: the bot gets a {@code MemberLeft}. */
    public Happening memberLeaves(String memberName) {
        return changes().leave(group, name, memberName, false);
    }

    /** The bot's owner removes the member {@code memberName} from the phone. */
    public Happening memberRemoved(String memberName) {
        return changes().leave(group, name, memberName, true);
    }

    /**
     * Its member {@code renamedBy} gives the group a new name: the bot gets a {@code GroupRenamed}. The kit still
     * calls the group by the name the test first gave it.
     */
    public Happening renamed(String newName, String renamedBy) {
        return changes().rename(group, name, newName, renamedBy);
    }

    /**
     * Makes the bot's account the group's owner, as a starting state (nothing is announced), so that it may remove
     * members (webwxupdatechatroom {@code delmember} is the owner's).
     */
    public Group ownedByTheBot() {
        group.setOwnedByAccount(true);
        return this;
    }

    /**
     * Who the bot invited to the group with an invitation card (webwxupdatechatroom {@code invitemember}) and has not
     * accepted yet, as the emulated server knows them, in the order invited.
     */
    public List<String> pendingInvitees() {
        return group.pendingInvitees().stream().map(Contact::nickName).toList();
    }

    /** {@code invitee} accepts the bot's invitation card and joins: the bot gets a {@code MemberJoined}. */
    public Happening acceptsInvitation(String invitee) {
        return changes().acceptInvitation(group, name, Objects.requireNonNull(invitee, "invitee"));
    }

    /**
     * Waits until the bot learns that {@code member} joined the group, however they came in (the bot may have added
     * them itself), and returns what the bot did about it.
     */
    public Happening expectJoined(String member) {
        return changes().joined(group, name, Objects.requireNonNull(member, "member"));
    }

    private WorldChanges changes() {
        return new WorldChanges(kit, world);
    }

    @Override
    public String toString() {
        return "group " + name;
    }
}
