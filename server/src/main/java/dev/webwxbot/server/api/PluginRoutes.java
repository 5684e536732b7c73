package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.typesafe.config.Config;
import dev.webwxbot.api.event.MessageEvent;
import dev.webwxbot.core.chain.DispatchTrace;
import dev.webwxbot.core.chain.RegisteredHandler;
import dev.webwxbot.server.json.EventJson;
import dev.webwxbot.core.chain.PluginStatus;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The plugins: list (with the chain's order and each plugin's latest failures), enable, disable, reload, the
 * effective configuration with its secrets masked; and the dispatch traces that say why the bot did or did not
 * answer, the recent ones or one message's.
 */
final class PluginRoutes {

    private static final String PLUGIN = ApiServer.PREFIX + "/plugins/{plugin}";
    private static final int DEFAULT_TRACES = 20;
    /** Failed turns shown per plugin in the list. */
    private static final int RECENT_FAILURES = 5;

    private final ApiBackend backend;

    PluginRoutes(ApiBackend backend) {
        this.backend = backend;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/plugins", (request, response) -> {
            ObjectNode body = Replies.JSON.createObjectNode();
            ArrayNode list = body.putArray("plugins");
            Map<String, List<ObjectNode>> failures = recentFailures(backend.plugins().traces(Optional.empty()));
            backend.plugins().list().forEach(p -> {
                ObjectNode plugin = ApiJson.plugin(p);
                failures.getOrDefault(p.id(), List.of()).forEach(plugin.putArray("recentFailures")::add);
                list.add(plugin);
            });
            ArrayNode chain = body.putArray("chain");
            for (RegisteredHandler handler : backend.plugins().chainOrder()) {
                ObjectNode link = chain.addObject();
                link.put("plugin", handler.pluginId());
                link.put("handler", handler.handler().getClass().getSimpleName());
                link.put("phase", handler.phase().name());
                link.put("priority", handler.priority());
            }
            Replies.json(response, body);
        }));
        routes.add(new ApiServer.Route(Method.GET, PLUGIN + "/config", (request, response) -> {
            String id = request.path().pathParameters().get("plugin");
            Config config;
            try {
                config = backend.plugins().configuration(id);
            } catch (IllegalArgumentException e) {
                throw ApiProblem.notFound(e.getMessage());
            }
            ConfigMask.Masked masked = ConfigMask.of(config);
            ObjectNode body = Replies.JSON.createObjectNode();
            body.put("id", id);
            body.set("config", masked.config());
            masked.masked().forEach(body.putArray("masked")::add);
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
        routes.add(new ApiServer.Route(Method.GET, ApiServer.PREFIX + "/traces/{account}/{msgId}", this::traceOf));
    }

    /**
     * The trace of one received message, found among the traces kept (the latest {@code webwx-bot.chain.trace-capacity}
     * or so) by its account and MsgId; the newest when a message was dispatched twice (after a restart's replay).
     */
    private void traceOf(ServerRequest request, ServerResponse response) {
        String account = request.path().pathParameters().get("account");
        String msgId = request.path().pathParameters().get("msgId");
        List<DispatchTrace> traces = backend.plugins().traces(Optional.empty(), Optional.of(account));
        for (int i = traces.size() - 1; i >= 0; i--) {
            if (traces.get(i).event() instanceof MessageEvent message && message.envelope().msgId().equals(msgId)) {
                Replies.json(response, ApiJson.trace(traces.get(i)));
                return;
            }
        }
        throw ApiProblem.notFound("no trace of message " + msgId + " of account '" + account
                + "' is kept (only the most recent events' traces are, and only while the daemon runs)");
    }

    /** The latest failed or timed-out turns of each plugin in the traces kept, oldest first. */
    private static Map<String, List<ObjectNode>> recentFailures(List<DispatchTrace> traces) {
        Map<String, List<ObjectNode>> byPlugin = new HashMap<>();
        for (DispatchTrace trace : traces) {
            for (DispatchTrace.Step step : trace.steps()) {
                if (step.result() != DispatchTrace.Result.FAILED && step.result() != DispatchTrace.Result.TIMED_OUT) {
                    continue;
                }
                ObjectNode failure = Replies.JSON.createObjectNode();
                failure.put("time", trace.at().toString());
                failure.put("account", trace.account());
                failure.put("event", EventJson.type(trace.event()));
                failure.put("outcome", step.result().name());
                failure.put("detail", step.detail());
                List<ObjectNode> list = byPlugin.computeIfAbsent(step.pluginId(), id -> new ArrayList<>());
                list.add(failure);
                if (list.size() > RECENT_FAILURES) list.removeFirst();
            }
        }
        return byPlugin;
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
