package dev.webwxbot.api;

import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.command.Command;
import java.util.List;
import java.util.Optional;
import org.pf4j.ExtensionPoint;

/**
 * A link of the plugin chain: sees each event in turn and decides whether later handlers see it too.
 *
 * <pre>{@code
 * @Extension
 * public final class Greeter implements MessageHandler {
 *     public Outcome handle(BotEvent event, HandlerContext context) {
 *         if (event instanceof TextMessage text && text.text().equals("hi")) {
 *             context.reply("hello, " + text.sender().displayName());
 *             return Outcome.STOP;
 *         }
 *         return Outcome.CONTINUE;
 *     }
 * }
 * }</pre>
 *
 * <p>Handlers run on virtual threads, never on the network event loop, so they may block (call a web service,
 * read a file, send and wait for the receipt). Events of one chat reach a handler one at a time and in order;
 * events of different chats may arrive concurrently, so an implementation that keeps state across chats must be
 * thread-safe. An exception thrown here is logged with the plugin's id and the chain goes on as if
 * {@link Outcome#CONTINUE} had been returned.
 */
public interface MessageHandler extends ExtensionPoint {

    /**
     * Handles one event.
     *
     * @return {@link Outcome#STOP} to keep the event from handlers later in the chain (monitors still see it),
     *     {@link Outcome#CONTINUE} otherwise
     */
    Outcome handle(BotEvent event, HandlerContext context) throws Exception;

    /** Where in the chain this handler wants to sit; the operator's configuration may override it. */
    default Phase phase() {
        return Phase.MAIN;
    }

    /** Order inside a phase: higher runs first. The operator's configuration may override it. */
    default int priority() {
        return 0;
    }

    /**
     * The least {@link Role} a message's sender needs for this handler to see the message; the chain skips the
     * handler for anyone below it (silently: the trace says {@code DENIED}). Applies to messages only; other events
     * have no sender. The operator's {@code plugins.<id>.role} overrides it. Messages of a {@link Role#BLOCKED}
     * sender reach no main or fallback handler whatever they require; monitors still see them.
     */
    default Role requiredRole() {
        return Role.ANYONE;
    }

    /**
     * Receives the plugin's configuration before the first event, and again each time the operator's
     * configuration changes. Throwing (typically the {@link InvalidSettingsException} a getter threw) disables
     * the plugin with a message naming the key; the bot goes on without it. Called on a virtual thread, never
     * concurrently with itself.
     */
    default void configure(PluginSettings settings) throws Exception {
    }

    /**
     * Called when the plugin starts running: after {@link #configure} when it is enabled, and again after each
     * reconfiguration, enable or reload. Schedule recurring jobs here; everything obtained from {@code runtime} is
     * disposed by the host when the plugin stops, before the next {@code start}. Throwing is logged and shown as
     * the plugin's warning; its handlers stay in the chain.
     */
    default void start(PluginRuntime runtime) throws Exception {
    }

    /**
     * What is wrong although the handler runs, for the operator: {@code webwx-bot plugins list} and the HTTP API show
     * it beside the plugin's ACTIVE state. For example a plugin that refuses a broken configuration edit but keeps
     * working with the previous one returns {@code "running previous rules: <the error>"} until a good edit comes.
     * Empty when nothing is wrong (the default).
     *
     * <p>The host asks right after each {@link #configure} that returned normally (on the same thread, within the
     * same time limit), so the answer should reflect that configuration, and again each time it lists the plugins,
     * so a problem found later (say at an account's login) shows too. It must return at once.
     */
    default Optional<String> warning() {
        return Optional.empty();
    }

    /**
     * The commands this handler offers ({@code /remind 10m tea}); none by default. Asked whenever the plugin is
     * (re)configured, so they may depend on its settings. They run in the plugin's place in the chain, before this
     * handler sees the event, with the plugin's scope, time budget and circuit breaker; a call the bot ran never
     * reaches {@link #handle}. A handler that only offers commands returns {@link Outcome#CONTINUE} from handle.
     */
    default List<Command> commands() {
        return List.of();
    }
}
