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
        String userName = userName(chatName);
        int[] found = {-1};
        try {
            world.awaitBotSees("a message to " + chatName, () -> {
                found[0] = untaken(userName).orElse(-1);
                return found[0] >= 0;
            });
        } catch (IllegalStateException none) {
            throw new AssertionError("expected the bot to send a message to " + chatName + " within "
                    + world.timeout().toMillis() + " ms, but it sent nothing more there ("
                    + world.sentTo(userName).size() + " message(s) there since the kit started)");
        }
        taken.add(found[0]);
        SentMessage sent = world.account().sentMessages().get(found[0]);
        return new Reply(chatName, sent, members(userName), () -> "the plugin (outside a message's handling)");
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

    private String userName(String chatName) {
        List<dev.webwxbot.api.Contact> found = world.bot().contacts().findExact(chatName);
        if (found.size() != 1) {
            throw new IllegalArgumentException("the bot knows " + (found.isEmpty() ? "no chat" : found.size() + " chats")
                    + " named " + chatName);
        }
        return found.getFirst().userName();
    }

    private Map<String, String> members(String userName) {
        Map<String, String> names = new HashMap<>();
        world.bot().contacts().byUserName(userName).ifPresent(chat -> world.bot().contacts().members(chat)
                .forEach(member -> names.put(member.userName(), member.nickName())));
        return names;
    }
}
