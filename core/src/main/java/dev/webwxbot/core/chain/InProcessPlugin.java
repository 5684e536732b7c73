package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.event.BotEvent;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin given as handler instances instead of a jar, run the way {@link PluginHost} runs a jar's plugin: its
 * block {@code plugins.<id>} of the operator's configuration merged over its defaults and read through
 * {@link ConfigPluginSettings}, the host's own keys of the block applied ({@code enabled}, {@code chats},
 * {@code priority}, {@code time-budget}, {@code accounts}), each handler's {@code configure} called on a virtual
 * thread within the host's limit, and the handlers run in a {@link PluginChain} of their own. What the plugin test
 * kit runs the plugin under test in. Started with {@link JobSettings}, it also runs the plugin as the host does once
 * it is enabled: {@link MessageHandler#start} with a runtime whose jobs run on those settings' clock, again after
 * each reconfiguration, everything of the runtime closed when the plugin stops.
 *
 * <pre>{@code
 * try (InProcessPlugin plugin = InProcessPlugin.start("hello", List.of(new HelloHandler()), reference,
 *         ChainSettings.defaults(), ConfigFactory.parseString("plugins.hello.greeting = hi"))) {
 *     DispatchTrace trace = plugin.dispatch(event, bot).get();
 * }
 * }</pre>
 *
 * <p>Unlike the host, which goes on without a misconfigured plugin, an invalid block is thrown to the caller: a
 * test wants to fail with the plugin's message, not run without the plugin. The plugin is then out of the chain
 * (its traces say why) until a valid configuration comes. Thread-safe: {@link #reconfigure} calls are serialised,
 * dispatching uses the chain as it was. The caller closes it.
 */
public final class InProcessPlugin implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(InProcessPlugin.class);

    private final String id;
    private final List<MessageHandler> handlers;
    private final Config reference;
    private final PluginChain chain;
    private final ReentrantLock lock = new ReentrantLock();
    /** The host's timer for the plugin's jobs; null when it was started without jobs. */
    private final JobScheduler scheduler;
    private final Supplier<Map<String, Bot>> accounts;
    /** The runtime of the running plugin; null while it does not run. Changed under {@link #lock}. */
    private volatile PluginRuntimes runtime;
    private volatile String startError = "";

    private InProcessPlugin(String id, List<? extends MessageHandler> handlers, Config reference, ChainSettings settings,
                            JobSettings jobs, Supplier<Map<String, Bot>> accounts) {
        this.id = Objects.requireNonNull(id, "id");
        this.handlers = List.copyOf(handlers);
        this.reference = Objects.requireNonNull(reference, "reference");
        if (this.handlers.isEmpty()) throw new IllegalArgumentException("plugin '" + id + "' has no handlers");
        this.chain = new PluginChain(settings, (pluginId, reason) -> { });
        this.scheduler = jobs == null ? null : new JobScheduler(jobs);
        this.accounts = accounts;
        if (scheduler != null) chain.jobsOf(plugin -> plugin.equals(this.id) ? runningJobs() : null);
    }

    /**
     * Configures the handlers from {@code operator}'s {@code plugins.<id>} block over {@code reference} and puts
     * them in a chain of their own.
     *
     * @param reference the plugin's defaults: the block itself, as read from its {@code reference.conf}
     * @param operator the operator's configuration, resolved; only its {@code plugins.<id>} block is read
     * @throws InvalidSettingsException naming the key when the block is invalid or a handler rejects it
     */
    public static InProcessPlugin start(String id, List<? extends MessageHandler> handlers, Config reference,
                                        ChainSettings settings, Config operator) {
        return start(new InProcessPlugin(id, handlers, reference, settings, null, Map::of), operator);
    }

    /**
     * As {@link #start(String, List, Config, ChainSettings, Config)}, and then runs the plugin as the host does:
     * {@link MessageHandler#start} with a runtime whose jobs are timed by {@code jobs}' clock (call
     * {@link #clockMoved} after moving a manual one) and act through {@code accounts}.
     *
     * @param accounts the accounts online now, by id; asked whenever a job or the plugin wants them
     */
    public static InProcessPlugin start(String id, List<? extends MessageHandler> handlers, Config reference,
                                        ChainSettings settings, Config operator, JobSettings jobs,
                                        Supplier<Map<String, Bot>> accounts) {
        return start(new InProcessPlugin(id, handlers, reference, settings, Objects.requireNonNull(jobs, "jobs"),
                Objects.requireNonNull(accounts, "accounts")), operator);
    }

    private static InProcessPlugin start(InProcessPlugin plugin, Config operator) {
        try {
            plugin.reconfigure(operator);
        } catch (RuntimeException e) {
            plugin.close();
            throw e;
        }
        return plugin;
    }

    /** The plugin's id, the name of its configuration block. */
    public String id() {
        return id;
    }

    /**
     * Applies a changed configuration, as {@link PluginHost#reconfigure} does for a jar's plugin: the block is
     * handed again to every handler's {@code configure}.
     *
     * @throws InvalidSettingsException naming the key when the block is invalid or a handler rejects it; the plugin
     *     is then out of the chain until a valid configuration comes
     */
    public void reconfigure(Config operator) {
        Objects.requireNonNull(operator, "operator");
        lock.lock();
        try {
            String key = PluginBlocks.key(id);
            PluginPolicy policy;
            try {
                ConfigPluginSettings settings = new ConfigPluginSettings(PluginBlocks.merged(operator, id, reference), key);
                policy = PluginPolicy.read(settings);
                if (policy.enabled()) {
                    for (MessageHandler handler : handlers) HandlerConfiguring.configure(id, handler, settings);
                }
            } catch (InvalidSettingsException e) {
                install(PluginPolicy.DEFAULT, "invalid configuration: " + e.getMessage());
                stopRuntime();
                throw e;
            } catch (ConfigException e) {
                InvalidSettingsException invalid = new InvalidSettingsException(key, e.getMessage());
                install(PluginPolicy.DEFAULT, "invalid configuration: " + invalid.getMessage());
                stopRuntime();
                throw invalid;
            }
            install(policy, policy.enabled() ? "" : "enabled = false in its configuration");
            stopRuntime();
            if (policy.enabled() && scheduler != null) startRuntime();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The operator's roles the plugin's handlers are checked against ({@link Permissions#NONE} until set), as
     * {@link PluginHost#permissions} sets them for a jar's plugin.
     */
    public void permissions(Permissions permissions) {
        Objects.requireNonNull(permissions, "permissions");
        chain.permissions(account -> permissions);
    }

    /**
     * Cancels every conversation of the plugin that waits for someone's next message, as a stop would, but leaves
     * the plugin in the chain: a test kit's fresh start between tests, so one test's open question cannot take the
     * next test's message. The waiting handlers wake with a {@link java.util.concurrent.CancellationException}.
     *
     * @return how many conversations were waiting
     */
    public int cancelConversations(String reason) {
        return chain.conversations().cancelAll(Objects.requireNonNull(reason, "reason"));
    }

    /** Runs the event through the plugin's handlers; see {@link PluginChain#dispatch(BotEvent, Bot)}. */
    public CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot) {
        return chain.dispatch(event, bot);
    }

    /** The most recent dispatch traces, oldest first; with a chat name, only that chat's. */
    public List<DispatchTrace> traces(Optional<String> chat) {
        return chain.recentTraces(chat);
    }

    /** The handlers in the order they run. */
    public List<RegisteredHandler> handlers() {
        return chain.handlers();
    }

    /**
     * Runs the jobs that are due at the clock's time now (after a test moved a manual clock), instead of within the
     * scheduler's next second.
     */
    public void clockMoved() {
        if (scheduler != null) scheduler.wake();
    }

    /**
     * {@link #clockMoved}, then waits up to {@code patience} until the runs the move made due have ended, so a test
     * sees everything they did; a run still going after that is left to go on.
     *
     * @return whether every due run ended within {@code patience}
     */
    public boolean clockMovedAndSettled(Duration patience) {
        if (scheduler == null) return true;
        scheduler.wake();
        try {
            return scheduler.awaitSettled(patience);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Why the last {@link MessageHandler#start} failed, as the host shows it; empty when it did not. */
    public String startError() {
        return startError;
    }

    /** Stops the chain, waiting briefly for running handlers, then the plugin's runtime and its jobs. */
    @Override
    public void close() {
        chain.close();
        lock.lock();
        try {
            stopRuntime();
        } finally {
            lock.unlock();
        }
        if (scheduler != null) scheduler.close();
    }

    private PluginJobs runningJobs() {
        PluginRuntimes running = runtime;
        return running == null ? null : running.pluginJobs();
    }

    /** As the host does after a (re)configuration: a new runtime, and every handler's start. */
    private void startRuntime() {
        runtime = new PluginRuntimes(id, scheduler, accounts);
        startError = PluginStarting.start(id, handlers, runtime).orElse("");
        if (!startError.isEmpty()) log.error("plugin '{}': {}", id, startError);
    }

    private void stopRuntime() {
        if (runtime == null) return;
        runtime.close();
        runtime = null;
        startError = "";
    }

    private void install(PluginPolicy policy, String off) {
        chain.install(policy.links(id, handlers, off));
    }
}
