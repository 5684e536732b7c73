package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.internal.fault.FaultPlan;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The Netty HTTP/1.1 server: keep-alive, bounded request sizes, a handful of event-loop threads and no thread per
 * connection or per long poll. Closing it stops listening and releases the threads.
 */
public final class EmulatorServer implements AutoCloseable {
    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int MAX_HEADER_SIZE = 64 * 1024;
    private static final int EVENT_LOOP_THREADS = 2;

    private final EventLoopGroup group;
    private final Channel serverChannel;

    private EmulatorServer(EventLoopGroup group, Channel serverChannel) {
        this.group = group;
        this.serverChannel = serverChannel;
    }

    /** Speaks TLS on every connection when {@code tls} is not null. */
    public static EmulatorServer start(World world, RequestRecorder recorder, FaultPlan faults, SslContext tls) {
        EmulatorSettings settings = world.settings;
        RequestHandler handler = new RequestHandler(new Router(world, new HostDirectory(), faults), recorder);
        // Named, so that load tools and thread dumps can tell the emulator's threads from the client's.
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(EVENT_LOOP_THREADS,
                new DefaultThreadFactory("emulator-io"), NioIoHandler.newFactory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (tls != null) {
                                ch.pipeline().addLast(tls.newHandler(ch.alloc()));
                            }
                            ch.pipeline()
                                    .addLast(new HttpServerCodec(new HttpDecoderConfig()
                                            .setMaxInitialLineLength(MAX_INITIAL_LINE)
                                            .setMaxHeaderSize(MAX_HEADER_SIZE)))
                                    .addLast(new HttpObjectAggregator(settings.maxRequestBodyBytes()))
                                    .addLast(handler);
                        }
                    })
                    .bind(settings.bindAddress(), settings.port())
                    .syncUninterruptibly()
                    .channel();
            return new EmulatorServer(group, channel);
        } catch (RuntimeException e) {
            group.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS);
            throw e;
        }
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }
}
