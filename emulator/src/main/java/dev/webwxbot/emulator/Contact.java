package dev.webwxbot.emulator;

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
        return world.userNameOf(state);
    }

    /** Group members (empty for non-groups). */
    public List<Contact> members() {
        return world.membersOf(state).stream().map(member -> new Contact(world, member)).toList();
    }

    /** This friend, MP or special account writes {@code text} to the account; live sessions get it via webwxsync. */
    public void sendText(String text) {
        world.contactSendsText(state, Objects.requireNonNull(text, "text"));
    }

    /** This member writes {@code text} in {@code group}; it arrives from the group with the sender prefix (9.2). */
    public void sendTextIn(Contact group, String text) {
        world.memberSendsTextInGroup(state, group.state, Objects.requireNonNull(text, "text"));
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
