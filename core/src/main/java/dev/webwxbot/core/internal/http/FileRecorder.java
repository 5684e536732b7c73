package dev.webwxbot.core.internal.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every finished exchange as one JSON line to an owner-only file (format: docs/notes/record-replay.md). The
 * event loop only appends the request and its outcome to a queue; redacting, hashing media, serialising and writing
 * happen on one dedicated thread, in completion order, so recording never blocks I/O. Thread-safe; the transport
 * closes it.
 */
final class FileRecorder implements Recorder {

    /** The first line's {@code format}; the emulator's replay checks it. */
    static final String FORMAT = "webwx-bot-recording";
    static final int VERSION = 1;

    private static final Logger LOG = LoggerFactory.getLogger(FileRecorder.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Entry END = new Entry(null, 0, null, null, null);
    /** Response headers a replay or a bug report may need; the rest (Date, Server, Connection...) is noise. */
    private static final List<String> KEPT_HEADERS = List.of("Content-Type", "Location", "Content-Disposition");

    /** One finished exchange; {@code result} is an {@link HttpResponse} or {@link FileResponse}. */
    private record Entry(HttpRequest request, long nanos, Object result, String fileSha256, Throwable failure) {}

    private final BlockingQueue<Entry> queue = new LinkedBlockingQueue<>();
    private final BufferedWriter out;
    private final Thread writer;
    private final long startNanos = System.nanoTime();
    private final RecordingRedactor redactor = new RecordingRedactor();
    private volatile boolean closed;
    private long sequence; // writer thread only
    private boolean broken; // writer thread only

    private FileRecorder(BufferedWriter out) {
        this.out = out;
        this.writer = Thread.ofPlatform().name("webwx-recorder").daemon().unstarted(this::drain);
    }

    /** Creates (or replaces) {@code file}, readable and writable by its owner only, and starts the writer. */
    static FileRecorder open(Path file) throws IOException {
        Files.deleteIfExists(file); // an existing file keeps its permissions; a new one is created owner-only
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
        }
        BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        ObjectNode header = JSON.createObjectNode().put("format", FORMAT).put("version", VERSION);
        out.write(JSON.writeValueAsString(header));
        out.newLine();
        FileRecorder recorder = new FileRecorder(out);
        recorder.writer.start();
        return recorder;
    }

    @Override
    public void answered(HttpRequest request, CompletableFuture<HttpResponse> response) {
        response.whenComplete((answer, failure) -> enqueue(new Entry(request, System.nanoTime(), answer, null, failure)));
    }

    @Override
    public void downloaded(HttpRequest request, Path file, FileResponse response, Throwable failure) {
        long now = System.nanoTime();
        // Hashed here, on the file I/O thread, while the file is still where it was written (the caller may move it).
        String sha256 = !closed && response != null && response.successful() ? sha256Of(file) : null;
        enqueue(new Entry(request, now, response, sha256, failure));
    }

