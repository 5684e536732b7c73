package dev.webwxbot.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import java.io.PrintWriter;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code webwx-bot log search|tail}: the daemon's message store read through its HTTP API, one line per message,
 * oldest first so the newest ends up next to the prompt.
 */
@Command(name = "log", mixinStandardHelpOptions = true,
        description = "Search and follow the messages the running daemon stored (through its HTTP API).",
        subcommands = {LogCommand.Search.class, LogCommand.Tail.class})
final class LogCommand implements Callable<Integer> {

    static final int MAX_LIMIT = 1000;
    private static final Duration POLL = Duration.ofSeconds(1);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    @Command(name = "search", mixinStandardHelpOptions = true, sortOptions = false,
            description = "Messages whose text contains WORDS (any case; Chinese too), newest last.")
    static final class Search implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        ApiOptions api;

        @Parameters(paramLabel = "WORDS", arity = "1..*", description = "the text to find (words are joined by spaces)")
        List<String> words = new ArrayList<>();

        @Option(names = "--account", paramLabel = "ID", description = "only this account's messages")
        String account;

        @Option(names = "--chat", paramLabel = "NAME", description = "only this chat (its id or name)")
        String chat;

        @Option(names = "--sender", paramLabel = "NAME", description = "only this sender (its id or name)")
        String sender;

        @Option(names = "--kind", paramLabel = "KIND", description = "only this kind, e.g. message.text, message.image")
        String kind;

        @Option(names = "--since", paramLabel = "DURATION", description = "only the last DURATION, e.g. 30m, 2h, 7d")
        String since;

        @Option(names = "--from", paramLabel = "ISO", description = "only from this time, e.g. 2026-12-06T08:00:00Z")
        String from;

        @Option(names = "--to", paramLabel = "ISO", description = "only up to this time")
        String to;

        @Option(names = "--limit", paramLabel = "N", description = "at most N messages, the newest (default: 50)")
        int limit = 50;

