package dev.webwxbot.core.internal.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.zip.GZIPOutputStream;

/**
 * A small HTTP/1.1 server for transport tests, in the spirit of okhttp's MockWebServer: a responder function decides
 * each answer (status, headers, body, delay, or dropping the connection unanswered), and the server records every
 * request and counts accepted connections. Plain or TLS. Thread-safe.
 */
final class LocalHttpServer implements AutoCloseable {

    /** A request as the server received it. */
    record Recorded(String method, String uri, HttpHeaderList headers, byte[] body, int connection,
                    int indexOnConnection) {
        String header(String name) {
            return headers.first(name).orElse(null);
        }
    }

    /** What to answer; build with the static factories and the {@code with*} copies. */
    record Reply(int status, List<Map.Entry<String, String>> headers, byte[] body, Duration delay, boolean gzip,
                 boolean drop) {

        static Reply ok(String body) {
            return status(200, body);
        }

        static Reply status(int status, String body) {
            return new Reply(status, List.of(), body.getBytes(StandardCharsets.UTF_8), Duration.ZERO, false, false);
        }

        static Reply bytes(byte[] body) {
            return new Reply(200, List.of(), body, Duration.ZERO, false, false);
        }

        /** Close the connection without answering, as a server does with a connection it considers idle. */
        static Reply dropConnection() {
            return new Reply(0, List.of(), new byte[0], Duration.ZERO, false, true);
        }

        Reply withHeader(String name, String value) {
            List<Map.Entry<String, String>> more = new ArrayList<>(headers);
            more.add(Map.entry(name, value));
            return new Reply(status, List.copyOf(more), body, delay, gzip, drop);
        }

        Reply withDelay(Duration delay) {
            return new Reply(status, headers, body, delay, gzip, drop);
        }

        Reply gzipped() {
            return new Reply(status, headers, body, delay, true, drop);
        }
    }

    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicInteger accepted = new AtomicInteger();
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final Channel serverChannel;
    private final boolean tls;

    private LocalHttpServer(SslContext sslContext, Function<Recorded, Reply> responder) {
        this.tls = sslContext != null;
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        int connection = accepted.incrementAndGet();
                        connections.add(channel);
                        if (sslContext != null) {
                            channel.pipeline().addLast(sslContext.newHandler(channel.alloc()));
                        }
                        channel.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(16 * 1024 * 1024),
                                new Responder(connection, responder));
                    }
                });
        this.serverChannel = bootstrap.bind("127.0.0.1", 0).syncUninterruptibly().channel();
    }

    static LocalHttpServer start(Function<Recorded, Reply> responder) {
        return new LocalHttpServer(null, responder);
    }

    static LocalHttpServer startTls(SslContext sslContext, Function<Recorded, Reply> responder) {
        return new LocalHttpServer(sslContext, responder);
    }

    /** {@code http://127.0.0.1:port} or {@code https://...}: what {@link OriginResolver#fixed} takes. */
    URI uri() {
        int port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
        return URI.create((tls ? "https" : "http") + "://127.0.0.1:" + port);
    }

    int port() {
        return uri().getPort();
    }

    int connectionsAccepted() {
        return accepted.get();
    }

    List<Recorded> requests() {
        return List.copyOf(requests);
    }

    Recorded lastRequest() {
        return requests.getLast();
    }

    /** Closes every accepted connection, as a server's idle timeout would, and waits until they are closed. */
    void closeAllConnections() {
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        serverChannel.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        connections.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }

    private final class Responder extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final int connection;
        private final Function<Recorded, Reply> responder;
        private int index;

        Responder(int connection, Function<Recorded, Reply> responder) {
            this.connection = connection;
            this.responder = responder;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
            List<Map.Entry<String, String>> headers = new ArrayList<>();
            request.headers().forEach(headers::add);
            Recorded recorded = new Recorded(request.method().name(), request.uri(), HttpHeaderList.of(headers),
                    ByteBufUtil.getBytes(request.content()), connection, ++index);
            requests.add(recorded);
            Reply reply = responder.apply(recorded);
            boolean keepAlive = HttpUtil.isKeepAlive(request);
            if (reply.delay().isZero()) {
                answer(ctx, reply, keepAlive);
            } else {
                ctx.executor().schedule(() -> answer(ctx, reply, keepAlive), reply.delay().toMillis(),
                        TimeUnit.MILLISECONDS);
            }
        }

        private void answer(ChannelHandlerContext ctx, Reply reply, boolean keepAlive) {
            if (reply.drop()) {
                ctx.close();
                return;
            }
            byte[] body = reply.gzip() ? gzip(reply.body()) : reply.body();
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(body));
            response.headers().set(HttpHeaderNames.CONTENT_LENGTH, body.length);
            if (reply.gzip()) {
                response.headers().set(HttpHeaderNames.CONTENT_ENCODING, "gzip");
            }
            reply.headers().forEach(header -> response.headers().add(header.getKey(), header.getValue()));
            boolean close = !keepAlive || "close".equalsIgnoreCase(response.headers().get(HttpHeaderNames.CONNECTION));
            var written = ctx.writeAndFlush(response);
            if (close) {
                written.addListener(ChannelFutureListener.CLOSE);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
