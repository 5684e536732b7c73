package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import dev.webwxbot.safeoutput.OwnerOnly;
import dev.webwxbot.safeoutput.TerminalText;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot accounts ...}: lists, adds, removes, logs in and out the accounts of a running daemon through its
 * HTTP API ({@code webwx-bot.api.enabled = true}). Without a subcommand it lists them.
 */
@Command(name = "accounts", mixinStandardHelpOptions = true,
        description = "Manage the accounts of the running daemon (webwx-bot run) through its HTTP API.")
final class AccountsCommand implements Callable<Integer> {

    private static final Pattern ACCOUNT_ID = Pattern.compile("[a-z0-9][a-z0-9_-]{0,31}");

    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Mixin
    ApiOptions api;

    @Override
    public Integer call() {
        return list(common, api);
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "Every account, its state and its user.")
    int list(@Mixin CommonOptions common, @Mixin ApiOptions api) {
        return run(common, api, client -> {
            List<String> lines = new ArrayList<>();
            List<JsonNode> accounts = new ArrayList<>();
            client.get(ApiClient.PREFIX + "/accounts").path("accounts").forEach(accounts::add);
            if (accounts.isEmpty()) return List.of("no accounts");
            int idWidth = accounts.stream().mapToInt(a -> clean(a, "id").length()).max().orElse(0);
            int stateWidth = accounts.stream().mapToInt(a -> state(a).length()).max().orElse(0);
            for (JsonNode account : accounts) lines.add(line(account, idWidth, stateWidth));
            return lines;
        });
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One account; its login link while one waits.")
    int show(@Mixin CommonOptions common, @Mixin ApiOptions api, @Parameters(paramLabel = "ID") String id) {
        return run(common, api, client -> {
            JsonNode account = client.get(path(id));
            List<String> lines = new ArrayList<>(List.of(line(account, 0, 0)));
            String qr = account.path("qrUrl").asText("");
            if (!qr.isEmpty()) lines.add("waiting for a scan: webwx-bot accounts qr " + id);
            // A login the login-churn guard held back: why, until when, and how to reset it.
            if ("LOGIN_HELD".equals(clean(account, "reason"))) lines.add(clean(account, "detail"));
            return lines;
        });
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = "Add an account (remembered in DATA_DIR/accounts.conf); log it in with 'accounts login ID'.")
    int add(@Mixin CommonOptions common, @Mixin ApiOptions api, @Parameters(paramLabel = "ID") String id) {
        if (!ACCOUNT_ID.matcher(id).matches()) {
            throw new IllegalArgumentException("an account id is 1 to 32 of a-z, 0-9, '_' and '-', starting with a"
                    + " letter or digit; '" + TerminalText.clean(id) + "' is not");
        }
        return run(common, api, client -> {
            JsonNode body = ApiClient.json().createObjectNode().put("id", id);
            return List.of(line(client.post(ApiClient.PREFIX + "/accounts", body, ApiClient.CALL_TIMEOUT), 0, 0));
        });
    }

    @Command(name = "remove", mixinStandardHelpOptions = true,
            description = "Stop an account and forget it; its folder (session, media) is kept.")
    int remove(@Mixin CommonOptions common, @Mixin ApiOptions api, @Parameters(paramLabel = "ID") String id) {
        return run(common, api, client -> {
            client.delete(path(id));
            return List.of("removed " + TerminalText.clean(id) + " (its folder is kept)");
        });
    }

    @Command(name = "login", mixinStandardHelpOptions = true,
            description = "Start a login unless the account is online; then scan 'accounts qr ID' with the phone.")
    int login(@Mixin CommonOptions common, @Mixin ApiOptions api, @Parameters(paramLabel = "ID") String id) {
        return run(common, api, client -> {
            JsonNode account = client.post(path(id) + "/login");
            return "ONLINE".equals(state(account))
                    ? List.of(line(account, 0, 0))
                    : List.of(line(account, 0, 0), "scan the login QR code: webwx-bot accounts qr " + id);
        });
    }

    @Command(name = "logout", mixinStandardHelpOptions = true, description = "Log the account out on the server.")
    int logout(@Mixin CommonOptions common, @Mixin ApiOptions api, @Parameters(paramLabel = "ID") String id) {
        return run(common, api, client -> List.of(line(client.post(path(id) + "/logout"), 0, 0)));
    }

    @Command(name = "qr", mixinStandardHelpOptions = true,
            description = "The login QR code waiting for a scan: drawn in the terminal, or saved as a PNG with --out.")
    int qr(@Mixin CommonOptions common, @Mixin ApiOptions api, @Parameters(paramLabel = "ID") String id,
           @Option(names = "--out", paramLabel = "FILE", description = "save it as a PNG image (owner-only) instead")
           Path out) {
        return run(common, api, client -> {
            if (out != null) {
                save(client.getBytes(path(id) + "/qr"), out);
                return List.of("saved the login QR code of " + TerminalText.clean(id) + " to " + out.toAbsolutePath());
            }
            String url = client.get(path(id)).path("qrUrl").asText("");
            if (url.isEmpty()) {
                throw new ApiFailure("no login of " + TerminalText.clean(id) + " waits for a scan (start one with"
                        + " webwx-bot accounts login " + TerminalText.clean(id) + ")");
            }
            return List.of(QrTerminal.render(url).stripTrailing(), "scan it with WeChat on the phone (" + url + ")");
        });
    }

    /** Runs one exchange with the daemon and prints its lines, or the failure on stderr (exit 1). */
    private int run(CommonOptions common, ApiOptions api, Function<ApiClient, List<String>> exchange) {
        // Options given before the subcommand ("accounts --data-dir d list") land on this command: use them too.
        if (common != this.common && this.common != null) common = common.orElse(this.common);
        if (api != this.api && this.api != null) api = api.orElse(this.api);
        ApiOptions target = api;
        CommonOptions options = common;
        return ApiExchanges.printLines(spec, () -> target.target(options), exchange);
    }

    private static String path(String id) {
        return ApiExchanges.accountPath(id);
    }

    /** {@code alice  ONLINE  Bot (123 contacts)}; names from the network cleaned for the terminal. */
    static String line(JsonNode account, int idWidth, int stateWidth) {
        StringBuilder line = new StringBuilder();
        String id = clean(account, "id");
        line.append(id).append(" ".repeat(Math.max(0, idWidth - id.length()))).append("  ").append(state(account));
        JsonNode self = account.path("self");
        if (self.isObject()) {
            String state = state(account);
            line.append(" ".repeat(Math.max(0, stateWidth - state.length()))).append("  ")
                    .append(clean(self, "name")).append(" (").append(account.path("contacts").asLong())
                    .append(" contacts)");
        }
        JsonNode watchdog = account.path("watchdog");
        if (watchdog.isObject()) {
            // The zombie-session watchdog's latest step: "stalled (SYNC_KEY_FROZEN)", "RECOVERED", "GAVE_UP" …
            String step = watchdog.hasNonNull("step") ? clean(watchdog, "step")
                    : "stalled (" + clean(watchdog, "symptom") + ")";
            line.append("  watchdog: ").append(step);
        }
        return line.toString();
    }

    /** The state, with the reason of a LOGGED_OUT: {@code LOGGED_OUT (LOGGED_OUT_ON_PHONE)}. */
    private static String state(JsonNode account) {
        String reason = clean(account, "reason");
        return clean(account, "state") + (reason.isEmpty() ? "" : " (" + reason + ")");
    }

    private static String clean(JsonNode node, String field) {
        JsonNode value = node.path(field);
        return value.isValueNode() && !value.isNull() ? TerminalText.clean(value.asText()) : "";
    }

    /** Whoever scans the image logs their account into this daemon: written owner-only, moved into place whole. */
    private static void save(byte[] png, Path file) {
        Path temp = file.toAbsolutePath().resolveSibling("." + file.getFileName() + ".tmp");
        try {
            Files.deleteIfExists(temp);
            OwnerOnly.createFile(temp);
            Files.write(temp, png);
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new ApiFailure("cannot write " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }
}
