package dev.webwxbot.core.chain;

import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Phase;
import dev.webwxbot.api.command.Command;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the commands the plugins declare into links of the chain each time its links change: one
 * {@link CommandDispatcher} per plugin that declares commands, in that plugin's place, and the built-in
 * {@link CommandHelp} first in the fallback phase. Warns once about every name two plugins want. Thread-safe.
 */
final class CommandStage {

    private static final Logger log = LoggerFactory.getLogger(CommandStage.class);

    private final CommandDenials denials = new CommandDenials();
    /** Conflicts already warned about: a rebuild of the chain (enable, reload, reconfigure) does not repeat them. */
    private final Set<CommandTable.Conflict> warned = ConcurrentHashMap.newKeySet();
    private volatile CommandSettings settings = CommandSettings.defaults();
    /** The names of the commands of the last links built; empty while no plugin declares one. */
    private volatile Set<String> names = Set.of();

    CommandSettings settings() {
        return settings;
    }

    void settings(CommandSettings newSettings) {
        settings = Objects.requireNonNull(newSettings, "settings");
    }

    Set<String> names() {
        return names;
    }

    /** Whether a link is one this stage added (and will add again from the plugins' handlers). */
    static boolean isCommandLink(PluginChain.Link link) {
        MessageHandler handler = link.registered().handler();
        return handler instanceof CommandDispatcher || handler instanceof CommandHelp;
    }

    /** {@code links} (the plugins' handlers) with the command links added; the chain sorts them. */
    List<PluginChain.Link> withCommands(List<PluginChain.Link> links, List<String> order) {
        Map<String, List<PluginChain.Link>> byPlugin = new LinkedHashMap<>();
        for (PluginChain.Link link : links) {
            if (!isCommandLink(link)) byPlugin.computeIfAbsent(link.registered().pluginId(), id -> new ArrayList<>()).add(link);
        }
        List<PluginChain.Link> all = new ArrayList<>(byPlugin.values().stream().flatMap(List::stream).toList());
        List<PluginChain.Link> dispatchers = new ArrayList<>();
        Map<String, List<Command>> commands = new LinkedHashMap<>();
        byPlugin.forEach((pluginId, own) -> {
            List<Command> declared = declared(pluginId, own);
            if (declared.isEmpty()) return;
            commands.put(pluginId, declared);
            PluginChain.Link first = own.getFirst();
            int priority = own.stream().mapToInt(l -> l.registered().priority()).max().orElse(0);
            RegisteredHandler registered = new RegisteredHandler(pluginId, new CommandDispatcher(pluginId, denials),
                    Phase.MAIN, priority);
            dispatchers.add(new PluginChain.Link(registered, first.scope(), first.timeBudget(), first.disabledReason(),
                    first.accounts()));
        });
        if (dispatchers.isEmpty()) {
            names = Set.of();
            return all;
        }
        // The bare name goes to the plugin whose commands come first in the chain's order.
        dispatchers.sort(Comparator.comparing(PluginChain.Link::registered, ChainOrder.comparator(order)));
        List<CommandTable.Entry> entries = new ArrayList<>();
        for (PluginChain.Link link : dispatchers) {
            for (Command command : commands.get(link.registered().pluginId())) {
                entries.add(new CommandTable.Entry(link.registered().pluginId(), command, link));
            }
        }
        CommandTable table = new CommandTable(settings.prefix(), entries);
        warnAbout(table);
        names = Set.copyOf(table.names());
        CommandHelp help = new CommandHelp();
        help.table(table);
        dispatchers.forEach(link -> ((CommandDispatcher) link.registered().handler()).table(table));
        all.addAll(dispatchers);
        all.add(PluginChain.Link.active(new RegisteredHandler(CommandHelp.ID, help, Phase.FALLBACK, Integer.MAX_VALUE)));
        return all;
    }

    /** The commands of a plugin's handlers; a handler whose {@code commands()} throws offers none (logged). */
    private static List<Command> declared(String pluginId, List<PluginChain.Link> own) {
        List<Command> declared = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (PluginChain.Link link : own) {
            List<Command> offered;
            try {
                offered = Objects.requireNonNullElse(link.registered().handler().commands(), List.of());
            } catch (RuntimeException e) {
                log.warn("plugin '{}' ({}) offers no commands: commands() failed: {}", pluginId,
                        link.registered().handler().getClass().getSimpleName(), e.toString());
                continue;
            }
            for (Command command : offered) {
                if (command == null) continue;
                for (String name : command.names()) {
                    if (!names.add(name)) {
                        log.warn("plugin '{}' declares the command name '{}' twice; the first declaration keeps it",
                                pluginId, name);
                    }
                }
                declared.add(command);
            }
        }
        return declared;
    }

    private void warnAbout(CommandTable table) {
        for (CommandTable.Conflict conflict : table.conflicts()) {
            if (!warned.add(conflict)) continue;
            String prefix = table.prefix();
            if (conflict.name().equals(CommandTable.HELP)) {
                log.warn("plugin '{}' declares the command '{}', which the built-in help keeps; the plugin's is {}{}:{}",
                        conflict.loser(), conflict.name(), prefix, conflict.loser(), conflict.name());
            } else {
                log.warn("plugins '{}' and '{}' both declare the command '{}': {}{} runs the one of '{}' (first in "
                                + "the chain); the one of '{}' is {}{}:{}", conflict.winner(), conflict.loser(),
                        conflict.name(), prefix, conflict.name(), conflict.winner(), conflict.loser(), prefix,
                        conflict.loser(), conflict.name());
            }
        }
    }
}