    private void enqueue(Entry entry) {
        if (!closed) {
            queue.add(entry); // unbounded: never blocks the event loop; bodies are shared, not copied
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        queue.add(END);
        try {
            writer.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void drain() {
        try (out) {
            while (true) {
                Entry entry = queue.take();
                if (entry == END) {
                    break;
                }
                write(entry);
                if (queue.isEmpty() && !broken) {
                    out.flush(); // a crash loses at most what is still queued
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.warn("the recording could not be closed: {}", e.toString());
        }
    }

    private void write(Entry entry) {
        if (broken) {
            return;
        }
        try {
            out.write(JSON.writeValueAsString(line(entry)));
            out.newLine();
        } catch (IOException | UncheckedIOException e) {
            broken = true; // the session goes on; only the recording stops
            LOG.warn("recording stopped: cannot write the file: {}", e.toString());
        }
    }

    private ObjectNode line(Entry entry) {
        HttpRequest request = entry.request();
        ObjectNode line = JSON.createObjectNode();
        line.put("seq", ++sequence);
        line.put("t", TimeUnit.NANOSECONDS.toMillis(entry.nanos() - startNanos));
        line.put("method", request.method());
        String host = request.uri().getHost().toLowerCase(Locale.ROOT);
        line.put("role", role(host));
        line.put("host", host);
        line.put("path", redactor.sweep(request.uri().getRawPath()));
        if (request.uri().getRawQuery() != null) {
            line.put("query", redactor.query(request.uri().getRawQuery()));
        }
        Optional<String> requestType = request.headers().stream()
                .filter(h -> h.getKey().equalsIgnoreCase("Content-Type")).map(Map.Entry::getValue).findFirst();
        if (request.body().length > 0) {
            line.set("request", body(requestType.orElse(""), request.body()));
        }
        switch (entry.result()) {
            case HttpResponse response -> {
                line.put("status", response.status());
                line.set("headers", headers(response.headers()));
                if (response.body().length > 0) {
                    line.set("response", body(response.header("Content-Type").orElse(""), response.body()));
                }
            }
            case FileResponse response -> {
                line.put("status", response.status());
                line.set("headers", headers(response.headers()));
                ObjectNode body = line.putObject("response");
                response.header("Content-Type").ifPresent(type -> body.put("type", type));
                if (entry.fileSha256() != null) {
                    body.put("sha256", entry.fileSha256());
                }
                body.put("size", response.savedBytes());
            }
            case null, default -> {
                Throwable failure = entry.failure() instanceof CompletionException wrapped && wrapped.getCause() != null
                        ? wrapped.getCause() : entry.failure();
                line.put("failure", failure instanceof TransportException transport ? transport.kind().name()
                        : failure == null ? "UNKNOWN" : failure.getClass().getSimpleName());
            }
        }
        return line;
    }

    /** PROTOCOL.md §1.1: login, API, file and push hosts; the replay reads the API host's family from it. */
    static String role(String host) {
        if (host.startsWith("login.")) return "login";
        if (host.startsWith("file.") || host.startsWith("file2.")) return "file";
        if (host.startsWith("webpush")) return "push";
        return "api";
    }

    private ObjectNode headers(HttpHeaderList headers) {
        ObjectNode kept = JSON.createObjectNode();
        for (String name : KEPT_HEADERS) {
            headers.first(name).ifPresent(value -> kept.put(name, name.equals("Location")
                    ? redactor.text(value) : value));
        }
        List<String> cookies = headers.all("Set-Cookie");
        if (!cookies.isEmpty()) {
            ArrayNode array = kept.putArray("Set-Cookie");
            cookies.forEach(cookie -> array.add(redactor.setCookie(cookie)));
        }
        return kept;
    }

    /** Text bodies redacted; media (and anything that is not text) as its SHA-256 and size only. */
    private ObjectNode body(String contentType, byte[] bytes) {
        ObjectNode body = JSON.createObjectNode();
        if (!contentType.isEmpty()) {
            body.put("type", contentType);
        }
        if (isText(contentType, bytes)) {
            body.put("text", redactor.text(new String(bytes, StandardCharsets.UTF_8)));
        } else {
            body.put("sha256", sha256(bytes)).put("size", bytes.length);
        }
        return body;
    }

    /** The file's SHA-256, or null when it cannot be read. */
    private static String sha256Of(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest digest = sha256();
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) > 0; ) {
                digest.update(buffer, 0, n);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (IOException e) {
            return null;
        }
    }

    static boolean isText(String contentType, byte[] bytes) {
        String type = contentType.toLowerCase(Locale.ROOT);
        if (type.isEmpty()) {
            // No type: text only if it decodes as UTF-8 without control bytes other than white space.
            return StandardCharsets.UTF_8.newDecoder()
                    .decode(ByteBuffer.wrap(bytes), CharBuffer.allocate(bytes.length), true).isUnderflow()
                    && noControlBytes(bytes);
        }
        return type.startsWith("text/") || type.contains("json") || type.contains("javascript")
                || type.contains("xml") || type.contains("x-www-form-urlencoded");
    }

    private static boolean noControlBytes(byte[] bytes) {
        for (byte b : bytes) {
            if (b >= 0 && b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    static String sha256(byte[] bytes) {
        return HexFormat.of().formatHex(sha256().digest(bytes));
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
