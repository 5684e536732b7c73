package dev.webwxbot.core.internal.http;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.nio.channels.ClosedChannelException;

/**
 * Per exchange: turns the aggregated response into an {@link HttpResponse} (copying the body out, so no
 * {@code ByteBuf} outlives the handler) or the first error or close into a failure, and completes the promise once.
 * Consumes everything it sees, so nothing of the exchange reaches the {@link IdleChannelGuard}. Confined to the
 * channel's event loop.
 */
final class ResponseHandler extends ChannelInboundHandlerAdapter {

    private final Promise<Received<HttpResponse>> result;

    ResponseHandler(Promise<Received<HttpResponse>> result) {
        this.result = result;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof FullHttpResponse response)) {
                return; // the aggregator emits only full responses; anything else is not ours to interpret
            }
            if (response.decoderResult().isFailure()) {
                result.tryFailure(response.decoderResult().cause());
                return;
            }
            byte[] body = ByteBufUtil.getBytes(response.content());
            HttpHeaderList headerList = HttpHeaderList.of(response.headers());
            HttpResponse copy = new HttpResponse(response.status().code(), headerList, body);
            result.trySuccess(new Received<>(copy, copy.status(), headerList, HttpUtil.isKeepAlive(response), body.length));
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        result.tryFailure(cause);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        result.tryFailure(new ClosedChannelException());
        ctx.fireChannelInactive();
    }
}
