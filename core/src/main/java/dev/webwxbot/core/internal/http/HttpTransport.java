package dev.webwxbot.core.internal.http;

import dev.webwxbot.core.internal.http.OriginResolver.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.SequentialDnsServerAddressStreamProvider;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP/1.1 client shared by all sessions: one event loop group, a bounded keep-alive connection pool per
 * endpoint, and an {@link OriginResolver} that picks the socket while each request keeps its real URL.
 *
 * <pre>{@code
 * try (HttpTransport transport = HttpTransport.builder()
 *         .resolver(OriginResolver.fixed(URI.create("http://127.0.0.1:" + emulatorPort))).build()) {
 *     CookieJar cookies = new CookieJar();
 *     transport.execute(HttpRequest.get(URI.create("https://wx.qq.com/")), cookies)
 *             .thenAccept(response -> ...);
 * }
 * }</pre>
 *
 * <p>Futures complete on an event loop thread: callbacks attached with {@code thenApply}/{@code thenAccept} run
 * there and must not block (hand blocking work to another executor with the {@code *Async} variants). Redirects
 * are never followed and a non-2xx status is a response, not a failure; failures are {@link TransportException}s.
 *
 * <p>Host names are resolved by Netty's asynchronous DNS client ({@code netty-resolver-dns}) on the event loops, so no
 * I/O thread ever waits for a lookup.
 *
 * <p>Thread-safe. Whoever builds it closes it; {@link #close()} closes all connections, waits (up to 5 s) until every
 * exchange still in flight has failed with {@link TransportException.Kind#CLOSED} and given its connection back, then
 * closes the pools, the DNS resolvers and, only if the transport created it, the event loop group. Do not call
 * {@code close()} from an event loop thread.
 */
public final class HttpTransport implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final OriginResolver resolver;
    private final String userAgent;
    private final int maxResponseBytes;
    private final ChannelGroup openChannels = new DefaultChannelGroup("http-transport", GlobalEventExecutor.INSTANCE);
    private final OriginPools pools;
    private final AddressResolverGroup<InetSocketAddress> addressResolvers;
    /** Read side: starting an exchange; write side: closing. Keeps a pool from being created after close(). */
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    /** Written under the lifecycle write lock; volatile so exchanges can see a close without the lock. */
    private volatile boolean closed;
    /** Exchanges not yet completed, so that close() can guarantee every returned future completes. */
    private final Set<Exchange<?>> inFlight = ConcurrentHashMap.newKeySet();
    /** {@link Recorder#OFF} unless the builder was given a recording file. */
    private final Recorder recorder;

    private HttpTransport(Builder builder) {
        this.recorder = openRecorder(builder.recording); // first: a file that cannot be created leaves nothing started
        this.ownsGroup = builder.group == null;
        // Named (default size: twice the cores), so thread dumps and load tools can tell the client's threads apart.
        this.group = ownsGroup
                ? new MultiThreadIoEventLoopGroup(0, new DefaultThreadFactory("webwx-io"), NioIoHandler.newFactory())
                : builder.group;
        this.resolver = builder.resolver;
        this.userAgent = builder.userAgent;
        this.maxResponseBytes = builder.maxResponseBytes;
        this.addressResolvers = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(NioDatagramChannel.class)
                .socketChannelType(NioSocketChannel.class) // TCP for answers too long for a datagram
                .nameServerProvider(builder.dnsServers.isEmpty()
                        ? DnsServerAddressStreamProviders.platformDefault()
                        : new SequentialDnsServerAddressStreamProvider(builder.dnsServers))
                .queryTimeoutMillis(builder.dnsQueryTimeout.toMillis()));
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                // Host names are looked up by Netty's asynchronous DNS client on the event loop; the JDK's resolver
                // would block an I/O thread for the whole lookup.
                .resolver(addressResolvers)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, builder.connectTimeout.toMillis()))
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.SO_KEEPALIVE, true);
        this.pools = new OriginPools(bootstrap, sslContext(builder.trustedCertificates), builder.maxResponseBytes,
                builder.maxConnectionsPerOrigin, builder.maxPendingAcquiresPerOrigin, builder.acquireTimeout,
                openChannels);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The connections open right now, a live view (tests look at their pipelines and wait for them to close). */
    ChannelGroup openChannels() {
        return openChannels;
    }

    private static Recorder openRecorder(Path recording) {
        if (recording == null) {
            return Recorder.OFF;
        }
        try {
            return FileRecorder.open(recording);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the recording " + recording, e);
        }
    }

    /**
     * Sends {@code request} and stores every {@code Set-Cookie} of the response in {@code cookies} before the
     * future completes. The future fails with a {@link TransportException} when no complete response arrived (and
     * with {@link IllegalArgumentException} for a header that cannot go on the wire).
     *
     * @param cookies the session's jar: read for the {@code Cookie} header, written with the response's cookies
     */
    public CompletableFuture<HttpResponse> execute(HttpRequest request, CookieJar cookies) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cookies, "cookies");
        CompletableFuture<HttpResponse> response = start(request, cookies, BodyReader.AGGREGATED);
        recorder.answered(request, response);
        return response;
    }

    /**
     * Sends {@code request} like {@link #execute} and streams the body of a 2xx response into {@code file} (created,
     * or truncated) as it arrives, never aggregating it: memory use does not grow with the body's size, and
     * {@code maxResponseBytes} does not apply. Gzip is decoded, cookies are stored, redirects are not followed (a
     * 3xx is a response whose body is dropped), as with {@code execute}.
     *
     * <p>The future completes once the file is closed. On any failure, and for a status other than 2xx, the file is
     * deleted first. It fails with a {@link TransportException} ({@code TOO_LARGE} for a body above
     * {@code maxBodyBytes}, detected by {@code Content-Length} before any byte is written or else as soon as the
     * limit is passed), or with an {@link IOException} when the file cannot be opened or written.
     *
     * <p>Opens the file on the calling thread: call it from a thread that may block on the file system, not from an
     * event loop.
     */
    public CompletableFuture<FileResponse> download(HttpRequest request, CookieJar cookies, Path file,
                                                    long maxBodyBytes) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(cookies, "cookies");
        Objects.requireNonNull(file, "file");
        if (maxBodyBytes < 0) {
            throw new IllegalArgumentException("maxBodyBytes must not be negative: " + maxBodyBytes);
        }
        AsynchronousFileChannel channel;
        try {
            channel = AsynchronousFileChannel.open(file, Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING), FileBodyReader.FILE_IO);
        } catch (IOException | RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
        CompletableFuture<FileResponse> saved = new CompletableFuture<>();
        start(request, cookies, new FileBodyReader(channel, maxBodyBytes, request.toString()))
                .whenComplete((response, failure) ->
                        // Closing waits for a write still under way, and deleting touches the disk: off the loop.
                        FileBodyReader.FILE_IO.execute(() -> closeFile(request, channel, file, response, failure, saved)));
        return saved;
    }

    private void closeFile(HttpRequest request, AsynchronousFileChannel channel, Path file, FileResponse response,
                           Throwable failure, CompletableFuture<FileResponse> saved) {
        Throwable outcome = failure instanceof CompletionException wrapped && wrapped.getCause() != null
                ? wrapped.getCause() : failure;
        if (outcome instanceof TransportException transport
                && transport.getCause() instanceof FileBodyHandler.DiskWriteException disk) {
            outcome = disk;
        }
        try {
            channel.close();
        } catch (IOException e) {
            outcome = outcome == null ? e : outcome;
        }
        if (outcome != null || !response.successful()) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException e) {
                LOG.warn("could not delete the partial download {}: {}", file.getFileName(), e.toString());
            }
        }
        recorder.downloaded(request, file, outcome == null ? response : null, outcome); // while the file is in place
        if (outcome == null) {
            saved.complete(response);
        } else {
            saved.completeExceptionally(outcome);
        }
    }

    private <T> CompletableFuture<T> start(HttpRequest request, CookieJar cookies, BodyReader<T> reader) {
        Endpoint endpoint;
        try {
            endpoint = Objects.requireNonNull(resolver.resolve(request.uri()), "resolver returned null");
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(new TransportException(TransportException.Kind.CONNECT,
                    request + ": no endpoint: " + e.getMessage(), e));
        }
        lifecycle.readLock().lock();
        try {
            if (closed) {
                return CompletableFuture.failedFuture(
                        new TransportException(TransportException.Kind.CLOSED, request + ": the transport is closed"));
            }
            Exchange<T> exchange = new Exchange<>(request, cookies, pools.get(endpoint), endpoint, userAgent,
                    maxResponseBytes, reader, () -> closed);
            inFlight.add(exchange);
            exchange.result().whenComplete((response, failure) -> inFlight.remove(exchange));
            return exchange.start();
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** The group whose threads run all I/O; sessions schedule their timers on it. Not to be shut down by callers. */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
        } finally {
            lifecycle.writeLock().unlock();
        }
        // Channels first, while pools and event loops still run: each in-flight exchange then fails, discards its
        // channel and releases it to a live pool. Closing pools or loops first leaves those releases nowhere to go.
        openChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        // Fails the exchanges still waiting for a connection and refuses new acquires (a stale-connection retry).
        pools.close();
        openChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS); // any opened between the two steps
        // An exchange completes only after its channel went back to the pool; until every one has, the loops must
        // stay up, or the pool's release notifications are rejected ("Event loop shut down?").
        awaitInFlight(Duration.ofSeconds(5));
        for (Exchange<?> exchange : inFlight) {
            exchange.abortClosed();
        }
        addressResolvers.close();
        recorder.close(); // after every exchange completed, so the recording holds all of them
        if (ownsGroup) {
            group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private void awaitInFlight(Duration patience) {
        CompletableFuture<?>[] pending = inFlight.stream().map(Exchange::result).toArray(CompletableFuture<?>[]::new);
        try {
            CompletableFuture.allOf(pending).get(patience.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            // Failed exchanges are the expected outcome here; only their completion matters.
        } catch (TimeoutException e) {
            LOG.debug("{} exchange(s) still running after {} ms of closing; failing them", inFlight.size(),
                    patience.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static SslContext sslContext(List<X509Certificate> trustedCertificates) {
        try {
            SslContextBuilder builder = SslContextBuilder.forClient();
            if (trustedCertificates.isEmpty()) {
                builder.endpointIdentificationAlgorithm("HTTPS");
            } else {
                // Pinned certificates of a local emulator are trusted for every logical host name it stands in for.
                builder.trustManager(trustedCertificates).endpointIdentificationAlgorithm(null);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new UncheckedIOException("cannot set up TLS", e);
        }
    }

    /** Collects options; not thread-safe, use from one thread. */
    public static final class Builder {

        /** A desktop Chrome, as the official web page is used from one. */
        public static final String DEFAULT_USER_AGENT = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) "
                + "AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";

        private EventLoopGroup group;
        private OriginResolver resolver = OriginResolver.direct();
        private Duration connectTimeout = Duration.ofSeconds(10);
        private int maxConnectionsPerOrigin = 8;
        private int maxPendingAcquiresPerOrigin = 4096;
        private Duration acquireTimeout = Duration.ofSeconds(60);
        private int maxResponseBytes = 16 * 1024 * 1024;
        private List<X509Certificate> trustedCertificates = List.of();
        private String userAgent = DEFAULT_USER_AGENT;
        private List<InetSocketAddress> dnsServers = List.of();
        private Duration dnsQueryTimeout = Duration.ofSeconds(5);
        private Path recording;

        private Builder() {}

        /**
         * Records every exchange, secrets redacted and media as hashes, to {@code file} (created or replaced,
         * owner-only); the emulator replays it ({@code docs/notes/record-replay.md}). Written by a thread of its own;
         * the transport's {@code close()} finishes and closes the file.
         *
         * {@link #build()} throws {@link UncheckedIOException} when the file cannot be created.
         */
        public Builder recordTo(Path file) {
            this.recording = Objects.requireNonNull(file, "file");
            return this;
        }

        /** Runs I/O on {@code group} (which must be NIO-based), and leaves shutting it down to its owner. */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.group = Objects.requireNonNull(group, "group");
            return this;
        }

        public Builder resolver(OriginResolver resolver) {
            this.resolver = Objects.requireNonNull(resolver, "resolver");
            return this;
        }

        public Builder connectTimeout(Duration timeout) {
            this.connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /**
         * Connections open at once per endpoint; more requests wait for one to come back. A long poll holds its
         * connection for its whole duration, so this bounds how many sessions can long-poll one push host at once.
         */
        public Builder maxConnectionsPerOrigin(int connections) {
            this.maxConnectionsPerOrigin = atLeastOne(connections, "maxConnectionsPerOrigin");
            return this;
        }

        /** Requests allowed to wait for a connection per endpoint; one more fails at once with {@code CONNECT}. */
        public Builder maxPendingAcquiresPerOrigin(int pending) {
            this.maxPendingAcquiresPerOrigin = atLeastOne(pending, "maxPendingAcquiresPerOrigin");
            return this;
        }

        /** How long a request may wait for a free connection before failing with {@code TIMEOUT}; default 60 s. */
        public Builder acquireTimeout(Duration timeout) {
            this.acquireTimeout = positive(timeout, "acquireTimeout");
            return this;
        }

        /** Largest decoded response body; a larger one fails with {@code TOO_LARGE}. Default 16 MiB. */
        public Builder maxResponseBytes(int bytes) {
            this.maxResponseBytes = atLeastOne(bytes, "maxResponseBytes");
            return this;
        }

        /**
         * Trusts exactly these certificates (and what they sign) instead of the JDK trust store, for any host name:
         * meant for a local HTTPS emulator whose certificate cannot name every Web WeChat host.
         */
        public Builder trustedCertificates(List<X509Certificate> certificates) {
            this.trustedCertificates = List.copyOf(certificates);
            return this;
        }

        /**
         * Asks these DNS servers, in order, instead of the system's ({@code /etc/resolv.conf}). The hosts file is
         * consulted first either way.
         */
        public Builder dnsServers(List<InetSocketAddress> servers) {
            this.dnsServers = List.copyOf(servers);
            return this;
        }

        /** How long one DNS query may take before the next server is asked; default 5 s. */
        public Builder dnsQueryTimeout(Duration timeout) {
            this.dnsQueryTimeout = positive(timeout, "dnsQueryTimeout");
            return this;
        }

        /** The {@code User-Agent} of requests that do not set one. */
        public Builder userAgent(String userAgent) {
            this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
            return this;
        }

        public HttpTransport build() {
            return new HttpTransport(this);
        }

        private static Duration positive(Duration duration, String name) {
            Objects.requireNonNull(duration, name);
            if (duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive: " + duration);
            }
            return duration;
        }

        private static int atLeastOne(int value, String name) {
            if (value < 1) {
                throw new IllegalArgumentException(name + " must be at least 1: " + value);
            }
            return value;
        }
    }
}
