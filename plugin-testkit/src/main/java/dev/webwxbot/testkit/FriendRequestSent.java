package dev.webwxbot.testkit;

import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.emulator.Contact;
import dev.webwxbot.emulator.ContactKind;

/**
 * A stranger's request to become the bot's friend, as WeChat delivers it (a friend request message with the
 * verification text), and what the bot did about it:
 *
 * <pre>{@code
 * Friend dora = bot.friendRequest("Dora", "Aidog please").expectAccepted();
 * bot.friendRequest("Eve", "hello").expectNotAccepted();
 * }</pre>
 *
 * Thread-safe.
 */
public final class FriendRequestSent {

    private final PluginTestKit kit;
    private final KitWorld world;
    private final String name;
    private final Contact requester;
    private final Said said;

    FriendRequestSent(PluginTestKit kit, KitWorld world, String name, Contact requester, Said said) {
        this.kit = kit;
        this.world = world;
        this.name = name;
        this.requester = requester;
        this.said = said;
    }

    /**
     * Waits until the bot accepted the request and knows the requester as a friend; {@code friend(name)} is them
     * from then on.
     *
     * @throws AssertionError when the request was not accepted within the kit's timeout
     */
    public Friend expectAccepted() {
        try {
            world.awaitBotSees(name + "'s friend request accepted", () -> requester.kind() == ContactKind.FRIEND);
        } catch (IllegalStateException notAccepted) {
            throw new AssertionError("expected the bot to accept " + name + "'s friend request, but it did not within "
                    + world.timeout().toMillis() + " ms: " + Words.whySilent(said.trace()));
        }
        world.befriended(name, requester);
        return kit.friend(name);
    }

    /** Asserts the bot did not accept the request, once the chain is done with it. */
    public FriendRequestSent expectNotAccepted() {
        said.trace();
        if (requester.kind() != ContactKind.STRANGER) {
            throw new AssertionError("expected the bot to leave " + name + "'s friend request alone, but it accepted it");
        }
        return this;
    }

    /** Waits until the chain is done with the request and returns its trace. */
    public DispatchTrace trace() {
        return said.trace();
    }

    @Override
    public String toString() {
        return said.toString();
    }
}
