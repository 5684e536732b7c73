package dev.webwxbot.api.command;

import dev.webwxbot.api.HandlerContext;

/**
 * What a command does once its call was parsed and checked. Runs like a handler: on a virtual thread, within the
 * plugin's time budget; an exception is logged with the plugin's id and counts against its circuit breaker.
 */
@FunctionalInterface
public interface CommandAction {

    /** Runs the call; {@code context} replies to the chat the command was sent in. */
    void run(CommandCall call, HandlerContext context) throws Exception;
}
