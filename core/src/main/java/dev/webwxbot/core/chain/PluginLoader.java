package dev.webwxbot.core.chain;

import dev.webwxbot.api.MessageHandler;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.pf4j.DefaultPluginManager;
import org.pf4j.PluginManager;
import org.pf4j.PluginState;
import org.pf4j.PluginWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The PF4J side of the plugins: loads the jars of a folder, one at a time or all at once, collects their
 * {@link MessageHandler} extensions, and unloads them again (closing their class loader) so a replaced jar can be
 * loaded anew. A plugin that fails to load or start is reported and left out; the others still load.
 *
 * <p>Not thread-safe: {@link PluginHost} serialises every call. Closing stops and unloads every plugin.
 */
public final class PluginLoader implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PluginLoader.class);

    private final PluginManager manager;
    private final Path pluginsDir;

    private PluginLoader(PluginManager manager, Path pluginsDir) {
        this.manager = manager;
        this.pluginsDir = pluginsDir;
    }

    /** A loader for {@code pluginsDir} with nothing loaded yet. */
    static PluginLoader empty(Path pluginsDir) {
        Path dir = pluginsDir.toAbsolutePath().normalize();
        return new PluginLoader(new DefaultPluginManager(dir), dir);
    }

    /** Loads and starts every plugin in {@code pluginsDir}; a missing folder simply holds no plugins. */
    public static PluginLoader load(Path pluginsDir) {
        PluginLoader loader = empty(pluginsDir);
        if (Files.isDirectory(loader.pluginsDir)) {
            loader.manager.loadPlugins();
            loader.manager.startPlugins();
        } else {
            log.warn("plugins folder {} does not exist; running without plugins", loader.pluginsDir);
        }
        for (PluginWrapper plugin : loader.manager.getPlugins()) {
            if (plugin.getPluginState() != PluginState.STARTED) {
                log.warn("plugin '{}' is {}: {}", plugin.getPluginId(), plugin.getPluginState(),
                        plugin.getFailedException() == null ? "see above" : plugin.getFailedException().toString());
            }
        }
        return loader;
    }

    Path pluginsDir() {
        return pluginsDir;
    }

    /**
     * Loads and starts the plugin in {@code jar}; its id. Throws with a readable message when the jar is not a
     * plugin, its id is taken, or it fails to start (the half-loaded plugin is unloaded again).
     */
    String loadJar(Path jar) {
        String id;
        try {
            id = manager.loadPlugin(jar.toAbsolutePath().normalize());
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot load " + jar.getFileName() + ": " + e.getMessage(), e);
        }
        if (id == null) throw new IllegalStateException("cannot load " + jar.getFileName() + ": not a plugin jar");
        PluginState state;
        try {
            state = manager.startPlugin(id);
        } catch (RuntimeException e) {
            unload(id);
            throw new IllegalStateException("plugin '" + id + "' failed to start: " + e.getMessage(), e);
        }
        if (state != PluginState.STARTED) {
            PluginWrapper plugin = manager.getPlugin(id);
            Throwable failure = plugin == null ? null : plugin.getFailedException();
            unload(id);
            throw new IllegalStateException("plugin '" + id + "' is " + state
                    + (failure == null ? "" : ": " + failure));
        }
        return id;
    }

    /** Stops and unloads a plugin, closing its class loader; the jar stays where it is. */
    void unload(String id) {
        try {
            manager.unloadPlugin(id);
        } catch (RuntimeException e) {
            log.warn("unloading plugin '{}' failed: {}", id, e.toString());
        }
    }

    /** The handler instances of one started plugin. */
    List<MessageHandler> handlersOf(String id) {
        return List.copyOf(manager.getExtensions(MessageHandler.class, id));
    }

    Optional<String> version(String id) {
        PluginWrapper plugin = manager.getPlugin(id);
        return plugin == null ? Optional.empty() : Optional.of(plugin.getDescriptor().getVersion());
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

    /** The jars of the plugins folder, sorted; empty when the folder is missing or cannot be listed (logged). */
    List<Path> jarsInFolder() {
        Path dir = pluginsDir();
        if (!Files.isDirectory(dir)) return List.of();
        List<Path> jars = new ArrayList<>();
        try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "*.jar")) {
            for (Path jar : stream) {
                if (Files.isRegularFile(jar)) jars.add(jar.toAbsolutePath().normalize());
            }
        } catch (IOException e) {
            log.warn("cannot list the plugins folder {}: {}", dir, e.toString());
        }
        jars.sort(Comparator.naturalOrder());
        return jars;
    }
}
