package dev.webwxbot.server;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.cluster.stream.Gateway;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.PluginHost;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Where an account's events go to be run through the plugin chain: the chain in this process, or (a cluster's
 * gateway) the account's event stream, whose worker reports the chain's trace back. Each stage completes once the
 * chain is finished with the event.
 */
interface ChainRoute {

    /** A message the account's session received and journals: {@code bot}'s sends are its answers. */
    CompletableFuture<DispatchTrace> message(String account, MessageEvent message, Bot bot);

    /** Any other event: the session's news, a revoked message recovered from the store. */
    CompletableFuture<DispatchTrace> event(String account, BotEvent event, Bot bot);

    /** The plugins of this process. */
    static ChainRoute inProcess(PluginHost plugins) {
        return new ChainRoute() {
            @Override
            public CompletableFuture<DispatchTrace> message(String account, MessageEvent message, Bot bot) {
                return plugins.dispatch(message, bot, account);
            }

            @Override
            public CompletableFuture<DispatchTrace> event(String account, BotEvent event, Bot bot) {
                return plugins.dispatch(event, bot, account);
            }
        };
    }

    /** The workers, through {@code gateway} (known once started); a message carries its chat's pause there. */
    static ChainRoute streams(Supplier<Gateway> gateway, PauseLookup pauses) {
        return new ChainRoute() {
            @Override
            public CompletableFuture<DispatchTrace> message(String account, MessageEvent message, Bot bot) {
                return gateway.get().dispatch(account, message, bot, pauses.of(account, message));
            }

            @Override
            public CompletableFuture<DispatchTrace> event(String account, BotEvent event, Bot bot) {
                return gateway.get().publish(account, event, bot);
            }
        };
    }

    /** The pause of a message's chat in its account's session, if the chat is paused. */
    @FunctionalInterface
    interface PauseLookup {
        Optional<PausedChat> of(String account, MessageEvent message);
    }
}
