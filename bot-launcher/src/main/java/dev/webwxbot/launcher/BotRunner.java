package dev.webwxbot.launcher;

import dev.webwxbot.server.account.SessionTimeouts;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.server.account.AccountPermissions;
import dev.webwxbot.server.account.IdentityTagSettings;
import dev.webwxbot.core.LoginGuard;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.server.account.LoginGuardConfig;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import com.typesafe.config.Config;
import dev.webwxbot.core.chain.ChainMonitor;
import dev.webwxbot.core.chain.JobSettings;
import dev.webwxbot.core.chain.CommandSettings;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.PluginHost;
import dev.webwxbot.core.chain.PluginStatus;
import dev.webwxbot.core.chain.RegisteredHandler;
import java.time.Clock;
import java.util.Optional;
import java.util.List;
import dev.webwxbot.api.event.MessageEvent;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot as a whole: the client, one session, and the plugin chain its events run through. Used by {@code run},
 * {@code demo} and {@code chat}. Not thread-safe to start twice; {@link #close()} stops everything it started.
 */
public final class BotRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotRunner.class);
    private static final String TAGS = LauncherSettings.ROOT + "." + IdentityTagSettings.BLOCK;

    private final WebWxClient client;
    private final PluginHost plugins;
    private final String commandPrefix;
    private final Session session;
    private final Duration drainTime;

    /** With the built-in defaults for the chain and no plugin blocks (the demo). */
    BotRunner(LauncherSettings settings, boolean resumable, Consumer<LoginProgress> progress) {
        this(settings, OperatorConfig.load(Optional.empty()), resumable, progress);
    }

    /**
     * @param config the operator's whole configuration: the chain's settings and the plugins' blocks
     * @param resumable save the session under the data folder after every sync and resume from it on the next
     *     start, so a restart needs no scan
     */
    BotRunner(LauncherSettings settings, Config config, boolean resumable, Consumer<LoginProgress> progress) {
        this(settings, config, resumable, progress, event -> true);
    }

    /**
     * @param config the operator's whole configuration: the chain's settings and the plugins' blocks
     * @param resumable save the session under the data folder after every sync and resume from it on the next
     *     start, so a restart needs no scan
     * @param tap sees every event first, on the network thread (must return at once); the plugin chain gets the
     *     event only when it answers true
     */
    public BotRunner(LauncherSettings settings, Config config, boolean resumable, Consumer<LoginProgress> progress,
                     Predicate<BotEvent> tap) {
        WebWxClient.Builder builder = WebWxClient.builder();
        settings.server().ifPresent(builder::server);
        settings.record().ifPresent(builder::record);
        this.client = builder.build();
        // Plugins' cron jobs remember their last run in the data folder, for the missed-run policy.
        this.plugins = PluginHost.start(settings.pluginsDir(), OperatorConfig.chainSettings(config), config,
                ChainMonitor.NONE, JobSettings.read(config, "webwx-bot.jobs", Clock.systemUTC(),
                        Optional.of(settings.dataDir().resolve("jobs.properties"))));
        // The single-account runner's account is "default": the bot-wide permissions, or its own accounts block's.
        plugins.permissions(AccountPermissions.read(config));
        this.commandPrefix = OperatorConfig.commandSettings(config).prefix();
        plugins.commands(new CommandSettings(commandPrefix));
        SessionOptions options = SessionTimeouts.read(config).applyTo(SessionOptions.defaults())
                .withDesktopMode(settings.desktopMode())
                .withSendLimits(settings.sendLimits())
                .withMaxDownloadBytes(config.getBytes(LauncherSettings.ROOT + ".max-download"))
                .withIdentityTags(IdentityTagSettings.read(config.getConfig(TAGS), TAGS));
        if (resumable) {
            // The same record as the daemon's single account in this data folder: chat and run count together.
            options = options.withSessionFile(settings.dataDir().resolve("session.json"))
                    .withJournalDirectory(settings.dataDir())
                    .withLoginGuard(LoginGuard.open(settings.dataDir().resolve(LoginGuard.FILE),
                            LoginGuardConfig.read(config.getConfig(LauncherSettings.ROOT),
                                    LauncherSettings.ROOT + "." + LoginGuardConfig.BLOCK),
                            Clock.systemUTC(), "webwx-bot login-guard reset --data-dir "
                                    + settings.dataDir().toAbsolutePath()));
        }
        this.drainTime = config.getDuration(LauncherSettings.ROOT + ".drain-time");
        SessionListener listener = new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                progress.accept(step);
            }

            @Override
            public void onEvent(BotEvent event) {
                if (tap.test(event)) dispatch(event, session().bot());
            }

            @Override
            public CompletionStage<?> onMessage(MessageEvent message, Bot bot) {
                // The session journals the message until this completes: when the whole chain had its turn.
                return tap.test(message) ? dispatch(message, bot) : CompletableFuture.completedFuture(null);
            }

            private CompletableFuture<?> dispatch(BotEvent event, Bot bot) {
                return plugins.dispatch(event, bot).exceptionally(failure -> {
                    log.warn("dispatching {} failed: {}", event.getClass().getSimpleName(), failure.toString());
                    return null;
                });
            }
        };
        this.session = client.newSession(options, listener);
    }

    private Session session() {
        return session;
    }

    /** The API the session acts through. */
    public Bot bot() {
        return session.bot();
    }

    /** The active plugins' ids and versions, for the start-up banner. */
    public List<String> pluginNames() {
        return plugins.list().stream()
                .filter(p -> p.state() == PluginStatus.State.ACTIVE)
                .map(p -> p.id() + " " + p.version())
                .toList();
    }

    /** The names that reach the plugins' commands now, {@code help} included; empty when none is declared. */
    public java.util.Set<String> commandNames() {
        return plugins.commandNames();
    }

    /** What the plugins' commands start with ({@code webwx-bot.commands.prefix}). */
    public String commandPrefix() {
        return commandPrefix;
    }

    /**
     * Runs a plugin command ({@code remind 10m tea}, without the prefix) as the account's owner in {@code chat};
     * what the chain answers there goes to {@code answers}. Completes when every handler had its turn.
     */
    public CompletableFuture<DispatchTrace> runCommand(String command, Contact chat, Consumer<String> answers) {
        return plugins.runCommand(command, chat, bot(), PluginHost.DEFAULT_ACCOUNT, answers);
    }

    public int handlerCount() {
        return plugins.activeHandlers().size();
    }

    /** The plugins, to manage while running. */
    PluginHost plugins() {
        return plugins;
    }

    /** The active handlers, in chain order. */
    List<RegisteredHandler> handlers() {
        return plugins.activeHandlers();
    }

    /** Logs in and starts receiving; completes once online. */
    public CompletableFuture<Contact> start() {
        return session.start();
    }

    public CompletableFuture<LoggedOut> ended() {
        return session.ended();
    }

    /**
     * Stops gracefully: the session stops fetching and lets what it received be handled for at most the
     * configured {@code drain-time}, then the plugins and the client close.
     */
    @Override
    public void close() {
        session.stop(drainTime);
        plugins.close();
        client.close();
    }
}
