package dev.webwxbot.server.metrics;

import dev.webwxbot.api.event.CardMessage;
import dev.webwxbot.api.event.EmoticonMessage;
import dev.webwxbot.api.event.FileMessage;
import dev.webwxbot.api.event.FriendRequest;
import dev.webwxbot.api.event.ImageMessage;
import dev.webwxbot.api.event.LinkMessage;
import dev.webwxbot.api.event.LocationMessage;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.api.event.MiniProgramMessage;
import dev.webwxbot.api.event.MusicMessage;
import dev.webwxbot.api.event.QuoteMessage;
import dev.webwxbot.api.event.RevokeNotice;
import dev.webwxbot.api.event.RevokedMessage;
import dev.webwxbot.api.event.SystemNotice;
import dev.webwxbot.api.event.TextMessage;
import dev.webwxbot.api.event.TransferMessage;
import dev.webwxbot.api.event.UnknownMessage;
import dev.webwxbot.api.event.VideoMessage;
import dev.webwxbot.api.event.VoiceMessage;
import dev.webwxbot.core.SessionMonitor;
import dev.webwxbot.core.chain.ChainMonitor;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The daemon's meters in one Prometheus registry: each account's state, messages in and out, send latency,
 * throttling and sync errors; each plugin's handler time, failures and circuit breaker. Webhook meters are
 * registered by their own component on {@link #registry()}.
 *
 * <pre>{@code
 * BotMetrics metrics = new BotMetrics();
 * SessionOptions options = SessionOptions.defaults().withMonitor(metrics.forAccount("alice"));
 * metrics.accountState("alice", () -> account.state().name());
 * PluginHost host = PluginHost.start(dir, chainSettings, config, metrics.chain());
 * // in the session listener: metrics.received("alice", message);
 * String body = metrics.scrape();            // GET /metrics
 * metrics.removeAccount("alice");            // when the account is deleted
 * }</pre>
 *
 * <p>Meter names as Prometheus renders them: {@code webwx_account_state{account,state}},
 * {@code webwx_messages_received_total{account,kind}}, {@code webwx_messages_sent_total{account,kind,result}}
 * (result {@code sent} or the lower-case {@code FailureReason}), {@code webwx_send_latency_seconds{account,kind}}
 * (count, sum, max; no histogram), {@code webwx_send_throttled_total{account}},
 * {@code webwx_sync_errors_total{account}}, {@code webwx_sync_reconnects_total{account}},
 * {@code webwx_plugin_handler_time_seconds{plugin}}, {@code webwx_plugin_handler_failures_total{plugin}},
 * {@code webwx_plugin_breaker_open{plugin}}; in a cluster {@code webwx_cluster_accounts_held},
 * {@code webwx_cluster_leases_acquired_total{account}}, {@code webwx_cluster_leases_released_total{account,reason}}.
 *
 * <p>Thread-safe. Owns its registry; nothing to close.
 */
public final class BotMetrics {

    /** The states of an account, as the API names them; one gauge each per account. */
    static final List<String> STATES =
            List.of("WAITING_FOR_SCAN", "LOGGING_IN", "ONLINE", "RECONNECTING", "LOGGED_OUT", "STOPPED", "ELSEWHERE");

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ConcurrentHashMap<String, AccountMeters> accounts = new ConcurrentHashMap<>();
    private final PluginMeters plugins = new PluginMeters(registry);

    public BotMetrics() {
    }

    /** The registry, for components that keep meters of their own (webhooks). */
    public MeterRegistry registry() {
        return registry;
    }

    /** Every meter in the Prometheus text exposition format. */
    public String scrape() {
        return registry.scrape();
    }

    /**
     * The monitor for the session of {@code accountId} ({@code SessionOptions.withMonitor}); the same one on every
     * call until {@link #removeAccount}. Makes the account's counters, at 0, so they show before anything happens.
     */
    public SessionMonitor forAccount(String accountId) {
        return meters(accountId);
    }

    /** The monitor for the plugin chain ({@code PluginHost.start(..., monitor)}). */
    public ChainMonitor chain() {
        return plugins;
    }

    /**
     * Counts a message {@code accountId} received, by kind ({@code text}, {@code image}, ... {@code unknown}).
     * The account's own messages ({@code fromSelf}: the echoes of what the bot sent, and what its owner wrote on the
     * phone) are not counted: they are not traffic in, and the bot's sends are counted as sent.
     */
    public void received(String accountId, MessageEvent event) {
        if (event.envelope().fromSelf()) return;
        meters(accountId).received(kind(event));
    }

    /**
     * Shows the account's state as one gauge per state of the API's list: 1 for the one {@code state} names when
     * scraped, 0 for the others. Calling it again replaces the source.
     *
     * @param state read at every scrape; must be quick and not block
     */
    public void accountState(String accountId, Supplier<String> state) {
        Objects.requireNonNull(state, "state");
        meters(accountId).state(STATES, state);
    }

    /**
     * In a cluster: this daemon took {@code accountId}'s lease ({@code webwx_cluster_leases_acquired_total{account}}):
     * at its start, or taking the account over from a daemon that died or drained.
     */
    public void leaseAcquired(String accountId) {
        Counter.builder("webwx.cluster.leases.acquired").tag("account", accountId)
                .description("account leases this daemon took").register(registry).increment();
    }

    /**
     * In a cluster: this daemon let go of {@code accountId}'s lease, {@code reason} {@code handed_over},
     * {@code lost} (not renewed in time: Redis away) or {@code removed}
     * ({@code webwx_cluster_leases_released_total{account,reason}}).
     */
    public void leaseReleased(String accountId, String reason) {
        Counter.builder("webwx.cluster.leases.released").tag("account", accountId).tag("reason", reason)
                .description("account leases this daemon let go of").register(registry).increment();
    }

    /** In a cluster: how many account leases this daemon holds ({@code webwx_cluster_accounts_held}), read at scrape. */
    public void clusterHeld(Supplier<Number> held) {
        // Held strongly: the supplier is a lambda nothing else keeps, and Micrometer holds gauge sources weakly.
        Gauge.builder("webwx.cluster.accounts.held", held, h -> h.get().doubleValue()).strongReference(true)
                .description("account leases this daemon holds").register(registry);
    }

    /** A cluster gateway's messages published to the workers and not yet reported finished by one. */
    public void gatewayWaiting(Supplier<Number> waiting) {
        Gauge.builder("webwx.stream.messages.waiting", waiting, w -> w.get().doubleValue()).strongReference(true)
                .description("messages this gateway published that no worker has reported finished yet")
                .register(registry);
    }

    /**
     * A cluster worker's accounts (its processing leases) and the events it has finished since it started, read from
     * {@code worker} (which the daemon holds: Micrometer keeps a counter's source weakly).
     */
    public <T> void worker(T worker, ToDoubleFunction<T> processing, ToDoubleFunction<T> finished) {
        Gauge.builder("webwx.stream.accounts.processed", worker, processing)
                .description("accounts whose events this worker runs through the plugin chain").register(registry);
        FunctionCounter.builder("webwx.stream.events.finished", worker, finished)
                .description("events this worker ran through the chain (or found finished already)").register(registry);
    }

    /** What the account's meters know of its throttles, receive errors and reconnects; nothing for an unknown one. */
    public AccountHealth health(String accountId) {
        AccountMeters meters = accounts.get(accountId);
        return meters == null ? AccountHealth.NONE : meters.health();
    }

    /**
     * Removes every meter of the account (also those others registered with its {@code account} tag). Its monitor
     * records nothing from then on; {@link #forAccount} starts afresh.
     */
    public void removeAccount(String accountId) {
        AccountMeters removed = accounts.remove(accountId);
        if (removed != null) removed.remove();
    }

    private AccountMeters meters(String accountId) {
        Objects.requireNonNull(accountId, "accountId");
        return accounts.computeIfAbsent(accountId, id -> new AccountMeters(id, registry));
    }

    /** The kind of a received message as the event JSON names it, without its {@code message.} prefix. */
    static String kind(MessageEvent event) {
        return switch (event) {
            case TextMessage m -> "text";
            case ImageMessage m -> "image";
            case VoiceMessage m -> "voice";
            case VideoMessage m -> "video";
            case FileMessage m -> "file";
            case CardMessage m -> "card";
            case EmoticonMessage m -> "emoticon";
            case LocationMessage m -> "location";
            case LinkMessage m -> "link";
            case MiniProgramMessage m -> "mini-program";
            case MusicMessage m -> "music";
            case QuoteMessage m -> "quote";
            case TransferMessage m -> "transfer";
            case FriendRequest m -> "friend-request";
            case RevokeNotice m -> "revoke";
            case RevokedMessage m -> "revoked";
            case SystemNotice m -> "system";
            case UnknownMessage m -> "unknown";
        };
    }
}
