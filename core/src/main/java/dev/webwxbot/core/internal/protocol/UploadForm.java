package dev.webwxbot.core.internal.protocol;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The {@code multipart/form-data} body of one {@code webwxuploadmedia} request, fields in the order the browser's
 * WebUploader sends them (PROTOCOL.md 6.2). Not thread-safe; one per request.
 */
final class UploadForm {
    private static final char[] BOUNDARY_CHARS =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final String boundary = newBoundary();
    private final ByteArrayOutputStream out;

    UploadForm(int expectedBytes) {
        this.out = new ByteArrayOutputStream(expectedBytes + 4096);
    }

    UploadForm field(String name, String value) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
        return this;
    }

    /** The file part; {@code fileName} must already be free of quotes and line breaks. */
    UploadForm file(String fileName, byte[] data, int length) {
        write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"filename\"; filename=\"" + fileName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
        out.write(data, 0, length);
        write("\r\n");
        return this;
    }

    String contentType() {
        return "multipart/form-data; boundary=" + boundary;
    }

    byte[] finish() {
        write("--" + boundary + "--\r\n");
        return out.toByteArray();
    }

    private void write(String text) {
        out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A boundary shaped like Chrome's. */
    private static String newBoundary() {
        StringBuilder boundary = new StringBuilder("----WebKitFormBoundary");
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int i = 0; i < 16; i++) {
            boundary.append(BOUNDARY_CHARS[random.nextInt(BOUNDARY_CHARS.length)]);
        }
        return boundary.toString();
    }
}
