package dev.webwxbot.emulator;

import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A client that reaches the emulator one of the two ways real clients do, so that a conformance test can run each
 * variation through both (issue 14): a client tolerated only by real host names, or only on a loopback origin, is
 * not tolerated. Requests name the WeChat host they are meant for; {@link Route#LOOPBACK} drops it, as the
 * rewriting of such clients does.
 */
sealed interface RoutedClient permits RoutedClient.RealHosts, RoutedClient.Loopback {

    enum Route {
        /** The WeChat host in {@code Host} and the login page's cookies sent by hand: a client sent here by DNS or a proxy. */
        REAL_HOSTS,
        /** Every request to {@code http://127.0.0.1:PORT}, path and query untouched, and a browser-like cookie jar. */
        LOOPBACK;

        RoutedClient open(Emulator emulator) {
            return switch (this) {
                case REAL_HOSTS -> new RealHosts(new WireClient(emulator));
                case LOOPBACK -> new Loopback(emulator, new LoopbackClient(emulator));
            };
        }
    }

    /** {@code host} is the WeChat host the request is meant for: login, API, {@code webpush.} or {@code file.}. */
    WireClient.Response send(String host, String method, String pathAndQuery, HttpRequest.BodyPublisher body,
                             String... headers);

    /** Takes the cookies the login page set, the one answer whose cookies the variations need. */
    void keepCookies(WireClient.Response loginPage);

    /** The value of the cookie this client sends with an API request, or null: a form field some clients copy. */
    String cookie(String name);

    /** A client of the same route without cookies, to check that tolerance never stands in for the cookie check. */
    RoutedClient withoutCookies();

    default WireClient.Response get(String host, String pathAndQuery, String... headers) {
        return send(host, "GET", pathAndQuery, HttpRequest.BodyPublishers.noBody(), headers);
    }

    default WireClient.Response post(String host, String pathAndQuery, String body, String... headers) {
        return send(host, "POST", pathAndQuery, HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8), headers);
    }

    default WireClient.Response postBytes(String host, String pathAndQuery, byte[] body, String... headers) {
        return send(host, "POST", pathAndQuery, HttpRequest.BodyPublishers.ofByteArray(body), headers);
    }

    /**
     * {@link WireClient}: the real {@code Host}, and once logged in a {@code Cookie} header with every cookie the login
     * page set, whatever their Domain, as the earlier conformance tests sent it.
     */
    final class RealHosts implements RoutedClient {
        private final WireClient wire;
        private final Map<String, String> cookies = new LinkedHashMap<>();

        RealHosts(WireClient wire) {
            this.wire = wire;
        }

        @Override
        public WireClient.Response send(String host, String method, String pathAndQuery, HttpRequest.BodyPublisher body,
                                        String... headers) {
            String[] all = cookies.isEmpty() ? headers
                    : Stream.concat(Stream.of(headers), Stream.of("Cookie", cookieHeader())).toArray(String[]::new);
            return wire.exchange(host, pathAndQuery, method, body, all);
        }

        @Override
        public void keepCookies(WireClient.Response loginPage) {
            for (String line : loginPage.setCookies()) {
                String pair = line.split(";", 2)[0];
                int eq = pair.indexOf('=');
                cookies.put(pair.substring(0, eq), pair.substring(eq + 1));
            }
        }

        @Override
        public String cookie(String name) {
            return cookies.get(name);
        }

        @Override
        public RoutedClient withoutCookies() {
            return new RealHosts(wire);
        }

        private String cookieHeader() {
            List<String> pairs = cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
            return String.join("; ", pairs);
        }

        @Override
        public String toString() {
            return "real hosts";
        }
    }

    /** {@link LoopbackClient}: one origin, {@code Host} set by the JDK, cookies only as its jar keeps and sends them. */
    final class Loopback implements RoutedClient {
        private final Emulator emulator;
        private final LoopbackClient client;

        Loopback(Emulator emulator, LoopbackClient client) {
            this.emulator = emulator;
            this.client = client;
        }

        @Override
        public WireClient.Response send(String host, String method, String pathAndQuery, HttpRequest.BodyPublisher body,
                                        String... headers) {
            return client.send(method, pathAndQuery, body, headers);
        }

        /** Nothing to do: the jar took the cookies from the answer, or refused them, as a browser's would. */
        @Override
        public void keepCookies(WireClient.Response loginPage) {
        }

        @Override
        public String cookie(String name) {
            return client.cookieValueFor(WebLogin.CGI + "webwxinit", name);
        }

        @Override
        public RoutedClient withoutCookies() {
            return new Loopback(emulator, new LoopbackClient(emulator, client.origin));
        }

        @Override
        public String toString() {
            return "loopback " + client.origin;
        }
    }
}
