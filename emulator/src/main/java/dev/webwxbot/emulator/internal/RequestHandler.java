package dev.webwxbot.emulator.internal;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.util.Attribute;
import io.netty.util.AttributeKey;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns each aggregated request into an {@link Exchange}, records it and routes it. Any failure is logged once and
 * answered with a 500; nothing escapes to kill the server. Stateless, hence shared by all channels.
 */
@ChannelHandler.Sharable
final class RequestHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(RequestHandler.class);
    private static final AttributeKey<InOrder> IN_ORDER = AttributeKey.valueOf("webwx.inOrder");

    private final Router router;
    private final RequestRecorder recorder;

    RequestHandler(Router router, RequestRecorder recorder) {
        this.router = router;
        this.recorder = recorder;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            var response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.EMPTY_BUFFER);
            response.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, 0);
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        Exchange ex = Exchange.of(ctx, request);
        // Only method, host and path are logged: queries, cookies and bodies carry skey, sid and pass_ticket.
        LOG.debug("{} {}{}", ex.method(), ex.host(), ex.path());
        if (!ex.path().startsWith(ControlApi.PREFIX)) {
            recorder.record(ex.toRecordedRequest());
        }
        // HTTP/1.1 answers go out in request order: a pipelined request waits until the one before it is answered.
        Attribute<InOrder> attribute = ctx.channel().attr(IN_ORDER);
        if (attribute.get() == null) {
            attribute.set(new InOrder());
        }
        InOrder queue = attribute.get();
        ex.afterAnswer(() -> {
            Exchange next = queue.waiting.pollFirst();
            if (next == null) {
                queue.busy = false;
            } else {
                dispatch(next);
            }
        });
        if (queue.busy) {
            queue.waiting.addLast(ex);
            return;
        }
        queue.busy = true;
        dispatch(ex);
    }

    /** Per-channel ordering state; only touched on the channel's event loop. */
    private static final class InOrder {
        final Deque<Exchange> waiting = new ArrayDeque<>();
        boolean busy;
    }

    private void dispatch(Exchange ex) {
        try {
            router.route(ex);
        } catch (RuntimeException e) {
            LOG.warn("{} {}{} failed", ex.method(), ex.host(), ex.path(), e);
            ex.reply(Reply.html(500, "<html><body><h1>500 Internal Server Error</h1></body></html>"));
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A TLS failure reaches here wrapped by the SslHandler's decoder; like a reset, it is the peer's doing (a
        // client that does not trust the certificate, or that closes mid-record), not the emulator's.
        boolean peers = cause instanceof IOException
                || cause instanceof DecoderException && cause.getCause() instanceof IOException;
        if (peers) {
            LOG.debug("connection error: {}", cause.toString());
        } else {
            LOG.warn("channel failure", cause);
        }
        ctx.close();
    }
}
