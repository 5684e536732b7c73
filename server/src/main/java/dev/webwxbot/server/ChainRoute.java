package dev.webwxbot.server;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.core.chain.DispatchTrace;
import java.util.concurrent.CompletableFuture;

/**
 * Where an account's events go to be run through the plugin chain: the chain in this process, or (a cluster's
 * gateway) the account's event stream, whose worker reports the chain's trace back. The stage completes once the
 * chain is finished with the event.
 */
@FunctionalInterface
interface ChainRoute {
    CompletableFuture<DispatchTrace> dispatch(String account, BotEvent event, Bot bot);
}
