package dev.webwxbot.launcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest.BodyPublisher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MultipartTest {

    /** One part of a parsed body: its headers, as the fake daemon sees them, and its content. */
    record Part(String disposition, String contentType, byte[] content) {
        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }

        @Override
        public String toString() {
            return "Part[" + disposition + ", " + contentType + ", " + content.length + " bytes]";
        }
    }

    @TempDir
    Path dir;

    @Test
    void theBodyIsDelimitedWithCrlfAndTheBoundary() throws Exception {
        Multipart form = new Multipart().field("to", "Alice").file("file", Files.writeString(dir.resolve("a.txt"), "hi"));
        String boundary = form.contentType().substring("multipart/form-data; boundary=".length());
        String body = new String(bytes(form.publisher()), StandardCharsets.UTF_8);

        assertEquals("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"to\"\r\n"
                + "Content-Type: text/plain; charset=UTF-8\r\n\r\n"
                + "Alice\r\n"
                + "--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"file\"; filename=\"a.txt\"\r\n"
                + "Content-Type: text/plain\r\n\r\n"
                + "hi\r\n"
                + "--" + boundary + "--\r\n", body);
    }

    @Test
    void everyBodyHasItsOwnBoundary() {
        assertNotEquals(new Multipart().contentType(), new Multipart().contentType());
    }

    @Test
    void fileNamesCannotBreakOutOfTheirHeader() {
        assertEquals("a_b__Content-Type: x.txt", Multipart.sanitise("a\"b\r\nContent-Type: x.txt"));
        assertEquals(".._.._etc_passwd", Multipart.sanitise("../../etc/passwd"));
        assertEquals("C:_Windows_x", Multipart.sanitise("C:\\Windows\\x"));
        assertEquals("file", Multipart.sanitise(".."));
        assertEquals("file", Multipart.sanitise("   "));
        assertEquals("照片 2026.jpg", Multipart.sanitise("照片 2026.jpg"));
        assertEquals("a_b", Multipart.sanitise("a\u2028b"));
    }

    @Test
    void theFileIsStreamedAsItIsOnDisk() throws Exception {
        byte[] content = new byte[300_000];
        for (int i = 0; i < content.length; i++) content[i] = (byte) (i * 31);
        Path file = Files.write(dir.resolve("big.bin"), content);
        Multipart form = new Multipart().file("file", file);

        List<Part> parts = parse(bytes(form.publisher()), form.contentType().substring(form.contentType().indexOf('=') + 1));

        assertEquals(1, parts.size());
        assertEquals("application/octet-stream", parts.getFirst().contentType());
        assertTrue(Arrays.equals(content, parts.getFirst().content()));
    }

    /** Splits a multipart/form-data body into its parts, strictly: CRLF everywhere, the closing delimiter last. */
    static List<Part> parse(byte[] body, String boundary) {
        String text = new String(body, StandardCharsets.ISO_8859_1); // one char per byte, so offsets are byte offsets
        String delimiter = "--" + boundary;
        if (!text.startsWith(delimiter + "\r\n")) throw new AssertionError("body does not start with the boundary");
        if (!text.endsWith("\r\n" + delimiter + "--\r\n")) throw new AssertionError("body does not end with the close");
        List<Part> parts = new ArrayList<>();
        int at = delimiter.length() + 2;
        while (true) {
            int headersEnd = text.indexOf("\r\n\r\n", at);
            String disposition = null;
            String type = null;
            for (String header : text.substring(at, headersEnd).split("\r\n")) {
                String value = new String(header.substring(header.indexOf(':') + 1).strip().getBytes(StandardCharsets.ISO_8859_1),
                        StandardCharsets.UTF_8);
                if (header.regionMatches(true, 0, "Content-Disposition:", 0, 20)) disposition = value;
                if (header.regionMatches(true, 0, "Content-Type:", 0, 13)) type = value;
            }
            int end = text.indexOf("\r\n" + delimiter, headersEnd + 4);
            parts.add(new Part(disposition, type, Arrays.copyOfRange(body, headersEnd + 4, end)));
            at = end + 2 + delimiter.length();
            if (text.startsWith("--\r\n", at)) return parts;
            at += 2;
        }
    }

    /** What an HTTP client would send for {@code publisher}. */
    static byte[] bytes(BodyPublisher publisher) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        CompletableFuture<byte[]> done = new CompletableFuture<>();
        publisher.subscribe(new Flow.Subscriber<>() {
            @Override
            public void onSubscribe(Flow.Subscription subscription) {
                subscription.request(Long.MAX_VALUE);
            }

            @Override
            public void onNext(ByteBuffer item) {
                byte[] chunk = new byte[item.remaining()];
                item.get(chunk);
                out.writeBytes(chunk);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }

            @Override
            public void onComplete() {
                done.complete(out.toByteArray());
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }
}
