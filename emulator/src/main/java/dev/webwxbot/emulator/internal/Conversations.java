package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.ConversationLine;
import dev.webwxbot.emulator.Direction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.function.Consumer;

/**
 * The human-readable log of each account's conversations, and its listeners. Lines are recorded under the world
 * monitor and published to listeners after it is released, so that a listener can never stall the world.
 */
public final class Conversations {
    private static final Logger LOG = LoggerFactory.getLogger(Conversations.class);

    private final World world;

    Conversations(World world) {
        this.world = world;
    }

    /** Every line of the account so far. */
    public List<ConversationLine> of(AccountState account) {
        synchronized (world) {
            return List.copyOf(account.conversation);
        }
    }

    /** Records a line. Caller holds the world monitor and later calls {@link #publish} without it. */
    ConversationLine record(AccountState account, String from, String to, String text, Direction direction) {
        ConversationLine line = new ConversationLine(world.now(), from, to, text, direction);
        account.conversation.add(line);
        world.changed();
        return line;
    }

    /**
     * Records the line of a message in {@code chat}: {@code writer} null is the account itself (outgoing), a
     * contact writing directly or a member writing in a group is incoming. Caller holds the world monitor.
     */
    ConversationLine recordMessage(AccountState account, ContactState writer, ContactState chat, String text) {
        if (writer == null) {
            return record(account, account.nickName(), chat.nickName(), text, Direction.OUTGOING);
        }
        String to = writer == chat ? account.nickName() : chat.nickName();
        return record(account, writer.nickName(), to, text, Direction.INCOMING);
    }

    /** Hands a recorded line to the account's listeners. Caller must not hold the world monitor. */
    static void publish(AccountState account, ConversationLine line) {
        for (Consumer<ConversationLine> listener : account.conversationListeners) {
            try {
                listener.accept(line);
            } catch (RuntimeException e) {
                LOG.warn("conversation listener of {} failed", account, e);
            }
        }
    }
}
