package dev.webwxbot.core.chain;

import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything one plugin obtained from the host while it ran (its jobs, its executor, what it handed to
 * {@code onStop}, and what other host services register for it), closed together when the plugin stops: disabled,
 * reloaded, unloaded or the host closed. Closing runs in reverse order of registration; one that fails is logged
 * and the rest still close. Registering after the close closes the resource at once, so a late registration from a
 * plugin thread cannot leak. Thread-safe.
 */
final class PluginResources implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginResources.class);

    private final String pluginId;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();
    private boolean closed;

    PluginResources(String pluginId) {
        this.pluginId = pluginId;
    }

    /** Closes {@code resource} when the plugin stops. */
    void add(AutoCloseable resource) {
        synchronized (this) {
            if (!closed) {
                owned.push(resource);
                return;
            }
        }
        closeOne(resource);
    }

    /** How many resources are held; zero once closed. */
    synchronized int size() {
        return owned.size();
    }

    @Override
    public void close() {
        Deque<AutoCloseable> all;
        synchronized (this) {
            if (closed) return;
            closed = true;
            all = new ArrayDeque<>(owned);
            owned.clear();
        }
        all.forEach(this::closeOne);
    }

    private void closeOne(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("plugin '{}': a resource did not close cleanly: {}", pluginId, e.toString());
        }
    }
}
