package dev.webwxbot.server;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.cluster.Cluster;
import dev.webwxbot.cluster.ClusterSettings;
import dev.webwxbot.cluster.stream.Gateway;
import dev.webwxbot.cluster.stream.Worker;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.PluginHost;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.Accounts;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The daemon's part in a cluster split into gateways and workers ({@code run --role}): a gateway's events go to the
 * accounts' streams, a worker runs the plugin chain for the accounts it processes.
 */
final class ClusterRoles {

    private ClusterRoles() {
    }

    /** A gateway or a worker needs the cluster's Redis: refused at start otherwise, with what to do. */
    static void check(DaemonRole role, Optional<ClusterSettings> cluster) {
        if (role != DaemonRole.BOTH && cluster.isEmpty()) {
            throw new IllegalArgumentException("--role " + role.name().toLowerCase(Locale.ROOT) + " needs a cluster: set "
                    + ServerConfig.ROOT + ".cluster { redis = \"redis://host:6379\", node = \"…\" } (docs/cluster.md)");
        }
    }

    /** The gateway of this daemon's accounts: calls are carried out for those whose lease it holds. */
    static Gateway startGateway(ClusterSettings cluster, Accounts accounts) {
        return Gateway.start(cluster.redis(), cluster.keyPrefix(), cluster.node(), id -> accounts.get(id).flatMap(Account::bot),
                () -> accounts.cluster().map(Cluster::held).orElse(Set.of()));
    }

    /**
     * A worker for the accounts the cluster's gateways run, running {@code plugins}' chain; the plugins' pause checks
     * go to it.
     */
    static Worker startWorker(ClusterSettings cluster, PluginHost plugins) {
        Worker worker = Worker.start(cluster, new Worker.Chain() {
            @Override
            public CompletionStage<DispatchTrace> dispatch(String account, BotEvent event, Bot bot) {
                return plugins.dispatch(event, bot, account);
            }

            @Override
            public void online(String account, Bot bot) {
                plugins.accountOnline(account, bot);
            }

            @Override
            public void released(String account) {
                plugins.accountOffline(account);
            }
        });
        plugins.pauses(worker::pauses);
        return worker;
    }

    /** The pause of a message's chat on this gateway's session, which travels with the message to the worker. */
    static Optional<PausedChat> pauseOf(Accounts accounts, String account, MessageEvent message) {
        if (accounts == null) return Optional.empty();
        return accounts.get(account).flatMap(one -> one.pauses().paused(message.chat().userName()));
    }
}
