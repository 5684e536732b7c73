package dev.webwxbot.server.api;

import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http.ServerRequest;
import dev.webwxbot.safeoutput.OwnerOnly;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.http.Method;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.time.Clock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's HTTP API (Helidon SE's web server: each request on its own virtual thread). Every route, the
 * OpenAPI document and the metrics included, needs the bearer token; a wrong or missing one gets a bare 401 before
 * any route is looked at. No CORS headers are ever sent, so browsers on other origins cannot call it. Writes
 * {@code DATA_DIR/api.json} with its address (never the token) so the command line can find it.
 *
 * <p>With {@code api.console} on it also serves the web console ({@link ConsoleRoutes}): a signed-in console's
 * session cookie is taken instead of the bearer token, and then every change (any method but GET and HEAD) must carry
 * the session's CSRF token in {@code X-CSRF-Token}, or gets 403. Every answer carries a Content-Security-Policy that
 * allows no inline script or style and no framing, {@code X-Content-Type-Options: nosniff} and
 * {@code Referrer-Policy: no-referrer}.
 */
public final class ApiServer implements AutoCloseable {

    /** Where the command line finds a running daemon's API. */
    public static final String ADDRESS_FILE = "api.json";
    static final String PREFIX = "/api/v1";
    private static final HeaderName CSP = HeaderNames.create("Content-Security-Policy");
    private static final HeaderName REFERRER_POLICY = HeaderNames.create("Referrer-Policy");
    private static final HeaderName CSRF = HeaderNames.create(ConsoleSessions.CSRF_HEADER);
    private static final Set<Method> SAFE_METHODS = Set.of(Method.GET, Method.HEAD);
    private static final Logger log = LoggerFactory.getLogger(ApiServer.class);

    private final WebServer server;
    private final Path addressFile;
    private final List<Route> routes;
    private final List<Detachable> registered;
    private final LiveEvents live;

    /** Scripts, styles, images and calls from the console's own origin only; no inline code, no framing, no plugins. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    /** One route: method, path template (as the OpenAPI document writes it) and handler. */
    record Route(Method method, String path, Handler handler) {
        String operation() {
            return method.text() + " " + path;
        }
    }

    private ApiServer(WebServer server, Path addressFile, List<Route> routes, List<Detachable> registered,
                      LiveEvents live) {
        this.live = live;
        this.server = server;
        this.addressFile = addressFile;
        this.routes = routes;
        this.registered = registered;
    }

    /**
     * What Helidon holds of a route: a stopped Helidon 4.5 server stays reachable from its idle-connection timer
     * (helidon-io/helidon#11939), and with it its routing; detached on close, the routing no longer keeps the
     * accounts, sessions and client alive.
     */
    private static final class Detachable implements Handler {
        private volatile Handler target;

        Detachable(Handler target) {
            this.target = target;
        }

        @Override
        public void handle(ServerRequest request, ServerResponse response)
                throws Exception {
            Handler current = target;
            if (current == null) throw new ApiProblem(503, "STOPPING", "the bot is stopping");
            current.handle(request, response);
        }

        void detach() {
            target = null;
        }
    }

    /**
     * Starts listening.
     *
     * @param metrics the Prometheus text of the daemon's metrics
     */
    public static ApiServer start(ApiSettings settings, Path dataDir, ApiBackend backend, Supplier<String> metrics)
            throws IOException {
        return start(settings, dataDir, backend, metrics, new LiveEvents(Clock.systemUTC()));
    }

