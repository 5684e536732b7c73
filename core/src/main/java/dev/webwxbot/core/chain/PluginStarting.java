package dev.webwxbot.core.chain;

import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.PluginRuntime;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Calls {@link MessageHandler#start} of each handler of a plugin, as {@link HandlerConfiguring} calls configure: on a
 * virtual thread of its own, within a time limit, so a start that hangs cannot stall the host.
 */
final class PluginStarting {

    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private PluginStarting() {
    }

    /** Starts every handler in turn; the first failure, in words, or empty when all started. */
    static Optional<String> start(String id, List<MessageHandler> handlers, PluginRuntime runtime) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = Thread.ofVirtual().name("start-" + id).start(() -> {
            try {
                for (MessageHandler handler : handlers) handler.start(runtime);
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        });
        try {
            done.get(START_LIMIT.toSeconds(), TimeUnit.SECONDS);
            return Optional.empty();
        } catch (ExecutionException e) {
            return Optional.of("start failed: " + e.getCause());
        } catch (TimeoutException e) {
            thread.interrupt();
            return Optional.of("start did not return within " + START_LIMIT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("start interrupted");
        }
    }
}
