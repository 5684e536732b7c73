package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.PluginStatus;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/** The plugins: list, enable, disable, reload; and the dispatch traces that say why the bot did or did not answer. */
final class PluginRoutes {

    private static final String PLUGIN = ApiServer.PREFIX + "/plugins/{plugin}";
    private static final int DEFAULT_TRACES = 20;

    private final ApiBackend backend;

    PluginRoutes(ApiBackend backend) {
        this.backend = backend;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/plugins", (request, response) -> {
            ObjectNode body = Replies.JSON.createObjectNode();
            ArrayNode list = body.putArray("plugins");
            backend.plugins().list().forEach(p -> list.add(ApiJson.plugin(p)));
            Replies.json(response, body);
        }));
        routes.add(change("enable", id -> backend.plugins().enable(id)));
        routes.add(change("disable", id -> backend.plugins().disable(id)));
        routes.add(change("reload", id -> backend.plugins().reload(id)));
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/traces", (request, response) -> {
            Optional<String> chat = request.query().first("chat").asOptional();
            Optional<String> account = request.query().first("account").asOptional();
            int limit = limit(request);
            List<DispatchTrace> traces = backend.plugins().traces(chat, account);
            ObjectNode body = Replies.JSON.createObjectNode();
            ArrayNode list = body.putArray("traces");
            traces.subList(Math.max(0, traces.size() - limit), traces.size()).forEach(t -> list.add(ApiJson.trace(t)));
            Replies.json(response, body);
        }));
    }

    private ApiServer.Route change(String verb, Function<String, PluginStatus> action) {
        return new ApiServer.Route(Method.POST, PLUGIN + "/" + verb, (request, response) -> {
            String id = request.path().pathParameters().get("plugin");
            PluginStatus status;
            try {
                status = action.apply(id);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.notFound(e.getMessage());
            } catch (IllegalStateException e) {
                throw new ApiProblem(409, "PLUGIN_FAILED", e.getMessage());
            }
            Replies.json(response, ApiJson.plugin(status));
        });
    }

    private static int limit(ServerRequest request) {
        String value = request.query().first("limit").orElse(Integer.toString(DEFAULT_TRACES));
        try {
            int limit = Integer.parseInt(value);
            if (limit < 1 || limit > 10_000) throw new NumberFormatException();
            return limit;
        } catch (NumberFormatException e) {
            throw ApiProblem.badRequest("limit must be a whole number from 1 to 10000");
        }
    }
}
