package dev.webwxbot.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The web console: its static files (plain HTML, CSS and ES modules from the jar, under {@code /console/}) and its
 * sign-in ({@code POST /console/session} with the API token sets the session cookie and answers the CSRF token;
 * {@code GET} gives the CSRF token again to a signed-in page that was reloaded; {@code DELETE} signs out). The files
 * need no sign-in (they hold no data); every call they make to {@code /api/v1} does.
 */
final class ConsoleRoutes {

    static final String PATH = "/console";
    static final String SESSION = PATH + "/session";
    private static final String RESOURCES = "/dev/webwxbot/server/console/";
    /** File names the console ships: letters, digits, dashes, dots and folders; never "..". */
    private static final Pattern FILE = Pattern.compile("(?:[a-z0-9_-]+/)*[a-z0-9_-]+(?:\\.[a-z0-9_-]+)*\\.[a-z0-9]+");
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon",
            "json", "application/json");

    private final ApiToken token;
    private final ConsoleSessions sessions;

    ConsoleRoutes(ApiToken token, ConsoleSessions sessions) {
        this.token = token;
        this.sessions = sessions;
    }

    /** Whether the request is the console's own (its files and sign-in), which the API's token check lets through. */
    static boolean isConsole(ServerRequest request) {
        String path = request.path().path();
        return path.equals(PATH) || path.startsWith(PATH + "/");
    }

    void addTo(HttpRouting.Builder routing) {
        routing.route(Method.POST, SESSION, this::signIn);
        routing.route(Method.GET, SESSION, this::current);
        routing.route(Method.DELETE, SESSION, this::signOut);
        routing.route(Method.GET, PATH, (request, response) -> {
            response.status(Status.MOVED_PERMANENTLY_301);
            response.header(HeaderNames.LOCATION, PATH + "/");
            response.send();
        });
        routing.route(Method.GET, PATH + "/", (request, response) -> file(response, "index.html"));
        routing.route(Method.GET, PATH + "/*", (request, response) ->
                file(response, request.path().path().substring(PATH.length() + 1)));
    }

    /** The pasted token, checked as the bearer token is; a session and its CSRF token when it is right. */
    private void signIn(ServerRequest request, ServerResponse response) {
        sameOrigin(request);
        JsonNode body = Replies.body(request);
        JsonNode given = body.get("token");
        if (given == null || !given.isTextual() || !token.matches(given.asText())) {
            throw new ApiProblem(401, "UNAUTHORIZED", "the token was refused");
        }
        ConsoleSessions.Created created = sessions.create();
        response.header(HeaderNames.SET_COOKIE, ConsoleSessions.cookie(created.id(), request.isSecure()));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Replies.json(response, 201, csrf(created.session()));
    }

    private void current(ServerRequest request, ServerResponse response) {
        ConsoleSessions.Session session = sessions.find(request)
                .orElseThrow(() -> new ApiProblem(401, "UNAUTHORIZED", "not signed in"));
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        Replies.json(response, csrf(session));
    }

    private void signOut(ServerRequest request, ServerResponse response) {
        Optional<ConsoleSessions.Session> session = sessions.find(request);
        if (session.isPresent()) {
            if (!session.get().csrfMatches(request.headers().first(HeaderNames.create(ConsoleSessions.CSRF_HEADER)))) {
                throw csrfMissing();
            }
            sessions.remove(session.get());
        }
        response.header(HeaderNames.SET_COOKIE, ConsoleSessions.expiredCookie());
        response.status(204).send();
    }

    static ApiProblem csrfMissing() {
        return new ApiProblem(403, "CSRF", "a change made with the console's session needs its "
                + ConsoleSessions.CSRF_HEADER + " header");
    }

    /**
     * A browser names the page that made a request in {@code Origin}: a sign-in posted from another site's page is
     * refused (without CORS it could not read the answer, but it could still sign the browser in).
     */
    private static void sameOrigin(ServerRequest request) {
        Optional<String> origin = request.headers().first(HeaderNames.ORIGIN);
        if (origin.isEmpty()) return;
        Optional<String> host = request.headers().first(HeaderNames.HOST);
        String originHost;
        try {
            originHost = URI.create(origin.get()).getRawAuthority();
        } catch (IllegalArgumentException e) {
            originHost = null;
        }
        if (host.isEmpty() || originHost == null || !originHost.equalsIgnoreCase(host.get())) {
            throw new ApiProblem(403, "FOREIGN_ORIGIN", "a sign-in must come from the console's own page");
        }
    }

    private static ObjectNode csrf(ConsoleSessions.Session session) {
        ObjectNode body = Replies.JSON.createObjectNode();
        body.put("csrfToken", session.csrf());
        body.put("expires", session.expires().toString());
        return body;
    }

    private static void file(ServerResponse response, String name) throws IOException {
        if (!FILE.matcher(name).matches()) throw ApiProblem.notFound("no console file " + name);
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        String type = TYPES.get(extension);
        if (type == null) throw ApiProblem.notFound("no console file " + name);
        byte[] content;
        try (InputStream in = ConsoleRoutes.class.getResourceAsStream(RESOURCES + name)) {
            if (in == null) throw ApiProblem.notFound("no console file " + name);
            content = in.readAllBytes();
        }
        response.header(HeaderNames.CONTENT_TYPE, type);
        // Revalidated each time: a new jar's files show at the next load, not after a cache's whim.
        response.header(HeaderNames.CACHE_CONTROL, "no-cache");
        response.send(content);
    }
}