    /**
     * Starts listening, streaming {@code live}'s events at {@code /api/v1/events/stream}; closing the server closes
     * {@code live} (which ends the streams).
     *
     * @param metrics the Prometheus text of the daemon's metrics
     */
    public static ApiServer start(ApiSettings settings, Path dataDir, ApiBackend backend, Supplier<String> metrics,
                                  LiveEvents live) throws IOException {
        ApiToken token = ApiToken.resolve(settings.token(), dataDir);
        Optional<ConsoleSessions> sessions = settings.console()
                ? Optional.of(new ConsoleSessions(Clock.systemUTC())) : Optional.empty();
        List<Route> routes = new ArrayList<>();
        new AccountRoutes(backend).addTo(routes);
        new MessageRoutes(backend, dataDir.resolve("tmp"), settings.maxBody()).addTo(routes);
        new PluginRoutes(backend).addTo(routes);
        new HistoryRoutes(backend).addTo(routes);
        new ChatRoutes(backend).addTo(routes);
        new HealthRoutes(backend).addTo(routes);
        new ClusterRoutes(backend).addTo(routes);
        new EventStreamRoutes(live).addTo(routes);
        routes.add(new Route(Method.GET, PREFIX + "/openapi.yaml", (request, response) -> {
            response.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            response.send(openApiDocument());
        }));
        routes.add(new Route(Method.GET, "/metrics", (request, response) -> {
            response.header(HeaderNames.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8");
            response.send(metrics.get().getBytes(StandardCharsets.UTF_8));
        }));
        HttpRouting.Builder routing = HttpRouting.builder()
                .addFilter((chain, request, response) -> {
                    response.header(CSP, CONTENT_SECURITY_POLICY);
                    response.header(HeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff");
                    response.header(REFERRER_POLICY, "no-referrer");
                    chain.proceed();
                })
                .addFilter((chain, request, response) -> {
                    if (token.accepts(request.headers().first(HeaderNames.AUTHORIZATION))) {
                        chain.proceed();
                        return;
                    }
                    if (sessions.isPresent()) {
                        if (ConsoleRoutes.isConsole(request)) { // its files need no sign-in, its sign-in checks itself
                            chain.proceed();
                            return;
                        }
                        Optional<ConsoleSessions.Session> session = sessions.get().find(request);
                        if (session.isPresent()) {
                            if (SAFE_METHODS.contains(request.prologue().method()) || session.get()
                                    .csrfMatches(request.headers().first(CSRF))) {
                                chain.proceed();
                            } else {
                                Replies.problem(response, ConsoleRoutes.csrfMissing());
                            }
                            return;
                        }
                    }
                    Replies.unauthorized(response);
                })
                .error(ApiProblem.class, (request, response, problem) -> Replies.problem(response, problem))
                .error(RuntimeException.class, (request, response, failure) -> {
                    log.error("API {} {} failed", request.prologue().method().text(), request.path().path(), failure);
                    Replies.problem(response, new ApiProblem(500, "INTERNAL", "the bot could not answer; see its log"));
                });
        sessions.ifPresent(signIns -> new ConsoleRoutes(token, signIns).addTo(routing));
        List<Detachable> registered = new ArrayList<>();
        for (Route route : routes) {
            Detachable handler = new Detachable(route.handler());
            registered.add(handler);
            routing.route(route.method(), route.path(), handler);
        }
        routing.any((request, response) -> Replies.problem(response,
                ApiProblem.notFound("no route " + request.prologue().method().text() + " " + request.path().path())));
        WebServer server = WebServer.builder()
                .host(settings.host())
                .port(settings.port())
                .maxPayloadSize(settings.maxBody())
                // Refused before any route runs (the body is not read): still a problem document, not an empty 413.
                .directHandlers(handlers -> {
                    // Helidon files an over-long body under different event types depending on where it noticed.
                    DirectHandler tooLarge = tooLargeHandler(settings.maxBody());
                    for (DirectHandler.EventType type : DirectHandler.EventType.values()) handlers.addHandler(type, tooLarge);
                })
                .routing(routing)
                .build()
                .start();
        Path addressFile = dataDir.resolve(ADDRESS_FILE);
        String url = "http://" + hostForUrl(settings.host()) + ":" + server.port();
        writeAddress(addressFile, url);
        log.info("HTTP API listening on {} (bearer token: {})", url,
                settings.token().isEmpty() ? "in " + dataDir.resolve(ApiToken.FILE) : "configured");
        if (settings.console()) log.info("web console at {}/console/ (sign in with the API token)", url);
        return new ApiServer(server, addressFile, List.copyOf(routes), List.copyOf(registered), live);
    }

    /** A problem document for 413; whatever else reaches it is answered as Helidon would. */
    private static DirectHandler tooLargeHandler(long maxBody) {
        DirectHandler fallback = DirectHandler.defaultHandler();
        byte[] problem = Replies.problemBytes(new ApiProblem(413, "TOO_LARGE",
                "the request body is larger than webwx-bot.api.max-body (" + maxBody + " bytes)"));
        return (request, event, status, headers, message) -> {
            if (status.code() != Status.REQUEST_ENTITY_TOO_LARGE_413.code()) {
                return fallback.handle(request, event, status, headers, message);
            }
            return DirectHandler.TransportResponse.builder()
                    .status(Status.REQUEST_ENTITY_TOO_LARGE_413)
                    .header(HeaderNames.CONTENT_TYPE, Replies.PROBLEM_JSON)
                    .entity(problem)
                    .build();
        };
    }

    public int port() {
        return server.port();
    }

    /** "GET /api/v1/accounts" for every route: what the OpenAPI document must describe. */
    public List<String> operations() {
        return routes.stream().map(Route::operation).toList();
    }

    static byte[] openApiDocument() throws IOException {
        try (InputStream in = ApiServer.class.getResourceAsStream("openapi.yaml")) {
            if (in == null) throw new IllegalStateException("openapi.yaml is missing from the server jar");
            return in.readAllBytes();
        }
    }

    private static String hostForUrl(String host) {
        if (host.equals("0.0.0.0") || host.equals("::")) return "127.0.0.1";
        return host.contains(":") ? "[" + host + "]" : host;
    }

    private static void writeAddress(Path file, String url) throws IOException {
        Path temp = file.resolveSibling("." + ADDRESS_FILE + ".tmp");
        Files.deleteIfExists(temp);
        OwnerOnly.createFile(temp);
        Files.writeString(temp, "{\"url\":\"" + url + "\"}\n", StandardCharsets.UTF_8);
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    @Override
    public void close() {
        live.close(); // ends the event streams, which would otherwise hold the server's stop
        server.stop();
        registered.forEach(Detachable::detach);
        try {
            Files.deleteIfExists(addressFile);
        } catch (IOException e) {
            log.debug("removing {}: {}", addressFile, e.toString());
        }
    }
}
