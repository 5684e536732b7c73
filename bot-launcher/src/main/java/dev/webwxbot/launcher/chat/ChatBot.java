package dev.webwxbot.launcher.chat;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.core.Session;
import dev.webwxbot.core.SessionListener;
import dev.webwxbot.core.SessionOptions;
import dev.webwxbot.core.WebWxClient;
import dev.webwxbot.core.chain.PluginChain;
import dev.webwxbot.core.chain.PluginLoader;
import dev.webwxbot.launcher.LauncherSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session behind the console, wired as {@code run} wires its bot (client, resumable session, PF4J plugins,
 * plugin chain), except that every message goes to the console and reaches the plugin chain only while auto-reply
 * is on. Session events (logged in, logged out) always reach the plugins. Thread-safe; {@link #close()} stops
 * everything it started and keeps the server-side session, so the next start resumes without a scan.
 */
final class ChatBot implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChatBot.class);

    private final WebWxClient client;
    private final PluginLoader plugins;
    private final PluginChain chain;
    private final Session session;
    private final AtomicBoolean autoReply = new AtomicBoolean();

    /**
     * @param messages gets every message on the network thread; must return at once
     */
    ChatBot(LauncherSettings settings, Consumer<LoginProgress> progress, Consumer<MessageEvent> messages) {
        WebWxClient.Builder builder = WebWxClient.builder();
        settings.server().ifPresent(builder::server);
        this.client = builder.build();
        this.plugins = PluginLoader.load(settings.pluginsDir());
        this.chain = new PluginChain(plugins.handlers());
        SessionOptions options = SessionOptions.defaults().withDesktopMode(settings.desktopMode())
                .withSessionFile(settings.dataDir().resolve("session.json"));
        this.session = client.newSession(options, new SessionListener() {
            @Override
            public void onLoginProgress(LoginProgress step) {
                progress.accept(step);
            }

            @Override
            public void onEvent(BotEvent event) {
                if (event instanceof MessageEvent message) messages.accept(message);
                if (!(event instanceof MessageEvent) || autoReply.get()) dispatch(event);
            }
        });
    }

    private void dispatch(BotEvent event) {
        chain.dispatch(event, session.bot()).exceptionally(failure -> {
            log.warn("dispatching {} failed: {}", event.getClass().getSimpleName(), failure.toString());
            return null;
        });
    }

    /** Logs in (or resumes) and starts receiving; completes once online. */
    CompletableFuture<Contact> start() {
        return session.start();
    }

    CompletableFuture<LoggedOut> ended() {
        return session.ended();
    }

    Bot bot() {
        return session.bot();
    }

    boolean autoReply() {
        return autoReply.get();
    }

    void autoReply(boolean on) {
        autoReply.set(on);
    }

    List<String> pluginNames() {
        return plugins.describeStarted();
    }

    int handlerCount() {
        return chain.handlers().size();
    }

    @Override
    public void close() {
        session.stop();
        chain.close();
        plugins.close();
        client.close();
    }
}
