package dev.webwxbot.server.api;

import dev.webwxbot.core.chain.PluginHost;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.Accounts;
import dev.webwxbot.store.MessageStore;
import java.util.Optional;

/**
 * What the API acts on: the daemon's accounts, its plugin host and its message store.
 *
 * @param accounts every account of the daemon
 * @param plugins the plugin host all accounts share
 * @param store the message store; empty when it is off or could not be opened
 */
public record ApiBackend(Accounts accounts, PluginHost plugins, Optional<MessageStore> store) {

    /** The account a route names, or a 404 problem. */
    Account account(String id) {
        return accounts.get(id).orElseThrow(() -> ApiProblem.notFound("no account named '" + id + "'"));
    }
}
