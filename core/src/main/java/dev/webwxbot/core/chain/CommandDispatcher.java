package dev.webwxbot.core.chain;

import dev.webwxbot.api.HandlerContext;
import dev.webwxbot.api.MessageHandler;
import dev.webwxbot.api.Outcome;
import dev.webwxbot.api.Role;
import dev.webwxbot.api.command.Command;
import dev.webwxbot.api.command.CommandCall;
import dev.webwxbot.api.event.BotEvent;
import dev.webwxbot.api.event.TextMessage;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One plugin's commands as a link of the chain: it sits where the plugin's handlers sit (phase main, the plugin's
 * highest priority), so the plugin's scope, time budget, circuit breaker and trace apply to its commands as to its
 * handlers. It runs a call whose name the {@link CommandTable} gives to this plugin, or answers it with its usage
 * or a refusal; any other event goes on. Thread-safe.
 */
final class CommandDispatcher implements MessageHandler {

    private static final Logger log = LoggerFactory.getLogger(CommandDispatcher.class);

    private final String pluginId;
    private final CommandDenials denials;
    private volatile CommandTable table;

    CommandDispatcher(String pluginId, CommandDenials denials) {
        this.pluginId = Objects.requireNonNull(pluginId, "pluginId");
        this.denials = Objects.requireNonNull(denials, "denials");
    }

    void table(CommandTable newTable) {
        table = newTable;
    }

    String pluginId() {
        return pluginId;
    }

    @Override
    public Outcome handle(BotEvent event, HandlerContext context) throws Exception {
        if (!(event instanceof TextMessage message)) return Outcome.CONTINUE;
        CommandTable current = table;
        Optional<CommandParser.Invocation> invocation = CommandParser.invocation(message, current.prefix(), context.bot());
        if (invocation.isEmpty()) return Outcome.CONTINUE;
        Optional<CommandTable.Entry> found = current.find(invocation.get().name());
        if (found.isEmpty() || !found.get().pluginId().equals(pluginId)) return Outcome.CONTINUE;
        CommandTable.Entry entry = found.get();
        Command command = entry.command();
        // Not for this chat, or said in a group without addressing the bot: ordinary talk, not a call.
        if (!CommandTable.allowedIn(command, message.chat())) return Outcome.CONTINUE;
        if (message.envelope().inGroup() && command.needsMention() && !invocation.get().mentioned()) return Outcome.CONTINUE;
        Role role = context.roleOf(message.sender());
        String called = current.prefix() + current.callName(entry);
        if (!role.atLeast(command.role())) {
            String account = context instanceof ChainContext chain ? chain.account() : "";
            boolean answer = denials.firstIn(account, message.chat().userName(), message.sender().userName(), entry.qualifiedName());
            log.info("plugin '{}' refused {} to {} in {}: needs {}, has {}{}", pluginId, called,
                    message.sender().displayName(), message.chat().displayName(), command.role(), role,
                    answer ? "" : " (already told)");
            if (answer) {
                context.reply("Sorry, " + called + " is only for " + roleName(command.role())
                        + "; you may not use it here.");
            }
            return Outcome.STOP;
        }
        switch (CommandParser.arguments(command, invocation.get().arguments(), message.chat(), context.bot().contacts())) {
            case CommandParser.Parsed.Wrong wrong -> context.reply(sentence(wrong.problem()) + " Usage: " + current.usage(entry));
            case CommandParser.Parsed.Values values ->
                    command.action().run(new CommandCall(command, message, values.values()), context);
        }
        return Outcome.STOP;
    }

    static String roleName(Role role) {
        return switch (role) {
            case BLOCKED, ANYONE -> "anyone";
            case MEMBER -> "members";
            case ADMIN -> "admins";
            case OWNER -> "the bot's owner";
        };
    }

    /** The problem as a sentence: a capital first letter and a full stop. */
    static String sentence(String problem) {
        String s = problem.isEmpty() ? problem : problem.substring(0, 1).toUpperCase(Locale.ROOT) + problem.substring(1);
        return s.endsWith(".") || s.endsWith("?") ? s : s + ".";
    }
}
