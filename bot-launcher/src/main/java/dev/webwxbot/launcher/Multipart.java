package dev.webwxbot.launcher;

import java.io.FileNotFoundException;
import java.net.URLConnection;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A {@code multipart/form-data} body (RFC 7578) for the JDK's HTTP client, which has no builder for one: text fields
 * and files, the files streamed from disk rather than read into memory. Not thread-safe; build, then send once.
 */
final class Multipart {

    private static final String CRLF = "\r\n";

    // Random, so no file can contain it by accident (and none can be crafted to, not knowing it in advance).
    private final String boundary = "webwx-bot-" + UUID.randomUUID().toString().replace("-", "");
    private final List<BodyPublisher> parts = new ArrayList<>();

    /** The Content-Type header naming this body's boundary. */
    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    Multipart field(String name, String value) {
        head("form-data; name=\"" + quoted(name) + "\"", "text/plain; charset=UTF-8");
        parts.add(BodyPublishers.ofString(value + CRLF, StandardCharsets.UTF_8));
        return this;
    }

    /** A file part; its filename is the file's own name, sanitised. */
    Multipart file(String name, Path file) throws FileNotFoundException {
        String filename = sanitise(String.valueOf(file.getFileName()));
        String type = URLConnection.guessContentTypeFromName(filename);
        head("form-data; name=\"" + quoted(name) + "\"; filename=\"" + filename + "\"",
                type == null ? "application/octet-stream" : type);
        parts.add(BodyPublishers.ofFile(file));
        parts.add(BodyPublishers.ofString(CRLF));
        return this;
    }

    /** The whole body, closing delimiter included. */
    BodyPublisher publisher() {
        List<BodyPublisher> all = new ArrayList<>(parts);
        all.add(BodyPublishers.ofString("--" + boundary + "--" + CRLF));
        return BodyPublishers.concat(all.toArray(BodyPublisher[]::new));
    }

    private void head(String disposition, String type) {
        parts.add(BodyPublishers.ofString("--" + boundary + CRLF + "Content-Disposition: " + disposition + CRLF
                + "Content-Type: " + type + CRLF + CRLF, StandardCharsets.UTF_8));
    }

    /**
     * A file name safe inside a quoted header value: no CR, LF or other control characters (a header could be
     * forged), no quote or backslash (the value could be ended early), no path (a careless receiver could write
     * outside its folder). Other characters, CJK included, are sent as UTF-8, as RFC 7578 allows.
     */
    static String sanitise(String filename) {
        StringBuilder out = new StringBuilder(filename.length());
        filename.codePoints().forEach(cp -> out.appendCodePoint(
                Character.isISOControl(cp) || cp == '"' || cp == '\\' || cp == '/' || cp == 0x2028 || cp == 0x2029
                        ? '_' : cp));
        String name = out.toString().strip();
        return name.isEmpty() || name.chars().allMatch(c -> c == '.') ? "file" : name;
    }

    private static String quoted(String name) {
        if (!name.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
            throw new IllegalArgumentException("field name must be plain ASCII: " + name);
        }
        return name;
    }
}
