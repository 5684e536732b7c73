package dev.webwxbot.server.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.Locale;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/** Reading JSON requests and writing JSON and problem answers: the one place that knows the API's media types. */
final class Replies {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String APPLICATION_JSON = "application/json";
    static final String PROBLEM_JSON = "application/problem+json";
    private static final String PROBLEM_TYPES = "https://webwx-bot.dev/problems/";

    private Replies() {
    }

    static void json(ServerResponse response, int status, JsonNode body) {
        byte[] bytes;
        try {
            bytes = JSON.writeValueAsBytes(body);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
        response.status(Status.create(status));
        response.header(HeaderNames.CONTENT_TYPE, APPLICATION_JSON);
        response.send(bytes);
    }

    static void json(ServerResponse response, JsonNode body) {
        json(response, 200, body);
    }

    static void problem(ServerResponse response, ApiProblem problem) {
        send(response, problem.status(), problemBody(problem));
    }

    static byte[] problemBytes(ApiProblem problem) {
        try {
            return JSON.writeValueAsBytes(problemBody(problem));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    private static ObjectNode problemBody(ApiProblem problem) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", PROBLEM_TYPES + problem.reason().toLowerCase(Locale.ROOT).replace('_', '-'));
        body.put("title", Status.create(problem.status()).reasonPhrase());
        body.put("status", problem.status());
        body.put("detail", problem.getMessage());
        body.put("reason", problem.reason());
        for (Map.Entry<String, Object> extra : problem.extra().entrySet()) body.set(extra.getKey(), JSON.valueToTree(extra.getValue()));
        return body;
    }

    /** 401 without any detail: nothing about why, nothing about which routes exist. */
    static void unauthorized(ServerResponse response) {
        ObjectNode body = JSON.createObjectNode();
        body.put("type", "about:blank");
        body.put("title", "Unauthorized");
        body.put("status", 401);
        response.header(HeaderNames.WWW_AUTHENTICATE, "Bearer");
        send(response, 401, body);
    }

    private static void send(ServerResponse response, int status, ObjectNode body) {
        try {
            response.status(Status.create(status));
            response.header(HeaderNames.CONTENT_TYPE, PROBLEM_JSON);
            response.send(JSON.writeValueAsBytes(body));
        } catch (IOException e) {
            throw new IllegalStateException("cannot write JSON", e);
        }
    }

    /** The request's JSON object; a missing, unreadable or non-object body is the caller's mistake. */
    static JsonNode body(ServerRequest request) {
        if (!request.content().hasEntity()) throw ApiProblem.badRequest("a JSON body is required");
        try (InputStream in = request.content().inputStream()) {
            JsonNode node = JSON.readTree(in);
            if (node == null || !node.isObject()) throw ApiProblem.badRequest("the body must be a JSON object");
            return node;
        } catch (JsonProcessingException e) {
            throw ApiProblem.badRequest("the body is not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw ApiProblem.badRequest("the body could not be read: " + e.getMessage());
        }
    }
}
