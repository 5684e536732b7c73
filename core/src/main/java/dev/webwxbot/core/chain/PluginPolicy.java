package dev.webwxbot.core.chain;

import dev.webwxbot.api.InvalidSettingsException;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.PluginSettings;
import dev.webwxbot.api.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The keys of a {@code plugins.<id>} block the host reads itself, beside whatever the plugin reads:
 * {@code enabled}, {@code chats { only, except }}, {@code priority}, {@code time-budget}, {@code accounts} (the
 * account ids the plugin serves; absent or empty for all) and {@code role} (the least role a sender needs, over
 * what each handler declares). Immutable.
 */
record PluginPolicy(boolean enabled, ChatScope scope, OptionalInt priority, Optional<Duration> timeBudget,
                    Set<String> accounts, Optional<Role> role) {

    static final PluginPolicy DEFAULT = new PluginPolicy(true, ChatScope.EVERYWHERE, OptionalInt.empty(),
            Optional.empty(), Set.of(), Optional.empty());
    /** What an account id looks like (the daemon's accounts block names them so). */
    static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    PluginPolicy {
        accounts = Set.copyOf(accounts);
    }

    /** @throws InvalidSettingsException naming the key when one of them is of the wrong type or out of range */
    static PluginPolicy read(PluginSettings settings) {
        boolean enabled = !settings.has("enabled") || settings.bool("enabled");
        ChatScope scope = ChatScope.EVERYWHERE;
        if (settings.has("chats")) {
            PluginSettings chats = settings.section("chats");
            // "only"/"except" rather than include/exclude: include is a HOCON keyword and would not parse unquoted.
            List<InvalidSettingsException> unknown = chats.unknownKeys(List.of("only", "except"));
            if (!unknown.isEmpty()) throw unknown.getFirst();
            scope = new ChatScope(entries(chats, "only"), entries(chats, "except"));
        }
        OptionalInt priority = settings.has("priority") ? OptionalInt.of(settings.integer("priority")) : OptionalInt.empty();
        Optional<Duration> budget = Optional.empty();
        if (settings.has("time-budget")) {
            Duration value = settings.duration("time-budget");
            if (value.isNegative() || value.isZero()) throw settings.invalid("time-budget", "must be positive");
            budget = Optional.of(value);
        }
        return new PluginPolicy(enabled, scope, priority, budget, accounts(settings), role(settings));
    }

    /** {@code role = admin}: any case; {@code blocked} is no role a handler can require. */
    private static Optional<Role> role(PluginSettings settings) {
        if (!settings.has("role")) return Optional.empty();
        String name = settings.string("role").strip().toUpperCase(Locale.ROOT);
        for (Role role : Role.values()) {
            if (role != Role.BLOCKED && role.name().equals(name)) return Optional.of(role);
        }
        throw settings.invalid("role", "must be one of anyone, member, admin, owner, not '" + settings.string("role")
                + "'");
    }

    private static Set<String> accounts(PluginSettings settings) {
        if (!settings.has("accounts")) return Set.of();
        List<String> ids = settings.stringList("accounts");
        for (String id : ids) {
            if (!ACCOUNT_ID.matcher(id).matches()) {
                throw settings.invalid("accounts", "'" + id + "' is not an account id: lower-case letters, digits,"
                        + " '_' and '-', starting with a letter or digit, at most 32 characters");
            }
        }
        return Set.copyOf(ids);
    }

    private static List<String> entries(PluginSettings chats, String path) {
        if (!chats.has(path)) return List.of();
        List<String> entries = chats.stringList(path);
        for (String entry : entries) {
            if (entry.isBlank()) throw chats.invalid(path, "must not contain an empty name");
        }
        return entries;
    }

    /**
     * The chain links of a plugin's handlers under this policy: each at the operator's priority or its own, with
     * the plugin's scope, budget, accounts and role.
     *
     * @param off why the plugin is out of the chain; empty when it runs
     */
    List<PluginChain.Link> links(String pluginId, List<MessageHandler> handlers, String off) {
        List<PluginChain.Link> links = new ArrayList<>();
        for (MessageHandler handler : handlers) {
            RegisteredHandler registered = new RegisteredHandler(pluginId, handler, handler.phase(),
                    priority.orElse(handler.priority()));
            links.add(new PluginChain.Link(registered, scope, timeBudget, off, accounts, role));
        }
        return links;
    }
}
