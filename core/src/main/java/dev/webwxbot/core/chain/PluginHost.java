package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.event.BotEvent;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plugins of a running bot, managed without a restart: list them, enable and disable them, reload one whose
 * jar was replaced, pick up jars dropped into the folder, and re-read their configuration.
 *
 * <pre>{@code
 * try (PluginHost host = PluginHost.start(Path.of("plugins"), ChainSettings.defaults(), operatorConfig)) {
 *     session listener: host.dispatch(event, session.bot());
 *     host.disable("auto-reply");
 *     host.rescan();                 // a new or replaced jar
 * }
 * }</pre>
 *
 * <p>Each plugin's configuration is its operator block {@code plugins.<id>} over the {@code reference.conf} of its
 * jar; it is handed to every handler's {@code configure} before the plugin joins the chain and again on
 * {@link #reconfigure}. An invalid block leaves that plugin out with a message naming the key; the others go on.
 * A handler may report a problem it has although it runs ({@link MessageHandler#warning}, read after each
 * configure), and the caller may report that an edit of the configuration was refused as a whole
 * ({@link #configurationRefused}); both show in {@link #list()} until the next good configuration.
 *
 * <p>Thread-safe: management calls are serialised, dispatching never waits for them (it uses the chain as it
 * was). {@link #close()} stops the chain, then unloads every plugin.
 */
public final class PluginHost implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);
    private static final String PLUGINS = "plugins";
    /** The account an event belongs to when the bot runs one account: {@link #dispatch(BotEvent, Bot)}. */
    public static final String DEFAULT_ACCOUNT = "default";

    private final ReentrantLock lock = new ReentrantLock();
    private final PluginLoader loader;
    private final PluginChain chain;
    private final Map<String, Loaded> plugins = new TreeMap<>();
    private final Map<Path, FailedJar> failedJars = new TreeMap<>();
    private final JobScheduler scheduler;
    /** The bot of each account logged in, for plugins' jobs: set by the daemon, and by each dispatch. */
    private final Map<String, Bot> accounts = new ConcurrentHashMap<>();
    /** The jobs of each running plugin, read by dispatch threads (which never take the lock). */
    private final Map<String, PluginJobs> runningJobs = new ConcurrentHashMap<>();
    private Config operator;
    /** Why the last edit of the configuration was refused (the previous one still runs); empty when it was not. */
    private String refusedEdit = "";

    private PluginHost(PluginLoader loader, ChainSettings settings, Config operator, ChainMonitor monitor,
                       JobSettings jobs) {
        this.loader = loader;
        this.operator = operator;
        this.chain = new PluginChain(settings, (pluginId, reason) -> { }, monitor);
        this.scheduler = new JobScheduler(jobs);
        chain.jobsOf(this::jobsOf);
    }

    /**
     * Loads every jar of {@code pluginsDir} (a missing folder holds none), configures each plugin from
     * {@code operator}'s {@code plugins.<id>} block, and builds the chain.
     *
     * @param operator the operator's configuration, resolved; only its {@code plugins} block is read here
     */
    public static PluginHost start(Path pluginsDir, ChainSettings settings, Config operator) {
        return start(pluginsDir, settings, operator, ChainMonitor.NONE);
    }

    /**
     * As {@link #start(Path, ChainSettings, Config)}, telling {@code monitor} of every handler turn and every circuit
     * breaker that opens or closes.
     */
    public static PluginHost start(Path pluginsDir, ChainSettings settings, Config operator, ChainMonitor monitor) {
        return start(pluginsDir, settings, operator, monitor, JobSettings.defaults());
    }

    /**
     * As {@link #start(Path, ChainSettings, Config, ChainMonitor)}, running plugins' scheduled jobs with {@code jobs}
     * (the clock, the time zone, the missed-run policy and where last runs are remembered).
     */
    public static PluginHost start(Path pluginsDir, ChainSettings settings, Config operator, ChainMonitor monitor,
                                   JobSettings jobs) {
        Objects.requireNonNull(monitor, "monitor");
        PluginHost host = new PluginHost(PluginLoader.empty(pluginsDir), settings, operator, monitor, jobs);
        if (!Files.isDirectory(host.loader.pluginsDir())) {
            log.warn("plugins folder {} does not exist; running without plugins until jars appear there",
                    host.loader.pluginsDir());
        }
        host.rescan();
        return host;
    }

    /** Every plugin known, loaded or not, by id. */
    public List<PluginStatus> list() {
        lock.lock();
        try {
            List<PluginStatus> all = new ArrayList<>();
            plugins.values().forEach(p -> all.add(status(p)));
            failedJars.forEach((jar, failed) -> all.add(new PluginStatus(jar.getFileName().toString(), "",
                    PluginStatus.State.FAILED_TO_LOAD, failed.reason(), 0, 0, 0, 0)));
            all.sort(Comparator.comparing(PluginStatus::id));
            return List.copyOf(all);
        } finally {
            lock.unlock();
        }
    }

    /** Puts a plugin back into the chain: clears a run-time disable and closes a tripped circuit breaker. */
    public PluginStatus enable(String id) {
        lock.lock();
        try {
            Loaded plugin = known(id);
            plugin.operatorDisabled = false;
            chain.resetBreaker(id);
            rebuild();
            log.info("plugin '{}' enabled: {}", id, status(plugin).state());
            return status(plugin);
        } finally {
            lock.unlock();
        }
    }

    /** Takes a plugin out of the chain until {@link #enable}; it stays loaded. Not remembered across restarts. */
    public PluginStatus disable(String id) {
        lock.lock();
        try {
            Loaded plugin = known(id);
            plugin.operatorDisabled = true;
            rebuild();
            log.info("plugin '{}' disabled by the operator", id);
            return status(plugin);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Unloads a plugin and loads its jar again (new classes, new handler instances, configured afresh), keeping a
     * run-time disable. Events already running finish with the old handlers.
     *
     * @throws IllegalArgumentException for an unknown id
     * @throws IllegalStateException when the jar is gone or no longer loads (the plugin is then listed as failed)
     */
    public PluginStatus reload(String id) {
        lock.lock();
        try {
            Loaded old = known(id);
            unload(old);
            Loaded fresh = load(old.jar);
            if (fresh == null) {
                rebuild();
                throw new IllegalStateException(failedJars.get(old.jar).reason());
            }
            fresh.operatorDisabled = old.operatorDisabled;
            rebuild();
            log.info("plugin '{}' reloaded from {}: version {}", id, old.jar.getFileName(), fresh.version);
            return status(fresh);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Brings the chain in line with the folder: loads new jars, reloads replaced ones (another size, time or file),
     * unloads plugins whose jar is gone. A jar that failed keeps failing until it changes.
     */
    public List<PluginStatus> rescan() {
        lock.lock();
        try {
            List<Path> jars = loader.jarsInFolder();
            for (Loaded plugin : List.copyOf(plugins.values())) {
                if (!jars.contains(plugin.jar)) {
                    log.info("plugin '{}' unloaded: {} was removed", plugin.id, plugin.jar.getFileName());
                    unload(plugin);
                } else if (!plugin.stamp.equals(JarStamp.of(plugin.jar))) {
                    boolean disabled = plugin.operatorDisabled;
                    unload(plugin);
                    Loaded fresh = load(plugin.jar);
                    if (fresh != null) {
                        fresh.operatorDisabled = disabled;
                        log.info("plugin '{}' reloaded: {} changed", fresh.id, plugin.jar.getFileName());
                    }
                }
            }
            failedJars.keySet().removeIf(jar -> !jars.contains(jar));
            for (Path jar : jars) {
                boolean loaded = plugins.values().stream().anyMatch(p -> p.jar.equals(jar));
                FailedJar failed = failedJars.get(jar);
                if (loaded || (failed != null && failed.stamp().equals(JarStamp.of(jar)))) continue;
                load(jar);
            }
            rebuild();
            return list();
        } finally {
            lock.unlock();
        }
    }

    /**
     * The operator's roles each account's senders have ({@link Permissions#NONE} until set): what
     * {@code HandlerContext.roleOf} answers and what handlers' required roles are checked against. Takes effect
     * for the next event.
     */
    public void permissions(Function<String, Permissions> byAccount) {
        chain.permissions(byAccount);
    }

    /**
     * Applies a changed configuration: the chain's order, budgets and breaker, and every plugin's block, handed
     * again to its handlers' {@code configure}. A block that became invalid disables its plugin with a message
     * naming the key; one that was fixed brings the plugin back.
     */
    public void reconfigure(ChainSettings settings, Config newOperator) {
        lock.lock();
        try {
            operator = Objects.requireNonNull(newOperator, "operator");
            refusedEdit = "";
            chain.settings(settings);
            plugins.values().forEach(this::configure);
            rebuild();
        } finally {
            lock.unlock();
        }
    }

    /**
     * How commands are written from now on: the operator's {@code webwx-bot.commands} block, read by
     * {@link CommandSettings#read}. Calls already running finish as they began.
     */
    public void commands(CommandSettings settings) {
        lock.lock();
        try {
            chain.commandSettings(settings);
        } finally {
            lock.unlock();
        }
    }

    /**
     * Every name that reaches a plugin's command now ({@code remind}, its aliases, {@code plugin:remind}) and
     * {@code help}; empty while no plugin declares a command.
     */
    public Set<String> commandNames() {
        return chain.commandNames();
    }

    /**
     * Runs a command the account's owner typed on a console ({@code remind 10m tea}, without the prefix) as the
     * account's own message in {@code chat}, through the chain like any message of {@code accountId} (a group call
     * counts as addressed to the bot). What the chain answers to {@code chat} goes to {@code answers}, not to the
     * chat; the trace completes when every handler had its turn.
     */
    public CompletableFuture<DispatchTrace> runCommand(String command, Contact chat, Bot bot, String accountId,
                                                       Consumer<String> answers) {
        BotEvent message = CommandConsole.message(command, chat, bot.self(), chain.commandSettings().prefix());
        return chain.dispatch(message, CommandConsole.answeringTo(bot, chat, answers), accountId);
    }

    /**
     * Records that an edited configuration was refused as a whole (it did not parse, or the bot's own part of it is
     * invalid), so every plugin still runs with the configuration it had: {@link #list()} says so, with
     * {@code error}, beside each plugin until the next {@link #reconfigure}.
     */
    public void configurationRefused(String error) {
        lock.lock();
        try {
            refusedEdit = Objects.requireNonNull(error, "error");
        } finally {
            lock.unlock();
        }
    }

    /**
     * Runs the event of the account {@value #DEFAULT_ACCOUNT} through the chain; see {@link PluginChain#dispatch}.
     */
    public CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot) {
        accounts.put(DEFAULT_ACCOUNT, bot);
        return chain.dispatch(event, bot, DEFAULT_ACCOUNT);
    }

    /**
     * Runs an event of {@code accountId} through the chain, answering through that account's {@code bot}: plugins
     * whose {@code accounts} leave it out skip the event (traced as skipped, "not for account ..."). Events of one
     * chat of one account are handled in order; see {@link PluginChain#dispatch}.
     */
    public CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot, String accountId) {
        accounts.put(accountId, bot);
        return chain.dispatch(event, bot, accountId);
    }

    /** Tells plugins' jobs that {@code accountId} is logged in and acts through {@code bot}. */
    public void accountOnline(String accountId, Bot bot) {
        accounts.put(Objects.requireNonNull(accountId, "accountId"), Objects.requireNonNull(bot, "bot"));
    }

    /** Tells plugins' jobs that {@code accountId} logged out: their runs for it find no bot. */
    public void accountOffline(String accountId) {
        accounts.remove(accountId);
    }

    /** How many jobs are scheduled, all plugins together. */
    public int jobCount() {
        return scheduler.size();
    }

    /**
     * Runs the jobs due at the clock's time now rather than within the second the scheduler may nap: for a test that
     * just moved its clock.
     */
    public void clockMoved() {
        scheduler.wake();
    }

    /** The most recent dispatch traces, oldest first; with a chat name, only that chat's. */
    public List<DispatchTrace> traces(Optional<String> chat) {
        return chain.recentTraces(chat, Optional.empty());
    }

    /** The most recent dispatch traces, oldest first; only that chat's and that account's where given. */
    public List<DispatchTrace> traces(Optional<String> chat, Optional<String> account) {
        return chain.recentTraces(chat, account);
    }

    /** The chain the plugins run in (its conversations, for tests). */
    PluginChain chain() {
        return chain;
    }

    /** The handlers of active plugins in the order they run. */
    public List<RegisteredHandler> activeHandlers() {
        lock.lock();
        try {
            return chain.handlers().stream()
                    .filter(h -> {
                        Loaded plugin = plugins.get(h.pluginId());
                        return plugin != null && status(plugin).state() == PluginStatus.State.ACTIVE;
                    })
                    .toList();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        chain.close();
        lock.lock();
        try {
            plugins.values().forEach(this::stop);
            scheduler.close();
            plugins.clear();
            loader.close();
        } finally {
            lock.unlock();
        }
    }

    private Loaded known(String id) {
        Loaded plugin = plugins.get(id);
        if (plugin == null) throw new IllegalArgumentException("no plugin '" + id + "' is loaded; known: " + plugins.keySet());
        return plugin;
    }

    /** Loads, reads the defaults of, and configures the plugin in {@code jar}; null (and recorded) when it fails. */
    private Loaded load(Path jar) {
        JarStamp stamp = JarStamp.of(jar);
        String id;
        try {
            id = loader.loadJar(jar);
        } catch (IllegalStateException e) {
            log.error("plugin jar {} left out: {}", jar.getFileName(), e.getMessage());
            failedJars.put(jar, new FailedJar(stamp, e.getMessage()));
            return null;
        }
        Loaded plugin = new Loaded(id, jar, stamp, loader.version(id).orElse(""), loader.handlersOf(id));
        try {
            plugin.reference = PluginReference.read(jar, id);
        } catch (IllegalStateException e) {
            plugin.reference = ConfigFactory.empty();
            plugin.configError = e.getMessage();
        }
        failedJars.remove(jar);
        plugins.put(id, plugin);
        if (plugin.configError.isEmpty()) configure(plugin);
        else log.error("plugin '{}' disabled: {}", id, plugin.configError);
        chain.resetBreaker(id);
        log.info("plugin '{}' {} loaded from {} with {} handler(s)", id, plugin.version, jar.getFileName(),
                plugin.handlers.size());
        return plugin;
    }

    private void unload(Loaded plugin) {
        stop(plugin);
        plugins.remove(plugin.id);
        // Out of the chain before its class loader closes: while a reload configures the new jar (up to 30 s),
        // events must not keep reaching the handlers of a closed loader.
        rebuild();
        loader.unload(plugin.id);
        chain.resetBreaker(plugin.id);
    }

    /** Reads the plugin's merged block, the host's keys, and hands it to each handler; records what went wrong. */
    private void configure(Loaded plugin) {
        String previousError = plugin.configError;
        String key = PLUGINS + "." + plugin.id;
        try {
            ConfigPluginSettings settings = new ConfigPluginSettings(merged(plugin), key);
            plugin.policy = PluginPolicy.read(settings);
            List<String> warnings = new ArrayList<>();
            if (plugin.policy.enabled()) {
                for (MessageHandler handler : plugin.handlers) {
                    HandlerConfiguring.configure(plugin.id, handler, settings).ifPresent(warnings::add);
                }
            }
            plugin.configError = "";
            plugin.warning = String.join("; ", warnings);
            plugin.restart = true; // start sees the new configuration: jobs scheduled from it follow the edit
        } catch (InvalidSettingsException e) {
            plugin.configError = e.getMessage();
            plugin.warning = "";
        } catch (ConfigException e) {
            plugin.configError = key + ": " + e.getMessage();
            plugin.warning = "";
        }
        if (!plugin.configError.isEmpty() && !plugin.configError.equals(previousError)) {
            log.error("plugin '{}' disabled: invalid configuration: {}", plugin.id, plugin.configError);
        } else if (plugin.configError.isEmpty() && !previousError.isEmpty()) {
            log.info("plugin '{}' configuration is valid again; it is back in the chain", plugin.id);
        }
    }

    private Config merged(Loaded plugin) {
        String path = ConfigUtil.joinPath(PLUGINS, plugin.id);
        if (!operator.hasPathOrNull(path)) return plugin.reference;
        ConfigValue value = operator.getValue(path);
        if (value.valueType() != ConfigValueType.OBJECT) {
            throw new InvalidSettingsException(PLUGINS + "." + plugin.id,
                    "must be a block { ... }, not " + value.valueType().name().toLowerCase(java.util.Locale.ROOT));
        }
        return operator.getConfig(path).withFallback(plugin.reference).resolve();
    }

    private void rebuild() {
        List<PluginChain.Link> links = new ArrayList<>();
        for (Loaded plugin : plugins.values()) {
            String off = offReason(plugin);
            for (MessageHandler handler : plugin.handlers) {
                int priority = plugin.policy.priority().orElse(handler.priority());
                links.add(new PluginChain.Link(new RegisteredHandler(plugin.id, handler, handler.phase(), priority),
                        plugin.policy.scope(), plugin.policy.timeBudget(), off, plugin.policy.accounts(),
                        plugin.policy.role()));
            }
        }
        chain.install(links);
        plugins.values().forEach(this::syncRuntime);
    }

    /** Starts a plugin that runs and has no runtime, stops one that no longer runs, restarts a reconfigured one. */
    private void syncRuntime(Loaded plugin) {
        boolean runs = offReason(plugin).isEmpty();
        if (plugin.runtime != null && (!runs || plugin.restart)) stop(plugin);
        plugin.restart = false;
        if (!runs || plugin.runtime != null) return;
        plugin.runtime = new PluginRuntimes(plugin.id, scheduler, () -> accounts);
        runningJobs.put(plugin.id, plugin.runtime.pluginJobs());
        plugin.startError = PluginStarting.start(plugin.id, plugin.handlers, plugin.runtime).orElse("");
        if (!plugin.startError.isEmpty()) log.error("plugin '{}': {}", plugin.id, plugin.startError);
    }

    /** Disposes of everything the plugin obtained while it ran: jobs, executor, what it handed to onStop. */
    private void stop(Loaded plugin) {
        if (plugin.runtime == null) return;
        runningJobs.remove(plugin.id);
        plugin.runtime.close();
        plugin.runtime = null;
        plugin.startError = "";
    }

    /**
     * Where a host service (commands, conversations, ...) registers what it holds for a running plugin, so that it
     * is closed with the plugin's jobs and executor when the plugin is disabled, reloaded, unloaded or the host
     * closes. Empty while the plugin does not run; a registration racing with a stop is closed at once.
     */
    Optional<PluginResources> resourcesOf(String pluginId) {
        lock.lock();
        try {
            Loaded plugin = plugins.get(pluginId);
            return plugin == null || plugin.runtime == null ? Optional.empty() : Optional.of(plugin.runtime.resources());
        } finally {
            lock.unlock();
        }
    }

    /** The jobs of a running plugin, for its handlers' contexts; null when it does not run. */
    private PluginJobs jobsOf(String pluginId) {
        return runningJobs.get(pluginId);
    }

    /** Why the plugin is out of the chain, empty when it runs; the breaker is the chain's own business. */
    private static String offReason(Loaded plugin) {
        if (!plugin.configError.isEmpty()) return "invalid configuration: " + plugin.configError;
        if (plugin.operatorDisabled) return "disabled by the operator";
        if (!plugin.policy.enabled()) return "enabled = false in its configuration";
        return "";
    }

    private PluginStatus status(Loaded plugin) {
        PluginChain.Counters count = chain.counters(plugin.id);
        PluginStatus.State state;
        String reason = offReason(plugin);
        if (!plugin.configError.isEmpty()) state = PluginStatus.State.MISCONFIGURED;
        else if (plugin.operatorDisabled) state = PluginStatus.State.DISABLED;
        else if (!plugin.policy.enabled()) state = PluginStatus.State.DISABLED_BY_CONFIG;
        else if (chain.tripped(plugin.id)) {
            state = PluginStatus.State.TRIPPED;
            reason = "circuit breaker open; 'plugins enable " + plugin.id + "' closes it";
        } else state = PluginStatus.State.ACTIVE;
        if (state == PluginStatus.State.ACTIVE) reason = "";
        List<String> warnings = new ArrayList<>();
        String handlerWarning = offReason(plugin).isEmpty() ? currentWarning(plugin) : plugin.warning;
        if (!handlerWarning.isEmpty()) warnings.add(handlerWarning);
        if (!plugin.startError.isEmpty()) warnings.add(plugin.startError);
        if (!refusedEdit.isEmpty()) warnings.add("running the previous configuration: " + refusedEdit);
        return new PluginStatus(plugin.id, plugin.version, state, reason, plugin.handlers.size(), count.handled(),
                count.failures(), count.timeouts(), String.join("; ", warnings),
                plugin.runtime == null ? List.of() : plugin.runtime.pluginJobs().statuses());
    }

    /**
     * What the running plugin's handlers warn of now: a handler may learn of a problem after its configure (a chat
     * its rules name is missing from the address book of an account that just logged in), so they are asked again
     * each time the plugins are listed. A handler that throws leaves what they said after configure.
     */
    private static String currentWarning(Loaded plugin) {
        List<String> warnings = new ArrayList<>();
        for (MessageHandler handler : plugin.handlers) {
            try {
                Objects.requireNonNullElse(handler.warning(), Optional.<String>empty()).map(String::strip)
                        .filter(warning -> !warning.isEmpty()).ifPresent(warnings::add);
            } catch (RuntimeException e) {
                return plugin.warning;
            }
        }
        return String.join("; ", warnings);
    }

    /** What a loaded plugin is made of; mutable, guarded by the host lock. */
    private static final class Loaded {
        final String id;
        final Path jar;
        final JarStamp stamp;
        final String version;
        final List<MessageHandler> handlers;
        Config reference = ConfigFactory.empty();
        PluginPolicy policy = PluginPolicy.DEFAULT;
        String configError = "";
        /** What its handlers reported after the last configure that succeeded; empty when nothing. */
        String warning = "";
        boolean operatorDisabled;
        /** What it obtained from the host while it runs; null while it does not. */
        PluginRuntimes runtime;
        /** Configured since its last start: start it again. */
        boolean restart;
        /** Why its last start failed; empty when it did not. */
        String startError = "";

        Loaded(String id, Path jar, JarStamp stamp, String version, List<MessageHandler> handlers) {
            this.id = id;
            this.jar = jar;
            this.stamp = stamp;
            this.version = version;
            this.handlers = handlers;
        }
    }

    private record FailedJar(JarStamp stamp, String reason) {
    }

    /** Enough of a jar's attributes to notice it was replaced or rewritten. */
    private record JarStamp(long size, long modifiedMillis, Object fileKey) {
        static JarStamp of(Path jar) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                return new JarStamp(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey());
            } catch (IOException e) {
                return new JarStamp(-1, -1, null);
            }
        }
    }
}
