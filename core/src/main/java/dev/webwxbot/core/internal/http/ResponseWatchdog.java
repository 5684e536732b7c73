package dev.webwxbot.core.internal.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.ReadTimeoutHandler;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per exchange: fails the exchange when the connection stays silent for the request's read timeout, and notes
 * whether any response byte arrived, which decides whether a failure on a reused connection may be retried. Added in
 * front of the codec when a request is sent and removed when it completes, so an idle pooled channel has no timer and
 * a long poll gets its own timeout. Confined to the channel's event loop.
 */
final class ResponseWatchdog extends ReadTimeoutHandler {

    private boolean responseStarted;

    ResponseWatchdog(Duration readTimeout) {
        super(readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        responseStarted = true;
        super.channelRead(ctx, msg);
    }

    boolean responseStarted() {
        return responseStarted;
    }
}
