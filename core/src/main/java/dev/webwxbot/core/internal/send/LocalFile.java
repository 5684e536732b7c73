package dev.webwxbot.core.internal.send;

import dev.webwxbot.api.FailureReason;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousFileChannel;
import java.nio.channels.CompletionHandler;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;

/**
 * A file being uploaded, read chunk by chunk without blocking any thread: the whole file is never in memory.
 * Closed by its owner once the upload is over. One upload at a time; not thread-safe.
 */
final class LocalFile implements AutoCloseable {
    private static final int SNIFF_BYTES = 16;

    private final Path path;
    private final AsynchronousFileChannel channel;
    private final long size;
    private final Instant lastModified;

    private LocalFile(Path path, AsynchronousFileChannel channel, long size, Instant lastModified) {
        this.path = path;
        this.channel = channel;
        this.size = size;
        this.lastModified = lastModified;
    }

    /**
     * The size of a regular, non-empty file, or fails with {@code INVALID_REQUEST}; opens nothing, so a send can be
     * refused before it is queued and the file opened only when the send runs.
     */
    static long checkedSize(Path path) {
        try {
            return checkedAttributes(path).size();
        } catch (IOException e) {
            throw cannotRead(path, e);
        }
    }

    /** Opens a regular, readable, non-empty file, or fails with {@code INVALID_REQUEST}. */
    static LocalFile open(Path path) {
        try {
            BasicFileAttributes attributes = checkedAttributes(path);
            return new LocalFile(path, AsynchronousFileChannel.open(path, StandardOpenOption.READ), attributes.size(),
                    attributes.lastModifiedTime().toInstant());
        } catch (IOException e) {
            throw cannotRead(path, e);
        }
    }

    private static BasicFileAttributes checkedAttributes(Path path) throws IOException {
        BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
        if (!attributes.isRegularFile()) {
            throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0, "not a regular file: " + path.getFileName());
        }
        if (attributes.size() == 0) {
            throw new OutgoingFailure(FailureReason.INVALID_REQUEST, 0, "empty file: " + path.getFileName());
        }
        return attributes;
    }

    private static OutgoingFailure cannotRead(Path path, IOException e) {
        return new OutgoingFailure(FailureReason.INVALID_REQUEST, 0, "cannot read " + path.getFileName() + ": "
                + e.getClass().getSimpleName());
    }

    long size() {
        return size;
    }

    Instant lastModified() {
        return lastModified;
    }

    String fileName() {
        Path name = path.getFileName();
        return name == null ? "file" : name.toString();
    }

    /** Reads {@code length} bytes at {@code position} into a fresh array (shorter only at the end of the file). */
    CompletableFuture<byte[]> read(long position, int length) {
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.min(length, Math.max(0, size - position)));
        CompletableFuture<byte[]> result = new CompletableFuture<>();
        readInto(buffer, position, result);
        return result;
    }

    private void readInto(ByteBuffer buffer, long position, CompletableFuture<byte[]> result) {
        if (!buffer.hasRemaining()) {
            result.complete(buffer.array());
            return;
        }
        channel.read(buffer, position, null, new CompletionHandler<Integer, Void>() {
            @Override
            public void completed(Integer read, Void attachment) {
                if (read < 0) {
                    result.completeExceptionally(new OutgoingFailure(FailureReason.INVALID_REQUEST, 0,
                            fileName() + " shrank while being sent"));
                } else {
                    readInto(buffer, position + read, result);
                }
            }

            @Override
            public void failed(Throwable failure, Void attachment) {
                result.completeExceptionally(new OutgoingFailure(FailureReason.INVALID_REQUEST, 0,
                        "cannot read " + fileName() + ": " + failure.getClass().getSimpleName()));
            }
        });
    }

    /** The first bytes, for recognising the content. */
    CompletableFuture<byte[]> head() {
        return read(0, SNIFF_BYTES);
    }

    /** The lowercase hex MD5 of the whole file, read in {@code chunkSize} pieces. */
    CompletableFuture<String> md5(int chunkSize) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is a required JDK algorithm", e);
        }
        return digestFrom(digest, 0, chunkSize).thenApply(done -> HexFormat.of().formatHex(digest.digest()));
    }

    private CompletableFuture<Void> digestFrom(MessageDigest digest, long position, int chunkSize) {
        if (position >= size) {
            return CompletableFuture.completedFuture(null);
        }
        return read(position, chunkSize).thenCompose(bytes -> {
            digest.update(bytes);
            return digestFrom(digest, position + bytes.length, chunkSize);
        });
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // Nothing was written; a failed close of a read channel loses nothing.
        }
    }
}
