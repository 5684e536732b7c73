package dev.webwxbot.launcher;

import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.core.chain.PluginChain;
import dev.webwxbot.core.chain.PluginLoader;
import dev.webwxbot.core.chain.RegisteredHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bot as a whole: the client, one session, and the plugin chain its events run through. Used by {@code run}
 * and {@code demo}. Not thread-safe to start twice; {@link #close()} stops everything it started.
 */
final class BotRunner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(BotRunner.class);

    private final WebWxClient client;
    private final PluginLoader plugins;
    private final PluginChain chain;
    private final Session session;

    /**
     * @param resumable save the session under the data folder after every sync and resume from it on the next
     *     start, so a restart needs no scan
     */
    BotRunner(LauncherSettings settings, boolean resumable, Consumer<LoginProgress> progress) {
        WebWxClient.Builder builder = WebWxClient.builder();
        settings.server().ifPresent(builder::server);
        this.client = builder.build();
        this.plugins = PluginLoader.load(settings.pluginsDir());
        this.chain = new PluginChain(plugins.handlers());
        SessionOptions options = SessionOptions.defaults().withDesktopMode(settings.desktopMode())
                .withSendLimits(settings.sendLimits());
        if (resumable) options = options.withSessionFile(settings.dataDir().resolve("session.json"));
        SessionListener listener = new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                progress.accept(step);
            }

            @Override
            public void onEvent(BotEvent event) {
                chain.dispatch(event, session().bot()).exceptionally(failure -> {
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

    List<String> pluginNames() {
        return plugins.describeStarted();
    }

    int handlerCount() {
        return chain.handlers().size();
    }

    /** The loaded handlers, in chain order (tests configure a plugin through this until the host does it). */
    List<RegisteredHandler> handlers() {
        return chain.handlers();
    }

    /** Logs in and starts receiving; completes once online. */
    CompletableFuture<Contact> start() {
        return session.start();
    }

    CompletableFuture<LoggedOut> ended() {
        return session.ended();
    }

    @Override
    public void close() {
        session.stop();
        chain.close();
        plugins.close();
        client.close();
    }
}