        @Override
        public Integer call() {
            checkLimit("--limit", limit);
            if (since != null && (from != null || to != null)) {
                throw new IllegalArgumentException("give either --since or --from/--to, not both");
            }
            Map<String, String> query = new LinkedHashMap<>();
            query.put("q", String.join(" ", words));
            putIf(query, "account", account);
            putIf(query, "chat", chat);
            putIf(query, "sender", sender);
            putIf(query, "kind", kind);
            if (since != null) query.put("from", Instant.now().minus(duration("--since", since)).toString());
            if (from != null) query.put("from", instant("--from", from).toString());
            if (to != null) query.put("to", instant("--to", to).toString());
            query.put("limit", Integer.toString(limit));
            return exchange(spec, common, api, client -> {
                List<JsonNode> found = messages(client.get(ApiClient.PREFIX + "/messages" + queryString(query)));
                if (found.isEmpty()) {
                    spec.commandLine().getOut().println("no stored message matches");
                } else {
                    print(spec.commandLine().getOut(), found);
                }
                return 0;
            });
        }
    }

    @Command(name = "tail", mixinStandardHelpOptions = true, sortOptions = false,
            description = "The latest messages; with --follow, new ones as they are stored (Ctrl-C stops).")
    static final class Tail implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        CommonOptions common;

        @Mixin
        ApiOptions api;

        @Option(names = "--account", paramLabel = "ID", description = "only this account's messages")
        String account;

        @Option(names = "--chat", paramLabel = "NAME",
                description = "only this chat: its remark, name or id (with --account, resolved as send does)")
        String chat;

        @Option(names = "-n", paramLabel = "N", description = "how many to show first (default: 20)")
        int count = 20;

        @Option(names = {"-f", "--follow"}, description = "keep printing new messages, polling every second")
        boolean follow;

        @Override
        public Integer call() {
            checkLimit("-n", count);
            return exchange(spec, common, api, client -> {
                PrintWriter out = spec.commandLine().getOut();
                List<JsonNode> latest = messages(client.get(account != null && chat != null
                        ? ApiClient.PREFIX + "/accounts/" + ApiClient.segment(account) + "/chats/"
                                + ApiClient.segment(chat) + "/messages?limit=" + count
                        : ApiClient.PREFIX + "/messages" + queryString(filters(Optional.ofNullable(chat), count))));
                print(out, latest);
                if (!follow) return 0;
                // The chat as the store names it: a remark given on the command line is not a stored chat field.
                Optional<String> storedChat = latest.isEmpty() || chat == null
                        ? Optional.ofNullable(chat) : Optional.of(latest.getFirst().path("chat").path("id").asText(chat));
                return follow(client, out, latest, storedChat);
            });
        }

        private Map<String, String> filters(Optional<String> chatFilter, int limit) {
            Map<String, String> query = new LinkedHashMap<>();
            putIf(query, "account", account);
            putIf(query, "chat", chatFilter.orElse(null));
            query.put("limit", Integer.toString(limit));
            return query;
        }

        /**
         * Polls for rows at or after the newest time seen; the rows of that instant already printed are remembered
         * by key, so a message is printed once however the polls fall.
         */
        private int follow(ApiClient client, PrintWriter out, List<JsonNode> first, Optional<String> storedChat) {
            Map<String, Instant> seen = new HashMap<>();
            Optional<Instant> newest = remember(first, seen, Optional.empty());
            while (true) {
                try {
                    Thread.sleep(POLL);
                } catch (InterruptedException e) {
                    return 0;
                }
                Map<String, String> query = filters(storedChat, MAX_LIMIT);
                newest.ifPresent(time -> query.put("from", time.toString()));
                List<JsonNode> rows;
                try {
                    rows = messages(client.get(ApiClient.PREFIX + "/messages" + queryString(query)));
                } catch (ApiFailure e) {
                    if (Thread.currentThread().isInterrupted()) return 0;
                    throw e;
                }
                Instant floor = newest.orElse(Instant.MIN);
                List<JsonNode> fresh = rows.stream()
                        .filter(row -> !time(row).isBefore(floor) && !seen.containsKey(LogLines.key(row))).toList();
                print(out, fresh);
                newest = remember(rows, seen, newest);
            }
        }

        private static Optional<Instant> remember(List<JsonNode> rows, Map<String, Instant> seen, Optional<Instant> newest) {
            for (JsonNode row : rows) {
                Instant time = time(row);
                seen.put(LogLines.key(row), time);
                if (newest.isEmpty() || time.isAfter(newest.get())) newest = Optional.of(time);
            }
            Instant floor = newest.orElse(Instant.MIN);
            seen.values().removeIf(time -> time.isBefore(floor)); // older rows never come back: from excludes them
            return newest;
        }

        private static Instant time(JsonNode row) {
            try {
                return Instant.parse(row.path("time").asText(""));
            } catch (DateTimeParseException e) {
                return Instant.EPOCH;
            }
        }
    }

    /** One exchange with the daemon, its failure printed on stderr (exit 1). */
    private static int exchange(CommandSpec spec, CommonOptions common, ApiOptions api,
                                Function<ApiClient, Integer> body) {
        try (ApiClient client = new ApiClient(api.target(common))) {
            return body.apply(client);
        } catch (ApiFailure e) {
            spec.commandLine().getErr().println("webwx-bot: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return 1;
        } finally {
            spec.commandLine().getOut().flush();
        }
    }

    /** The answer's messages, newest first as the API gives them. */
    private static List<JsonNode> messages(JsonNode answer) {
        List<JsonNode> list = new ArrayList<>();
        answer.path("messages").forEach(list::add);
        return list;
    }

    /** Oldest first, so the newest message is printed last. */
    private static void print(PrintWriter out, List<JsonNode> newestFirst) {
        ZoneId zone = ZoneId.systemDefault();
        for (JsonNode message : newestFirst.reversed()) out.println(LogLines.line(message, zone));
        out.flush();
    }

    private static void putIf(Map<String, String> query, String name, String value) {
        if (value != null && !value.isBlank()) query.put(name, value);
    }

    private static String queryString(Map<String, String> query) {
        StringBuilder text = new StringBuilder();
        query.forEach((name, value) -> text.append(text.isEmpty() ? "?" : "&").append(name).append('=')
                .append(URLEncoder.encode(value, StandardCharsets.UTF_8)));
        return text.toString();
    }

    private static void checkLimit(String option, int value) {
        if (value < 1 || value > MAX_LIMIT) {
            throw new IllegalArgumentException(option + " must be from 1 to " + MAX_LIMIT + ", not " + value);
        }
    }

    /** A duration as the configuration writes them: 90s, 30m, 2h, 7d. */
    static Duration duration(String option, String value) {
        try {
            Duration duration = ConfigFactory.empty().withValue("d", ConfigValueFactory.fromAnyRef(value)).getDuration("d");
            if (duration.isNegative() || duration.isZero()) throw new IllegalArgumentException();
            return duration;
        } catch (ConfigException | IllegalArgumentException e) {
            throw new IllegalArgumentException(option + " must be a duration such as 30m, 2h or 7d, not '" + value + "'");
        }
    }

    /** An ISO-8601 time with a zone or offset: 2026-12-06T08:00:00Z, 2026-12-06T16:00:00+08:00. */
    static Instant instant(String option, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(option + " must be an ISO-8601 time with a zone, e.g."
                    + " 2026-12-06T08:00:00Z, not '" + value + "'");
        }
    }
}
