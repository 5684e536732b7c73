package dev.webwxbot.core.internal.http;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;

/**
 * The last handler of every transport channel. During an exchange the {@link ResponseHandler} in front of it
 * consumes everything; when something still reaches this guard, the channel is idle in the pool, so data or an error
 * there means the connection is no longer in a known state: release and close. Stateless, shared.
 */
@Sharable
final class IdleChannelGuard extends ChannelInboundHandlerAdapter {

    static final IdleChannelGuard INSTANCE = new IdleChannelGuard();

    private IdleChannelGuard() {}

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
        ctx.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
