package dev.webwxbot.core.internal.http;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpObject;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.CompletionHandler;
import java.util.ArrayDeque;
import java.util.concurrent.RejectedExecutionException;

/**
 * Per exchange: writes the decoded body of a 2xx response into a file chunk by chunk as it arrives, one write at a
 * time in order, and completes the promise once the last chunk is on disk. No chunk is kept longer than its write:
 * while more than {@link #PAUSE_READING_AT} bytes wait for the disk, the socket is not read (back-pressure), so memory
 * stays bounded whatever the body's size. A body above the limit fails with {@code TOO_LARGE} at once (by its
 * {@code Content-Length} when it has one). The body of any other status is counted against the limit and dropped.
 * Confined to the channel's event loop; file writes run on {@link FileBodyReader#FILE_IO} and report back here.
 */
final class FileBodyHandler extends ChannelInboundHandlerAdapter {

    static final int PAUSE_READING_AT = 256 * 1024;

    private final Promise<Received<FileResponse>> result;
    private final AsynchronousFileChannel file;
    private final long maxBodyBytes;
    private final String request;
    private final ArrayDeque<ByteBuffer> unwritten = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private int status = -1;
    private HttpHeaderList headers = HttpHeaderList.empty();
    private boolean keepAlive;
    private boolean saveBody;
    /** Inside a 1xx interim response, whose (empty) content is not the body. */
    private boolean interim;
    private boolean lastChunkSeen;
    private long bodyBytes;
    private long unwrittenBytes;
    private long written;
    private boolean writing;
    private boolean readingPaused;

    FileBodyHandler(Promise<Received<FileResponse>> result, AsynchronousFileChannel file, long maxBodyBytes,
                    String request) {
        this.result = result;
        this.file = file;
        this.maxBodyBytes = maxBodyBytes;
        this.request = request;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        unwritten.clear();
        if (readingPaused) {
            readingPaused = false;
            ctx.channel().config().setAutoRead(true); // the connection goes back to the pool reading as usual
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (result.isDone() || !(msg instanceof HttpObject object)) {
                return; // after a failure the rest of the response is not ours to interpret
            }
            if (object.decoderResult().isFailure()) {
                result.tryFailure(object.decoderResult().cause());
                return;
            }
            if (object instanceof HttpResponse head && !start(head)) {
                return;
            }
            if (object instanceof HttpContent content && !interim && status != -1) {
                body(content.content());
            }
            if (object instanceof LastHttpContent) {
                if (interim) {
                    interim = false;
                } else if (status != -1) {
                    lastChunkSeen = true;
                    completeIfDone();
                }
            }
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!lastChunkSeen) {
            result.tryFailure(cause);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!lastChunkSeen) { // a close after the whole body arrived is the end of a Connection: close answer
            result.tryFailure(new ClosedChannelException());
        }
        ctx.fireChannelInactive();
    }

    /** @return false when the head ends the exchange (a declared body above the limit) */
    private boolean start(HttpResponse head) {
        if (head.status().codeClass() == HttpStatusClass.INFORMATIONAL) {
            interim = true;
            return true;
        }
        status = head.status().code();
        headers = HttpHeaderList.of(head.headers());
        keepAlive = HttpUtil.isKeepAlive(head);
        saveBody = status / 100 == 2;
        // After the decompressor a Content-Length, when still present, is the decoded length.
        long declared = HttpUtil.getContentLength(head, -1L);
        if (declared > maxBodyBytes) {
            tooLarge();
            return false;
        }
        return true;
    }

    private void body(ByteBuf chunk) {
        int size = chunk.readableBytes();
        bodyBytes += size;
        if (bodyBytes > maxBodyBytes) {
            tooLarge();
            return;
        }
        if (!saveBody || size == 0) {
            return;
        }
        // A heap copy: the file thread never touches a pooled buffer the event loop may recycle.
        ByteBuffer copy = ByteBuffer.allocate(size);
        chunk.getBytes(chunk.readerIndex(), copy);
        copy.flip();
        unwritten.add(copy);
        unwrittenBytes += size;
        if (unwrittenBytes >= PAUSE_READING_AT && !readingPaused) {
            readingPaused = true;
            ctx.channel().config().setAutoRead(false);
        }
        writeNext();
    }

    private void writeNext() {
        if (writing || unwritten.isEmpty() || result.isDone()) {
            return;
        }
        ByteBuffer next = unwritten.peek();
        writing = true;
        try {
            file.write(next, written, next, new CompletionHandler<>() {
                @Override
                public void completed(Integer count, ByteBuffer buffer) {
                    onLoop(() -> wrote(buffer, count));
                }

                @Override
                public void failed(Throwable failure, ByteBuffer buffer) {
                    onLoop(() -> {
                        writing = false;
                        result.tryFailure(new DiskWriteException(request, failure));
                    });
                }
            });
        } catch (RuntimeException e) { // the file was closed, or the executor refused the write
            writing = false;
            result.tryFailure(new DiskWriteException(request, e));
        }
    }

    private void wrote(ByteBuffer buffer, int count) {
        writing = false;
        written += count;
        if (!buffer.hasRemaining()) {
            unwritten.poll();
            unwrittenBytes -= buffer.limit();
        }
        if (readingPaused && unwrittenBytes < PAUSE_READING_AT / 4 && !result.isDone()) {
            readingPaused = false;
            ctx.channel().config().setAutoRead(true);
            ctx.read();
        }
        writeNext();
        completeIfDone();
    }

    private void completeIfDone() {
        if (lastChunkSeen && !writing && unwritten.isEmpty()) {
            result.trySuccess(new Received<>(new FileResponse(status, headers, saveBody ? written : 0), status, headers,
                    keepAlive, bodyBytes));
        }
    }

    private void tooLarge() {
        result.tryFailure(new TransportException(TransportException.Kind.TOO_LARGE,
                request + ": response body larger than " + maxBodyBytes + " bytes"));
    }

    /**
     * The file could not be written. The exchange reports it as a transport failure like any other; the download
     * unwraps it again, since it promises an {@link IOException}, not a network error, for a file it cannot write.
     */
    static final class DiskWriteException extends IOException {
        private static final long serialVersionUID = 1L;

        DiskWriteException(String request, Throwable cause) {
            super(request + ": cannot write the body to disk: " + cause, cause);
        }
    }

    private void onLoop(Runnable task) {
        try {
            ctx.executor().execute(task);
        } catch (RejectedExecutionException e) {
            // The transport has shut its event loops down; close() has already failed this exchange.
        }
    }
}
