package dev.webwxbot.api;

import dev.webwxbot.api.schedule.Jobs;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What a handler gets alongside the event: the bot it may act through, and replies bound to the event's chat.
 *
 * <p>A context is valid only while the handler runs; it is not thread-safe to share it with threads that outlive
 * the call.
 */
public interface HandlerContext {

    /** The bot this event arrived on. */
    Bot bot();

    /**
     * Sends text to the chat the event came from: the group for a group message, the friend otherwise.
     * Blocks until the server answered.
     *
     * @throws IllegalStateException if the event has no chat to answer (a session event)
     */
    default SendReceipt reply(String text) {
        return reply(Outgoing.text(text));
    }

    /**
     * Sends any message to the chat the event came from. Blocks until the server answered.
     *
     * @throws IllegalStateException if the event has no chat to answer (a session event)
     */
    SendReceipt reply(Outgoing message);

    /**
     * Answers the message being handled by quoting it ({@link Outgoing#quote}): sent to its chat as a text in the form
     * WeChat clients show a quote as text, the receipt naming the quoted message. Blocks until the server answered.
     *
     * <pre>{@code
     * if (event instanceof TextMessage text && text.text().endsWith("?")) {
     *     context.replyQuoting("good question");
     * }
     * }</pre>
     *
     * <p>The chain's contexts implement it; a context a test makes itself must override it to use it.
     *
     * @throws IllegalStateException if the event is no message (a session event)
     * @throws UnsupportedOperationException if this context does not know the event it answers
     */
    default SendReceipt replyQuoting(String text) {
        throw new UnsupportedOperationException(getClass().getName() + " does not know the event it answers, so it"
                + " cannot quote it; reply(Outgoing.quote(event, text)) does the same");
    }

    /** The id of the plugin this handler belongs to, as the operator's configuration names it. */
    String pluginId();

    /**
     * Says, in this event's dispatch trace, why the handler did what it did: which of its rules answered, or why
     * none did ({@code rule 3 (menu) at config/auto-reply.conf:12 matched}). It becomes the detail of the handler's
     * trace step unless the turn failed or timed out (then the failure is the detail); the last call of the turn
     * wins. Does nothing where no trace is kept (the default).
     */
    default void explain(String why) {
    }

    /**
     * The role {@code person} has where this event happened (a group's admins count in that group only), as the
     * operator's permissions assign it by {@link Identity}.
     */
    Role roleOf(Contact person);

    /**
     * The plugin's scheduled jobs, e.g. for a one-shot reminder ({@code context.jobs().after(...)}). Unlike the
     * context, the jobs outlive the handler's turn: they live until the plugin stops. A job scheduled here without
     * an account ({@link dev.webwxbot.api.schedule.JobSpec#forAccount}) is for the account this event came in on.
     *
     * @throws UnsupportedOperationException where the plugin does not run under a host that schedules jobs
     */
    default Jobs jobs() {
        throw new UnsupportedOperationException("scheduled jobs are not available here");
    }

    /**
     * Waits for the next message of the person who sent this event, in the same chat, that {@code accept} takes:
     * a conversation. Blocks this handler's thread only; the chat's other events, and other people in the same
     * group, go on being handled while it waits.
     *
     * <pre>{@code
     * context.reply("what is your name?");
     * Optional<String> name = context.awaitText(Duration.ofMinutes(2));
     * context.reply(name.map(n -> "hello " + n).orElse("never mind"));
     * return Outcome.STOP;
     * }</pre>
     *
     * <p>When the handler starts waiting its turn ends for the chain as if it had returned {@link Outcome#STOP}, and
     * the time budget stops counting. The accepted message goes to this conversation before the chain's main and
     * fallback handlers, which do not see it (guards run before and may keep it from the conversation; monitors
     * still see it); the handler then has a new turn, with a new time budget, in which it may reply and wait again.
     * The person's messages that {@code accept} refuses go through the chain as usual. {@code accept} runs on the
     * chat's turn, so it must be quick and must not block.
     *
     * <p>Only the handler's own thread, during a turn, may wait; each plugin may have a bounded number of
     * conversations waiting at once (1000).
     *
     * @param timeout how long to wait, measured by the chain's clock; at most a day
     * @return the accepted message, or empty when {@code timeout} passed first (the handler then gets a turn of
     *     its own, in the chat's order, to say so)
     * @throws java.util.concurrent.CancellationException when the plugin was disabled, reloaded or unloaded, or the
     *     bot stops, while waiting: let it propagate (the chain expects it); sends would be refused anyway
     * @throws IllegalStateException when the event is not a message, the call is not on the handler's thread, or
     *     the plugin already has as many conversations waiting as it may
     */
    default Optional<MessageEvent> awaitNext(Predicate<? super MessageEvent> accept, Duration timeout) {
        throw new UnsupportedOperationException("this context cannot hold a conversation; only the plugin chain's can");
    }

    /**
     * The text of the same person's next text message in this chat; see {@link #awaitNext}. Their other messages
     * (images, files...) go through the chain as usual.
     *
     * @return the text, or empty when {@code timeout} passed first
     */
    default Optional<String> awaitText(Duration timeout) {
        return awaitNext(message -> message instanceof TextMessage, timeout)
                .map(message -> ((TextMessage) message).text());
    }

    /** {@link #reply(String) Replies} {@code question}, then {@link #awaitText waits} for the answer. */
    default Optional<String> ask(String question, Duration timeout) {
        reply(question);
        return awaitText(timeout);
    }
}
