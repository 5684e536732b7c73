package dev.webwxbot.core.internal.http;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * Where the transport reports each finished exchange when a session is recorded ({@code run --record}). The
 * transport always holds one: {@link #OFF} when nothing is recorded, so the hot path pays one no-op call and no
 * branch on a nullable field. Implementations must return at once: they are called on the event loop.
 */
sealed interface Recorder permits Recorder.Off, FileRecorder {

    /** Records nothing. */
    Recorder OFF = new Off();

    /** {@code response} is the future {@link HttpTransport#execute} returned for {@code request}. */
    void answered(HttpRequest request, CompletableFuture<HttpResponse> response);

    /**
     * A download ended: {@code response} with its body in {@code file}, or {@code failure}. Called on a file I/O
     * thread (it may read the file), before the caller is told, so the file is still where it was written.
     */
    void downloaded(HttpRequest request, Path file, FileResponse response, Throwable failure);

    /** Writes what is still queued and closes the file; later exchanges are not recorded. */
    void close();

    /** The null object. */
    record Off() implements Recorder {
        @Override
        public void answered(HttpRequest request, CompletableFuture<HttpResponse> response) {
        }

        @Override
        public void downloaded(HttpRequest request, Path file, FileResponse response, Throwable failure) {
        }

        @Override
        public void close() {
        }
    }
}
