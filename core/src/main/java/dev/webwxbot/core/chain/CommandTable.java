package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.api.ContactKind;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.command.Command;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Every command of the chain by each name it answers to, built each time the chain's links change. The bare name
 * (and alias) belongs to the first plugin in chain order that declares it; every command is also reachable as
 * {@code plugin:name}. The built-in {@code help} always keeps its bare name. Immutable.
 */
final class CommandTable {

    static final String HELP = "help";

    /**
     * A command with the plugin that declared it and the plugin's link (scope, accounts, whether it is off).
     */
    record Entry(String pluginId, Command command, PluginChain.Link link) {
        /** The name that reaches this command whatever other plugins declare. */
        String qualifiedName() {
            return pluginId + ":" + command.name();
        }

        /** Whether the plugin runs and hears this chat of this account, and the command is allowed there. */
        boolean usableIn(BotEvent event, Bot bot, Contact chat, String account) {
            return link.disabledReason().isEmpty() && link.serves(account) && link.scope().admits(event, bot)
                    && allowedIn(command, chat);
        }
    }

    /** Two plugins wanting one bare name: the winner keeps it, the other is reached by its qualified name. */
    record Conflict(String name, String winner, String loser) {
    }

    private final String prefix;
    private final List<Entry> entries;
    private final Map<String, Entry> byName = new LinkedHashMap<>();
    private final List<Conflict> conflicts = new ArrayList<>();

    /** @param entries the commands in chain order */
    CommandTable(String prefix, List<Entry> entries) {
        this.prefix = prefix;
        this.entries = List.copyOf(entries);
        for (Entry entry : this.entries) {
            for (String name : entry.command().names()) {
                byName.putIfAbsent(entry.pluginId() + ":" + name, entry);
                Entry holder = byName.get(name);
                if (name.equals(HELP)) {
                    conflicts.add(new Conflict(name, "the built-in help", entry.pluginId()));
                } else if (holder == null) {
                    byName.put(name, entry);
                } else if (!holder.pluginId().equals(entry.pluginId())) {
                    conflicts.add(new Conflict(name, holder.pluginId(), entry.pluginId()));
                }
            }
        }
    }

    String prefix() {
        return prefix;
    }

    boolean isEmpty() {
        return entries.isEmpty();
    }

    /** The commands in chain order. */
    List<Entry> entries() {
        return entries;
    }

    Optional<Entry> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    /** Every name that reaches a command: bare names, aliases, {@code plugin:name}, and {@code help}. */
    java.util.Set<String> names() {
        java.util.Set<String> names = new java.util.TreeSet<>(byName.keySet());
        names.add(HELP);
        return names;
    }

    List<Conflict> conflicts() {
        return List.copyOf(conflicts);
    }

    /** How {@code help} and usage lines name a command: bare when that reaches it, else qualified. */
    String callName(Entry entry) {
        return byName.get(entry.command().name()) == entry ? entry.command().name() : entry.qualifiedName();
    }

    /** The usage line under the name that reaches the command. */
    String usage(Entry entry) {
        String line = entry.command().usage(prefix);
        return prefix + callName(entry) + line.substring(prefix.length() + entry.command().name().length());
    }

    /** Whether the command's own places admit this chat ({@code friends}, {@code groups}, a chat's name). */
    static boolean allowedIn(Command command, Contact chat) {
        if (command.places().isEmpty()) return true;
        return command.places().stream().anyMatch(place -> switch (place) {
            case ChatScope.FRIENDS -> chat.kind() == ContactKind.FRIEND;
            case ChatScope.GROUPS -> chat.isGroup();
            default -> place.equals(chat.remarkName()) || place.equals(chat.nickName());
        });
    }
}
