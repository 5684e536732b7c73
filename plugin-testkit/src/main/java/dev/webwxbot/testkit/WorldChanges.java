package dev.webwxbot.testkit;

import dev.webwxbot.api.event.ContactAdded;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.ContactRemoved;
import dev.webwxbot.api.event.GroupRenamed;
import dev.webwxbot.api.event.MemberJoined;
import dev.webwxbot.api.event.MemberLeft;
import dev.webwxbot.emulator.Contact;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * The changes a test makes around the bot while it is online, made through the emulator as WeChat would tell
 * them (the contact update and the grey line), each returning once the plugin's chain has the event it raised.
 * Thread-safe.
 */
final class WorldChanges {

    private final PluginTestKit kit;
    private final KitWorld world;

    WorldChanges(PluginTestKit kit, KitWorld world) {
        this.kit = kit;
        this.world = world;
    }

    /** {@code name} joins the group, invited by its member {@code by} (null: by the bot's owner) or by QR code. */
    Happening join(Contact group, String groupName, String name, String by, boolean qrCode) {
        Contact member = world.newcomer(Objects.requireNonNull(name, "name"));
        if (group.members().contains(member)) {
            throw new IllegalArgumentException(name + " is already in the group " + groupName);
        }
        Contact inviter = by == null ? null : member(group, groupName, by);
        String how = qrCode ? " by QR code" : by == null ? "" : " invited by " + by;
        return happen(() -> {
            if (qrCode) {
                group.addMemberByQrCode(member, inviter);
            } else {
                group.addMember(member, inviter);
            }
        }, group, group.userName(), name + " joining " + groupName + how,
                event -> event instanceof MemberJoined joined && joined.group().userName().equals(group.userName())
                        && joined.member().userName().equals(member.userName()));
    }

    /** The invited {@code name} accepts the bot's invitation card to the group. */
    Happening acceptInvitation(Contact group, String groupName, String name) {
        Contact invitee = group.pendingInvitees().stream().filter(c -> c.nickName().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(name + " has no pending invitation to " + groupName
                        + "; invited: " + String.join(", ", group.pendingInvitees().stream().map(Contact::nickName)
                        .toList())));
        return happen(() -> group.acceptGroupInvitation(invitee), group, group.userName(),
                name + " accepting the invitation to " + groupName, joinOf(group, invitee));
    }

    /** The bot learns that {@code name} joined the group, whenever it happened during the class. */
    Happening joined(Contact group, String groupName, String name) {
        Contact member = world.named(name).orElseThrow(() -> new IllegalArgumentException("the test has named no one"
                + " called " + name));
        return awaitEvent(0, group, group.userName(), name + " joining " + groupName, joinOf(group, member));
    }

    private static Predicate<ContactEvent> joinOf(Contact group, Contact member) {
        return event -> event instanceof MemberJoined joined && joined.group().userName().equals(group.userName())
                && joined.member().userName().equals(member.userName());
    }

    /** The member {@code name} leaves the group by themselves, or is removed by the bot's owner. */
    Happening leave(Contact group, String groupName, String name, boolean removedByOwner) {
        Contact member = member(group, groupName, name);
        String userName = member.userName();
        return happen(() -> {
            if (removedByOwner) {
                group.removeMember(member, null);
            } else {
                group.memberQuits(member);
            }
        }, group, group.userName(), name + (removedByOwner ? " removed from " : " leaving ") + groupName,
                event -> event instanceof MemberLeft left && left.group().userName().equals(group.userName())
                        && left.member().userName().equals(userName));
    }

    /** The member {@code by} renames the group. */
    Happening rename(Contact group, String groupName, String newName, String by) {
        Contact renamer = member(group, groupName, Objects.requireNonNull(by, "by"));
        return happen(() -> group.renameGroup(Objects.requireNonNull(newName, "newName"), renamer), group,
                group.userName(), by + " renaming " + groupName + " to " + newName,
                event -> event instanceof GroupRenamed renamed && renamed.group().userName().equals(group.userName())
                        && renamed.newName().equals(newName));
    }

    /** Someone new adds the bot's account as a friend; a friend of the kit's by that name from then on. */
    Happening befriend(String name) {
        int from = world.changes().size();
        Contact friend = world.newFriend(Objects.requireNonNull(name, "name"));
        String userName = friend.userName();
        return awaitEvent(from, friend, userName, "the new friend " + name,
                event -> event instanceof ContactAdded added && added.contact().userName().equals(userName));
    }

    /** The bot's owner deletes the friend {@code person} from the phone. */
    Happening delete(Contact person, String name) {
        String userName = person.userName();
        return happen(() -> world.account().deleteContact(person), person, userName, "deleting the friend " + name,
                event -> event instanceof ContactRemoved removed && removed.contact().userName().equals(userName));
    }

    private Happening happen(Runnable change, Contact chat, String chatUserName, String what,
                             Predicate<ContactEvent> raised) {
        int from = world.changes().size();
        change.run();
        return awaitEvent(from, chat, chatUserName, what, raised);
    }

    private Happening awaitEvent(int from, Contact chat, String chatUserName, String what,
                                 Predicate<ContactEvent> raised) {
        ContactEventLog.Entry entry = world.changes().await(from, raised, world.timeout())
                .orElseThrow(() -> new AssertionError("expected the bot to learn of " + what + ", but no such event"
                        + " reached the plugin's chain within " + world.timeout().toMillis() + " ms"));
        Said outcome = new Said(world, entry.key(), chat, chatUserName, what, what);
        kit.remember(outcome);
        return new Happening(outcome, entry.event());
    }

    private static Contact member(Contact group, String groupName, String name) {
        for (Contact member : group.members()) {
            if (member.nickName().equals(name)) return member;
        }
        throw new IllegalArgumentException("the group " + groupName + " has no member " + name + "; its members: "
                + String.join(", ", group.members().stream().map(Contact::nickName).toList()));
    }
}
