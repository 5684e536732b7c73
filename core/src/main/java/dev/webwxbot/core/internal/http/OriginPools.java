package dev.webwxbot.core.internal.http;

import dev.webwxbot.core.internal.http.OriginResolver.Endpoint;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.handler.ssl.SslContext;
import java.time.Duration;

/**
 * One bounded keep-alive pool per endpoint, created on first use. Idle connections are handed out most recently
 * used first (the least likely to have been closed by the server) and are checked to be open on acquire and on
 * release. Thread-safe; {@link #close()} closes every pool and its idle connections.
 */
final class OriginPools extends AbstractChannelPoolMap<Endpoint, FixedChannelPool> {

    private final Bootstrap bootstrap;
    private final SslContext sslContext;
    private final int maxResponseBytes;
    private final int maxConnections;
    private final int maxPendingAcquires;
    private final Duration acquireTimeout;
    private final ChannelGroup openChannels;

    OriginPools(Bootstrap bootstrap, SslContext sslContext, int maxResponseBytes, int maxConnections,
                int maxPendingAcquires, Duration acquireTimeout, ChannelGroup openChannels) {
        this.bootstrap = bootstrap;
        this.sslContext = sslContext;
        this.maxResponseBytes = maxResponseBytes;
        this.maxConnections = maxConnections;
        this.maxPendingAcquires = maxPendingAcquires;
        this.acquireTimeout = acquireTimeout;
        this.openChannels = openChannels;
    }

    @Override
    protected FixedChannelPool newPool(Endpoint endpoint) {
        return new FixedChannelPool(
                bootstrap.clone().remoteAddress(endpoint.address()),
                new HttpClientInitializer(endpoint, sslContext, maxResponseBytes, openChannels),
                ChannelHealthChecker.ACTIVE,
                FixedChannelPool.AcquireTimeoutAction.FAIL,
                acquireTimeout.toMillis(),
                maxConnections,
                maxPendingAcquires,
                true,   // health-check on release too: a channel the server closed is dropped, not offered again
                true);  // LIFO
    }
}
