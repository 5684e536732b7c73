package dev.webwxbot.core;

import dev.webwxbot.core.internal.http.HttpTransport;
import dev.webwxbot.core.internal.http.OriginResolver;
import dev.webwxbot.core.internal.session.SessionEngine;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The shared runtime of any number of sessions: one event loop group and one set of keep-alive connection pools.
 *
 * <pre>{@code
 * WebWxClient client = WebWxClient.builder()
 *         .server(URI.create("http://127.0.0.1:8080"))   // optional: every WeChat host to one local server
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe. Whoever builds it closes it; closing ends every session made from it.
 */
public final class WebWxClient implements AutoCloseable {

    private final HttpTransport transport;
    private final Set<Session> sessions = ConcurrentHashMap.newKeySet();

    private WebWxClient(HttpTransport transport) {
        this.transport = transport;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A new session; nothing happens on the network until {@link Session#start()}. */
    public Session newSession(SessionOptions options, SessionListener listener) {
        Objects.requireNonNull(options, "options");
        Objects.requireNonNull(listener, "listener");
        Session session = new Session(new SessionEngine(transport, options, listener));
        sessions.add(session);
        session.ended().whenComplete((end, failure) -> sessions.remove(session));
        return session;
    }

    /** Stops every session made from this client (without logging them out), then releases the network. */
    @Override
    public void close() {
        sessions.forEach(Session::stop);
        transport.close();
    }

    /** Configures a {@link WebWxClient}. Not thread-safe. */
    public static final class Builder {
        private URI server;
        private List<X509Certificate> trusted = List.of();
        private int maxConnectionsPerHost = 4096;
        private List<InetSocketAddress> dnsServers = List.of();
        private Path recording;

        private Builder() {
        }

        /**
         * Sends every request for every WeChat host to this server ({@code http://host:port} or
         * {@code https://host:port}), keeping the real host names in the {@code Host} header and cookie domains.
         */
        public Builder server(URI server) {
            this.server = Objects.requireNonNull(server, "server");
            return this;
        }

        /** Trusts these certificates in addition to nothing else: for a local HTTPS emulator. */
        public Builder trustedCertificates(List<X509Certificate> certificates) {
            this.trusted = List.copyOf(certificates);
            return this;
        }

        /**
         * How many connections may be open to one host at once. Every online session keeps one synccheck long poll
         * open, so this bounds how many sessions can poll one push host together; default 4096.
         */
        public Builder maxConnectionsPerHost(int connections) {
            if (connections < 1) throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1");
            this.maxConnectionsPerHost = connections;
            return this;
        }

        /**
         * Resolves host names with these DNS servers (asked in order) instead of the system's; the hosts file still
         * comes first. Lookups never block: they run on Netty's asynchronous resolver either way.
         */
        public Builder dnsServers(List<InetSocketAddress> servers) {
            this.dnsServers = List.copyOf(servers);
            return this;
        }

        /**
         * Writes every HTTP exchange of every session to {@code file} (created or replaced, readable by the owner
         * only), with credentials, cookie values and tickets masked and media bodies replaced by their SHA-256 and
         * size; {@code webwx-bot emulator --replay FILE} plays it back. Closing the client finishes the file.
         */
        public Builder record(Path file) {
            this.recording = Objects.requireNonNull(file, "file");
            return this;
        }

        public WebWxClient build() {
            HttpTransport.Builder transport = HttpTransport.builder()
                    .resolver(server == null ? OriginResolver.direct() : OriginResolver.fixed(server))
                    .maxConnectionsPerOrigin(maxConnectionsPerHost)
                    .dnsServers(dnsServers);
            if (!trusted.isEmpty()) transport.trustedCertificates(trusted);
            if (recording != null) transport.recordTo(recording);
            return new WebWxClient(transport.build());
        }
    }
}
