package dev.webwxbot.core.chain;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the host knows of one plugin it loaded from a jar: its handlers, configuration, whether it runs and why not,
 * and what it obtained while running. Mutable, guarded by the host's lock.
 */
final class LoadedPlugin {

    /** The host's logger: operators find a plugin's configuration problems where they always were. */
    private static final Logger log = LoggerFactory.getLogger(PluginHost.class);

    final String id;
    final Path jar;
    final JarStamp stamp;
    final String version;
    final List<MessageHandler> handlers;
    Config reference = ConfigFactory.empty();
    PluginPolicy policy = PluginPolicy.DEFAULT;
    String configError = "";
    /** What its handlers reported after the last configure that succeeded; empty when nothing. */
    String warning = "";
    boolean operatorDisabled;
    /** What it obtained from the host while it runs; null while it does not. */
    PluginRuntimes runtime;
    /** Configured since its last start: start it again. */
    boolean restart;
    /** Why its last start failed; empty when it did not. */
    String startError = "";

    LoadedPlugin(String id, Path jar, JarStamp stamp, String version, List<MessageHandler> handlers) {
        this.id = id;
        this.jar = jar;
        this.stamp = stamp;
        this.version = version;
        this.handlers = handlers;
    }

    /**
     * Reads the plugin's block of {@code operator} over its defaults, the host's keys, and hands it to each handler;
     * records what went wrong, and logs it when that changed.
     */
    void configure(Config operator) {
        String previousError = configError;
        String key = PluginBlocks.key(id);
        try {
            ConfigPluginSettings settings = new ConfigPluginSettings(PluginBlocks.merged(operator, id, reference), key);
            policy = PluginPolicy.read(settings);
            List<String> warnings = new ArrayList<>();
            if (policy.enabled()) {
                for (MessageHandler handler : handlers) {
                    HandlerConfiguring.configure(id, handler, settings).ifPresent(warnings::add);
                }
            }
            configError = "";
            warning = String.join("; ", warnings);
            restart = true; // start sees the new configuration: jobs scheduled from it follow the edit
        } catch (InvalidSettingsException e) {
            configError = e.getMessage();
            warning = "";
        } catch (ConfigException e) {
            configError = key + ": " + e.getMessage();
            warning = "";
        }
        if (!configError.isEmpty() && !configError.equals(previousError)) {
            log.error("plugin '{}' disabled: invalid configuration: {}", id, configError);
        } else if (configError.isEmpty() && !previousError.isEmpty()) {
            log.info("plugin '{}' configuration is valid again; it is back in the chain", id);
        }
    }

    /** Why the plugin is out of the chain, empty when it runs; the breaker is the chain's own business. */
    String offReason() {
        if (!configError.isEmpty()) return "invalid configuration: " + configError;
        if (operatorDisabled) return "disabled by the operator";
        if (!policy.enabled()) return "enabled = false in its configuration";
        return "";
    }

    /**
     * The plugin as {@code plugins list} shows it.
     *
     * @param count what the chain counted for it
     * @param tripped whether its circuit breaker is open
     * @param refusedEdit why the last edit of the configuration was refused; empty when it was not
     */
    PluginStatus status(PluginChain.Counters count, boolean tripped, String refusedEdit) {
        PluginStatus.State state;
        String reason = offReason();
        if (!configError.isEmpty()) state = PluginStatus.State.MISCONFIGURED;
        else if (operatorDisabled) state = PluginStatus.State.DISABLED;
        else if (!policy.enabled()) state = PluginStatus.State.DISABLED_BY_CONFIG;
        else if (tripped) {
            state = PluginStatus.State.TRIPPED;
            reason = "circuit breaker open; 'plugins enable " + id + "' closes it";
        } else state = PluginStatus.State.ACTIVE;
        if (state == PluginStatus.State.ACTIVE) reason = "";
        List<String> warnings = new ArrayList<>();
        String handlerWarning = offReason().isEmpty() ? currentWarning() : warning;
        if (!handlerWarning.isEmpty()) warnings.add(handlerWarning);
        if (!startError.isEmpty()) warnings.add(startError);
        if (!refusedEdit.isEmpty()) warnings.add("running the previous configuration: " + refusedEdit);
        return new PluginStatus(id, version, state, reason, handlers.size(), count.handled(), count.failures(),
                count.timeouts(), String.join("; ", warnings),
                runtime == null ? List.of() : runtime.pluginJobs().statuses());
    }

    /**
     * What the running plugin's handlers warn of now: a handler may learn of a problem after its configure (a chat
     * its rules name is missing from the address book of an account that just logged in), so they are asked again
     * each time the plugins are listed. A handler that throws leaves what they said after configure.
     */
    private String currentWarning() {
        List<String> warnings = new ArrayList<>();
        for (MessageHandler handler : handlers) {
            try {
                Objects.requireNonNullElse(handler.warning(), Optional.<String>empty()).map(String::strip)
                        .filter(text -> !text.isEmpty()).ifPresent(warnings::add);
            } catch (RuntimeException e) {
                return warning;
            }
        }
        return String.join("; ", warnings);
    }

    /** A jar that did not load, and why; it is tried again once it changes. */
    record FailedJar(JarStamp stamp, String reason) {
    }

    /** Enough of a jar's attributes to notice it was replaced or rewritten. */
    record JarStamp(long size, long modifiedMillis, Object fileKey) {
        static JarStamp of(Path jar) {
            try {
                BasicFileAttributes attributes = Files.readAttributes(jar, BasicFileAttributes.class);
                return new JarStamp(attributes.size(), attributes.lastModifiedTime().toMillis(), attributes.fileKey());
            } catch (IOException e) {
                return new JarStamp(-1, -1, null);
            }
        }
    }
}
