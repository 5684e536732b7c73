package dev.webwxbot.core.internal.http;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.pool.ChannelPool;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.nio.channels.ClosedChannelException;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One request's way through the transport: take a connection from the endpoint's pool, add the per-exchange
 * handlers, send, and on the outcome remove the handlers, give the connection back (or close it), store the
 * response's cookies and complete the future. A reused connection that fails before any response byte arrived was
 * most likely closed by the server while idle; the request then goes once more, on a fresh connection. How the
 * response is read (aggregated in memory, or streamed to a file) is the {@link BodyReader}'s business.
 *
 * <p>Used once, from the event loops only (each step runs in a listener of the previous one).
 *
 * @param <T> what the future completes with
 */
final class Exchange<T> {

    private static final Logger LOG = LoggerFactory.getLogger(Exchange.class);

    /** Present on a channel once it has carried a request: the next request on it is a reuse. */
    private static final AttributeKey<Boolean> USED = AttributeKey.valueOf(Exchange.class, "used");

    private final HttpRequest request;
    private final CookieJar cookies;
    private final ChannelPool pool;
    private final OriginResolver.Endpoint endpoint;
    private final String userAgent;
    private final int maxResponseBytes;
    private final BodyReader<T> reader;
    private final CompletableFuture<T> result = new CompletableFuture<>();
    private final long startNanos = System.nanoTime();
    private final BooleanSupplier transportClosing;
    /**
     * Whether a request of this exchange was ever fully written (it stays true across the stale-connection retry);
     * read by {@link #abortClosed()} on another thread.
     */
    private volatile boolean written;

    /** @param transportClosing true once the transport closes: its own closing of channels is no stale connection */
    Exchange(HttpRequest request, CookieJar cookies, ChannelPool pool, OriginResolver.Endpoint endpoint,
             String userAgent, int maxResponseBytes, BodyReader<T> reader, BooleanSupplier transportClosing) {
        this.transportClosing = transportClosing;
        this.request = request;
        this.cookies = cookies;
        this.pool = pool;
        this.endpoint = endpoint;
        this.userAgent = userAgent;
        this.maxResponseBytes = maxResponseBytes;
        this.reader = reader;
    }

    CompletableFuture<T> start() {
        acquire(false);
        return result;
    }

    /** The future {@link #start()} returns; completes exactly once. */
    CompletableFuture<T> result() {
        return result;
    }

    /**
     * Fails the exchange if it has not completed yet: the transport is closing, and once its event loops are shut
     * down the listeners that would complete it may never run.
     */
    void abortClosed() {
        if (!result.isDone()) {
            fail(new TransportException(TransportException.Kind.CLOSED, request + ": the transport was closed", null,
                    written));
        }
    }

    /** @param retrying true for the one retry, which must not land on another possibly stale pooled connection */
    private void acquire(boolean retrying) {
        Future<Channel> acquired;
        try {
            acquired = pool.acquire();
        } catch (RuntimeException e) {
            fail(Failures.acquiring(request, endpoint, e));
            return;
        }
        acquired.addListener((Future<Channel> future) -> {
            if (!future.isSuccess()) {
                fail(Failures.acquiring(request, endpoint, future.cause()));
                return;
            }
            Channel channel = future.getNow();
            if (result.isDone()) {
                pool.release(channel); // aborted by close() while waiting for a connection: nothing to send
                return;
            }
            boolean reused = channel.attr(USED).getAndSet(Boolean.TRUE) != null;
            if (retrying && reused) {
                discard(channel).addListener(discarded -> acquire(true));
                return;
            }
            Future<Channel> handshake = channel.attr(HttpClientInitializer.TLS_HANDSHAKE).get();
            if (handshake != null && !handshake.isSuccess()) {
                // The pool hands out a TLS connection as soon as TCP connects. Sending only after the handshake makes
                // a handshake failure always a TLS failure; otherwise whether it surfaced as TLS or as a closed
                // channel depended on which of the two events won the race to this exchange. The future comes from
                // the channel's attribute, not its pipeline, which is already empty once a failed channel is closed.
                handshake.addListener(done -> afterHandshake(channel, done, reused, retrying));
                return;
            }
            channel.eventLoop().execute(() -> send(channel, reused, retrying));
        });
    }

    private void afterHandshake(Channel channel, Future<?> handshake, boolean reused, boolean retrying) {
        if (handshake.isSuccess()) {
            channel.eventLoop().execute(() -> send(channel, reused, retrying));
            return;
        }
        TransportException failure = Failures.acquiring(request, endpoint, handshake.cause());
        discard(channel).addListener(discarded -> fail(failure));
    }

