package dev.webwxbot.core.internal.http;

import dev.webwxbot.core.internal.http.OriginResolver.Endpoint;
import io.netty.channel.Channel;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpContentDecompressor;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;

/**
 * Assembles the permanent pipeline of every new connection to one endpoint: TLS when the endpoint asks for it, the
 * HTTP/1.1 codec, gzip/deflate decompression and aggregation into one bounded response. Per-exchange handlers are
 * added and removed by {@link Exchange}. Thread-safe (stateless apart from its configuration).
 */
final class HttpClientInitializer extends AbstractChannelPoolHandler {

    /** The TLS handshake of a TLS connection; absent on plain ones. */
    static final AttributeKey<Future<Channel>> TLS_HANDSHAKE =
            AttributeKey.valueOf(HttpClientInitializer.class, "tls-handshake");

    private final Endpoint endpoint;
    private final SslContext sslContext;
    private final int maxResponseBytes;
    private final ChannelGroup openChannels;

    HttpClientInitializer(Endpoint endpoint, SslContext sslContext, int maxResponseBytes, ChannelGroup openChannels) {
        this.endpoint = endpoint;
        this.sslContext = sslContext;
        this.maxResponseBytes = maxResponseBytes;
        this.openChannels = openChannels;
    }

    @Override
    public void channelCreated(Channel channel) {
        openChannels.add(channel); // so that closing the transport also ends exchanges in flight
        ChannelPipeline pipeline = channel.pipeline();
        if (endpoint.tls()) {
            // The logical host, not the socket's address, is the TLS server name: what the real server would see.
            SslHandler tls = sslContext.newHandler(channel.alloc(), endpoint.sniHost(), endpoint.address().getPort());
            // Kept on the channel: a connection that closes early has its pipeline torn down, handler and all.
            channel.attr(TLS_HANDSHAKE).set(tls.handshakeFuture());
            pipeline.addLast(HttpPipeline.TLS, tls);
        }
        pipeline.addLast(HttpPipeline.CODEC, new HttpClientCodec());
        // Bounding each inflated buffer, and aggregating after decompression, bounds the decoded size: a small gzip
        // body can inflate enormously.
        pipeline.addLast(HttpPipeline.DECOMPRESSOR, new HttpContentDecompressor(maxResponseBytes));
        pipeline.addLast(HttpPipeline.AGGREGATOR, new HttpObjectAggregator(maxResponseBytes));
        pipeline.addLast(HttpPipeline.IDLE_GUARD, IdleChannelGuard.INSTANCE);
    }
}
