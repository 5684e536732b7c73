package dev.webwxbot.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The type of a saved media file from its first bytes (its magic number). The server's Content-Type cannot be
 * trusted for this: webwxgetmsgimg answers {@code image/jpeg} for every image, a PNG or a GIF included, so a file
 * named after the header would get the wrong extension. Only signatures long enough not to occur by chance at the
 * start of other media are recognised; anything else is left to the Content-Type. Stateless; thread-safe.
 */
final class MediaMagic {

    private static final int HEAD = 12;

    private MediaMagic() {
    }

    /** The Content-Type {@code file}'s first bytes announce, or empty when they announce none this class knows. */
    static Optional<String> contentType(Path file) throws IOException {
        byte[] head = new byte[HEAD];
        int read;
        try (InputStream in = Files.newInputStream(file)) {
            read = in.readNBytes(head, 0, HEAD);
        }
        return contentType(head, read);
    }

    static Optional<String> contentType(byte[] head, int length) {
        if (starts(head, length, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A)) return Optional.of("image/png");
        if (starts(head, length, 0xFF, 0xD8, 0xFF)) return Optional.of("image/jpeg");
        if (starts(head, length, 'G', 'I', 'F', '8', '7', 'a') || starts(head, length, 'G', 'I', 'F', '8', '9', 'a')) {
            return Optional.of("image/gif");
        }
        if (starts(head, length, 'R', 'I', 'F', 'F') && length >= 12 && head[8] == 'W' && head[9] == 'E'
                && head[10] == 'B' && head[11] == 'P') {
            return Optional.of("image/webp");
        }
        if (starts(head, length, '%', 'P', 'D', 'F', '-')) return Optional.of("application/pdf");
        return Optional.empty();
    }

    private static boolean starts(byte[] head, int length, int... signature) {
        if (length < signature.length) return false;
        for (int i = 0; i < signature.length; i++) {
            if ((head[i] & 0xFF) != signature[i]) return false;
        }
        return true;
    }
}