    private void send(Channel channel, boolean reused, boolean retrying) {
        FullHttpRequest wire;
        try {
            wire = NettyRequests.encode(request, cookies.cookieHeader(request.uri()), userAgent);
        } catch (IllegalArgumentException e) {
            pool.release(channel).addListener(released -> fail(e)); // nothing was sent: the channel is fine
            return;
        }
        ResponseWatchdog watchdog = new ResponseWatchdog(request.readTimeout());
        Promise<Received<T>> received = channel.eventLoop().newPromise();
        ChannelHandler handler = reader.newHandler(received);
        received.addListener((Future<Received<T>> outcome) ->
                finish(channel, watchdog, handler, outcome, reused, retrying));
        ChannelPipeline pipeline = channel.pipeline();
        if (!channel.isActive() || pipeline.get(HttpPipeline.CODEC) == null) {
            wire.release();
            received.tryFailure(new ClosedChannelException()); // closed between acquire and now
            return;
        }
        try {
            pipeline.addBefore(HttpPipeline.CODEC, HttpPipeline.READ_TIMEOUT, watchdog);
            pipeline.addBefore(reader.insertBefore(), HttpPipeline.EXCHANGE, handler);
        } catch (RuntimeException e) {
            wire.release();
            received.tryFailure(e); // the pipeline is not in the expected state: the channel gets discarded
            return;
        }
        channel.writeAndFlush(wire).addListener(write -> {
            if (write.isSuccess()) {
                written = true; // from here on the server may act on the request, whatever happens to the answer
            } else {
                received.tryFailure(write.cause());
            }
        });
    }

    private void finish(Channel channel, ResponseWatchdog watchdog, ChannelHandler handler,
                        Future<Received<T>> outcome, boolean reused, boolean retrying) {
        ChannelPipeline pipeline = channel.pipeline();
        removeIfPresent(pipeline, watchdog);
        removeIfPresent(pipeline, handler);
        if (outcome.isSuccess()) {
            Received<T> received = outcome.getNow();
            try {
                // Before completing, so the caller's next request carries what this one set (also on 3xx-5xx).
                cookies.store(request.uri(), received.headers().all("Set-Cookie"));
            } catch (RuntimeException e) {
                discard(channel).addListener(discarded -> fail(e)); // never leave the future hanging
                return;
            }
            Future<Void> returned = received.keepAlive() && channel.isActive() ? pool.release(channel) : discard(channel);
            // Completing after the release lets a caller's next request find this connection idle in the pool.
            returned.addListener(released -> succeed(received));
            return;
        }
        TransportException failure = Failures.exchanging(request, maxResponseBytes, outcome.cause(), written);
        // A request the server may have acted on is replayed only when the caller allows it; and a connection the
        // transport closes itself, while closing, is no stale one (a replay would go out after the client closed).
        boolean staleConnection = reused && !retrying && !watchdog.responseStarted()
                && failure.kind() == TransportException.Kind.CLOSED && (!written || request.replayable())
                && !transportClosing.getAsBoolean();
        discard(channel).addListener(discarded -> {
            if (staleConnection) {
                LOG.debug("{}: pooled connection was closed by the server, retrying on a new one", request);
                acquire(true);
            } else {
                fail(failure);
            }
        });
    }

    /** Closes the channel and then returns it to the pool, which drops it and frees its slot. */
    private Future<Void> discard(Channel channel) {
        Promise<Void> released = channel.eventLoop().newPromise();
        channel.close().addListener(closed -> pool.release(channel, released));
        return released;
    }

    private static void removeIfPresent(ChannelPipeline pipeline, ChannelHandler handler) {
        if (pipeline.context(handler) != null) {
            pipeline.remove(handler);
        }
    }

    private void succeed(Received<T> received) {
        if (LOG.isDebugEnabled()) {
            LOG.debug("{} {} → {} ({} B, {} ms)", request.method(), Redactor.redactUri(request.uri()),
                    received.status(), received.bodyBytes(), elapsedMillis());
        }
        result.complete(received.response());
    }

    private void fail(Throwable cause) {
        // A failure of the stale-connection retry (e.g. no new connection) must not hide that the first one was written.
        Throwable failure = written && cause instanceof TransportException transport && !transport.requestWritten()
                ? new TransportException(transport.kind(), transport.getMessage(), transport.getCause(), true)
                : cause;
        if (LOG.isDebugEnabled()) {
            String prefix = request + ": ";
            String message = String.valueOf(failure.getMessage());
            String detail = message.startsWith(prefix) ? message.substring(prefix.length()) : message;
            String kind = failure instanceof TransportException transport ? transport.kind().name() : "REJECTED";
            LOG.debug("{} → {}: {} ({} ms)", request, kind, detail, elapsedMillis());
        }
        result.completeExceptionally(failure);
    }

    private long elapsedMillis() {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos);
    }
}
