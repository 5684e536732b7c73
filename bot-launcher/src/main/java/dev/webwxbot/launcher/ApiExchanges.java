package dev.webwxbot.launcher;

import java.io.PrintWriter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;

/** How the commands that drive a running daemon through its HTTP API answer: the lines of one exchange, or why not. */
final class ApiExchanges {

    private ApiExchanges() {
    }

    /**
     * Runs one exchange with the daemon and prints its lines (exit 0), or the failure on stderr (exit 1); finding the
     * daemon ({@code target}) is part of the exchange: no daemon is such a failure.
     */
    static int printLines(CommandSpec spec, Supplier<ApiTarget> target, Function<ApiClient, List<String>> exchange) {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (ApiClient client = new ApiClient(target.get())) {
            exchange.apply(client).forEach(out::println);
            out.flush();
            return 0;
        } catch (ApiFailure e) {
            err.println("webwx-bot: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    /** The API path of the account {@code id}. */
    static String accountPath(String id) {
        return ApiClient.PREFIX + "/accounts/" + ApiClient.segment(id);
    }
}
