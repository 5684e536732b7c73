package dev.webwxbot.testkit;

import dev.webwxbot.emulator.Contact;
import java.util.List;

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

    @Override
    public String toString() {
        return "group " + name;
    }
}
