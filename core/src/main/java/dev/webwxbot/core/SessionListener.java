package dev.webwxbot.core;

import dev.webwxbot.api.event.BotEvent;

/**
 * Receives what a session sees. Called on a network thread: implementations must return quickly and never block
 * (hand work to another thread, as {@code dev.webwxbot.core.chain.PluginChain} does).
 */
public interface SessionListener {

    default void onLoginProgress(LoginProgress progress) {
    }

    default void onEvent(BotEvent event) {
    }
}
