package dev.webwxbot.core.internal.http;

import io.netty.channel.ChannelHandler;
import io.netty.util.concurrent.Promise;
import java.nio.channels.AsynchronousFileChannel;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Streams the response body into an open file through a {@link FileBodyHandler}, in front of the aggregator. */
final class FileBodyReader implements BodyReader<FileResponse> {

    /**
     * Runs the file writes and their completions. Virtual threads: a slow disk parks them, never an event loop, and
     * an idle executor of this kind holds no thread, so it is shared and never shut down.
     */
    static final ExecutorService FILE_IO =
            Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("http-file-io-", 0).factory());

    private final AsynchronousFileChannel file;
    private final long maxBodyBytes;
    private final String request;

    FileBodyReader(AsynchronousFileChannel file, long maxBodyBytes, String request) {
        this.file = file;
        this.maxBodyBytes = maxBodyBytes;
        this.request = request;
    }

    @Override
    public ChannelHandler newHandler(Promise<Received<FileResponse>> result) {
        return new FileBodyHandler(result, file, maxBodyBytes, request);
    }

    @Override
    public String insertBefore() {
        // After the decompressor (so the file gets the decoded bytes), before the aggregator (which never sees them).
        return HttpPipeline.AGGREGATOR;
    }
}
