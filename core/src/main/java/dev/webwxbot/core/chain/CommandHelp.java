package dev.webwxbot.core.chain;

import dev.webwxbot.api.Bot;
import dev.webwxbot.api.DidYouMean;
import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The built-in {@code help} and the answer to a command nobody declares, as the first link of the fallback phase
 * (so a plugin's own handler that reads "/something" itself still gets it first). {@code help} lists the commands
 * the asking person may use in that chat: their plugin runs and hears it, the command is allowed there, and their
 * role suffices. Present only while some plugin declares a command. Thread-safe.
 */
final class CommandHelp implements MessageHandler {

    /** The plugin id the built-in runs under in traces. */
    static final String ID = "webwx-bot";

    private volatile CommandTable table;

    void table(CommandTable newTable) {
        table = newTable;
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) {
        if (!(event instanceof TextMessage message)) return Outcome.CONTINUE;
        CommandTable current = table;
        Optional<CommandParser.Invocation> found = CommandParser.invocation(message, current.prefix(), context.bot());
        if (found.isEmpty()) return Outcome.CONTINUE;
        CommandParser.Invocation invocation = found.get();
        if (message.envelope().inGroup() && !invocation.mentioned()) return Outcome.CONTINUE;
        String account = context instanceof ChainContext chain ? chain.account() : PluginHost.DEFAULT_ACCOUNT;
        List<CommandTable.Entry> usable = usable(current, event, context.bot(), message, account,
                context.roleOf(message.sender()));
        if (invocation.name().equals(CommandTable.HELP)) {
            String topic = invocation.arguments().strip().toLowerCase(Locale.ROOT);
            if (topic.startsWith(current.prefix())) topic = topic.substring(current.prefix().length());
            context.reply(topic.isEmpty() ? list(current, usable) : about(current, usable, topic));
            return Outcome.STOP;
        }
        // A command that exists but did not run (its plugin is off or does not hear this chat) is not unknown; and
        // without a prefix, any first word would be an "unknown command".
        if (current.find(invocation.name()).isPresent() || current.prefix().isEmpty()) return Outcome.CONTINUE;
        context.reply(unknown(current, usable, invocation.name()));
        return Outcome.STOP;
    }

    private static List<CommandTable.Entry> usable(CommandTable table, BotEvent event, Bot bot, TextMessage message,
                                                   String account, Role role) {
        return table.entries().stream()
                .filter(e -> e.usableIn(event, bot, message.chat(), account) && role.atLeast(e.command().role()))
                .toList();
    }

    private static String list(CommandTable table, List<CommandTable.Entry> usable) {
        StringBuilder text = new StringBuilder("Commands you can use here:\n")
                .append(table.prefix()).append("help [command] - what a command does");
        for (CommandTable.Entry entry : usable) {
            text.append('\n').append(table.usage(entry));
            if (!entry.command().description().isEmpty()) text.append(" - ").append(entry.command().description());
        }
        return text.toString();
    }

    private static String about(CommandTable table, List<CommandTable.Entry> usable, String topic) {
        Optional<CommandTable.Entry> entry = table.find(topic).filter(usable::contains);
        if (entry.isEmpty()) return unknown(table, usable, topic);
        StringBuilder text = new StringBuilder(table.usage(entry.get()));
        if (!entry.get().command().description().isEmpty()) text.append('\n').append(entry.get().command().description());
        List<String> aliases = entry.get().command().aliases().stream()
                .filter(a -> table.find(a).filter(entry.get()::equals).isPresent())
                .map(a -> table.prefix() + a).toList();
        if (!aliases.isEmpty()) text.append("\nAlso written ").append(String.join(", ", aliases));
        return text.toString();
    }

    private static String unknown(CommandTable table, List<CommandTable.Entry> usable, String name) {
        List<String> names = new ArrayList<>(List.of(CommandTable.HELP));
        for (CommandTable.Entry entry : usable) {
            names.add(table.callName(entry));
            entry.command().aliases().stream().filter(a -> table.find(a).filter(entry::equals).isPresent()).forEach(names::add);
        }
        String prefix = table.prefix();
        return "I don't know " + prefix + name + "."
                + DidYouMean.closest(name, names).map(n -> " Did you mean " + prefix + n + "?").orElse("")
                + " Send " + prefix + "help for the commands you can use here.";
    }
}
