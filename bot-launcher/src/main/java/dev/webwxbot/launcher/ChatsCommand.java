package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.safeoutput.TerminalText;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot chats ...}: the chats a running daemon's bot does not answer in (the owner took over, a reply
 * loop, a send ceiling, a pause), and pausing or resuming one, through the daemon's HTTP API
 * ({@code webwx-bot.api.enabled = true}). Without a subcommand it lists the paused chats.
 */
@Command(name = "chats", mixinStandardHelpOptions = true,
        description = "List, pause and resume the chats the running daemon's bot does not answer in (HTTP API).")
final class ChatsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ApiOptions api;

    @Option(names = "--account", paramLabel = "ID", defaultValue = "default",
            description = "the account (default: ${DEFAULT-VALUE})")
    String account;

    @Override
    public Integer call() {
        return paused(common, api, account);
    }

    @Command(name = "paused", mixinStandardHelpOptions = true,
            description = "The paused chats of an account: why, and until when.")
    int paused(@Mixin CommonOptions common, @Mixin ApiOptions api,
               @Option(names = "--account", paramLabel = "ID", defaultValue = "default",
                       description = "the account (default: ${DEFAULT-VALUE})") String id) {
        return run(common, api, client -> {
            List<String> lines = new ArrayList<>();
            client.get(path(id) + "/chats/paused").path("paused").forEach(pause -> lines.add(line(pause)));
            return lines.isEmpty() ? List.of("no chat of " + TerminalText.clean(id) + " is paused") : lines;
        });
    }

    @Command(name = "pause", mixinStandardHelpOptions = true,
            description = "Pause the bot in a chat (its id, remark name or nickname): plugins no longer answer there.")
    int pause(@Mixin CommonOptions common, @Mixin ApiOptions api,
              @Option(names = "--account", paramLabel = "ID", defaultValue = "default",
                      description = "the account (default: ${DEFAULT-VALUE})") String id,
              @Option(names = "--minutes", paramLabel = "N", description = "for N minutes (default: until resumed)")
              Integer minutes,
              @Parameters(paramLabel = "CHAT") String chat) {
        return run(common, api, client -> {
            ObjectNode body = ApiClient.json().createObjectNode();
            if (minutes != null) body.put("minutes", minutes);
            return List.of(line(client.post(path(id) + "/chats/" + ApiClient.segment(chat) + "/pause", body,
                    ApiClient.CALL_TIMEOUT)));
        });
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, description = "The bot answers in a chat again.")
    int resume(@Mixin CommonOptions common, @Mixin ApiOptions api,
               @Option(names = "--account", paramLabel = "ID", defaultValue = "default",
                       description = "the account (default: ${DEFAULT-VALUE})") String id,
               @Parameters(paramLabel = "CHAT") String chat) {
        return run(common, api, client -> {
            JsonNode answer = client.post(path(id) + "/chats/" + ApiClient.segment(chat) + "/resume");
            String name = name(answer.path("chat"));
            return List.of(answer.path("resumed").asBoolean() ? "resumed " + name : name + " was not paused");
        });
    }

    /** Runs one exchange with the daemon and prints its lines, or the failure on stderr (exit 1). */
    private int run(CommonOptions common, ApiOptions api, Function<ApiClient, List<String>> exchange) {
        // Options given before the subcommand ("chats --data-dir d paused") land on this command: use them too.
        if (common != this.common && this.common != null) common = common.orElse(this.common);
        if (api != this.api && this.api != null) api = api.orElse(this.api);
        ApiOptions target = api;
        CommonOptions options = common;
        return ApiExchanges.printLines(spec, () -> target.target(options), exchange);
    }

    private static String path(String id) {
        return ApiExchanges.accountPath(id);
    }

    /** {@code Alice (@abc)  OWNER_WROTE  until 2026-03-02T09:10:00Z  the owner wrote …}; cleaned for the terminal. */
    static String line(JsonNode pause) {
        JsonNode until = pause.path("until");
        return name(pause.path("chat")) + "  " + TerminalText.clean(pause.path("cause").asText()) + "  "
                + (until.isTextual() ? "until " + TerminalText.clean(until.asText()) : "until resumed") + "  "
                + TerminalText.clean(pause.path("explanation").asText());
    }

    private static String name(JsonNode chat) {
        return TerminalText.clean(chat.path("name").asText()) + " (" + TerminalText.clean(chat.path("id").asText())
                + ")";
    }
}
