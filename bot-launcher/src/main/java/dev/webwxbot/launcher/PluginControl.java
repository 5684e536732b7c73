package dev.webwxbot.launcher;

import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.PluginHost;
import dev.webwxbot.core.chain.PluginStatus;
import java.util.List;
import java.util.Optional;

/**
 * The commands of the control channel, one request line each, answered with text: {@code list},
 * {@code enable ID}, {@code disable ID}, {@code reload ID}, {@code rescan}, {@code trace [LIMIT] [CHAT NAME]}.
 * The first line of an answer is {@code ok} or {@code error: ...}. Thread-safe (the host is).
 */
final class PluginControl {

    static final String OK = "ok";
    static final String ERROR = "error: ";
    static final int DEFAULT_TRACES = 20;

    private final PluginHost host;

    PluginControl(PluginHost host) {
        this.host = host;
    }

    String answer(String request) {
        String line = request.strip();
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        String argument = space < 0 ? "" : line.substring(space + 1).strip();
        try {
            return switch (verb) {
                case "list" -> OK + "\n" + describe(host.list());
                case "rescan" -> OK + "\n" + describe(host.rescan());
                case "enable" -> OK + "\n" + host.enable(id(argument)).describe() + "\n";
                case "disable" -> OK + "\n" + host.disable(id(argument)).describe() + "\n";
                case "reload" -> OK + "\n" + host.reload(id(argument)).describe() + "\n";
                case "trace" -> OK + "\n" + traces(argument);
                default -> ERROR + "unknown command '" + verb + "'; try list, enable ID, disable ID, reload ID, rescan, trace\n";
            };
        } catch (IllegalArgumentException | IllegalStateException e) {
            return ERROR + e.getMessage() + "\n";
        }
    }

    private static String id(String argument) {
        if (argument.isEmpty()) throw new IllegalArgumentException("which plugin? give its id (see 'plugins list')");
        return argument;
    }

    private static String describe(List<PluginStatus> plugins) {
        if (plugins.isEmpty()) return "no plugins loaded\n";
        StringBuilder text = new StringBuilder();
        plugins.forEach(p -> text.append(p.describe()).append('\n'));
        return text.toString();
    }

    /** {@code [LIMIT] [CHAT NAME]}: the last LIMIT traces (default 20), of one chat when a name is given. */
    private String traces(String argument) {
        int limit = DEFAULT_TRACES;
        String chat = argument;
        int space = argument.indexOf(' ');
        String first = space < 0 ? argument : argument.substring(0, space);
        if (!first.isEmpty() && first.chars().allMatch(Character::isDigit) && first.length() < 6) {
            limit = Integer.parseInt(first);
            chat = space < 0 ? "" : argument.substring(space + 1).strip();
        }
        List<DispatchTrace> traces = host.traces(chat.isEmpty() ? Optional.empty() : Optional.of(chat));
        if (traces.isEmpty()) {
            return chat.isEmpty() ? "no events dispatched yet\n" : "no recent events from a chat named '" + chat + "'\n";
        }
        StringBuilder text = new StringBuilder();
        traces.subList(Math.max(0, traces.size() - limit), traces.size()).forEach(t -> text.append(t.describe()));
        return text.toString();
    }
}
