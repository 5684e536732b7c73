package dev.webwxbot.testkit;

import dev.webwxbot.emulator.SentMessage;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What the bot sent to chats by itself, outside the handling of any one message (a scheduled job, a login, the
 * later steps of something it started): {@link PluginTestKit#expectMessageTo} takes these messages one by one, in the
 * order the server recorded them, each at most once, from the start of the current test. Thread-safe.
 */
final class Outbox {

    private final KitWorld world;
    private int baseline;
    private final Set<Integer> taken = new HashSet<>();

    Outbox(KitWorld world) {
        this.world = world;
    }

    /**
     * Waits (up to the kit's timeout) for the next message to {@code chatName} this test has not taken yet.
     *
     * @throws AssertionError when none came, naming what was sent there and elsewhere
     */
    synchronized Reply next(String chatName) {
        // The chat may be new to the bot (a friend it just accepted reaches its address book with the next sync), so
        // it is looked up while waiting, not once before.
        String[] userName = {null};
        int[] found = {-1};
        try {
            world.awaitBotSees("a message to " + chatName, () -> {
                if (userName[0] == null) userName[0] = userName(chatName).orElse(null);
                found[0] = userName[0] == null ? -1 : untaken(userName[0]).orElse(-1);
                return found[0] >= 0;
            });
        } catch (IllegalStateException none) {
            if (userName[0] == null) {
                throw new IllegalArgumentException("the bot knows " + describeChats(chatName) + " named " + chatName);
            }
            String known = userName[0];
            throw new AssertionError("expected the bot to send a message to " + chatName + " within "
                    + world.timeout().toMillis() + " ms, but it sent nothing more there ("
                    + world.account().sentMessages().stream().filter(sent -> sent.toUserName().equals(known)).count()
                    + " message(s) there since the kit started)");
        }
        taken.add(found[0]);
        SentMessage sent = world.account().sentMessages().get(found[0]);
        return new Reply(chatName, sent, members(userName[0]), () -> "the plugin (outside a message's handling)");
    }

    /** From now on only what is sent after this moment counts: called between tests. */
    synchronized void reset() {
        baseline = world.account().sentMessages().size();
        taken.clear();
    }

    private Optional<Integer> untaken(String userName) {
        List<SentMessage> all = world.account().sentMessages();
        for (int i = baseline; i < all.size(); i++) {
            if (!taken.contains(i) && all.get(i).toUserName().equals(userName)) return Optional.of(i);
        }
        return Optional.empty();
    }

    /** The one chat the bot knows by {@code chatName}; empty while it knows none, or several. */
    private Optional<String> userName(String chatName) {
        List<dev.webwxbot.api.Contact> found = world.bot().contacts().findExact(chatName);
        return found.size() == 1 ? Optional.of(found.getFirst().userName()) : Optional.empty();
    }

    private String describeChats(String chatName) {
        int count = world.bot().contacts().findExact(chatName).size();
        return count == 0 ? "no chat" : count + " chats";
    }

    private Map<String, String> members(String userName) {
        Map<String, String> names = new HashMap<>();
        world.bot().contacts().byUserName(userName).ifPresent(chat -> world.bot().contacts().members(chat)
                .forEach(member -> names.put(member.userName(), member.nickName())));
        return names;
    }
}
