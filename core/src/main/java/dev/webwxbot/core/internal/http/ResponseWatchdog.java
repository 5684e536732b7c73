package dev.webwxbot.core.internal.http;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.handler.timeout.ReadTimeoutException;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Per exchange: fails the exchange with a {@link ReadTimeoutException} and closes the connection once nothing has
 * moved for the request's read timeout, and notes whether any response byte arrived (which decides whether a failure
 * on a reused connection may be retried). Upload progress counts as movement, so a large body that takes longer than
 * the timeout to send is not cut off; after the body is sent, the timeout is the longest wait for the next response
 * byte. Added in front of the codec when a request is sent and removed when the exchange completes, so an idle
 * pooled channel keeps no timer and a long poll gets its own timeout. Confined to the channel's event loop.
 */
final class ResponseWatchdog extends IdleStateHandler {

    private boolean responseStarted;
    private boolean timedOut;

    ResponseWatchdog(Duration readTimeout) {
        // "All idle" with output observed: reads, completed writes and partial flush progress all reset the clock.
        super(true, 0, 0, readTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        responseStarted = true;
        super.channelRead(ctx, msg);
    }

    @Override
    protected void channelIdle(ChannelHandlerContext ctx, IdleStateEvent event) {
        if (!timedOut) {
            timedOut = true;
            ctx.fireExceptionCaught(ReadTimeoutException.INSTANCE);
            ctx.close();
        }
    }

    boolean responseStarted() {
        return responseStarted;
    }
}
