package dev.webwxbot.api;

import dev.webwxbot.api.schedule.Jobs;

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
     * The role {@code person} has where this event happened (a group's admins count in that group only), as the
     * operator's permissions assign it by {@link Identity}.
     */
    Role roleOf(Contact person);

    /**
     * The plugin's scheduled jobs, e.g. for a one-shot reminder ({@code context.jobs().after(...)}). Unlike the
     * context, the jobs outlive the handler's turn: they live until the plugin stops.
     *
     * @throws UnsupportedOperationException where the plugin does not run under a host that schedules jobs
     */
    default Jobs jobs() {
        throw new UnsupportedOperationException("scheduled jobs are not available here");
    }
}
