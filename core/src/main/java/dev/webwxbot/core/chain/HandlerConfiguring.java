package dev.webwxbot.core.chain;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * How a handler is handed its settings, the same for a plugin from a jar ({@link PluginHost}) and one from its
 * classes ({@link InProcessPlugin}): plugin code runs on a virtual thread of its own, within a time limit, and
 * whatever it throws becomes an {@link InvalidSettingsException} naming the plugin's block.
 */
final class HandlerConfiguring {

    private static final String PLUGINS = "plugins";
    /** A configure that takes longer is stuck (a network call, a lock): the plugin is refused, the host goes on. */
    private static final Duration CONFIGURE_LIMIT = Duration.ofSeconds(30);

    private HandlerConfiguring() {
    }

    /**
     * Calls configure, then warning, on a virtual thread, never concurrently with itself (the caller's lock is
     * held), with a limit; gives the handler's warning (blank ones count as none).
     */
    static Optional<String> configure(String id, MessageHandler handler, ConfigPluginSettings settings) {
        CompletableFuture<Optional<String>> done = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("configure-" + id).start(() -> {
            try {
                handler.configure(settings);
                Optional<String> warning = Objects.requireNonNullElse(handler.warning(), Optional.<String>empty());
                done.complete(warning.map(String::strip).filter(w -> !w.isEmpty()));
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        try {
            return done.get(CONFIGURE_LIMIT.toSeconds(), TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof InvalidSettingsException invalid) throw invalid;
            throw new InvalidSettingsException(PLUGINS + "." + id, "rejected by " + handler.getClass().getSimpleName()
                    + ".configure: " + cause);
        } catch (TimeoutException e) {
            thread.interrupt();
            throw new InvalidSettingsException(PLUGINS + "." + id,
                    handler.getClass().getSimpleName() + ".configure did not return within " + CONFIGURE_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InvalidSettingsException(PLUGINS + "." + id, "configuration interrupted");
        }
    }
}
