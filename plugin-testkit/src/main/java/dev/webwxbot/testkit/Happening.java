package dev.webwxbot.testkit;

import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.core.chain.DispatchTrace;
import java.util.List;

/**
 * Something that happened around the bot while it was online (a member joined a group, a friend was added), the
 * typed event the plugin's chain got for it, and what the bot did about it. The expectations are those of
 * {@link Said}, looking only at what the bot did while handling this very event:
 *
 * <pre>{@code
 * bot.group("Hikers", "Alice").memberJoins("Carol").expectReply().hasText("welcome, Carol").mentions("Carol");
 * MemberJoined joined = (MemberJoined) bot.group("Hikers", "Alice").memberJoins("Dave", "Alice").event();
 * }</pre>
 *
 * A change returns once the chain has the event; one whose event never came fails at once with an
 * {@link AssertionError} naming it. Thread-safe.
 */
public final class Happening {

    private final Said outcome;
    private final ContactEvent event;

    Happening(Said outcome, ContactEvent event) {
        this.outcome = outcome;
        this.event = event;
    }

    /** The event the plugin's handlers were given, e.g. a {@code MemberJoined} with the member and the inviter. */
    public ContactEvent event() {
        return event;
    }

    /** Waits for the bot's first answer in the event's chat (the group, or the contact) and returns it. */
    public Reply expectReply() {
        return outcome.expectReply();
    }

    /** Waits until the chain is done with the event and asserts the bot answered it with exactly {@code count}. */
    public List<Reply> expectReplies(int count) {
        return outcome.expectReplies(count);
    }

    /** Waits until the chain is done with the event and returns every answer the bot sent in its chat. */
    public List<Reply> replies() {
        return outcome.replies();
    }

    /** Asserts the bot did not answer the event in its chat, once the chain is done with it. */
    public Happening expectNoReply() {
        outcome.expectNoReply();
        return this;
    }

    /** Waits until the chain is done with the event and returns its trace. */
    public DispatchTrace trace() {
        return outcome.trace();
    }

    /** Asserts how a handler's turn on the event ended (or why it had none); see {@link Said#expectTrace}. */
    public Happening expectTrace(String handler, DispatchTrace.Result result) {
        outcome.expectTrace(handler, result);
        return this;
    }

    @Override
    public String toString() {
        return outcome.toString();
    }
}
