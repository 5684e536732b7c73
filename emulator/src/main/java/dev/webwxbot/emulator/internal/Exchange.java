package dev.webwxbot.emulator.internal;

import dev.webwxbot.emulator.RecordedRequest;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelOption;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpContent;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslHandler;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import java.util.zip.GZIPOutputStream;

/**
 * One request and the means to answer it exactly once, now or later. The request is copied out of Netty's buffers
 * so that it can be inspected from any thread; answering is thread-safe.
 */
final class Exchange {
    private static final Pattern PLAIN_AUTHORITY = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:\\d{1,5})?|\\[[0-9A-Fa-f:.]{2,45}](:\\d{1,5})?");

    private final ChannelHandlerContext ctx;
    private final String method;
    private final String host;
    /** The authority as sent ({@code Host}, or an absolute URI's), port included; {@code ""} when absent. */
    private final String authority;
    private final boolean tls;
    private final String path;
    private final QueryString query;
    private final HttpHeaders headers;
    private final Map<String, String> cookies;
    private final byte[] body;
    private final boolean keepAlive;
    private final boolean acceptsGzip;
    private final AtomicBoolean answered = new AtomicBoolean();
    private final List<Map.Entry<String, String>> headersForEveryAnswer = new CopyOnWriteArrayList<>();
    private volatile Runnable afterAnswer = () -> { };
    /** Fault injection: rewrites the answer before it is sent (identity unless a fault is armed). */
    private volatile UnaryOperator<Reply> replyFilter = UnaryOperator.identity();
    /** Fault injection: how the answer is cut off on the wire; {@code null} sends it whole. */
    private volatile BrokenAnswer brokenAnswer;
    /** Set by the router once it knows whether the Host is a WeChat host name. */
    private volatile ClientOrigin origin = ClientOrigin.WECHAT_HOSTS;

    /** Ways an answer can be cut off on the wire (fault injection). */
    enum BrokenAnswer {
        /** Half the body, then a TCP reset. */
        RESET,
        /** Half the body of a full Content-Length, then a normal close. */
        TRUNCATED,
        /** Nothing: the request was handled, its answer is never sent (the client's time-out ends it). */
        SILENT
    }

    private Exchange(ChannelHandlerContext ctx, FullHttpRequest request) {
        this.ctx = ctx;
        this.method = request.method().name();
        this.headers = request.headers().copy();
        String uri = request.uri();
        int hash = uri.indexOf('#');
        if (hash >= 0) {
            uri = uri.substring(0, hash);
        }
        String hostHeader = headers.get(HttpHeaderNames.HOST);
        if (uri.startsWith("http://") || uri.startsWith("https://")) {
            // Absolute form (a client using the emulator as its HTTP proxy): the URI's authority wins (RFC 9112 3.2.2).
            int authorityStart = uri.indexOf("//") + 2;
            int slash = uri.indexOf('/', authorityStart);
            int question = uri.indexOf('?', authorityStart);
            int end = slash < 0 ? (question < 0 ? uri.length() : question) : (question < 0 ? slash : Math.min(slash, question));
            hostHeader = uri.substring(authorityStart, end);
            uri = end == uri.length() ? "/" : (uri.charAt(end) == '?' ? "/" + uri.substring(end) : uri.substring(end));
        }
        this.host = HostDirectory.normalise(hostHeader);
        this.authority = authority(hostHeader, ctx);
        this.tls = ctx.pipeline().get(SslHandler.class) != null;
        int question = uri.indexOf('?');
        this.path = QueryString.percentDecode(question < 0 ? uri : uri.substring(0, question));
        this.query = QueryString.parse(question < 0 ? "" : uri.substring(question + 1));
        this.cookies = CookieCodec.parse(headers.getAll(HttpHeaderNames.COOKIE));
        this.body = ByteBufUtil.getBytes(request.content());
        this.keepAlive = HttpUtil.isKeepAlive(request);
        String acceptEncoding = headers.get(HttpHeaderNames.ACCEPT_ENCODING, "");
        this.acceptsGzip = acceptEncoding.toLowerCase(Locale.ROOT).contains("gzip");
    }

    /**
     * The authority a client named, if it is a plain {@code host[:port]}; otherwise (absent, or with characters that
     * have no place in a host name) the address the connection came in on. It is echoed into redirect URLs.
     */
    private static String authority(String hostHeader, ChannelHandlerContext ctx) {
        String named = hostHeader == null ? "" : hostHeader.trim();
        if (PLAIN_AUTHORITY.matcher(named).matches()) {
            return named;
        }
        if (ctx.channel().localAddress() instanceof InetSocketAddress local) {
            String address = local.getAddress().getHostAddress();
            return (address.contains(":") ? "[" + address + "]" : address) + ":" + local.getPort();
        }
        return "127.0.0.1";
    }

    static Exchange of(ChannelHandlerContext ctx, FullHttpRequest request) {
        return new Exchange(ctx, request);
    }

    String method() {
        return method;
    }

    String host() {
        return host;
    }

    String path() {
        return path;
    }

    /** The {@code Host} header (or absolute URI authority) as the client sent it, port included. */
    String authority() {
        return authority;
    }

    /** Whether this request came over TLS. */
    boolean tls() {
        return tls;
    }

    /** How the client reached the emulator (see {@link ClientOrigin}); WeChat host names until routed. */
    ClientOrigin origin() {
        return origin;
    }

    void origin(ClientOrigin origin) {
        this.origin = origin;
    }

    QueryString query() {
        return query;
    }

    String header(String name) {
        return headers.get(name);
    }

    Map<String, String> cookies() {
        return cookies;
    }

    byte[] body() {
        return body;
    }

    RecordedRequest toRecordedRequest() {
        Map<String, List<String>> headerMap = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, String> header : headers) {
            headerMap.computeIfAbsent(header.getKey(), n -> new ArrayList<>()).add(header.getValue());
        }
        String contentType = headers.get(HttpHeaderNames.CONTENT_TYPE);
        if (Multipart.isMultipart(contentType)) {
            // Form bodies are uploads: kept as parts (large ones by size and MD5) so a long run cannot pile up chunks.
            java.util.List<dev.webwxbot.emulator.FormPart> parts = formParts().stream().map(part ->
                    new dev.webwxbot.emulator.FormPart(part.name(), part.fileName(), part.contentType(),
                            part.data().length, MediaStore.md5(part.data()),
                            part.data().length <= dev.webwxbot.emulator.FormPart.KEPT_BYTES ? part.data() : new byte[0]))
                    .toList();
            return new RecordedRequest(method, host, path, query.decodedView(), headerMap, cookies, new byte[0], parts);
        }
        return new RecordedRequest(method, host, path, query.decodedView(), headerMap, cookies, body);
    }

    private java.util.List<Multipart.Part> parsedParts;

    /** The parts of a multipart body (parsed once), empty when the body is not one. */
    synchronized java.util.List<Multipart.Part> formParts() {
        if (parsedParts == null) {
            parsedParts = Multipart.parse(headers.get(HttpHeaderNames.CONTENT_TYPE), body).orElse(java.util.List.of());
        }
        return parsedParts;
    }

    /** Runs on the channel's event loop once the answer has been handed to the channel. */
    void afterAnswer(Runnable action) {
        this.afterAnswer = action;
    }

    /** Adds a header to whatever answer this exchange ends up sending (e.g. the API hosts' HSTS header). */
    void addHeaderToAnswer(String name, String value) {
        headersForEveryAnswer.add(Map.entry(name, value));
    }

    /** Rewrites whatever answer this exchange ends up sending (applied after any filter added before). */
    void filterReply(UnaryOperator<Reply> filter) {
        UnaryOperator<Reply> before = replyFilter;
        replyFilter = reply -> filter.apply(before.apply(reply));
    }

    /** Cuts the answer off on the wire instead of sending it whole. */
    void breakAnswer(BrokenAnswer how) {
        this.brokenAnswer = how;
    }

    /** Runs {@code action} on this channel's event loop after {@code delay}. */
    void later(Duration delay, Runnable action) {
        ctx.executor().schedule(action, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Sends the answer unless one was already sent; returns whether this call sent it. */
    boolean reply(Reply reply) {
        if (!answered.compareAndSet(false, true)) {
            return false;
        }
        Reply filtered = replyFilter.apply(reply);
        BrokenAnswer broken = brokenAnswer;
        if (broken == BrokenAnswer.SILENT) {
            return true; // answered, as far as the handler knows; the wire stays quiet
        }
        if (broken != null) {
            return sendBroken(filtered, broken);
        }
        FullHttpResponse response = toNetty(filtered);
        try {
            ctx.channel().eventLoop().execute(() -> {
                var future = ctx.writeAndFlush(response);
                if (!keepAlive) {
                    future.addListener(ChannelFutureListener.CLOSE);
                }
                // A held request paused reading; resume now.
                ctx.channel().config().setAutoRead(true);
                afterAnswer.run();
            });
        } catch (RejectedExecutionException e) {
            // The emulator is closing and its connections with it: nothing left to answer.
            response.release();
            return false;
        }
        return true;
    }

    /**
     * Defers the answer without holding a thread: the caller registers the returned handle where events can complete
     * it; if nothing does within {@code hold}, {@code onTimeout} supplies the answer (on the channel's event loop).
     */
    HeldReply hold(Duration hold, Supplier<Reply> onTimeout) {
        HeldReply held = new HeldReply(this);
        ctx.channel().config().setAutoRead(false);
        held.timer(ctx.executor().schedule(() -> {
            if (!held.isDone()) {
                held.complete(onTimeout.get());
            }
        }, hold.toNanos(), TimeUnit.NANOSECONDS));
        return held;
    }

    /** Status line, headers with the full Content-Length and half the body; then a reset or a plain close. */
    private boolean sendBroken(Reply reply, BrokenAnswer how) {
        byte[] payload = reply.body();
        HttpResponse head = new DefaultHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(reply.status()));
        if (reply.contentType() != null) {
            head.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        head.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, payload.length);
        byte[] half = java.util.Arrays.copyOf(payload, payload.length / 2);
        try {
            ctx.channel().eventLoop().execute(() -> {
                ctx.write(head);
                ctx.writeAndFlush(new DefaultHttpContent(Unpooled.wrappedBuffer(half))).addListener(written -> {
                    if (how == BrokenAnswer.RESET) {
                        // Linger 0: close() sends RST instead of FIN, as a dropped server connection looks.
                        ctx.channel().config().setOption(ChannelOption.SO_LINGER, 0);
                    }
                    ctx.channel().close();
                });
            });
        } catch (RejectedExecutionException e) {
            return false;
        }
        return true;
    }

    private FullHttpResponse toNetty(Reply reply) {
        byte[] payload = reply.body();
        boolean gzip = reply.compressible() && acceptsGzip && payload.length > 0;
        if (gzip) {
            payload = gzip(payload);
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(payload));
        HttpHeaders out = response.headers();
        out.set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        if (reply.contentType() != null) {
            out.set(HttpHeaderNames.CONTENT_TYPE, reply.contentType());
        }
        for (Map.Entry<String, String> header : reply.headers()) {
            out.add(header.getKey(), header.getValue());
        }
        for (Map.Entry<String, String> header : headersForEveryAnswer) {
            out.add(header.getKey(), header.getValue());
        }
        if (gzip) {
            out.set(HttpHeaderNames.CONTENT_ENCODING, HttpHeaderValues.GZIP);
        }
        out.setInt(HttpHeaderNames.CONTENT_LENGTH, payload.length);
        return response;
    }

    private static byte[] gzip(byte[] plain) {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(plain.length / 2 + 64);
        try (GZIPOutputStream out = new GZIPOutputStream(buffer)) {
            out.write(plain);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return buffer.toByteArray();
    }
}
