package dev.webwxbot.core.internal.http;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;

/**
 * Decides which socket carries a request for a URI. The request itself is not changed: its URL, {@code Host} header
 * and cookies stay those of the logical host, which is what lets one local emulator port stand in for
 * {@code wx2.qq.com}, {@code webpush.wx2.qq.com} and {@code file.wx2.qq.com}. Implementations must be thread-safe
 * and fast (they run for every request); the ones returned here are.
 */
@FunctionalInterface
public interface OriginResolver {

    Endpoint resolve(URI uri);

    /** Connects where the URI says: DNS by its host, its port or 443/80, TLS iff {@code https}. */
    static OriginResolver direct() {
        return uri -> {
            String host = logicalHost(uri);
            boolean tls = isHttps(uri);
            int port = uri.getPort() != -1 ? uri.getPort() : tls ? 443 : 80;
            return new Endpoint(InetSocketAddress.createUnresolved(host, port), tls, host);
        };
    }

    /**
     * Connects every host to {@code server}'s host and port, with TLS iff {@code server} is {@code https} (the TLS
     * server name is then the logical host, as a browser would send it). Connections stay separate per logical
     * host, as they would be against the real servers.
     */
    static OriginResolver fixed(URI server) {
        Objects.requireNonNull(server, "server");
        if (server.getHost() == null) {
            throw new IllegalArgumentException("server URI has no host: " + server);
        }
        boolean tls = isHttps(server);
        int port = server.getPort() != -1 ? server.getPort() : tls ? 443 : 80;
        InetSocketAddress address = InetSocketAddress.createUnresolved(server.getHost(), port);
        return uri -> new Endpoint(address, tls, logicalHost(uri));
    }

    private static boolean isHttps(URI uri) {
        return "https".equalsIgnoreCase(uri.getScheme());
    }

    private static String logicalHost(URI uri) {
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("URI has no host: " + Redactor.redactUri(uri));
        }
        return uri.getHost().toLowerCase(Locale.ROOT);
    }

    /**
     * Where a request goes and how; also the key of a connection pool.
     *
     * @param address usually unresolved; the connection resolves it when it opens
     * @param tls     whether to speak TLS on the socket
     * @param sniHost the logical host: the TLS server name (and, with the JDK trust store, the name the certificate
     *                must carry); for plain endpoints it only keeps pools per host apart
     */
    record Endpoint(InetSocketAddress address, boolean tls, String sniHost) {
        public Endpoint {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(sniHost, "sniHost");
        }
    }
}
