package dev.webwxbot.core.chain;

import dev.webwxbot.api.MessageHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the plugin jars of a folder with PF4J and collects their {@link MessageHandler} extensions. A plugin that
 * fails to load or start is reported and left out; the others still load. Closing stops and unloads them all.
 * Not thread-safe: load once, at start-up.
 */
public final class PluginLoader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private final PluginManager manager;

    private PluginLoader(PluginManager manager) {
        this.manager = manager;
    }

    /** Loads and starts every plugin in {@code pluginsDir}; a missing folder simply holds no plugins. */
    public static PluginLoader load(Path pluginsDir) {
        PluginManager manager = new DefaultPluginManager(pluginsDir.toAbsolutePath());
        if (Files.isDirectory(pluginsDir)) {
            manager.loadPlugins();
            manager.startPlugins();
        } else {
            log.warn("plugins folder {} does not exist; running without plugins", pluginsDir.toAbsolutePath());
        }
        for (PluginWrapper plugin : manager.getPlugins()) {
            if (plugin.getPluginState() != PluginState.STARTED) {
                log.warn("plugin '{}' is {}: {}", plugin.getPluginId(), plugin.getPluginState(),
                        plugin.getFailedException() == null ? "see above" : plugin.getFailedException().toString());
            }
        }
        return new PluginLoader(manager);
    }

    /** The handlers of every started plugin, with the phase and priority they declare. */
    public List<RegisteredHandler> handlers() {
        List<RegisteredHandler> handlers = new ArrayList<>();
        for (PluginWrapper plugin : manager.getStartedPlugins()) {
            for (MessageHandler handler : manager.getExtensions(MessageHandler.class, plugin.getPluginId())) {
                handlers.add(RegisteredHandler.declared(plugin.getPluginId(), handler));
            }
        }
        return handlers;
    }

    /** The ids and versions of the started plugins, for the start-up banner. */
    public List<String> describeStarted() {
        return manager.getStartedPlugins().stream()
                .map(p -> p.getPluginId() + " " + p.getDescriptor().getVersion())
                .toList();
    }

    @Override
    public void close() {
        // unloadPlugins() stops each plugin before unloading it; PF4J 3.15's stopPlugins() can throw a
        // ConcurrentModificationException while it walks the started list.
        manager.unloadPlugins();
    }
}
