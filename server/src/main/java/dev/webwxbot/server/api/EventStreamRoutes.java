package dev.webwxbot.server.api;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/v1/events/stream}: the live events as server-sent events, one {@code data:} line of JSON each (the
 * webhooks' envelope), with a comment line every {@value #KEEP_ALIVE_SECONDS} s so proxies and browsers keep an idle
 * stream open. Each stream holds its request's virtual thread until the client goes or the daemon stops.
 */
final class EventStreamRoutes {

    static final String PATH = ApiServer.PREFIX + "/events/stream";
    private static final long KEEP_ALIVE_SECONDS = 15;

    private final LiveEvents live;

    EventStreamRoutes(LiveEvents live) {
        this.live = live;
    }

    void addTo(List<ApiServer.Route> routes) {
        routes.add(new ApiServer.Route(Method.GET, PATH, this::stream));
    }

    private void stream(ServerRequest request, ServerResponse response) throws InterruptedException {
        response.header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.header(HeaderNames.CACHE_CONTROL, "no-store");
        try (LiveEvents.Subscription subscription = live.subscribe(); OutputStream out = response.outputStream()) {
            // Tells the browser how soon to come back after the stream ends, and shows the stream is open.
            write(out, "retry: 2000\n: live\n\n");
            while (!subscription.ended()) {
                Optional<String> next = subscription.next(Duration.ofSeconds(KEEP_ALIVE_SECONDS));
                if (next.isPresent()) {
                    String entry = next.get();
                    int newline = entry.indexOf('\n');
                    // JSON written by Jackson has no raw newline, so one data line carries it whole.
                    write(out, "id: " + entry.substring(0, newline) + "\ndata: " + entry.substring(newline + 1) + "\n\n");
                } else if (!subscription.ended()) {
                    write(out, ": keep-alive\n\n");
                }
            }
        } catch (IOException | UncheckedIOException e) {
            // The client went away: nothing to answer.
        }
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
