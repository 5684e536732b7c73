package dev.webwxbot.emulator;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * One part of a {@code multipart/form-data} request the emulator received. Immutable and thread-safe.
 *
 * @param name        the {@code name} of its Content-Disposition
 * @param fileName    the {@code filename} of its Content-Disposition, or {@code null} when it has none
 * @param contentType its own {@code Content-Type}, or {@code null}
 * @param size        its length in bytes
 * @param md5         lowercase hex MD5 of its bytes
 * @param bytes       its bytes when at most {@value #KEPT_BYTES} long, else empty (only size and MD5 are kept)
 */
public record FormPart(String name, String fileName, String contentType, long size, String md5, byte[] bytes) {

    /** Parts up to this size keep their bytes; larger ones (file chunks) keep only size and MD5. */
    public static final int KEPT_BYTES = 64 * 1024;

    public FormPart {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(md5, "md5");
        bytes = bytes.clone();
    }

    @Override
    public byte[] bytes() {
        return bytes.clone();
    }

    /** The value decoded as UTF-8 (for the text fields). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return "FormPart[" + name + (fileName == null ? "" : ", file " + fileName) + ", " + size + " B]";
    }
}
