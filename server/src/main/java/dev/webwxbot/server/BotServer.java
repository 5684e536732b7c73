package dev.webwxbot.server;

import com.typesafe.config.Config;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.cluster.ClusterSettings;
import dev.webwxbot.cluster.stream.Gateway;
import dev.webwxbot.cluster.stream.Worker;
import dev.webwxbot.core.ChatPauses;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.core.chain.ChainSettings;
import dev.webwxbot.core.chain.CommandSettings;
import dev.webwxbot.core.chain.JobSettings;
import dev.webwxbot.core.chain.Permissions;
import dev.webwxbot.core.chain.PluginHost;
import dev.webwxbot.safeoutput.OwnerOnly;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.AccountPermissions;
import dev.webwxbot.server.account.Accounts;
import dev.webwxbot.server.account.ClusterConfig;
import dev.webwxbot.server.alert.SafetyAlerts;
import dev.webwxbot.server.api.ApiBackend;
import dev.webwxbot.server.api.ApiServer;
import dev.webwxbot.server.api.ApiSettings;
import dev.webwxbot.server.api.LiveEvents;
import dev.webwxbot.server.metrics.BotMetrics;
import dev.webwxbot.server.store.AntiRevoke;
import dev.webwxbot.server.store.MessageLog;
import dev.webwxbot.server.webhook.WebhookTarget;
import dev.webwxbot.server.webhook.Webhooks;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's parts put together: one client (one event-loop group) and one plugin host shared by every account,
 * the accounts, the webhooks, the metrics and the HTTP API. {@link #reconfigure} applies a changed configuration
 * without a restart; {@link #close()} stops the API, lets each account drain, then releases everything.
 */
public final class BotServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotServer.class);

    private final WebWxClient client;
    private final PluginHost plugins;
    private final Accounts accounts;
    private final Webhooks webhooks;
    private final BotMetrics metrics;
    private final JvmGcMetrics gc;
    private final ApiServer api; // null when the API is off
    private final MessageLog messages;
    private final AtomicReference<AntiRevoke> antiRevoke;
    private final ConversationLog conversation;
    private final SafetyAlerts alerts;
    private final Optional<Gateway> gateway;
    private final Optional<Worker> worker;
    private final AtomicBoolean closed = new AtomicBoolean();

    private BotServer(WebWxClient client, PluginHost plugins, Accounts accounts, Webhooks webhooks, BotMetrics metrics,
                      JvmGcMetrics gc, ApiServer api, MessageLog messages, AtomicReference<AntiRevoke> antiRevoke,
                      ConversationLog conversation, SafetyAlerts alerts, Optional<Gateway> gateway,
                      Optional<Worker> worker) {
        this.alerts = alerts;
        this.gateway = gateway;
        this.worker = worker;
        this.client = client;
        this.plugins = plugins;
        this.accounts = accounts;
        this.webhooks = webhooks;
        this.metrics = metrics;
        this.gc = gc;
        this.api = api;
        this.messages = messages;
        this.antiRevoke = antiRevoke;
        this.conversation = conversation;
    }

    /**
     * Starts the daemon: loads the plugins, starts every account's login and, when enabled, the API.
     *
     * @param config the operator's whole configuration, resolved
     * @param display told each account's login steps (to print the QR code in a terminal); may ignore them
     */
    public static BotServer start(ServerSettings settings, Config config, BiConsumer<String, LoginProgress> display)
            throws IOException {
        return start(settings, config, display, Clock.systemUTC());
    }

    /**
     * As {@link #start(ServerSettings, Config, BiConsumer)}, with the time the safety behaviours (the login guard,
     * the alerts' rate limit) go by: tests share a clock they move across several daemons on one data folder.
     */
    public static BotServer start(ServerSettings settings, Config config, BiConsumer<String, LoginProgress> display,
                                  Clock clock) throws IOException {
        OwnerOnly.createDirectories(settings.dataDir());
        Optional<ClusterSettings> cluster = ClusterConfig.read(config);
        ClusterRoles.check(settings.role(), cluster);
        ApiSettings apiSettings = ApiSettings.read(config);
        List<WebhookTarget> targets = WebhookTarget.read(config);
        ChainSettings chain = chainSettings(config);
        Function<String, Permissions> roles = permissions(config);
        CommandSettings commands = commandSettings(config);
        AtomicReference<AntiRevoke> antiRevoke = new AtomicReference<>(AntiRevoke.read(config));
        ConversationLog conversation = new ConversationLog(logsMessageText(config));
        List<AutoCloseable> started = new ArrayList<>(); // closed in reverse if the start fails half-way
        // The store (SQLite, its migrations) opens on its own thread while the client and the plugins start: on the
        // way to the QR code, the two were a third of the time each.
        CompletableFuture<MessageLog> storeOpening = CompletableFuture.supplyAsync(
                () -> MessageLog.open(config, settings.dataDir(), clock),
                task -> Thread.ofPlatform().name("webwx-store-open").start(task));
        started.add(() -> storeOpening.handle((opened, failed) -> opened).thenAccept(opened -> {
            if (opened != null) opened.close();
        }).join());
        try {
            WebWxClient.Builder builder = WebWxClient.builder();
            settings.server().ifPresent(builder::server);
            settings.record().ifPresent(builder::record);
            WebWxClient client = builder.build();
            started.add(client);
            BotMetrics metrics = new BotMetrics();
            // The JVM's own numbers beside the bot's: heap, GC pauses, threads, CPU, uptime.
            new JvmMemoryMetrics().bindTo(metrics.registry());
            new JvmThreadMetrics().bindTo(metrics.registry());
            new ProcessorMetrics().bindTo(metrics.registry());
            new UptimeMetrics().bindTo(metrics.registry());
            JvmGcMetrics gc = new JvmGcMetrics();
            gc.bindTo(metrics.registry());
            started.add(gc);
            // Plugins' cron jobs remember their last run in the data folder, for the missed-run policy.
            // A gateway loads no plugin: the chain runs on the workers, and a plugin started here too would run twice.
            PluginHost plugins = settings.role() == DaemonRole.GATEWAY
                    ? PluginHost.withoutPlugins(settings.pluginsDir(), chain, config, metrics.chain())
                    : PluginHost.start(settings.pluginsDir(), chain, config, metrics.chain(),
                            JobSettings.read(config, "webwx-bot.jobs", Clock.systemUTC(),
                                    Optional.of(settings.dataDir().resolve("jobs.properties"))));
            started.add(plugins);
            plugins.permissions(roles);
            plugins.commands(commands);
            AccountReplies replies = new AccountReplies();
            Webhooks webhooks = Webhooks.start(settings.dataDir().resolve("webhooks"), targets, replies,
                    metrics.registry(), Clock.systemUTC());
            started.add(webhooks);
            // Open before any account: a database that cannot be opened is reported once and the bot runs without it.
            MessageLog messages = opened(storeOpening);
            started.removeFirst(); // the closer of the opening: the log itself is closed now
            started.add(messages);
            SafetyAlerts alerts = new SafetyAlerts(clock);
            AtomicReference<Accounts> accountsRef = new AtomicReference<>();
            LiveEvents live = new LiveEvents(Clock.systemUTC());
            AtomicReference<Gateway> gateway = new AtomicReference<>();
            ChainRoute route = settings.role() == DaemonRole.GATEWAY
                    ? ChainRoute.streams(gateway::get, (account, message) -> ClusterRoles.pauseOf(accountsRef.get(), account, message))
                    : ChainRoute.inProcess(plugins);
            DaemonEvents events = new DaemonEvents(route, webhooks, metrics, display, new ConcurrentHashMap<>(), messages,
                    antiRevoke, conversation, alerts, accountsRef, live);
            Accounts accounts = new Accounts(client, settings.dataDir(), config, events, metrics::forAccount, clock);
            started.add(accounts);
            replies.accounts = accounts;
            // A paused chat's messages reach guards and monitors only: each account's current session knows which.
            plugins.pauses(id -> accounts.get(id).map(Account::pauses).orElse(ChatPauses.NONE));
            accountsRef.set(accounts);
            // The API first: a port already taken fails the start before any account logs in.
            ApiServer api = null;
            if (apiSettings.enabled()) {
                api = ApiServer.start(apiSettings, settings.dataDir(),
                        new ApiBackend(accounts, plugins, messages.store(), Optional.of(metrics)), metrics::scrape, live);
                started.add(api);
            }
            Worker worker = null;
            if (cluster.isPresent() && settings.role() == DaemonRole.WORKER) {
                worker = ClusterRoles.startWorker(cluster.get(), plugins);
                started.add(worker);
                metrics.worker(worker, one -> one.held().size(), Worker::finished);
            } else if (cluster.isPresent()) {
                if (settings.role() == DaemonRole.GATEWAY) {
                    gateway.set(ClusterRoles.startGateway(cluster.get(), accounts));
                    started.add(gateway.get());
                    metrics.gatewayWaiting(gateway.get()::waiting);
                }
                accounts.joinCluster(cluster.get());
                accounts.cluster().ifPresent(member -> metrics.clusterHeld(() -> member.held().size()));
            }
            if (settings.role() != DaemonRole.WORKER) accounts.start();
            return new BotServer(client, plugins, accounts, webhooks, metrics, gc, api, messages, antiRevoke, conversation,
                    alerts, Optional.ofNullable(gateway.get()), Optional.ofNullable(worker));
        } catch (IOException | RuntimeException e) {
            closeAll(started);
            throw e;
        }
    }

    /** The store once opened; a wrong store setting fails the start as it would have on this thread. */
    private static MessageLog opened(CompletableFuture<MessageLog> opening) {
        try {
            return opening.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) throw cause;
            if (e.getCause() instanceof Error error) throw error;
            throw e;
        }
    }

    private static void closeAll(List<AutoCloseable> started) {
        for (AutoCloseable part : started.reversed()) {
            try {
                part.close();
            } catch (Exception e) {
                log.warn("stopping {} failed: {}", part.getClass().getSimpleName(), e.toString());
            }
        }
    }

    static ChainSettings chainSettings(Config config) {
        try {
            return ChainSettings.read(config.getConfig(ServerConfig.ROOT + ".chain"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ServerConfig.ROOT + ".chain: " + e.getMessage(), e);
        }
    }

    /** {@code webwx-bot.permissions} and each account's own, as an invalid configuration's message names them. */
    static Function<String, Permissions> permissions(Config config) {
        try {
            return AccountPermissions.read(config);
        } catch (InvalidSettingsException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** {@code webwx-bot.commands}: the prefix commands start with. */
    static CommandSettings commandSettings(Config config) {
        try {
            return CommandSettings.read(config.getConfig(ServerConfig.ROOT + ".commands"));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(ServerConfig.ROOT + ".commands: " + e.getMessage(), e);
        }
    }

    /** {@code webwx-bot.log.message-text}: whether the conversation's log lines carry the messages' text. */
    private static boolean logsMessageText(Config config) {
        return config.getBoolean(ServerConfig.ROOT + ".log.message-text");
    }

    public Accounts accounts() {
        return accounts;
    }

    public PluginHost plugins() {
        return plugins;
    }

    /** The daemon's metrics, as {@code /metrics} shows them. */
    public BotMetrics metrics() {
        return metrics;
    }

    /** The API, when enabled. */
    public Optional<ApiServer> api() {
        return Optional.ofNullable(api);
    }

    /**
     * Applies a changed configuration: the chain's settings and the plugins' blocks, the accounts (added ones start,
     * removed ones stop). The API's own settings are read at start only.
     *
     * @throws IllegalArgumentException for an invalid configuration; then nothing is changed
     */
    public void reconfigure(Config fresh) {
        ChainSettings chain = chainSettings(fresh); // checked before anything changes
        Function<String, Permissions> roles = permissions(fresh);
        CommandSettings commands = commandSettings(fresh);
        List<WebhookTarget> targets = WebhookTarget.read(fresh);
        AntiRevoke revoke = AntiRevoke.read(fresh);
        boolean messageText = logsMessageText(fresh);
        accounts.reconfigure(fresh); // checks its block before it changes anything
        plugins.reconfigure(chain, fresh);
        plugins.permissions(roles);
        plugins.commands(commands);
        webhooks.reconfigure(targets);
        antiRevoke.set(revoke);
        conversation.messageText(messageText);
    }

    /** Where the accounts' safety events are logged and sent to their owners. */
    public SafetyAlerts alerts() {
        return alerts;
    }

    /** The message store's side in the daemon (disabled when the store is off or could not be opened). */
    public MessageLog messages() {
        return messages;
    }

    /**
     * Stops the API, lets every account drain and save its session, then closes the webhooks (what they have not
     * delivered stays queued on disk), the plugins and the client. Closing twice is harmless.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) return;
        // Closed in reverse: the accounts (and their last sends) before the store records nothing more.
        // A gateway outlives its accounts' drain (their last messages' reports come through it); a worker hands its
        // accounts over, each after its running messages, before the plugins stop.
        List<AutoCloseable> parts = new ArrayList<>(List.of(client, gc, messages, plugins, webhooks));
        gateway.ifPresent(parts::add);
        parts.add(accounts);
        worker.ifPresent(parts::add);
        if (api != null) parts.add(api);
        closeAll(parts);
    }
}
