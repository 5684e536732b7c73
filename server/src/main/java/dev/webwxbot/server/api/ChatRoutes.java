package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.api.Bot;
import dev.webwxbot.api.Contact;
import dev.webwxbot.core.PausedChat;
import dev.webwxbot.server.account.Account;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The chats the bot does not answer in (human takeover, a reply loop, a send ceiling, the owner's or operator's
 * pause): list them, and pause or resume one as the operator. The operator's own sends through the message route
 * still go out in a paused chat.
 */
final class ChatRoutes {

    private static final String CHATS = ApiServer.PREFIX + "/accounts/{account}/chats";

    private final ApiBackend backend;

    ChatRoutes(ApiBackend backend) {
        this.backend = backend;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.GET, CHATS + "/paused", (request, response) -> {
            ObjectNode body = Replies.JSON.createObjectNode();
            ArrayNode list = body.putArray("paused");
            account(request).pauses().paused().forEach(pause -> list.add(json(pause)));
            Replies.json(response, body);
        }));
        routes.add(new ApiServer.Route(Method.POST, CHATS + "/{chat}/pause", (request, response) -> {
            Account account = account(request);
            Bot bot = AccountRoutes.online(account);
            Contact chat = Chats.resolve(bot, request.path().pathParameters().get("chat"));
            Optional<Duration> length = minutes(request);
            Replies.json(response, json(account.pauses().pause(chat, length)));
        }));
        routes.add(new ApiServer.Route(Method.POST, CHATS + "/{chat}/resume", (request, response) -> {
            Account account = account(request);
            Bot bot = AccountRoutes.online(account);
            Contact chat = Chats.resolve(bot, request.path().pathParameters().get("chat"));
            ObjectNode body = Replies.JSON.createObjectNode();
            body.set("chat", ApiJson.contact(chat));
            body.put("resumed", account.pauses().resume(chat));
            Replies.json(response, body);
        }));
    }

    private Account account(ServerRequest request) {
        return backend.account(request.path().pathParameters().get("account"));
    }

    /** The body's {@code minutes} (a whole number above 0); empty without a body or the field: until resumed. */
    private static Optional<Duration> minutes(ServerRequest request) {
        if (!request.content().hasEntity()) return Optional.empty();
        JsonNode minutes = Replies.body(request).get("minutes");
        if (minutes == null || minutes.isNull()) return Optional.empty();
        if (!minutes.canConvertToLong() || !minutes.isIntegralNumber() || minutes.asLong() < 1
                || minutes.asLong() > 525_600) {
            throw ApiProblem.badRequest("minutes must be a whole number from 1 to 525600 (a year); leave it out to "
                    + "pause until resumed");
        }
        return Optional.of(Duration.ofMinutes(minutes.asLong()));
    }

    static ObjectNode json(PausedChat pause) {
        ObjectNode node = Replies.JSON.createObjectNode();
        node.set("chat", ApiJson.contact(pause.chat()));
        node.put("cause", pause.cause().name());
        node.put("since", pause.since().toString());
        node.put("until", pause.until().map(Instant::toString).orElse(null));
        node.put("explanation", pause.explanation());
        return node;
    }
}
