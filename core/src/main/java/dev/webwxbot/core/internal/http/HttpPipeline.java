package dev.webwxbot.core.internal.http;

/**
 * The names of the handlers in a transport channel's pipeline, in pipeline order, in one place (as reactor-netty's
 * {@code NettyPipeline} does) so that per-exchange handlers can be inserted at the right spot.
 */
final class HttpPipeline {

    /** {@code SslHandler}; only on TLS endpoints. */
    static final String TLS = "tls";
    /** Per exchange: {@link ResponseWatchdog}, before the codec so that it sees raw bytes arrive. */
    static final String READ_TIMEOUT = "read-timeout";
    static final String CODEC = "http-codec";
    static final String DECOMPRESSOR = "decompressor";
    static final String AGGREGATOR = "aggregator";
    /** Per exchange: {@link ResponseHandler}. */
    static final String EXCHANGE = "exchange";
    /** Always last: {@link IdleChannelGuard}. */
    static final String IDLE_GUARD = "idle-guard";

    private HttpPipeline() {}
}
