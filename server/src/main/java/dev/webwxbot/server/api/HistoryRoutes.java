package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Bot;
import dev.webwxbot.server.account.Account;
import dev.webwxbot.server.account.AccountState;
import dev.webwxbot.store.MessageStore;
import dev.webwxbot.store.SearchQuery;
import dev.webwxbot.store.StoreException;
import dev.webwxbot.store.StoredMessage;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The message store read through the API: a search over every account's messages, and the latest messages of one
 * chat. Answers 404 STORE_DISABLED when the daemon runs without a store and 503 STORE_UNAVAILABLE when the database
 * fails (locked, damaged, unreachable); the rest of the API keeps answering either way.
 */
final class HistoryRoutes {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 1000;

    private final ApiBackend backend;

    HistoryRoutes(ApiBackend backend) {
        this.backend = backend;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/messages", this::search));
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/accounts/{account}/chats/{chat}/messages",
                this::latest));
    }

    private void search(ServerRequest request, ServerResponse response) {
        SearchQuery query = SearchQuery.any().limit(limit(request));
        Optional<String> q = parameter(request, "q");
        if (q.isPresent()) query = query.withText(q.get());
        query = parameter(request, "account").map(query::account).orElse(query);
        query = parameter(request, "chat").map(query::chat).orElse(query);
        query = parameter(request, "sender").map(query::sender).orElse(query);
        query = parameter(request, "kind").map(query::kind).orElse(query);
        Optional<Instant> from = parameter(request, "from").map(value -> instant("from", value));
        Optional<Instant> to = parameter(request, "to").map(value -> instant("to", value));
        if (from.isPresent() && to.isPresent() && !from.get().isBefore(to.get())) {
            throw ApiProblem.badRequest("from must be before to");
        }
        if (from.isPresent() || to.isPresent()) query = query.between(from.orElse(null), to.orElse(null));
        SearchQuery ready = query;
        MessageStore store = store();
        reply(response, read(() -> store.search(ready)));
    }

    /**
     * The chat is resolved as a send resolves it (id, remark, name) while the account is online; a chat id the
     * session does not know (a chat of an earlier login, or any chat while the account is offline) is looked up
     * in the store as it is.
     */
    private void latest(ServerRequest request, ServerResponse response) {
        Account account = backend.account(request.path().pathParameters().get("account"));
        String chat = request.path().pathParameters().get("chat");
        int limit = limit(request);
        MessageStore store = store();
        Optional<Bot> bot = online(account);
        if (bot.isEmpty()) {
            reply(response, read(() -> store.latest(account.id(), chat, limit)));
            return;
        }
        String chatId;
        try {
            chatId = Chats.resolve(bot.get(), chat).userName();
        } catch (ApiProblem unknown) {
            if (!unknown.reason().equals("UNKNOWN_CHAT")) throw unknown;
            List<StoredMessage> stored = read(() -> store.latest(account.id(), chat, limit));
            if (stored.isEmpty()) throw unknown;
            reply(response, stored);
            return;
        }
        reply(response, read(() -> store.latest(account.id(), chatId, limit)));
    }

    private static Optional<Bot> online(Account account) {
        AccountState state = account.status().state();
        return state == AccountState.ONLINE || state == AccountState.RECONNECTING ? account.bot() : Optional.empty();
    }

    private MessageStore store() {
        return backend.store().orElseThrow(() -> new ApiProblem(404, "STORE_DISABLED",
                "the daemon keeps no messages (webwx-bot.store.enabled = false, or the store could not be opened"
                        + " at start; see its log)"));
    }

    private static List<StoredMessage> read(Supplier<List<StoredMessage>> call) {
        try {
            return call.get();
        } catch (StoreException e) {
            throw new ApiProblem(503, "STORE_UNAVAILABLE", "the message store failed: " + e.getMessage());
        }
    }

    private static void reply(ServerResponse response, List<StoredMessage> messages) {
        ObjectNode body = Replies.JSON.createObjectNode();
        ArrayNode list = body.putArray("messages");
        messages.forEach(m -> list.add(ApiJson.storedMessage(m)));
        Replies.json(response, body);
    }

    private static Optional<String> parameter(ServerRequest request, String name) {
        return request.query().first(name).asOptional().map(String::strip).filter(value -> !value.isEmpty());
    }

    private static int limit(ServerRequest request) {
        Optional<String> value = parameter(request, "limit");
        if (value.isEmpty()) return DEFAULT_LIMIT;
        try {
            int limit = Integer.parseInt(value.get());
            if (limit < 1 || limit > MAX_LIMIT) throw new NumberFormatException();
            return limit;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
    }

    private static Instant instant(String name, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiProblem.badRequest(name + " must be an ISO-8601 time with a zone, e.g. 2026-12-06T08:00:00Z");
        }
    }
}
