package dev.webwxbot.testkit;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigSyntax;
import com.typesafe.config.ConfigUtil;
import dev.webwxbot.api.MessageHandler;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The plugin under test as its classes on the test class path show it, without a jar: its handlers (the
 * {@code @Extension} classes PF4J's annotation processor lists in {@code META-INF/extensions.idx}) and its defaults
 * (its {@code reference.conf}). Stateless.
 */
final class PluginClasses {

    static final String EXTENSION_INDEX = "META-INF/extensions.idx";
    static final String REFERENCE = "reference.conf";

    private PluginClasses() {
    }

    /**
     * One new instance of every class listed in an extension index on the class path that is a
     * {@link MessageHandler}, created as PF4J creates extensions (public no-argument constructor).
     *
     * @throws IllegalStateException when a listed class cannot be loaded or created, or none is a handler
     */
    static List<MessageHandler> discover(ClassLoader loader) {
        Set<String> names = new LinkedHashSet<>();
        List<URL> indexes;
        try {
            indexes = Collections.list(loader.getResources(EXTENSION_INDEX));
            for (URL index : indexes) names.addAll(read(index));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + EXTENSION_INDEX + " from the class path: " + e, e);
        }
        List<MessageHandler> handlers = new ArrayList<>();
        for (String name : names) {
            Class<?> type;
            try {
                type = Class.forName(name, false, loader);
            } catch (ClassNotFoundException | LinkageError e) {
                throw new IllegalStateException(EXTENSION_INDEX + " lists " + name + ", which cannot be loaded: " + e, e);
            }
            if (!MessageHandler.class.isAssignableFrom(type) || Modifier.isAbstract(type.getModifiers())) continue;
            handlers.add(create(type.asSubclass(MessageHandler.class)));
        }
        if (handlers.isEmpty()) {
            throw new IllegalStateException("no handlers given and no MessageHandler listed in " + EXTENSION_INDEX
                    + " on the test class path (" + indexes.size() + " index file(s) found): pass them to"
                    + " handlers(...), or mark them @Extension and let PF4J's annotation processor run"
                    + " (annotationProcessorPaths of maven-compiler-plugin)");
        }
        return List.copyOf(handlers);
    }

    /**
     * The plugin's defaults, the block {@code plugins.<id>}: from the {@code reference.conf} next to the handlers'
     * classes (which, as in a jar, may also hold the bare block when it names no {@code plugins}), else from any
     * {@code reference.conf} on the class path that sets {@code plugins.<id>}; empty when there is none.
     *
     * @throws IllegalStateException when the plugin's own file is not valid HOCON
     */
    static Config reference(String pluginId, List<? extends MessageHandler> handlers, ClassLoader loader) {
        String block = ConfigUtil.joinPath("plugins", pluginId);
        List<URL> files;
        try {
            files = Collections.list(loader.getResources(REFERENCE));
        } catch (IOException e) {
            throw new IllegalStateException("cannot list " + REFERENCE + " files on the class path: " + e, e);
        }
        Set<String> roots = new LinkedHashSet<>();
        for (MessageHandler handler : handlers) {
            CodeSource source = handler.getClass().getProtectionDomain().getCodeSource();
            if (source != null && source.getLocation() != null) roots.add(source.getLocation().toString());
        }
        for (URL file : files) {
            if (roots.stream().anyMatch(root -> file.toString().contains(root))) {
                Config parsed = parse(file);
                if (parsed.hasPath(block)) return parsed.getConfig(block);
                // The bare block, as a jar's reference.conf may hold it; one naming other plugins is theirs.
                if (!parsed.hasPath("plugins")) return parsed;
            }
        }
        for (URL file : files) {
            Config parsed;
            try {
                parsed = parse(file);
            } catch (IllegalStateException e) {
                continue; // another library's file, none of the plugin's business
            }
            if (parsed.hasPath(block)) return parsed.getConfig(block);
        }
        return ConfigFactory.empty();
    }

    /** Parsed as the host parses a jar's {@code reference.conf}: its own text, no includes from elsewhere. */
    private static Config parse(URL file) {
        String text;
        try (var in = file.openStream()) {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file + ": " + e, e);
        }
        try {
            return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setSyntax(ConfigSyntax.CONF)
                    .setOriginDescription(file.toString()).setAllowMissing(false)).resolve();
        } catch (ConfigException e) {
            throw new IllegalStateException(REFERENCE + " at " + file + " is not valid HOCON: " + e.getMessage(), e);
        }
    }

    private static List<String> read(URL index) throws IOException {
        List<String> names = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = reader.readLine()) != null; ) {
                String name = line.strip();
                if (!name.isEmpty() && !name.startsWith("#")) names.add(name);
            }
        }
        return names;
    }

    private static MessageHandler create(Class<? extends MessageHandler> type) {
        try {
            return type.getConstructor().newInstance();
        } catch (NoSuchMethodException | IllegalAccessException e) {
            throw new IllegalStateException(type.getName() + " (listed in " + EXTENSION_INDEX + ") needs a public"
                    + " no-argument constructor, as PF4J creates it with one", e);
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("creating " + type.getName() + " failed: " + e.getCause(), e.getCause());
        } catch (InstantiationException e) {
            throw new IllegalStateException("cannot create " + type.getName() + ": " + e, e);
        }
    }
}
