package dev.webwxbot.core.chain;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.PluginSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The keys of a {@code plugins.<id>} block the host reads itself, beside whatever the plugin reads:
 * {@code enabled}, {@code chats { include, exclude }}, {@code priority} and {@code time-budget}. Immutable.
 */
record PluginPolicy(boolean enabled, ChatScope scope, OptionalInt priority, Optional<Duration> timeBudget) {

    static final PluginPolicy DEFAULT = new PluginPolicy(true, ChatScope.EVERYWHERE, OptionalInt.empty(), Optional.empty());

    /** @throws InvalidSettingsException naming the key when one of them is of the wrong type or out of range */
    static PluginPolicy read(PluginSettings settings) {
        boolean enabled = !settings.has("enabled") || settings.bool("enabled");
        ChatScope scope = ChatScope.EVERYWHERE;
        if (settings.has("chats")) {
            PluginSettings chats = settings.section("chats");
            // "only"/"except" rather than include/exclude: include is a HOCON keyword and would not parse unquoted.
            for (String key : chats.keys()) {
                if (!key.equals("only") && !key.equals("except")) {
                    throw chats.invalid(key, "unknown key; a chats block takes only and except");
                }
            }
            scope = new ChatScope(entries(chats, "only"), entries(chats, "except"));
        }
        OptionalInt priority = settings.has("priority") ? OptionalInt.of(settings.integer("priority")) : OptionalInt.empty();
        Optional<Duration> budget = Optional.empty();
        if (settings.has("time-budget")) {
            Duration value = settings.duration("time-budget");
            if (value.isNegative() || value.isZero()) throw settings.invalid("time-budget", "must be positive");
            budget = Optional.of(value);
        }
        return new PluginPolicy(enabled, scope, priority, budget);
    }

    private static List<String> entries(PluginSettings chats, String path) {
        if (!chats.has(path)) return List.of();
        List<String> entries = chats.stringList(path);
        for (String entry : entries) {
            if (entry.isBlank()) throw chats.invalid(path, "must not contain an empty name");
        }
        return entries;
    }
}
