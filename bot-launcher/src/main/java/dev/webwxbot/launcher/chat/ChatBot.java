package dev.webwxbot.launcher.chat;

import com.typesafe.config.Config;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.event.ContactEvent;
import dev.webwxbot.api.event.LoggedOut;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.LoginProgress;
import dev.webwxbot.launcher.BotRunner;
import dev.webwxbot.launcher.LauncherSettings;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The bot behind the console: the same {@link BotRunner} as {@code run} (resumable session, configured plugin
 * chain, send governor), except that every message goes to the console, and messages and contact and group events
 * reach the plugin chain only while auto-reply is on. Session events (logged in, logged out) always reach the
 * plugins. Thread-safe; {@link #close()} keeps the server-side session, so the next start resumes without a scan.
 */
final class ChatBot implements AutoCloseable {

    private final BotRunner runner;
    private final AtomicBoolean autoReply = new AtomicBoolean();

    /**
     * @param messages gets every message on the network thread; must return at once
     */
    ChatBot(LauncherSettings settings, Config config, Consumer<LoginProgress> progress,
            Consumer<MessageEvent> messages) {
        this.runner = new BotRunner(settings, config, true, progress, event -> {
            // A contact or group event is answered like a message (a welcome in the group): only with auto-reply.
            if (event instanceof ContactEvent) return autoReply.get();
            if (!(event instanceof MessageEvent message)) return true;
            messages.accept(message);
            return autoReply.get();
        });
    }

    /** Logs in (or resumes) and starts receiving; completes once online. */
    CompletableFuture<Contact> start() {
        return runner.start();
    }

    CompletableFuture<LoggedOut> ended() {
        return runner.ended();
    }

    Bot bot() {
        return runner.bot();
    }

    boolean autoReply() {
        return autoReply.get();
    }

    void autoReply(boolean on) {
        autoReply.set(on);
    }

    List<String> pluginNames() {
        return runner.pluginNames();
    }

    java.util.Set<String> commandNames() {
        return runner.commandNames();
    }

    /** What the plugins' commands start with. */
    String commandPrefix() {
        return runner.commandPrefix();
    }

    /** Runs a plugin command as the account's owner in {@code chat}; the answers go to {@code answers}. */
    CompletableFuture<?> runCommand(String command, Contact chat, Consumer<String> answers) {
        return runner.runCommand(command, chat, answers);
    }

    int handlerCount() {
        return runner.handlerCount();
    }

    @Override
    public void close() {
        runner.close();
    }
}
