package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigOrigin;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * {@link PluginSettings} over a Typesafe {@link Config}, so plugins never see Typesafe types. Every failure of
 * the underlying config becomes an {@link InvalidSettingsException} carrying the operator's full key and, when
 * known, the file and line it came from.
 */
public final class ConfigPluginSettings implements PluginSettings {

    private final Config config;
    private final String prefix;

    /**
     * @param config the plugin's block, already merged over its defaults
     * @param prefix the block's key in the operator's file, such as {@code plugins.auto-reply}
     */
    public ConfigPluginSettings(Config config, String prefix) {
        this.config = Objects.requireNonNull(config, "config");
        this.prefix = Objects.requireNonNull(prefix, "prefix");
    }

    /** Settings parsed from HOCON text: for tests and for plugins' own examples. */
    public static ConfigPluginSettings parse(String hocon, String prefix) {
        return new ConfigPluginSettings(ConfigFactory.parseString(hocon).resolve(), prefix);
    }

    @Override
    public boolean has(String path) {
        return read(path, config::hasPath);
    }

    @Override
    public Set<String> keys() {
        return new TreeSet<>(config.root().keySet());
    }

    @Override
    public String string(String path) {
        return read(path, config::getString);
    }

    @Override
    public int integer(String path) {
        return read(path, config::getInt);
    }

    @Override
    public long number(String path) {
        return read(path, config::getLong);
    }

    @Override
    public boolean bool(String path) {
        return read(path, config::getBoolean);
    }

    @Override
    public Duration duration(String path) {
        return read(path, config::getDuration);
    }

    @Override
    public List<String> stringList(String path) {
        return List.copyOf(read(path, config::getStringList));
    }

    @Override
    public PluginSettings section(String path) {
        return new ConfigPluginSettings(read(path, config::getConfig), keyOf(path));
    }

    @Override
    public List<PluginSettings> sectionList(String path) {
        List<? extends Config> blocks = read(path, config::getConfigList);
        List<PluginSettings> sections = new ArrayList<>(blocks.size());
        for (int i = 0; i < blocks.size(); i++) {
            sections.add(new ConfigPluginSettings(blocks.get(i), keyOf(path) + "." + i));
        }
        return List.copyOf(sections);
    }

    @Override
    public Optional<String> origin(String path) {
        try {
            return config.hasPathOrNull(path) ? where(config.getValue(path).origin()) : Optional.empty();
        } catch (ConfigException e) {
            return Optional.empty(); // not a valid path, or null: nowhere to point at
        }
    }

    @Override
    public Optional<String> origin() {
        return where(config.root().origin());
    }

    /**
     * {@code file:line} for a value read from a file (or a class path resource), the description an origin was
     * given for one parsed from text with {@code setOriginDescription}; empty for text parsed without one (Typesafe
     * calls it "String"), for a block merged from several places, and for defaults built in code.
     */
    public static Optional<String> where(ConfigOrigin origin) {
        if (origin == null) return Optional.empty();
        String name = origin.filename() != null ? origin.filename()
                : origin.resource() != null ? origin.resource()
                : origin.url() != null ? origin.url().toString() : null;
        if (name != null) return Optional.of(origin.lineNumber() >= 0 ? name + ":" + origin.lineNumber() : name);
        String description = origin.description();
        if (description == null || description.startsWith("String") || description.startsWith("merge of")
                || description.startsWith("empty config")) {
            return Optional.empty();
        }
        return Optional.of(description.replaceFirst(": (\\d+)$", ":$1"));
    }

    @Override
    public String keyOf(String path) {
        return prefix.isEmpty() ? path : prefix + "." + path;
    }

    private <T> T read(String path, Function<String, T> getter) {
        try {
            return getter.apply(path);
        } catch (ConfigException.Missing e) {
            throw new InvalidSettingsException(keyOf(path), "is required but not set", origin());
        } catch (ConfigException.WrongType e) {
            throw new InvalidSettingsException(keyOf(path), withoutPath(e, "has the wrong type"), where(e.origin()));
        } catch (ConfigException.BadValue | ConfigException.BadPath e) {
            throw new InvalidSettingsException(keyOf(path), withoutPath(e, "is not valid"), where(e.origin()));
        }
    }

    /** Typesafe's messages start with the origin and the relative path; keep what explains the problem. */
    private static String withoutPath(ConfigException e, String fallback) {
        String message = e.getMessage();
        int colon = message == null ? -1 : message.lastIndexOf(": ");
        return colon < 0 ? fallback : message.substring(colon + 2);
    }
}
