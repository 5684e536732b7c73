package dev.webwxbot.core.chain;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.TextMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the chain did with one event: which handlers saw it, what each decided, and how long each took; the answer
 * to "why did (or didn't) the bot reply?". Immutable.
 *
 * @param event the event
 * @param at when the chain started on it
 * @param steps one per handler of the chain, in chain order, including those that did not run and why
 * @param account the account the event was dispatched for ({@value PluginHost#DEFAULT_ACCOUNT} with one account)
 */
public record DispatchTrace(BotEvent event, Instant at, List<Step> steps, String account) {

    public DispatchTrace {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(at, "at");
        steps = List.copyOf(steps);
        Objects.requireNonNull(account, "account");
    }

    /** The trace of an event of the account {@value PluginHost#DEFAULT_ACCOUNT}. */
    public DispatchTrace(BotEvent event, Instant at, List<Step> steps) {
        this(event, at, steps, PluginHost.DEFAULT_ACCOUNT);
    }

    /**
     * One handler's turn.
     *
     * @param pluginId the plugin the handler belongs to
     * @param handler the handler's simple class name
     * @param result how the turn ended, or why there was none
     * @param replies how many messages the handler sent through its context during its turn
     * @param took how long the chain spent on it (zero for a handler that did not run)
     * @param detail the failure, the budget exceeded, or why the plugin is disabled; empty otherwise
     * @param quoted the server ids of the messages the handler's sends quoted ({@code Outgoing.Quote}), in the
     *     order it sent them: what links a quote reply to the message it answers
     */
    public record Step(String pluginId, String handler, Result result, int replies, Duration took, String detail,
                       List<String> quoted) {
        public Step {
            Objects.requireNonNull(pluginId, "pluginId");
            Objects.requireNonNull(handler, "handler");
            Objects.requireNonNull(result, "result");
            Objects.requireNonNull(took, "took");
            detail = Objects.requireNonNullElse(detail, "");
            quoted = List.copyOf(quoted);
        }

        /** A step whose sends quoted nothing. */
        public Step(String pluginId, String handler, Result result, int replies, Duration took, String detail) {
            this(pluginId, handler, result, replies, took, detail, List.of());
        }

        /** Whether the handler was called for this event. */
        public boolean ran() {
            return switch (result) {
                case CONTINUED, STOPPED, FAILED, TIMED_OUT, AWAITING, TAKEN_BY_CONVERSATION -> true;
                case SKIPPED_BY_SCOPE, SKIPPED_AFTER_STOP, DISABLED, DENIED, PAUSED -> false;
            };
        }
    }

    /** How a handler's turn ended, or why it had none. */
    public enum Result {
        /** Ran and let later handlers see the event. */
        CONTINUED,
        /** Ran and kept the event from later handlers (monitors still saw it). */
        STOPPED,
        /** Threw; the chain went on. */
        FAILED,
        /** Exceeded its time budget; the chain went on without it, and its later sends were refused. */
        TIMED_OUT,
        /**
         * The event's chat is outside the plugin's {@code chats} scope, or its account outside the plugin's
         * {@code accounts} (the step's detail then says {@code not for account <id>}).
         */
        SKIPPED_BY_SCOPE,
        /** An earlier handler stopped the chain. */
        SKIPPED_AFTER_STOP,
        /** The plugin is disabled: by the operator, by its configuration, or by the circuit breaker. */
        DISABLED,
        /**
         * Ran and now waits for the sender's next message in this chat (a conversation); later handlers do not see
         * the event, as after {@link #STOPPED}.
         */
        AWAITING,
        /**
         * The event was the next message a waiting conversation of this plugin accepted: the handler had its next
         * turn with it (the detail says whether it waits again), and later handlers do not see it. This step comes
         * before the first handler that is not a guard.
         */
        TAKEN_BY_CONVERSATION,
        /**
         * The message's sender lacks the role the handler requires, or is blocked (the step's detail says which
         * role the sender has and which was needed).
         */
        DENIED,
        /**
         * The message's chat is paused (a human took over, a reply loop, a send ceiling, the owner's or operator's
         * pause): main and fallback handlers skip it, guards and monitors still see it; the detail says why.
         */
        PAUSED
    }

    /** Whether any handler replied or sent something. */
    public boolean replied() {
        return steps.stream().anyMatch(step -> step.replies() > 0);
    }

    /** The chat's display name (a contact or group event's too), or empty for a session event. */
    public String chatName() {
        return ChatScope.chatOf(event).map(Contact::displayName).orElse("");
    }

    private static final int PREVIEW = 40;

    private static String preview(String text) {
        return text.length() <= PREVIEW ? text : text.substring(0, PREVIEW) + "…";
    }

    /** A few lines for a person: the event, then one line per handler. Names are not sanitised for terminals. */
    public String describe() {
        StringBuilder text = new StringBuilder();
        text.append(at).append(' ');
        if (!account.equals(PluginHost.DEFAULT_ACCOUNT)) text.append('[').append(account).append("] ");
        text.append(event.getClass().getSimpleName());
        if (event instanceof MessageEvent message) {
            text.append(" in '").append(message.chat().displayName()).append("' from '")
                    .append(message.sender().displayName()).append('\'');
            if (message instanceof TextMessage said) text.append(": \"").append(preview(said.text())).append('"');
        } else if (event instanceof ContactEvent change) {
            text.append(" in '").append(change.chat().displayName()).append('\'');
        }
        text.append(replied() ? " — answered" : " — not answered").append('\n');
        for (Step step : steps) {
            text.append("  ").append(step.pluginId()).append('/').append(step.handler()).append(": ")
                    .append(step.result());
            if (step.ran()) text.append(" in ").append(step.took().toMillis()).append(" ms");
            if (step.replies() > 0) text.append(", ").append(step.replies()).append(step.replies() == 1 ? " reply" : " replies");
            if (!step.quoted().isEmpty()) text.append(" quoting ").append(String.join(", ", step.quoted()));
            if (!step.detail().isEmpty()) text.append(" (").append(step.detail()).append(')');
            text.append('\n');
        }
        return text.toString();
    }
}
