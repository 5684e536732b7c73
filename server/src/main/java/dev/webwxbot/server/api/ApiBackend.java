package dev.webwxbot.server.api;

import dev.webwxbot.core.chain.PluginHost;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.Accounts;

/**
 * What the API acts on: the daemon's accounts and its plugin host.
 *
 * @param accounts every account of the daemon
 * @param plugins the plugin host all accounts share
 */
public record ApiBackend(Accounts accounts, PluginHost plugins) {

    /** The account a route names, or a 404 problem. */
    Account account(String id) {
        return accounts.get(id).orElseThrow(() -> ApiProblem.notFound("no account named '" + id + "'"));
    }
}
