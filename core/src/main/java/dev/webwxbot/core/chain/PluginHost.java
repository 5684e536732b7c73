package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.ChatPauses;
import java.nio.file.Files;
import java.nio.file.Path;
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
    /** The account an event belongs to when the bot runs one account: {@link #dispatch(BotEvent, Bot)}. */
    public static final String DEFAULT_ACCOUNT = "default";

    private final ReentrantLock lock = new ReentrantLock();
    private final PluginLoader loader;
    private final PluginChain chain;
    private final Map<String, LoadedPlugin> plugins = new TreeMap<>();
    private final Map<Path, LoadedPlugin.FailedJar> failedJars = new TreeMap<>();
    private final JobScheduler scheduler;
    /** The accounts logged in, for plugins' jobs (set by the daemon, and by each dispatch), and what ends with them. */
    private final AccountLogins logins;
    /** The jobs of each running plugin, read by dispatch threads (which never take the lock). */
    private final Map<String, PluginJobs> runningJobs = new ConcurrentHashMap<>();
    private Config operator;
    /** Why the last edit of the configuration was refused (the previous one still runs); empty when it was not. */
    private String refusedEdit = "";
    /** False for {@link #withoutPlugins}' host, whose folder is never read. */
    private boolean loadsPlugins = true;

    private PluginHost(PluginLoader loader, ChainSettings settings, Config operator, ChainMonitor monitor,
                       JobSettings jobs) {
        this.loader = loader;
        this.operator = operator;
        this.chain = new PluginChain(settings, (pluginId, reason) -> { }, monitor);
        this.scheduler = new JobScheduler(jobs);
        chain.jobsOf(this::jobsOf);
        this.logins = new AccountLogins(scheduler, chain.conversations());
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

    /**
     * A host that loads no plugin, ever (a cluster gateway's: the chain runs on the workers, and a plugin started here
     * too would run its side effects twice); {@link #rescan} finds nothing.
     */
    public static PluginHost withoutPlugins(Path pluginsDir, ChainSettings settings, Config operator, ChainMonitor monitor) {
        PluginHost host = new PluginHost(PluginLoader.empty(pluginsDir), settings, operator, monitor, JobSettings.defaults());
        host.loadsPlugins = false;
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
            LoadedPlugin plugin = known(id);
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
            LoadedPlugin plugin = known(id);
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
            LoadedPlugin old = known(id);
            unload(old);
            LoadedPlugin fresh = load(old.jar);
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
            if (!loadsPlugins) return List.of();
            List<Path> jars = loader.jarsInFolder();
            for (LoadedPlugin plugin : List.copyOf(plugins.values())) {
                if (!jars.contains(plugin.jar)) {
                    log.info("plugin '{}' unloaded: {} was removed", plugin.id, plugin.jar.getFileName());
                    unload(plugin);
                } else if (!plugin.stamp.equals(LoadedPlugin.JarStamp.of(plugin.jar))) {
                    boolean disabled = plugin.operatorDisabled;
                    unload(plugin);
                    LoadedPlugin fresh = load(plugin.jar);
                    if (fresh != null) {
                        fresh.operatorDisabled = disabled;
                        log.info("plugin '{}' reloaded: {} changed", fresh.id, plugin.jar.getFileName());
                    }
                }
            }
            failedJars.keySet().removeIf(jar -> !jars.contains(jar));
            for (Path jar : jars) {
                boolean loaded = plugins.values().stream().anyMatch(p -> p.jar.equals(jar));
                LoadedPlugin.FailedJar failed = failedJars.get(jar);
                if (loaded || (failed != null && failed.stamp().equals(LoadedPlugin.JarStamp.of(jar)))) continue;
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
            plugins.values().forEach(plugin -> plugin.configure(operator));
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
     * Where each account's paused chats are found (its current session's {@code Session.pauses()}): a message in a
     * paused chat reaches guards and monitors only (traced {@code PAUSED}), and no waiting conversation. Until this
     * is called, no chat counts as paused.
     */
    public void pauses(Function<String, ChatPauses> byAccount) {
        chain.pauses(byAccount);
    }

    /**
     * Runs the event of the account {@value #DEFAULT_ACCOUNT} through the chain; see {@link PluginChain#dispatch}.
     */
    public CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot) {
        return dispatch(event, bot, DEFAULT_ACCOUNT);
    }

    /**
     * Runs an event of {@code accountId} through the chain, answering through that account's {@code bot}: plugins
     * whose {@code accounts} leave it out skip the event (traced as skipped, "not for account ..."). Events of one
     * chat of one account are handled in order; see {@link PluginChain#dispatch}.
     *
     * <p>A {@link LoggedOut} ends the account's login for the plugins ({@link #accountOffline}) before they hear of
     * it, so whoever runs sessions needs no call of its own when one ends.
     */
    public CompletableFuture<DispatchTrace> dispatch(BotEvent event, Bot bot, String accountId) {
        if (event instanceof LoggedOut) accountOffline(accountId);
        else logins.online(accountId, bot);
        return chain.dispatch(event, bot, accountId);
    }

    /** Tells plugins' jobs that {@code accountId} is logged in and acts through {@code bot}. */
    public void accountOnline(String accountId, Bot bot) {
        logins.online(accountId, bot);
    }

    /**
     * Ends {@code accountId}'s login for the plugins: their jobs' runs for it find no bot until it is online again,
     * and what belongs to the login is cancelled: the conversations waiting in its chats and the jobs handlers
     * scheduled while handling its events (both name people by this login's session names, which the next login
     * changes). Jobs a plugin scheduled for the account when it started stay, and run again once it is back.
     * Called by {@link #dispatch} for a {@link LoggedOut}; harmless when the account was not online.
     */
    public void accountOffline(String accountId) {
        logins.ended(accountId);
    }

    /** How many conversations wait for someone's next message now, all plugins and accounts together. */
    public int waitingConversations() {
        return chain.conversations().waiting();
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

    /**
     * Every handler in the order the chain runs them (phase, then priority, then the operator's order), those of
     * disabled plugins included; the links that run commands are not handlers.
     */
    public List<RegisteredHandler> chainOrder() {
        return chain.handlers();
    }

    /**
     * The configuration the plugin's handlers were last given: its operator block {@code plugins.<id>} over the
     * {@code reference.conf} of its jar, resolved. Secrets included: whoever shows it masks them.
     *
     * @throws IllegalArgumentException for an unknown id
     */
    public Config configuration(String id) {
        lock.lock();
        try {
            LoadedPlugin plugin = known(id);
            try {
                return PluginBlocks.merged(operator, id, plugin.reference);
            } catch (RuntimeException invalid) {
                // a block that is not a block, or does not resolve: the defaults are all there is to show
                return plugin.reference;
            }
        } finally {
            lock.unlock();
        }
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
                        LoadedPlugin plugin = plugins.get(h.pluginId());
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

    private LoadedPlugin known(String id) {
        LoadedPlugin plugin = plugins.get(id);
        if (plugin == null) throw new IllegalArgumentException("no plugin '" + id + "' is loaded; known: " + plugins.keySet());
        return plugin;
    }

    /** Loads, reads the defaults of, and configures the plugin in {@code jar}; null (and recorded) when it fails. */
    private LoadedPlugin load(Path jar) {
        LoadedPlugin.JarStamp stamp = LoadedPlugin.JarStamp.of(jar);
        String id;
        try {
            id = loader.loadJar(jar);
        } catch (IllegalStateException e) {
            log.error("plugin jar {} left out: {}", jar.getFileName(), e.getMessage());
            failedJars.put(jar, new LoadedPlugin.FailedJar(stamp, e.getMessage()));
            return null;
        }
        LoadedPlugin plugin = new LoadedPlugin(id, jar, stamp, loader.version(id).orElse(""), loader.handlersOf(id));
        try {
            plugin.reference = PluginReference.read(jar, id);
        } catch (IllegalStateException e) {
            plugin.reference = ConfigFactory.empty();
            plugin.configError = e.getMessage();
        }
        failedJars.remove(jar);
        plugins.put(id, plugin);
        if (plugin.configError.isEmpty()) plugin.configure(operator);
        else log.error("plugin '{}' disabled: {}", id, plugin.configError);
        chain.resetBreaker(id);
        log.info("plugin '{}' {} loaded from {} with {} handler(s)", id, plugin.version, jar.getFileName(),
                plugin.handlers.size());
        return plugin;
    }

    private void unload(LoadedPlugin plugin) {
        stop(plugin);
        plugins.remove(plugin.id);
        // Out of the chain before its class loader closes: while a reload configures the new jar (up to 30 s),
        // events must not keep reaching the handlers of a closed loader.
        rebuild();
        loader.unload(plugin.id);
        chain.resetBreaker(plugin.id);
    }

    private void rebuild() {
        List<PluginChain.Link> links = new ArrayList<>();
        for (LoadedPlugin plugin : plugins.values()) {
            links.addAll(plugin.policy.links(plugin.id, plugin.handlers, plugin.offReason()));
        }
        chain.install(links);
        plugins.values().forEach(this::syncRuntime);
    }

    /** Starts a plugin that runs and has no runtime, stops one that no longer runs, restarts a reconfigured one. */
    private void syncRuntime(LoadedPlugin plugin) {
        boolean runs = plugin.offReason().isEmpty();
        if (plugin.runtime != null && (!runs || plugin.restart)) stop(plugin);
        plugin.restart = false;
        if (!runs || plugin.runtime != null) return;
        plugin.runtime = new PluginRuntimes(plugin.id, scheduler, logins::bots);
        runningJobs.put(plugin.id, plugin.runtime.pluginJobs());
        plugin.startError = PluginStarting.start(plugin.id, plugin.handlers, plugin.runtime).orElse("");
        if (!plugin.startError.isEmpty()) log.error("plugin '{}': {}", plugin.id, plugin.startError);
    }

    /** Disposes of everything the plugin obtained while it ran: jobs, executor, what it handed to onStop. */
    private void stop(LoadedPlugin plugin) {
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
            LoadedPlugin plugin = plugins.get(pluginId);
            return plugin == null || plugin.runtime == null ? Optional.empty() : Optional.of(plugin.runtime.resources());
        } finally {
            lock.unlock();
        }
    }

    /** The jobs of a running plugin, for its handlers' contexts; null when it does not run. */
    private PluginJobs jobsOf(String pluginId) {
        return runningJobs.get(pluginId);
    }

    private PluginStatus status(LoadedPlugin plugin) {
        return plugin.status(chain.counters(plugin.id), chain.tripped(plugin.id), refusedEdit);
    }
}
