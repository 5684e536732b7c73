package dev.webwxbot.core;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Receives what a session sees. Called on a network thread: implementations must return quickly and never block
 * (hand work to another thread, as {@code dev.webwxbot.core.chain.PluginChain} does).
 */
public interface SessionListener {

    default void onLoginProgress(LoginProgress progress) {
    }

    /** Every event but messages, and messages too unless {@link #onMessage} is overridden. */
    default void onEvent(BotEvent event) {
    }

    /**
     * A received message, with the {@link Bot} to answer it through; the returned stage completes once the message
     * has been handled. Until then the session keeps it in its journal (see
     * {@link SessionOptions#withJournalDirectory}): a message whose stage has not completed when the process dies,
     * or when a stop's drain time runs out, is handed on again by the next start of the same session. What is sent
     * through {@code bot} while handling it is not sent twice when that happens. By default the message goes to
     * {@link #onEvent} and counts as handled at once.
     */
    default CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
        onEvent(message);
        return CompletableFuture.completedFuture(null);
    }
}
