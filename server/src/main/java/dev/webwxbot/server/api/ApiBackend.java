package dev.webwxbot.server.api;

import dev.webwxbot.core.chain.PluginHost;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.Accounts;
import dev.webwxbot.server.metrics.BotMetrics;
import dev.webwxbot.store.MessageStore;
import java.util.Optional;

/**
 * What the API acts on: the daemon's accounts, its plugin host and its message store.
 *
 * @param accounts every account of the daemon
 * @param plugins the plugin host all accounts share
 * @param store the message store; empty when it is off or could not be opened
 * @param metrics the daemon's meters, read by the health view; empty where none are kept (some tests)
 */
public record ApiBackend(Accounts accounts, PluginHost plugins, Optional<MessageStore> store,
                         Optional<BotMetrics> metrics) {

    /** Without meters: the health view then shows no throttle, error or reconnect counts. */
    public ApiBackend(Accounts accounts, PluginHost plugins, Optional<MessageStore> store) {
        this(accounts, plugins, store, Optional.empty());
    }

    /** The account a route names, or a 404 problem. */
    Account account(String id) {
        return accounts.get(id).orElseThrow(() -> ApiProblem.notFound("no account named '" + id + "'"));
    }
}
