package dev.webwxbot.core.internal.media;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The type of a saved media file from its first bytes (its magic number). The server's Content-Type cannot be
 * trusted for this: webwxgetmsgimg answers {@code image/jpeg} for every image and sticker, a PNG or a GIF included,
 * and what webwxgetvoice serves as {@code audio/mp3} need not be MP3. A small table of signatures is enough for what
 * WeChat carries, so no detection library is used: only signatures long or constrained enough not to occur by chance
 * at the start of other media are recognised, and anything else is left to the Content-Type. Stateless; thread-safe.
 */
final class MediaMagic {

    /** Enough for the longest signature and the ISO-BMFF brand (bytes 8 to 11). */
    private static final int HEAD = 16;

    /** {@code bytes} at {@code offset}, announcing {@code type}. */
    private record Signature(int offset, byte[] bytes, String type) {
        static Signature of(String type, int offset, int... bytes) {
            byte[] signature = new byte[bytes.length];
            for (int i = 0; i < bytes.length; i++) signature[i] = (byte) bytes[i];
            return new Signature(offset, signature, type);
        }

        static Signature text(String type, int offset, String ascii) {
            return new Signature(offset, ascii.getBytes(StandardCharsets.ISO_8859_1), type);
        }

        boolean matches(byte[] head, int length) {
            if (length < offset + bytes.length) return false;
            for (int i = 0; i < bytes.length; i++) {
                if (head[offset + i] != bytes[i]) return false;
            }
            return true;
        }
    }

    /** Checked in order; RIFF and ISO-BMFF containers, BMP and MPEG audio frames need more than one test (below). */
    private static final List<Signature> SIGNATURES = List.of(
            Signature.of("image/png", 0, 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A),
            Signature.of("image/jpeg", 0, 0xFF, 0xD8, 0xFF),
            Signature.text("image/gif", 0, "GIF87a"),
            Signature.text("image/gif", 0, "GIF89a"),
            Signature.text("application/pdf", 0, "%PDF-"),
            Signature.of("application/zip", 0, 'P', 'K', 0x03, 0x04),
            Signature.of("application/x-7z-compressed", 0, '7', 'z', 0xBC, 0xAF, 0x27, 0x1C),
            Signature.of("application/vnd.rar", 0, 'R', 'a', 'r', '!', 0x1A, 0x07),
            Signature.of("application/gzip", 0, 0x1F, 0x8B, 0x08),
            Signature.text("audio/amr", 0, "#!AMR\n"),
            // WeChat's voice codec: SILK v3, in WeChat's own files with a 0x02 byte before the header.
            Signature.text("audio/silk", 0, "#!SILK_V3"),
            Signature.text("audio/silk", 1, "#!SILK_V3"),
            Signature.text("audio/ogg", 0, "OggS"),
            Signature.text("audio/mpeg", 0, "ID3"));

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
        for (Signature signature : SIGNATURES) {
            if (signature.matches(head, length)) return Optional.of(signature.type());
        }
        if (length >= 12 && ascii(head, 0, "RIFF")) {
            if (ascii(head, 8, "WEBP")) return Optional.of("image/webp");
            if (ascii(head, 8, "WAVE")) return Optional.of("audio/wav");
            if (ascii(head, 8, "AVI ")) return Optional.of("video/x-msvideo");
        }
        if (length >= 12 && ascii(head, 4, "ftyp")) return Optional.of(isoMedia(head));
        if (bitmap(head, length)) return Optional.of("image/bmp");
        if (mpegAudioFrame(head, length)) return Optional.of("audio/mpeg");
        return Optional.empty();
    }

    /** An ISO base media file (MP4 and kin) by its major brand. */
    private static String isoMedia(byte[] head) {
        if (ascii(head, 8, "qt  ")) return "video/quicktime";
        if (ascii(head, 8, "M4A ")) return "audio/mp4";
        if (ascii(head, 8, "heic") || ascii(head, 8, "heix")) return "image/heic";
        return "video/mp4";
    }

    /** "BM" alone is too short: the two reserved header fields (bytes 6 to 9) must be zero as well. */
    private static boolean bitmap(byte[] head, int length) {
        return length >= 14 && head[0] == 'B' && head[1] == 'M' && head[6] == 0 && head[7] == 0 && head[8] == 0
                && head[9] == 0;
    }

    /**
     * An MP3 without an ID3 tag starts with a frame header: 11 sync bits, MPEG version not reserved, layer III, a
     * bitrate that is neither free nor bad, a sample rate that is not reserved.
     */
    private static boolean mpegAudioFrame(byte[] head, int length) {
        if (length < 4 || (head[0] & 0xFF) != 0xFF || (head[1] & 0xE0) != 0xE0) return false;
        int version = (head[1] >> 3) & 0x3;
        int layer = (head[1] >> 1) & 0x3;
        int bitrate = (head[2] >> 4) & 0xF;
        int sampleRate = (head[2] >> 2) & 0x3;
        return version != 1 && layer == 1 && bitrate != 0 && bitrate != 0xF && sampleRate != 3;
    }

    private static boolean ascii(byte[] head, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (head[offset + i] != (byte) text.charAt(i)) return false;
        }
        return true;
    }
}
